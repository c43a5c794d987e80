package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the console's responses tell a browser: a strict Content-Security-Policy (the app's own scripts and
 * styles only, no inline script, no eval, never framed), no Referer to follow links, and a session cookie
 * that is HttpOnly and SameSite=Lax — Secure only when the public URL is https (see the subclass).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=hardening-admin-password",
    "switchboard.workers.enabled=false"})
class BrowserHardeningTests {
  static final String PASSWORD = "hardening-admin-password";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @Test
  void loginPageDashboardAndHtmxFragmentCarryAStrictPolicyAndNoReferrer() throws Exception {
    ConsoleHttp console = new ConsoleHttp(port);
    assertHardened(console.get("/login"));
    assertThat(console.login("admin", PASSWORD).statusCode()).isEqualTo(302);
    HttpResponse<String> dashboard = console.get("/");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertHardened(dashboard);
    HttpResponse<String> fragment = console.get("/console/status", "HX-Request", "true");
    assertThat(fragment.body()).startsWith("<main");
    assertHardened(fragment);
  }

  @Test
  void sessionCookieIsHttpOnlyAndLaxAndNotSecureOverPlainHttp() throws Exception {
    ConsoleHttp console = new ConsoleHttp(port);
    List<String> anonymous = ConsoleHttp.setCookies(console.get("/login"), "JSESSIONID");
    List<String> signedIn = ConsoleHttp.setCookies(console.login("admin", PASSWORD), "JSESSIONID");
    assertThat(anonymous).as("the login page's session (it holds the CSRF token)").hasSize(1);
    assertThat(signedIn).as("a new session id after login").hasSize(1);
    for (String cookie : List.of(anonymous.getFirst(), signedIn.getFirst())) {
      assertThat(attributes(cookie)).as(cookie).containsEntry("samesite", "Lax").containsKey("httponly")
          .doesNotContainKey("secure");
    }
  }

  static void assertHardened(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
    Map<String, String> directives = Arrays.stream(policy.split(";")).map(String::trim).filter(d -> !d.isEmpty())
        .collect(Collectors.toMap(d -> d.split("\\s+", 2)[0], d -> d.contains(" ") ? d.split("\\s+", 2)[1] : ""));
    assertThat(directives).as("CSP of %s", response.uri())
        .containsEntry("default-src", "'self'")
        .containsEntry("script-src", "'self'")
        .containsEntry("object-src", "'none'")
        .containsEntry("base-uri", "'none'")
        .containsEntry("frame-ancestors", "'none'")
        .containsEntry("form-action", "'self'");
    assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "*", "data:", "http:", "https:");
  }

  /** Cookie attributes by lower-case name ({@code samesite → Lax}, {@code httponly → ""}). */
  static Map<String, String> attributes(String setCookie) {
    return Arrays.stream(setCookie.split(";")).skip(1).map(String::trim)
        .collect(Collectors.toMap(a -> a.split("=", 2)[0].toLowerCase(), a -> a.contains("=") ? a.split("=", 2)[1] : "",
            (a, b) -> b));
  }
}
