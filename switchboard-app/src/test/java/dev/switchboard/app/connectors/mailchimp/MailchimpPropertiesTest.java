package dev.switchboard.app.connectors.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MailchimpPropertiesTest {

  private static MailchimpProperties bind(Map<String, String> source) {
    return new Binder(new MapConfigurationPropertySource(source))
        .bindOrCreate("switchboard.connectors.mailchimp", MailchimpProperties.class);
  }

  @Test
  void defaultsAndOverrides() {
    assertThat(bind(Map.of())).isEqualTo(new MailchimpProperties("https://{dc}.api.mailchimp.com/3.0", 10, 1000));
    assertThat(bind(Map.of("switchboard.connectors.mailchimp.base-url", "http://127.0.0.1:8081/mailchimp/3.0"))
        .baseUrl()).isEqualTo("http://127.0.0.1:8081/mailchimp/3.0");
  }
}
