package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every 4xx of the API is an RFC 9457 problem ({@code application/problem+json}: type, title, status, detail)
 * that also carries the seed-2 members {@code error_code} and {@code field} and the older {@code message}; every
 * query and path parameter is validated and named when it is wrong.
 */
class ApiProblemTests extends RunningApp {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> problem(RawHttp.Response r, int status, String errorCode, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/problem+json");
    Map<String, Object> body = JSON.readValue(r.body(), Map.class);
    assertThat(body).as(r.body()).containsEntry("status", status).containsEntry("error_code", errorCode)
        .containsEntry("field", field).containsEntry("type", "urn:switchboard:problem:" + errorCode)
        .containsKeys("title", "detail", "message");
    assertThat(body.get("message")).isEqualTo(body.get("detail"));
    return body;
  }

  @Test
  void everyQueryParameterOfTheEventLogIsValidated() {
    for (String limit : List.of("-1", "0", "501", "abc", "99999999999", "1.5", "1&limit=2")) {
      Map<String, Object> p = problem(http().get("/api/events?limit=" + limit, bearer()), 400, "invalid_parameter", "limit");
      assertThat((String) p.get("detail")).contains("limit");
    }
    problem(http().get("/api/events?name=%27%3Bdrop", bearer()), 400, "invalid_parameter", "name");
    problem(http().get("/api/events?name=" + "x".repeat(200), bearer()), 400, "invalid_parameter", "name");
    assertThat(http().get("/api/events?limit=5&name=crm.synced", bearer()).status()).isEqualTo(200);
    assertThat(http().get("/api/events", bearer()).status()).isEqualTo(200);
  }

  @Test
  void deadLetterIdsAreValidated() {
    problem(http().send("POST", "/api/dead-letters/abc/replay", List.of(bearer()), ""), 400, "invalid_parameter", "id");
    problem(http().send("POST", "/api/dead-letters/-4/replay", List.of(bearer()), ""), 400, "invalid_parameter", "id");
    problem(http().send("POST", "/api/dead-letters/99999999999999999999/replay", List.of(bearer()), ""), 400,
        "invalid_parameter", "id");
    problem(http().send("POST", "/api/dead-letters/424242/replay", List.of(bearer()), ""), 404, "not_found", "id");
    // a failure group's key: base64url of connection and code, nothing else
    problem(http().send("POST", "/api/dead-letters/groups/not%20a%20key/retry", List.of(bearer()), ""), 400,
        "invalid_parameter", "key");
    problem(http().send("POST", "/api/dead-letters/groups/bm8tbmV3bGluZQ/discard", List.of(bearer()), ""), 400,
        "invalid_parameter", "key");
    // a key in form that names no group of this tenant
    problem(http().send("POST", "/api/dead-letters/groups/Y29uX25vbmUKaHR0cF81MDA/retry", List.of(bearer()), ""),
        404, "not_found", "key");
  }

  @Test
  void bodiesAndMediaTypesAreProblemsToo() {
    problem(http().send("POST", "/api/connections", List.of(bearer(), "Content-Type: application/json"), "{\"system\":"),
        400, "invalid_json", null);
    problem(http().send("POST", "/api/connections", List.of(bearer(), "Content-Type: application/json"),
        "{\"system\":\"nope\"}"), 400, "unknown_system", "system");
    problem(http().send("POST", "/api/connections", List.of(bearer(), "Content-Type: text/plain"), "{}"), 415,
        "unsupported_media_type", null);
    problem(http().send("POST", "/integrations/crm/hubspot/upsert", List.of(bearer(), "Content-Type: application/json"),
        "{\"type\":\"contact\"}"), 400, "missing_field", "tenant_id");
  }

  @Test
  void connectionInputsThatWouldFailDeepInsideAreRefusedOrRecordedNot500() {
    List<String> json = List.of(bearer(), "Content-Type: application/json");
    problem(http().send("POST", "/api/connections", json, "{\"system\":\"hubspot\",\"display_name\":\"" + "d".repeat(201)
        + "\"}"), 400, "invalid_value", "display_name");
    problem(http().send("POST", "/api/connections", json, "{\"system\":\"hubspot\",\"settings\":{\"baseUrl\":\"not a url\"}}"),
        400, "invalid_value", "settings.baseUrl");
    problem(http().send("POST", "/api/connections", json, "{\"system\":\"hubspot\",\"credentials\":{\"accessToken\":\""
        + "t".repeat(4001) + "\"}}"), 400, "invalid_value", "credentials");
    // a Mailchimp key whose data-center suffix is no host name: the check fails, the connection is kept in ERROR
    RawHttp.Response r = http().send("POST", "/api/connections", json,
        "{\"system\":\"mailchimp\",\"settings\":{\"listId\":\"l1\",\"firstSync\":\"immediate\"},"
            + "\"credentials\":{\"apiKey\":\"k-us 1/../x\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"status\":\"ERROR\"");
    // held for its first-sync plan (the default), it stays paused, the failure recorded
    RawHttp.Response held = http().send("POST", "/api/connections", json,
        "{\"system\":\"mailchimp\",\"settings\":{\"listId\":\"l1\"},\"credentials\":{\"apiKey\":\"k-us 1/../x\"}}");
    assertThat(held.status()).as(held.body()).isEqualTo(200);
    assertThat(held.body()).contains("\"status\":\"PAUSED\"").contains("\"lastError\":\"connection check failed");
  }

  /** A correlation id travels into log lines and vendor request headers: line breaks in it used to end in a 500. */
  @Test
  void aCorrelationIdThatIsNoPlainTokenIsReplaced() {
    if (connections.forTenantAndSystem(TENANT, "hubspot").isEmpty()) {
      connect(TENANT, "hubspot", "9900001", Map.of("accessToken", "pat-x"));
    }
    RawHttp.Response r = http().send("POST", "/integrations/crm/hubspot/upsert", List.of(bearer(),
        "Content-Type: application/json"), "{\"tenant_id\":\"default\",\"type\":\"contact\",\"attributes\":"
        + "{\"email\":\"corr@example.com\"},\"correlation_id\":\"a\\r\\nX-Injected: 1\"}");
    assertThat(r.status()).as(r.body()).isLessThan(500);
    assertThat(r.body()).doesNotContain("Injected");
  }

  @Test
  void problemsAreWrittenWhateverTheClientAccepts() {
    problem(http().get("/api/nothing-here", bearer(), "Accept: application/xml"), 404, "not_found", null);
    problem(http().get("/api/events?limit=-1", bearer(), "Accept: ///"), 400, "invalid_parameter", "limit");
    problem(http().get("/api/events", bearer(), "Accept: application/json;q=abc"), 406, "not_acceptable", null);
  }

  @Test
  void unknownApiPathsAndMethodsAreProblemsNotErrorPages() {
    problem(http().get("/api/nothing-here", bearer(), "Accept: text/html"), 404, "not_found", null);
    problem(http().get("/api/connections/extra/segments", bearer()), 404, "not_found", null);
    problem(http().send("DELETE", "/api/connections", List.of(bearer()), ""), 405, "method_not_allowed", null);
  }

  @Test
  void aMissingOrUnknownTokenIsA401Problem() {
    RawHttp.Response r = http().get("/api/events");
    problem(r, 401, "unauthorized", null);
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    problem(http().get("/api/events", "Authorization: Bearer sbt_not_a_token"), 401, "unauthorized", null);
  }
}
