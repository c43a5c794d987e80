package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import dev.switchboard.app.sync.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Console sessions under htmx, with the clock moved by hand: polling does not keep a session alive, a person's
 * requests do for up to 12 hours; a request without a live session is sent to the login page (htmx by
 * {@code HX-Redirect}, never a Basic challenge nor a login page as a fragment); a change of password or role ends
 * the member's sessions; the console takes no HTTP Basic credentials.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=" + SessionTimeoutTests.PASSWORD,
    "switchboard.workers.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SessionTimeoutTests {
  static final String PASSWORD = "session-admin-password";
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
  static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    Clock testClock() {
      return CLOCK;
    }
  }

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @LocalServerPort int port;
  @Autowired Users users;

  @Test
  void pollingDoesNotKeepASessionAliveAndTheNextPollIsSentToTheLoginPage() throws Exception {
    ConsoleHttp console = signedIn("admin");
    assertThat(console.get("/").statusCode()).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      CLOCK.advance(Duration.ofMinutes(9));
      assertThat(poll(console).statusCode()).as("poll %s", i).isEqualTo(200);
    }
    CLOCK.advance(Duration.ofMinutes(4)); // 31 minutes since the last click
    HttpResponse<String> expired = poll(console);
    assertThat(expired.statusCode()).isEqualTo(204);
    assertThat(expired.headers().firstValue("HX-Redirect")).hasValue("/login?expired");
    assertThat(expired.body()).isEmpty();
    assertThat(expired.headers().firstValue("WWW-Authenticate")).isEmpty();
    HttpResponse<String> page = console.get("/");
    assertThat(page.statusCode()).as("the session is gone").isEqualTo(302);
    assertThat(console.get("/login?expired").body()).contains("Your session has ended");
  }

  @Test
  void aPersonsRequestsKeepItAliveForTwelveHoursAtMost() throws Exception {
    ConsoleHttp console = signedIn("admin");
    for (int i = 0; i < 12 * 3; i++) {
      CLOCK.advance(Duration.ofMinutes(20));
      assertThat(console.get("/").statusCode()).as("after %s min", 20 * (i + 1)).isEqualTo(200);
    }
    CLOCK.advance(Duration.ofMinutes(1));
    HttpResponse<String> page = console.get("/");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login?expired");
  }

  @Test
  void anHtmxChangeAfterTheSessionEndedIsSentToTheLoginPageNotRefused() throws Exception {
    ConsoleHttp console = signedIn("admin");
    String csrf = csrf(console.get("/").body());
    CLOCK.advance(Duration.ofMinutes(31));
    HttpResponse<String> change = console.client.send(HttpRequest.newBuilder(
            URI.create(console.base + "/console/dead-letters/1/replay")).header("HX-Request", "true")
        .header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(change.statusCode()).isEqualTo(204);
    assertThat(change.headers().firstValue("HX-Redirect")).hasValueSatisfying(v -> assertThat(v).startsWith("/login"));
  }

  @Test
  void withoutASessionHtmxIsRedirectedBrowsersToo_AndScriptsGetAPlain401() throws Exception {
    HttpClient anonymous = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> htmx = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/console/status"))
        .header("HX-Request", "true").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(htmx.statusCode()).isEqualTo(204);
    assertThat(htmx.headers().firstValue("HX-Redirect")).hasValue("/login");
    HttpResponse<String> script = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(401);
    assertThat(script.headers().firstValue("WWW-Authenticate")).as("no Basic challenge").isEmpty();
    // the console takes no HTTP Basic credentials, right ones included
    HttpResponse<String> basic = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/console/status"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).isEqualTo(401);
    // a poll that found the session gone is not where the next sign-in leads
    ConsoleHttp console = new ConsoleHttp(port);
    console.get("/console/status", "HX-Request", "true");
    HttpResponse<String> login = console.login("admin", PASSWORD);
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("/console/status");
  }

  @Test
  void aNewPasswordOrRoleEndsTheMembersOtherSessions() throws Exception {
    users.create("pat", PASSWORD);
    users.ensureMember("pat", "default", Role.ADMIN);
    ConsoleHttp first = signedIn("pat");
    CLOCK.advance(Duration.ofSeconds(1));
    users.setPassword("pat", "a new password for pat");
    assertThat(first.get("/").statusCode()).isEqualTo(302);
    ConsoleHttp second = new ConsoleHttp(port);
    assertThat(second.login("pat", "a new password for pat").headers().firstValue("Location").orElse(""))
        .doesNotContain("/login");
    assertThat(second.get("/").statusCode()).isEqualTo(200);
    CLOCK.advance(Duration.ofSeconds(1));
    users.grant("pat", "default", Role.VIEWER);
    assertThat(second.get("/").statusCode()).isEqualTo(302);
  }

  @Test
  void changingOnesOwnPasswordEndsTheOtherSessionsAndKeepsThisOne() throws Exception {
    users.create("paula", PASSWORD);
    users.ensureMember("paula", "default", Role.VIEWER);
    ConsoleHttp here = signedIn("paula");
    ConsoleHttp elsewhere = signedIn("paula");
    String csrf = csrf(here.get("/").body());
    CLOCK.advance(Duration.ofSeconds(1));
    HttpResponse<String> wrong = changePassword(here, csrf, "not it", "paula's new password");
    assertThat(wrong.body()).contains("The current password is not right.");
    HttpResponse<String> changed = changePassword(here, csrf, PASSWORD, "paula's new password");
    assertThat(changed.statusCode()).isEqualTo(302);
    assertThat(ConsoleHttp.setCookies(changed, "JSESSIONID")).as("a new session id").hasSize(1);
    assertThat(here.get("/console/account").body()).contains("Your password is changed");
    assertThat(elsewhere.get("/").statusCode()).as("the other session ended").isEqualTo(302);
    assertThat(new ConsoleHttp(port).login("paula", "paula's new password").headers().firstValue("Location")
        .orElse("")).doesNotContain("/login");
  }

  private static HttpResponse<String> changePassword(ConsoleHttp console, String csrf, String current,
      String password) throws Exception {
    String form = "current=" + enc(current) + "&password=" + enc(password) + "&password_confirm=" + enc(password);
    return console.client.send(HttpRequest.newBuilder(URI.create(console.base + "/console/account/password"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private ConsoleHttp signedIn(String user) throws Exception {
    ConsoleHttp console = new ConsoleHttp(port);
    assertThat(console.login(user, PASSWORD).headers().firstValue("Location").orElse("")).doesNotContain("/login");
    return console;
  }

  private static HttpResponse<String> poll(ConsoleHttp console) throws Exception {
    return console.get("/console/status", "HX-Request", "true");
  }

  private static String csrf(String page) {
    Matcher m = CSRF_META.matcher(page);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
