package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An owner manages the tenant's users in the console: adds one with a role, changes the role (the member's sessions
 * end), removes one; the last owner stays; a viewer sees usernames masked; another tenant's member is not found.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=" + UsersConsoleTests.PASSWORD,
    "switchboard.workers.enabled=false"})
class UsersConsoleTests {
  static final String PASSWORD = "users-admin-password";
  static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

  @LocalServerPort int port;
  @Autowired Users users;
  @Autowired Tenants tenants;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @Test
  void anOwnerAddsChangesAndRemovesMembersButNeverTheLastOwner() throws Exception {
    tenants.ensure("other", "Other", "US");
    users.create("oscar", PASSWORD);
    users.ensureMember("oscar", "other", Role.OWNER);
    ConsoleHttp owner = new ConsoleHttp(port);
    owner.login("admin", PASSWORD);
    String csrf = csrf(owner);

    HttpResponse<String> added = post(owner, "/console/users", Map.of("username", "ursula", "password",
        "ursula's first password", "role", "viewer"), csrf);
    assertThat(added.statusCode()).isEqualTo(302);
    assertThat(users.role("ursula", "default")).hasValue(Role.VIEWER);
    assertThat(post(owner, "/console/users", Map.of("username", "oscar", "password", "another long password",
        "role", "viewer"), csrf).body()).contains("That username is taken.");

    ConsoleHttp ursula = new ConsoleHttp(port);
    ursula.login("ursula", "ursula's first password");
    String seen = ursula.get("/console/users").body();
    assertThat(seen).contains("a•••", "u•••").doesNotContain(">admin<", "Add a user");

    assertThat(post(owner, "/console/users/role", Map.of("username", "ursula", "role", "admin"), csrf).statusCode())
        .isEqualTo(302);
    assertThat(users.role("ursula", "default")).hasValue(Role.ADMIN);
    assertThat(ursula.get("/console/users").statusCode()).as("her session ended with the change").isEqualTo(302);

    assertThat(post(owner, "/console/users/role", Map.of("username", "admin", "role", "viewer"), csrf).body())
        .contains("The organisation needs an owner");
    assertThat(post(owner, "/console/users/remove", Map.of("username", "admin"), csrf).body())
        .contains("The organisation needs an owner");
    assertThat(post(owner, "/console/users/remove", Map.of("username", "oscar"), csrf).statusCode())
        .as("another tenant's member").isEqualTo(404);
    assertThat(post(owner, "/console/users/role", Map.of("username", "oscar", "role", "viewer"), csrf).statusCode())
        .isEqualTo(404);
    assertThat(users.role("oscar", "other")).hasValue(Role.OWNER);

    assertThat(post(owner, "/console/users/remove", Map.of("username", "ursula"), csrf).statusCode()).isEqualTo(302);
    assertThat(users.role("ursula", "default")).isEmpty();
    assertThat(owner.get("/console/audit?action=membership").body()).contains("membership.role_change",
        "membership.remove", "before=viewer", "after=admin");

    // the organisation's settings: an owner changes them, a bad time zone changes nothing
    assertThat(post(owner, "/console/settings", Map.of("organisation", "Acme", "region", "de", "time_zone",
        "Mars/Olympus"), csrf).body()).contains("The time zone must be");
    assertThat(post(owner, "/console/settings", Map.of("organisation", "Acme", "region", "de", "time_zone",
        "Europe/Berlin"), csrf).statusCode()).isEqualTo(302);
    assertThat(tenants.find("default")).get().satisfies(t -> {
      assertThat(t.name()).isEqualTo("Acme");
      assertThat(t.defaultRegion()).isEqualTo("DE");
      assertThat(t.timeZone()).isEqualTo("Europe/Berlin");
    });
    assertThat(owner.get("/console/audit?action=settings").body()).contains("settings.update", "tenant:default");
  }

  private static String csrf(ConsoleHttp console) throws Exception {
    Matcher m = CSRF_META.matcher(console.get("/").body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> post(ConsoleHttp console, String path, Map<String, String> fields, String csrf)
      throws Exception {
    String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
        StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return console.client.send(HttpRequest.newBuilder(URI.create(console.base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
