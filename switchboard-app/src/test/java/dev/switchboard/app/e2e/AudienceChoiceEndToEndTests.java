package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.TestDatabases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 17: a Mailchimp connection made with its key only lists the account's audiences, and one is chosen by name. */
class AudienceChoiceEndToEndTests extends E2eSupport {

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAudienceIsChosenByNameFromTheAccountsListsAndOnlyThenCanTheFirstSyncStart() {
    Map<String, Object> account = ((List<Map<String, Object>>) ((Map<String, Object>) vendors.control.get()
        .uri("/credentials").retrieve().body(Map.class).get("mailchimp")).get("accounts")).get(1);
    String key = (String) account.get("apiKey");
    String list = (String) account.get("listId");
    Map<String, Object> lists = vendors.mailchimp.get().uri("/lists").headers(h -> h.setBasicAuth("any", key))
        .retrieve().body(Map.class);
    String name = (String) ((List<Map<String, Object>>) lists.get("lists")).getFirst().get("name");

    ResponseEntity<Map> created = api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "mailchimp", "display_name", "No audience yet", "credentials", Map.of("apiKey", key)))
        .retrieve().toEntity(Map.class);
    assertThat(created.getStatusCode().value()).isEqualTo(200);
    assertThat(created.getBody()).containsEntry("status", "PAUSED").containsEntry("accountId", null);
    String id = (String) created.getBody().get("id");

    Map<String, Object> audiences = api.get().uri("/api/connections/{id}/audiences", id).retrieve().body(Map.class);
    assertThat(audiences).containsEntry("setting", "listId");
    assertThat((List<Map<String, Object>>) audiences.get("audiences")).singleElement().satisfies(a -> {
      assertThat(a).containsEntry("id", list).containsEntry("name", name).containsEntry("chosen", false);
      assertThat(a.get("member_count")).isInstanceOf(Integer.class);
    });
    Map<String, Object> plan = api.get().uri("/api/connections/{id}/first-sync", id).retrieve().body(Map.class);
    assertThat(plan).containsEntry("read", 0);
    assertThat((String) plan.get("problem")).contains("audience");
    ResponseEntity<Map> early = api.post().uri("/api/connections/{id}/first-sync/start", id).retrieve()
        .toEntity(Map.class);
    assertThat(early.getStatusCode().value()).isEqualTo(409);
    assertThat(early.getBody()).containsEntry("error_code", "not_verified");

    ResponseEntity<Map> unknown = api.put().uri("/api/connections/{id}/audience", id)
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "No such list")).retrieve().toEntity(Map.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(422);
    assertThat(unknown.getBody()).containsEntry("error_code", "unknown_name").containsEntry("field", "name");

    ResponseEntity<Map> chosen = api.put().uri("/api/connections/{id}/audience", id)
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", name.toUpperCase())).retrieve()
        .toEntity(Map.class);
    assertThat(chosen.getStatusCode().value()).as(String.valueOf(chosen.getBody())).isEqualTo(200);
    assertThat(chosen.getBody()).containsEntry("account_id", list).containsEntry("status", "PAUSED")
        .containsEntry("last_error", null);
    assertThat((List<Map<String, Object>>) api.get().uri("/api/connections/{id}/audiences", id).retrieve()
        .body(Map.class).get("audiences")).singleElement().satisfies(a -> assertThat(a).containsEntry("chosen", true));
    assertThat(api.get().uri("/api/connections/{id}/first-sync", id).retrieve().body(Map.class))
        .containsEntry("problem", null).containsEntry("state", "HELD");
    api.delete().uri("/api/connections/{id}", id).retrieve().toBodilessEntity();
  }
}
