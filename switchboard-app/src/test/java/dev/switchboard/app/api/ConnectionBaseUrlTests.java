package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection's {@code settings.baseUrl} is where its credentials are sent: only the vendor's own hosts, the base
 * URL the operator configured, or a host in {@code SWITCHBOARD_ALLOWED_VENDOR_HOSTS} ({@value #ALLOWED} here) are
 * accepted; anything else is refused before anything is stored.
 */
class ConnectionBaseUrlTests extends RunningApp {

  private RawHttp.Response connect(String system, String baseUrl) {
    String settings = system.equals("mailchimp") ? "{\"listId\":\"l1\",\"baseUrl\":\"" + baseUrl + "\"}"
        : "{\"baseUrl\":\"" + baseUrl + "\"}";
    String credentials = system.equals("mailchimp") ? "{\"apiKey\":\"k-us21\"}" : "{\"accessToken\":\"pat-x\"}";
    return http().send("POST", "/api/connections", List.of(bearer(), "Content-Type: application/json"),
        "{\"system\":\"" + system + "\",\"display_name\":\"base url test\",\"settings\":" + settings
            + ",\"credentials\":" + credentials + "}");
  }

  @Test
  void aBaseUrlOutsideTheVendorsHostsIsRefusedAndNothingIsStored() {
    long before = connections.forTenant(TENANT).size();
    for (String system : List.of("hubspot", "mailchimp")) {
      for (String url : List.of("http://169.254.169.254/latest/meta-data", "https://api.hubapi.com.evil.example",
          "https://api.hubapi.com@evil.example/", "http://10.0.0.5:8080/internal", "http://127.0.0.1:8082/sandbox")) {
        RawHttp.Response r = connect(system, url);
        assertThat(r.status()).as(system + " " + url + ": " + r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"error_code\":\"base_url_not_allowed\"")
            .contains("\"field\":\"settings.baseUrl\"").contains("SWITCHBOARD_ALLOWED_VENDOR_HOSTS");
      }
    }
    assertThat(connections.forTenant(TENANT)).hasSize((int) before);
  }

  @Test
  void anAllowedSandboxHostIsAccepted() {
    for (String[] ok : List.of(new String[] {"hubspot", "http://" + ALLOWED + "/hubspot"},
        new String[] {"mailchimp", "http://" + ALLOWED + "/mailchimp/3.0"})) {
      RawHttp.Response r = connect(ok[0], ok[1]);
      assertThat(r.status()).as(ok[1] + ": " + r.body()).isEqualTo(200);
      assertThat(r.body()).doesNotContain("base_url_not_allowed");
    }
  }
}
