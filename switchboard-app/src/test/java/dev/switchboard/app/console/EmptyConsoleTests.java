package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A console with nothing connected says how to connect (HubSpot first, from its connect page, which explains the
 * credential and, with no OAuth app registered, how whoever installed Switchboard registers one); a connection page of
 * nothing says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=empty-console-password",
    "switchboard.workers.enabled=false",
    "switchboard.public-base-url=http://127.0.0.1:1"})
class EmptyConsoleTests {
  @LocalServerPort int port;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @Test
  void theEmptyDashboardSaysHowToConnect() throws Exception {
    ConsoleHttp console = new ConsoleHttp(port);
    console.login("admin", "empty-console-password");
    HttpResponse<String> page = console.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("No connections yet").contains("href=\"/console/connect\"")
        .contains("/api/connections").contains("Connecting real accounts")
        // and the first thing that needs attention: connecting HubSpot, with the button to do it
        .contains("id=\"attention-connect-hubspot\"").contains("href=\"/console/connect/hubspot\"");
    HttpResponse<String> hubspot = console.get("/console/connect/hubspot");
    assertThat(hubspot.statusCode()).isEqualTo(200);
    assertThat(hubspot.body()).contains("Private Apps").contains("name=\"field.accessToken\"")
        .doesNotContain("field.baseUrl").doesNotContain("Sign in with HubSpot") // no app registered here
        .contains("SWITCHBOARD_OAUTH_HUBSPOT_CLIENT_ID").contains("http://127.0.0.1:1/console/connect/hubspot/callback");
    HttpResponse<String> missing = console.get("/console/connections/con_0000000000000000");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("There is no connection <span>con_0000000000000000</span>");
  }
}
