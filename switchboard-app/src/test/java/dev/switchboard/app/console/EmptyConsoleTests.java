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

/** A console with nothing connected says how to connect; a connection page of nothing says so. */
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
    assertThat(page.body()).contains("No connections yet").contains("/api/tokens").contains("/api/connections")
        .contains("Connecting real accounts");
    HttpResponse<String> missing = console.get("/console/connections/con_0000000000000000");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("There is no connection <span>con_0000000000000000</span>");
  }
}
