package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * HubSpot's marketing opt-ins decide who reaches a Mailchimp audience (issue 17): a contact that opted in to the
 * portal's "Marketing Information" type arrives subscribed; one that did not is not sent to an audience with the
 * default setting (and is transactional in the wired audience, whose setting adds them so); when it opts in later its
 * transactional member is upgraded and the other audience gets it; a member who unsubscribed in Mailchimp stays so.
 */
class HubSpotOptInsEndToEndTests extends E2eSupport {
  private static final Duration SYNC = Duration.ofSeconds(30);
  private static final String MARKETING = "15000101";

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }

  @Test
  @SuppressWarnings("unchecked")
  void hubSpotOptInsDecideWhoIsSubscribedAndATransactionalMemberIsUpgradedWhenItOptsIn() {
    // opted in at HubSpot (a form with consent) before the contact is made: its member is subscribed
    String optedIn = email("optedin");
    optIn(optedIn, true);
    vendors.createHubSpotContact(Map.of("email", optedIn, "firstname", "Yes"));
    // no opt-in: transactional in the wired audience, whose setting adds them so
    String later = email("later");
    vendors.createHubSpotContact(Map.of("email", later, "firstname", "Later"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(optedIn).isPresent()
        && vendors.mailchimpMember(later).isPresent());
    assertThat(vendors.mailchimpMember(optedIn).orElseThrow().get("status")).isEqualTo("subscribed");
    assertThat(vendors.mailchimpMember(later).orElseThrow().get("status")).isEqualTo("transactional");

    // a second audience with the default consent setting: its first-sync plan counts the HubSpot opt-in
    Map<String, Object> account = mailchimpAccount(2);
    String list = (String) account.get("listId");
    String key = (String) account.get("apiKey");
    ResponseEntity<Map> created = api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "mailchimp", "display_name", "Audience 2", "settings", Map.of("listId", list),
            "credentials", Map.of("apiKey", key))).retrieve().toEntity(Map.class);
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(200);
    String connection = (String) created.getBody().get("id");
    Map<String, Object> plan = api.get().uri("/api/connections/{id}/first-sync", connection).retrieve()
        .body(Map.class);
    assertThat((Map<String, Integer>) plan.get("to_create_in_connection")).containsEntry("subscribed", 1)
        .doesNotContainKey("transactional");
    assertThat((Map<String, Integer>) plan.get("skipped")).containsEntry("no_consent", 1);
    assertThat(api.post().uri("/api/connections/{id}/first-sync/start", connection).retrieve().toEntity(Map.class)
        .getStatusCode().value()).isEqualTo(200);
    quietStart();
    await().atMost(SYNC).until(() -> member(list, key, optedIn).isPresent());
    assertThat(member(list, key, optedIn).orElseThrow().get("status")).isEqualTo("subscribed");
    await().during(Duration.ofMillis(500)).atMost(SYNC).until(() -> pendingWrites() == 0);
    assertThat(member(list, key, later)).as("no opt-in, default setting: not sent").isEmpty();

    // it opts in at HubSpot: the transactional member is upgraded, the other audience gets it subscribed
    optIn(later, true);
    await().atMost(SYNC).until(() -> "subscribed".equals(vendors.mailchimpMember(later).orElseThrow().get("status"))
        && member(list, key, later).isPresent());
    assertThat(member(list, key, later).orElseThrow().get("status")).isEqualTo("subscribed");

    // a member who unsubscribes in Mailchimp stays unsubscribed while HubSpot still says subscribed
    vendors.editInMailchimpUi(optedIn, Map.of("status", "unsubscribed"));
    await().atMost(SYNC).until(() -> "unsubscribed".equals(vendors.mailchimpMember(optedIn).orElseThrow()
        .get("status")));
    String id = String.valueOf(vendors.hubSpotContactByEmail(optedIn).orElseThrow().get("hs_object_id"));
    vendors.editInHubSpotUi(id, Map.of("firstname", "Again"));
    await().atMost(SYNC).until(() -> "Again".equals(mergeField(vendors.mailchimpMember(optedIn), "FNAME"))
        && pendingWrites() == 0);
    assertThat(vendors.mailchimpMember(optedIn).orElseThrow().get("status")).isEqualTo("unsubscribed");

    // an opt-out at HubSpot reaches both audiences
    optIn(later, false);
    await().atMost(SYNC).until(() -> "unsubscribed".equals(vendors.mailchimpMember(later).orElseThrow().get("status"))
        && "unsubscribed".equals(member(list, key, later).orElseThrow().get("status")));
  }

  /** The contact's e-mail subscribed to (or unsubscribed from) HubSpot's marketing type, as its API does. */
  private static void optIn(String email, boolean in) {
    var res = vendors.hubspot.post().uri("/communication-preferences/v3/" + (in ? "subscribe" : "unsubscribe"))
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("emailAddress", email, "subscriptionId", MARKETING,
            "legalBasis", "CONSENT_WITH_NOTICE", "legalBasisExplanation", "sign-up form"))
        .retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().is2xxSuccessful()).as(String.valueOf(res.getBody())).isTrue();
  }

  private long pendingWrites() {
    return jdbc.sql("select count(*) from outbox_task where status in ('PENDING', 'WAITING')").query(Long.class)
        .single();
  }

  @SuppressWarnings("unchecked")
  private static Object mergeField(Optional<Map<String, Object>> member, String tag) {
    return member.map(m -> ((Map<String, Object>) m.get("merge_fields")).get(tag)).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> mailchimpAccount(int number) {
    Map<String, Object> all = (Map<String, Object>) vendors.control.get().uri("/credentials").retrieve().body(Map.class)
        .get("mailchimp");
    return ((List<Map<String, Object>>) all.get("accounts")).stream()
        .filter(a -> ((Number) a.get("account")).intValue() == number).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> member(String list, String key, String email) {
    var res = vendors.mailchimp.get().uri("/lists/{list}/members/{hash}", list, Vendors.md5(email))
        .headers(h -> h.setBasicAuth("anystring", key)).retrieve().toEntity(Map.class);
    return res.getStatusCode().is2xxSuccessful() ? Optional.of(res.getBody()) : Optional.empty();
  }
}
