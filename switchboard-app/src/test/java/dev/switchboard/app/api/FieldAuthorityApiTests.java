package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Field authority through the API: set, list, clear; bad fields and systems are refused and change nothing. */
class FieldAuthorityApiTests extends RunningApp {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> HEADERS = List.of(bearer(), "Content-Type: application/json");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rules(RawHttp.Response r) {
    return (Map<String, Object>) JSON.readValue(r.body(), Map.class).get("rules");
  }

  @Test
  void aRuleIsSetListedAndClearedAndOnlyKnownFieldsAndSystemsAreAccepted() {
    RawHttp.Response set = http().send("PUT", "/api/settings/authority/contact/lifecycleStage", HEADERS,
        "{\"systems\":[\"hubspot\"]}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(rules(set)).containsEntry("lifecycleStage", List.of("hubspot"));
    assertThat(rules(http().get("/api/settings/authority/contact", bearer()))).containsEntry("lifecycleStage",
        List.of("hubspot"));

    assertThat(http().send("PUT", "/api/settings/authority/contact/shoeSize", HEADERS, "{\"systems\":[\"hubspot\"]}")
        .status()).isEqualTo(400);
    RawHttp.Response badSystem = http().send("PUT", "/api/settings/authority/contact/firstName", HEADERS,
        "{\"systems\":[\"salesforce\"]}");
    assertThat(badSystem.status()).isEqualTo(400);
    assertThat(badSystem.body()).contains("invalid_value").contains("systems");
    assertThat(http().send("PUT", "/api/settings/authority/contact/firstName", HEADERS, "{\"systems\":[]}").status())
        .isEqualTo(400);
    assertThat(rules(http().get("/api/settings/authority/contact", bearer()))).doesNotContainKey("firstName");

    assertThat(http().send("DELETE", "/api/settings/authority/contact/lifecycleStage", List.of(bearer()), "").status())
        .isEqualTo(204);
    assertThat(rules(http().get("/api/settings/authority/contact", bearer()))).isEmpty();
    assertThat(http().send("DELETE", "/api/settings/authority/contact/lifecycleStage", List.of(bearer()), "").status())
        .isEqualTo(404);
    assertThat(http().get("/api/settings/authority/contact").status()).isEqualTo(401);
  }
}
