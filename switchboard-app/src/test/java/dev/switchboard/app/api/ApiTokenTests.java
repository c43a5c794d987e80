package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/tokens}: the admin login issues, lists and revokes API tokens; a tenant's bearer token cannot; revoked
 * and expired tokens are refused everywhere; a read token only reads; use is recorded at most once a minute.
 */
class ApiTokenTests extends RunningApp {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ADMIN_BASIC = "Authorization: Basic " + Base64.getEncoder()
      .encodeToString("admin:running-app-admin-password".getBytes(StandardCharsets.UTF_8));
  private static final String JSON_TYPE = "Content-Type: application/json";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(RawHttp.Response r) {
    return JSON.readValue(r.body(), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(RawHttp.Response r) {
    return JSON.readValue(r.body(), List.class);
  }

  private Map<String, Object> issue(String body) {
    RawHttp.Response r = http().send("POST", "/api/tokens", List.of(ADMIN_BASIC, JSON_TYPE), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return json(r);
  }

  private static String bearer(Object token) {
    return "Authorization: Bearer " + token;
  }

  @Test
  void theAdminIssuesATokenThatWorksAndIsListedWithoutItsSecret() {
    Map<String, Object> issued = issue("{\"label\":\"zapier\"}");
    assertThat(issued).containsEntry("label", "zapier").containsEntry("scope", "write").containsEntry("expires_at", null);
    assertThat((String) issued.get("id")).matches("tok_[0-9a-f]{16}");
    assertThat((String) issued.get("token")).matches("sbt_[0-9a-f]{64}");

    assertThat(http().get("/api/status", bearer(issued.get("token"))).status()).isEqualTo(200);
    RawHttp.Response listed = http().get("/api/tokens", ADMIN_BASIC);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain((String) issued.get("token")).doesNotContain("token_hash");
    Map<String, Object> row = list(listed).stream().filter(t -> t.get("id").equals(issued.get("id"))).findFirst()
        .orElseThrow();
    assertThat(row).containsEntry("label", "zapier").containsEntry("scope", "write").containsEntry("created_by", "admin")
        .containsEntry("revoked", false).containsKeys("created_at", "last_used_at", "expires_at").doesNotContainKey("token");
    assertThat(row.get("last_used_at")).isNotNull();
    assertThat(auditActions()).contains("api_token.issue");
  }

  @Test
  void aTenantTokenCannotIssueListOrRevokeTokens() {
    Map<String, Object> issued = issue("{\"label\":\"victim\"}");
    int before = list(http().get("/api/tokens", ADMIN_BASIC)).size();
    for (RawHttp.Response r : List.of(
        http().send("POST", "/api/tokens", List.of(bearer(issued.get("token")), JSON_TYPE), "{\"label\":\"more\"}"),
        http().send("POST", "/api/tokens", List.of(bearer(API_TOKEN), JSON_TYPE), "{\"label\":\"more\"}"),
        http().get("/api/tokens", bearer(API_TOKEN)),
        http().send("DELETE", "/api/tokens/" + issued.get("id"), List.of(bearer(API_TOKEN)), ""),
        http().send("POST", "/api/tokens", List.of(JSON_TYPE), "{\"label\":\"anonymous\"}"))) {
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(json(r)).containsEntry("error_code", "admin_login_required");
    }
    assertThat(list(http().get("/api/tokens", ADMIN_BASIC))).hasSize(before);
    assertThat(http().get("/api/status", bearer(issued.get("token"))).status()).isEqualTo(200);
  }

  @Test
  void aRevokedTokenIsRefusedOnEveryRoute() {
    Map<String, Object> issued = issue("{\"label\":\"leaked\"}");
    RawHttp.Response revoked = http().send("DELETE", "/api/tokens/" + issued.get("id"), List.of(ADMIN_BASIC), "");
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
    assertRefused(issued.get("token"));
    assertThat(list(http().get("/api/tokens", ADMIN_BASIC)).stream().filter(t -> t.get("id").equals(issued.get("id"))))
        .singleElement().satisfies(t -> assertThat(t).containsEntry("revoked", true));
    assertThat(http().send("DELETE", "/api/tokens/tok_0000000000000000", List.of(ADMIN_BASIC), "").status())
        .isEqualTo(404);
    assertThat(auditActions()).contains("api_token.revoke");
  }

  @Test
  void anExpiredTokenIsRefusedOnEveryRouteAndAnExpiryMustBeInTheFuture() {
    Map<String, Object> issued = issue("{\"label\":\"short\",\"expires_at\":\"2999-01-01T00:00:00Z\"}");
    assertThat(issued).containsEntry("expires_at", "2999-01-01T00:00:00Z");
    assertThat(http().get("/api/status", bearer(issued.get("token"))).status()).isEqualTo(200);
    db.sql("update api_token set expires_at = ? where id = ?")
        .params(Timestamp.from(Instant.now().minusSeconds(1)), issued.get("id")).update();
    assertRefused(issued.get("token"));

    for (String bad : List.of("2001-01-01T00:00:00Z", "tomorrow", "2999-01-01")) {
      RawHttp.Response r = http().send("POST", "/api/tokens", List.of(ADMIN_BASIC, JSON_TYPE),
          "{\"label\":\"x\",\"expires_at\":\"" + bad + "\"}");
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(json(r)).containsEntry("error_code", "invalid_value").containsEntry("field", "expires_at");
    }
    RawHttp.Response noLabel = http().send("POST", "/api/tokens", List.of(ADMIN_BASIC, JSON_TYPE), "{}");
    assertThat(json(noLabel)).containsEntry("error_code", "missing_field").containsEntry("field", "label");
    RawHttp.Response badScope = http().send("POST", "/api/tokens", List.of(ADMIN_BASIC, JSON_TYPE),
        "{\"label\":\"x\",\"scope\":\"admin\"}");
    assertThat(json(badScope)).containsEntry("error_code", "invalid_value").containsEntry("field", "scope");
  }

  @Test
  void aReadTokenReadsButChangesNothing() {
    Object token = issue("{\"label\":\"dashboard\",\"scope\":\"read\"}").get("token");
    assertThat(http().get("/api/connections", bearer(token)).status()).isEqualTo(200);
    assertThat(http().get("/api/events?limit=1", bearer(token)).status()).isEqualTo(200);
    for (RawHttp.Response r : List.of(
        http().send("POST", "/api/connections", List.of(bearer(token), JSON_TYPE), "{\"system\":\"hubspot\"}"),
        http().send("PATCH", "/api/settings", List.of(bearer(token), JSON_TYPE), "{\"default_region\":\"GB\"}"),
        http().send("POST", "/api/dead-letters/1/replay", List.of(bearer(token)), ""),
        http().send("POST", "/api/dead-letters/groups/Y29uX25vbmUKaHR0cF81MDA/retry", List.of(bearer(token)), ""),
        http().send("POST", "/api/dead-letters/groups/Y29uX25vbmUKaHR0cF81MDA/discard", List.of(bearer(token)), ""),
        http().send("POST", "/integrations/crm/hubspot/upsert", List.of(bearer(token), JSON_TYPE), "{}"))) {
      assertThat(r.status()).as(r.body()).isEqualTo(403);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(json(r)).containsEntry("error_code", "insufficient_scope");
    }
    assertThat(json(http().get("/api/settings", bearer(token)))).containsEntry("default_region", "US");
  }

  @Test
  void useIsRecordedAtMostOnceAMinute() {
    Map<String, Object> issued = issue("{\"label\":\"busy\"}");
    Object token = issued.get("token");
    http().get("/api/status", bearer(token));
    Timestamp first = lastUsed(issued.get("id"));
    assertThat(first).isNotNull();
    for (int i = 0; i < 5; i++) {
      http().get("/api/status", bearer(token));
    }
    assertThat(lastUsed(issued.get("id"))).isEqualTo(first);
    Timestamp longAgo = Timestamp.from(Instant.now().minusSeconds(61));
    db.sql("update api_token set last_used_at = ? where id = ?").params(longAgo, issued.get("id")).update();
    http().get("/api/status", bearer(token));
    assertThat(lastUsed(issued.get("id"))).isAfter(longAgo);
  }

  /** The console's session cookie is Secure here (the public URL is https), so the test carries it by hand. */
  @Test
  void theConsoleSessionMayManageTokensWithItsCsrfToken() {
    RawHttp.Response loginPage = http().get("/login");
    String cookie = sessionCookie(loginPage);
    Matcher field = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
    assertThat(field.find()).isTrue();
    RawHttp.Response login = http().send("POST", "/login", List.of("Cookie: " + cookie,
        "Content-Type: application/x-www-form-urlencoded"), "username=admin&password=running-app-admin-password&_csrf="
        + java.net.URLEncoder.encode(field.group(1), StandardCharsets.UTF_8));
    assertThat(login.header("Location")).doesNotContain("error");
    cookie = sessionCookie(login);
    RawHttp.Response page = http().get("/", "Cookie: " + cookie);
    Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).as("the dashboard carries its CSRF token: " + page.status()).isTrue();

    RawHttp.Response withoutCsrf = http().send("POST", "/api/tokens", List.of("Cookie: " + cookie, JSON_TYPE),
        "{\"label\":\"from the console\"}");
    assertThat(withoutCsrf.status()).as(withoutCsrf.body()).isEqualTo(403);
    assertThat(json(withoutCsrf)).containsEntry("error_code", "csrf_token_required");
    RawHttp.Response issued = http().send("POST", "/api/tokens", List.of("Cookie: " + cookie, JSON_TYPE,
        "X-CSRF-TOKEN: " + csrf.group(1)), "{\"label\":\"from the console\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    assertThat(http().get("/api/tokens", "Cookie: " + cookie).status()).isEqualTo(200);
    RawHttp.Response revoked = http().send("DELETE", "/api/tokens/" + json(issued).get("id"), List.of(
        "Cookie: " + cookie, "X-CSRF-TOKEN: " + csrf.group(1)), "");
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
  }

  private static String sessionCookie(RawHttp.Response r) {
    String setCookie = r.header("Set-Cookie");
    assertThat(setCookie).as("a session cookie").isNotNull();
    return setCookie.split(";")[0];
  }

  @Test
  void aWrongAdminPasswordIsRefused() {
    String wrong = "Authorization: Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
    RawHttp.Response r = http().send("POST", "/api/tokens", List.of(wrong, JSON_TYPE), "{\"label\":\"x\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(json(r)).containsEntry("error_code", "admin_login_required");
  }

  private void assertRefused(Object token) {
    for (RawHttp.Response r : List.of(http().get("/api/status", bearer(token)), http().get("/api/connections", bearer(token)),
        http().send("POST", "/integrations/crm/hubspot/upsert", List.of(bearer(token), JSON_TYPE),
            "{\"tenant_id\":\"default\",\"type\":\"contact\",\"attributes\":{\"email\":\"a@example.com\"}}"))) {
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(json(r)).containsEntry("error_code", "unauthorized");
    }
  }

  private Timestamp lastUsed(Object id) {
    return db.sql("select last_used_at from api_token where id = ?").param(id).query(Timestamp.class).single();
  }

  private List<String> auditActions() {
    return db.sql("select payload_json from domain_event where tenant_id = 'default' and name = 'audit.logged'")
        .query(String.class).list().stream().map(p -> String.valueOf(JSON.readValue(p, Map.class).get("action")))
        .toList();
  }
}
