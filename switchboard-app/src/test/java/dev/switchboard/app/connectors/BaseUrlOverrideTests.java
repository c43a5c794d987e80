package dev.switchboard.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.connectors.hubspot.HubSpotConnector;
import dev.switchboard.app.connectors.hubspot.HubSpotProperties;
import dev.switchboard.app.connectors.mailchimp.MailchimpConnector;
import dev.switchboard.app.connectors.mailchimp.MailchimpProperties;
import dev.switchboard.app.support.FakeVendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Defence in depth: a connection stored before base URLs were checked (or written to the database by hand) still
 * cannot make a connector send its credentials to a host nobody allowed. The call is refused before any request,
 * as a non-retryable {@link VendorException} with a plain message.
 */
class BaseUrlOverrideTests {
  private final FakeVendor elsewhere = new FakeVendor();

  @AfterEach
  void close() {
    elsewhere.close();
  }

  private static VendorHttp http() {
    return new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 2000);
  }

  private static final List<String> REFUSED = List.of("http://169.254.169.254/latest/meta-data",
      "https://api.hubapi.com.evil.example", "https://api.hubapi.com@evil.example/",
      "https://us21.api.mailchimp.com.evil.example/3.0", "http://api.hubapi.com");

  @Test
  void hubSpotRefusesToCallAnOverrideOutsideItsHosts() {
    HubSpotConnector hubspot = new HubSpotConnector(http(), new HubSpotProperties("https://api.hubapi.com", 100, ""));
    for (String url : concat(REFUSED, elsewhere.url("/hubspot"))) {
      ConnectionContext c = new ConnectionContext("c-" + url.hashCode(), "t1", "hubspot", null, Map.of("baseUrl", url),
          Map.of("accessToken", "pat-secret"));
      assertThatThrownBy(() -> hubspot.check(c)).as(url).isInstanceOfSatisfying(VendorException.class, e -> {
        assertThat(e.errorCode()).isEqualTo("base_url_not_allowed");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).doesNotContain("pat-secret").contains("SWITCHBOARD_ALLOWED_VENDOR_HOSTS");
      });
    }
    assertThat(elsewhere.requests).isEmpty();
  }

  @Test
  void mailchimpRefusesToCallAnOverrideOutsideItsHosts() {
    MailchimpConnector mailchimp = new MailchimpConnector(http(),
        new MailchimpProperties(MailchimpProperties.DEFAULT_BASE_URL, 10));
    for (String url : concat(REFUSED, elsewhere.url("/mailchimp/3.0"))) {
      ConnectionContext c = new ConnectionContext("m-" + url.hashCode(), "t1", "mailchimp", null,
          Map.of("baseUrl", url, "listId", "l1"), Map.of("apiKey", "secretkey-us21"));
      assertThatThrownBy(() -> mailchimp.check(c)).as(url).isInstanceOfSatisfying(VendorException.class, e -> {
        assertThat(e.errorCode()).isEqualTo("base_url_not_allowed");
        assertThat(e.retryable()).isFalse();
      });
    }
    assertThat(elsewhere.requests).isEmpty();
  }

  private static List<String> concat(List<String> list, String one) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(one)).toList();
  }
}
