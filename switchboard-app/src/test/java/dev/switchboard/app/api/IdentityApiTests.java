package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity thresholds in {@code /api/settings} and the review queue's input handling: problems with
 * {@code error_code} and {@code field}, nothing changed by a refused request, no access without a token.
 */
class IdentityApiTests extends RunningApp {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> HEADERS = List.of(bearer(), "Content-Type: application/json");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(RawHttp.Response r) {
    return JSON.readValue(r.body(), Map.class);
  }

  @Test
  void thresholdsAreTenantSettingsWithTheIssuesDefaultsAndAreValidated() {
    assertThat(json(http().get("/api/settings", bearer()))).containsEntry("identity_auto_link", 0.9)
        .containsEntry("identity_review", 0.75);

    RawHttp.Response bad = http().send("PATCH", "/api/settings", HEADERS, "{\"identity_review\":0.95}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(json(bad)).containsEntry("error_code", "invalid_value").containsEntry("field", "identity_review");
    assertThat(json(http().get("/api/settings", bearer()))).containsEntry("identity_review", 0.75);

    RawHttp.Response ok = http().send("PATCH", "/api/settings", HEADERS,
        "{\"identity_auto_link\":0.95,\"identity_review\":0.8}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok)).containsEntry("identity_auto_link", 0.95).containsEntry("identity_review", 0.8)
        .containsEntry("default_region", "US");
    assertThat(db.sql("select count(*) from domain_event where name = 'audit.logged' and payload_json like ?")
        .param("%identity_auto_link%").query(Long.class).single()).isEqualTo(1);
    http().send("PATCH", "/api/settings", HEADERS, "{\"identity_auto_link\":0.9,\"identity_review\":0.75}");
  }

  @Test
  void theQueueRefusesBadInputWithAReason() {
    assertThat(json(http().get("/api/identity/matches", bearer()))).containsEntry("items", List.of())
        .containsEntry("next", null);
    RawHttp.Response status = http().get("/api/identity/matches?status=maybe", bearer());
    assertThat(status.status()).isEqualTo(400);
    assertThat(json(status)).containsEntry("error_code", "invalid_parameter").containsEntry("field", "status");
    assertThat(json(http().get("/api/identity/matches?limit=0", bearer()))).containsEntry("field", "limit");
    String unknown = java.util.UUID.randomUUID().toString();
    for (String action : List.of("merge", "keep-apart", "split")) {
      RawHttp.Response r = http().send("POST", "/api/identity/matches/" + unknown + "/" + action, HEADERS, "");
      assertThat(r.status()).as(action).isEqualTo(404);
      assertThat(json(r)).containsEntry("error_code", "not_found");
    }
    assertThat(http().get("/api/identity/matches/" + unknown, bearer()).status()).isEqualTo(404);
    assertThat(http().get("/api/identity/matches", "Accept: application/json").status()).isEqualTo(401);
  }
}
