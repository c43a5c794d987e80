package dev.switchboard.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VendorHostsTest {
  private static final VendorHosts HUBSPOT = new VendorHosts("hubspot", List.of("api.hubapi.com"),
      "https://api.hubapi.com", AllowedVendorHosts.of("127.0.0.1:8081, sandbox.internal"));
  private static final VendorHosts MAILCHIMP = new VendorHosts("mailchimp", List.of("*.api.mailchimp.com"),
      "https://{dc}.api.mailchimp.com/3.0", AllowedVendorHosts.none());

  @Test
  void theVendorsOwnHostsOverHttpsAreAllowed() {
    assertThat(HUBSPOT.refusal("https://api.hubapi.com")).isEmpty();
    assertThat(HUBSPOT.refusal("https://API.HubApi.com:443/")).isEmpty();
    assertThat(MAILCHIMP.refusal("https://us21.api.mailchimp.com/3.0")).isEmpty();
    assertThat(MAILCHIMP.refusal("https://{dc}.api.mailchimp.com/3.0")).isEmpty();
  }

  @Test
  void everythingElseIsRefused() {
    for (String url : List.of("http://169.254.169.254/latest/meta-data", "https://api.hubapi.com.evil.example",
        "https://api.hubapi.com@evil.example/", "https://evil.example#@api.hubapi.com", "http://api.hubapi.com",
        "https://api.hubapi.com:8443", "https://api.hubapi.com/?x=1", "https://api%2ehubapi.com", "ftp://api.hubapi.com",
        "//api.hubapi.com", "api.hubapi.com", "https://xn--pi-0cd.hubapi.com", "http://127.0.0.1:8082/hubspot",
        "http://localhost:8081", "http://[::1]:8081", "not a url", "")) {
      assertThat(HUBSPOT.refusal(url)).as(url).isPresent();
    }
    for (String url : List.of("https://api.mailchimp.com/3.0", "https://a.b.api.mailchimp.com/3.0",
        "http://us21.api.mailchimp.com/3.0", "https://us21.api.mailchimp.com.evil.example/3.0",
        "https://evil.example/.api.mailchimp.com", "https://api.hubapi.com")) {
      assertThat(MAILCHIMP.refusal(url)).as(url).isPresent();
    }
  }

  @Test
  void hostsTheOperatorAllowsAreAllowedOnTheirPortOrAnyPort() {
    assertThat(HUBSPOT.refusal("http://127.0.0.1:8081/hubspot")).isEmpty();
    assertThat(HUBSPOT.refusal("http://sandbox.internal:9000/hubspot")).isEmpty();
    assertThat(HUBSPOT.refusal("https://sandbox.internal/hubspot")).isEmpty();
  }

  @Test
  void theBaseUrlTheOperatorConfiguredIsAllowedWithItsSchemeAndPort() {
    VendorHosts sandboxed = new VendorHosts("hubspot", List.of("api.hubapi.com"), "http://10.1.2.3:8081/hubspot",
        AllowedVendorHosts.none());
    assertThat(sandboxed.refusal("http://10.1.2.3:8081/hubspot")).isEmpty();
    assertThat(sandboxed.refusal("https://10.1.2.3:8081/hubspot")).isPresent();
    assertThat(sandboxed.refusal("http://10.1.2.3:8082/hubspot")).isPresent();
  }

  @Test
  void requireHandsOnTheUrlAsParsedOrThrowsANonRetryableVendorException() {
    assertThat(HUBSPOT.require(" https://api.hubapi.com/ ")).isEqualTo("https://api.hubapi.com/");
    assertThatThrownBy(() -> HUBSPOT.require("https://api.hubapi.com@evil.example/"))
        .isInstanceOfSatisfying(VendorException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.errorCode()).isEqualTo("base_url_not_allowed");
        });
  }

  @Test
  void aMalformedAllowListStopsTheStart() {
    for (String bad : List.of("http://127.0.0.1:8081", "127.0.0.1:99999", "host/path", "*.example.com")) {
      assertThatThrownBy(() -> AllowedVendorHosts.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SWITCHBOARD_ALLOWED_VENDOR_HOSTS");
    }
  }
}
