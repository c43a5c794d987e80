package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind TLS (public base URL https, the proxy talking plain http to us) the session cookie is also Secure,
 * so a browser never sends it over plain http.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=hardening-admin-password",
    "switchboard.workers.enabled=false",
    "switchboard.public-base-url=https://switchboard.example.com"})
class HttpsSessionCookieTests {
  @LocalServerPort int port;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @Test
  void sessionCookieIsSecureHttpOnlyAndLax() throws Exception {
    // The login page opens the session (it holds the CSRF token). Our HTTP client then rightly keeps the Secure
    // cookie to itself over plain http, so a login cannot follow here; the attribute is what this test is about.
    List<String> cookies = ConsoleHttp.setCookies(new ConsoleHttp(port).get("/login"), "JSESSIONID");
    assertThat(cookies).hasSize(1);
    assertThat(BrowserHardeningTests.attributes(cookies.getFirst()))
        .containsKey("secure").containsKey("httponly").containsEntry("samesite", "Lax");
  }
}
