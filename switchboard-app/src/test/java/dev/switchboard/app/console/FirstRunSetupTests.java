package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.SetupLinks;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fresh install without {@code SWITCHBOARD_ADMIN_PASSWORD}: nobody can sign in until the one-time setup link has
 * created the owner; the link works once, until it expires, and signs the owner in on a new session id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=",
    "switchboard.workers.enabled=false",
    "switchboard.public-base-url=http://127.0.0.1:1"})
class FirstRunSetupTests {
  static final String PASSWORD = "a long owner password";

  @LocalServerPort int port;
  @Autowired SetupLinks links;
  @Autowired Users users;
  @Autowired Tenants tenants;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @Test
  void theSetupLinkCreatesTheOwnerAndTheOrganisationOnceAndSignsTheOwnerInOnANewSession() throws Exception {
    ConsoleHttp owner = new ConsoleHttp(port);
    HttpResponse<String> login = owner.get("/login");
    assertThat(login.body()).contains("Switchboard is not set up yet");
    String before = sessionId(login);
    String token = links.issue(Duration.ofHours(1));

    HttpResponse<String> form = owner.get("/setup/" + token);
    assertThat(form.statusCode()).isEqualTo(200);
    Map<String, String> fields = new LinkedHashMap<>(Map.of("username", "olivia", "password", "short",
        "password_confirm", "short", "organisation", "Acme <Plumbing>", "region", "gb", "time_zone",
        "Europe/London"));
    HttpResponse<String> refused = post(owner, "/setup/" + token, fields, csrf(form.body()));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("at least 12 characters").contains("value=\"Acme &lt;Plumbing&gt;\"");
    assertThat(users.any()).isFalse();

    fields.put("password", PASSWORD);
    fields.put("password_confirm", PASSWORD);
    HttpResponse<String> done = post(owner, "/setup/" + token, fields, csrf(refused.body()));
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/");
    List<String> cookie = ConsoleHttp.setCookies(done, "JSESSIONID");
    assertThat(cookie).as("a new session id for the signed-in owner").hasSize(1);
    assertThat(cookie.getFirst()).doesNotContain(before);
    HttpResponse<String> dashboard = owner.get("/");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("olivia (owner)").contains("Acme &lt;Plumbing&gt;");
    assertThat(users.member("olivia")).get().extracting(m -> m.role()).isEqualTo(Role.OWNER);
    assertThat(tenants.find("default")).get().satisfies(t -> {
      assertThat(t.name()).isEqualTo("Acme <Plumbing>");
      assertThat(t.defaultRegion()).isEqualTo("GB");
      assertThat(t.timeZone()).isEqualTo("Europe/London");
    });

    ConsoleHttp stranger = new ConsoleHttp(port, "127.0.0.2");
    HttpResponse<String> again = stranger.get("/setup/" + token);
    assertThat(again.statusCode()).as("used up").isEqualTo(404);
    fields.put("username", "mallory");
    assertThat(post(stranger, "/setup/" + token, fields, csrf(stranger.get("/login").body())).statusCode())
        .isEqualTo(404);
    assertThat(users.exists("mallory")).isFalse();
    assertThat(new ConsoleHttp(port).login("olivia", PASSWORD).headers().firstValue("Location").orElse(""))
        .doesNotContain("/login");
  }

  @Test
  void anExpiredLinkDoesNotWork() throws Exception {
    String token = links.issue(Duration.ZERO);
    assertThat(new ConsoleHttp(port).get("/setup/" + token).body()).contains("It has been used, or it has expired");
    assertThat(new ConsoleHttp(port).get("/setup/not-a-link").statusCode()).isEqualTo(404);
  }

  private static String sessionId(HttpResponse<?> response) {
    String cookie = ConsoleHttp.setCookies(response, "JSESSIONID").getFirst();
    return cookie.substring("JSESSIONID=".length(), cookie.indexOf(';'));
  }

  private static String csrf(String page) {
    Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("CSRF field").isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> post(ConsoleHttp console, String path, Map<String, String> fields, String csrf)
      throws Exception {
    String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&")) + "&_csrf=" + enc(csrf);
    return console.client.send(HttpRequest.newBuilder(URI.create(console.base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
