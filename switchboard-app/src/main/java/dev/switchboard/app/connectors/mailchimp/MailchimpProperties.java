package dev.switchboard.app.connectors.mailchimp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mailchimp connector settings ({@code SWITCHBOARD_CONNECTORS_MAILCHIMP_*}).
 *
 * @param baseUrl       API root; {@code {dc}} is replaced by the data center suffix of the API key (after the
 *                      last '-'). The sandbox uses {@code http://127.0.0.1:8081/mailchimp/3.0}. A connection may
 *                      override it with the setting {@code baseUrl}.
 * @param maxConcurrent simultaneous requests per connection (Mailchimp allows 10)
 * @param pageSize      members per list page (Mailchimp allows up to 1000)
 */
@ConfigurationProperties("switchboard.connectors.mailchimp")
public record MailchimpProperties(@DefaultValue(MailchimpProperties.DEFAULT_BASE_URL) String baseUrl,
    @DefaultValue("10") int maxConcurrent, @DefaultValue("1000") int pageSize) {

  public static final String DEFAULT_BASE_URL = "https://{dc}.api.mailchimp.com/3.0";

  public MailchimpProperties(String baseUrl, int maxConcurrent) {
    this(baseUrl, maxConcurrent, 1000);
  }

  @org.springframework.boot.context.properties.bind.ConstructorBinding
  public MailchimpProperties {
    if (pageSize <= 0 || pageSize > 1000) {
      pageSize = 1000;
    }
    if (baseUrl == null || baseUrl.isBlank()) {
      baseUrl = DEFAULT_BASE_URL;
    }
    if (maxConcurrent <= 0) {
      maxConcurrent = 10;
    }
  }
}
