package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The metrics have their own token: an owner issues a {@code metrics} token in the console, a scraper reads
 * {@code /actuator/prometheus} with it and reads nothing else; no password (HTTP Basic), console session or tenant
 * API token opens the metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=" + MetricsTokenTests.PASSWORD,
    "switchboard.workers.enabled=false",
    "switchboard.public-base-url=http://127.0.0.1:1"})
class MetricsTokenTests {
  static final String PASSWORD = "metrics-admin-password";
  static final Pattern ISSUED = Pattern.compile("<code id=\"issued-token\">(sbt_[0-9a-f]{64})</code>");

  @LocalServerPort int port;
  @Autowired Users users;
  @Autowired ApiTokens tokens;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @Test
  void anOwnersMetricsTokenReadsTheMetricsAndNothingElse() throws Exception {
    ConsoleHttp owner = new ConsoleHttp(port);
    owner.login("admin", PASSWORD);
    assertThat(owner.get("/console/tokens").body()).contains("value=\"metrics\"");
    HttpResponse<String> issued = owner.postForm("/console/tokens", "/console/tokens", "label", "prometheus",
        "scope", "metrics");
    Matcher m = ISSUED.matcher(issued.body());
    assertThat(m.find()).as(issued.body()).isTrue();
    String metrics = m.group(1);

    HttpResponse<String> scrape = get("/actuator/prometheus", "Authorization", "Bearer " + metrics);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    assertThat(get("/actuator/health", "Authorization", "Bearer " + metrics).body()).as("health details")
        .contains("validationQuery");
    assertThat(get("/actuator/health").body()).as("no details for anyone").doesNotContain("validationQuery");
    assertThat(get("/api/status", "Authorization", "Bearer " + metrics).statusCode()).as("not the API")
        .isEqualTo(403);
    assertThat(get("/api/connections", "Authorization", "Bearer " + metrics).body()).contains("insufficient_scope");

    String id = tokens.list("default").stream().filter(t -> t.label().equals("prometheus")).findFirst()
        .orElseThrow().id();
    tokens.revoke("default", id);
    assertThat(get("/actuator/prometheus", "Authorization", "Bearer " + metrics).statusCode()).isEqualTo(401);
  }

  @Test
  void noPasswordSessionOrTenantApiTokenOpensTheMetrics() throws Exception {
    HttpResponse<String> anonymous = get("/actuator/prometheus");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(get("/actuator/prometheus", "Authorization", "Basic " + basic).statusCode())
        .as("the owner's password over HTTP Basic").isEqualTo(401);
    ConsoleHttp owner = new ConsoleHttp(port);
    owner.login("admin", PASSWORD);
    assertThat(owner.get("/actuator/prometheus").statusCode()).as("an owner's console session").isEqualTo(401);
    for (String scope : new String[] {ApiTokens.READ, ApiTokens.WRITE}) {
      String token = tokens.issue("default", scope, scope, null, "test").token();
      assertThat(get("/actuator/prometheus", "Authorization", "Bearer " + token).statusCode()).as(scope)
          .isEqualTo(403);
    }
    assertThat(get("/actuator/health").statusCode()).as("health stays public").isEqualTo(200);
  }

  @Test
  void onlyAnOwnerIssuesAMetricsToken() throws Exception {
    if (!users.exists("ada")) {
      users.create("ada", PASSWORD);
      users.ensureMember("ada", "default", Role.ADMIN);
    }
    ConsoleHttp admin = new ConsoleHttp(port);
    admin.login("ada", PASSWORD);
    assertThat(admin.get("/console/tokens").body()).doesNotContain("value=\"metrics\"");
    HttpResponse<String> refused = admin.postForm("/console/tokens", "/console/tokens", "label", "sneaky",
        "scope", "metrics");
    assertThat(refused.body()).contains("Only an owner issues metrics tokens").doesNotContain("issued-token");
    assertThat(tokens.list("default")).noneMatch(t -> t.label().equals("sneaky"));
    String basic = Base64.getEncoder().encodeToString(("ada:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/tokens")).header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"sneaky\",\"scope\":\"metrics\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(403);
    assertThat(tokens.list("default")).noneMatch(t -> t.label().equals("sneaky"));
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
