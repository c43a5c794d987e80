package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 17's consent rules through the sandbox: a second audience connected with the default settings gets only the
 * contacts with a recorded opt-in; an unsubscribed member stays unsubscribed whatever is said elsewhere; double opt-in
 * asks only those who opt in after the connection exists. (The wired audience adds contacts without consent as
 * {@code transactional}: the demo's setting.)
 */
class AudienceConsentEndToEndTests extends E2eSupport {
  private static final Duration SYNC = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aNewAudienceIsHeldUntilStartItsPlanCountsWhoIsSentAndOnlyRecordedOptInsAreSubscribed() {
    Map<String, Object> account = mailchimpAccount(2);
    String list = (String) account.get("listId");
    String key = (String) account.get("apiKey");
    String unsubscribed = email("unsub");
    addMember(list, key, unsubscribed, "unsubscribed");

    // a HubSpot contact has no recorded opt-in: the wired audience adds it as transactional (its setting)
    String noConsent = email("noconsent");
    vendors.createHubSpotContact(Map.of("email", noConsent, "firstname", "Nobody"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(noConsent).isPresent());
    assertThat(vendors.mailchimpMember(noConsent).orElseThrow().get("status")).isEqualTo("transactional");
    String later = email("later"); // no consent either, and never changed again: offered anew when the setting changes
    vendors.createHubSpotContact(Map.of("email", later, "firstname", "Later"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(later).isPresent());

    ResponseEntity<Map> created = api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "mailchimp", "display_name", "Audience 2", "settings", Map.of("listId", list),
            "credentials", Map.of("apiKey", key))).retrieve().toEntity(Map.class);
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(200);
    assertThat(created.getBody()).as("held until Start").containsEntry("status", "PAUSED");
    String connection = (String) created.getBody().get("id");

    // an opt-in recorded through the upsert API while the connection is held: its write waits
    String optedIn = email("optin");
    assertThat(upsert(Map.of("email", optedIn, "firstname", "Yes", "marketing_status", "subscribed"))
        .getStatusCode().value()).isEqualTo(200);
    long contacts = jdbc.sql("select count(*) from golden_record where tenant_id = ? and object_type = 'contact' "
        + "and merged_into is null").param(TENANT).query(Long.class).single();

    Map<String, Object> plan = api.get().uri("/api/connections/{id}/first-sync", connection).retrieve().body(Map.class);
    assertThat(plan).containsEntry("state", "HELD").containsEntry("consent_gated", true)
        .containsEntry("without_consent", "skip").containsEntry("read", 1).containsEntry("matched", 0)
        .containsEntry("to_create_elsewhere", 1);
    assertThat((Map<String, Integer>) plan.get("to_create_in_connection")).containsEntry("subscribed", 1)
        .doesNotContainKey("transactional");
    Map<String, Integer> skipped = (Map<String, Integer>) plan.get("skipped");
    assertThat(skipped.get("no_consent")).as("the wired contacts: no opt-in for this audience").isPositive()
        .isEqualTo(plan.get("transactional_if_set"));
    assertThat(1 + skipped.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo((int) contacts);
    assertThat(((Map<String, List<String>>) plan.get("samples")).get("create_there_subscribed"))
        .containsExactly(optedIn.charAt(0) + "•••@example.com");
    assertThat(plan.toString()).doesNotContain(optedIn).doesNotContain(unsubscribed);

    // nothing reached the audience, and Resume does not bypass the plan
    assertThat(member(list, key, optedIn)).isEmpty();
    assertThat(mergeField(member(list, key, unsubscribed), "FNAME")).isEqualTo("Before");
    ResponseEntity<Map> resumed = api.post().uri("/api/connections/{id}/resume", connection).retrieve()
        .toEntity(Map.class);
    assertThat(resumed.getStatusCode().value()).isEqualTo(409);
    assertThat(resumed.getBody()).containsEntry("error_code", "first_sync_not_started");

    ResponseEntity<Map> started = api.post().uri("/api/connections/{id}/first-sync/start", connection).retrieve()
        .toEntity(Map.class);
    assertThat(started.getStatusCode().value()).isEqualTo(200);
    assertThat(started.getBody()).containsEntry("status", "ACTIVE");
    assertThat(api.post().uri("/api/connections/{id}/first-sync/start", connection).retrieve().toEntity(Map.class)
        .getStatusCode().value()).as("started once").isEqualTo(409);
    assertThat(jdbc.sql("select count(*) from domain_event where name = 'audit.logged' and payload_json like ? "
        + "and payload_json like ?").params("%connection.first_sync.start%", "%" + connection + "%")
        .query(Long.class).single()).as("audited").isEqualTo(1);
    quietStart();
    await().atMost(SYNC).until(() -> member(list, key, optedIn).isPresent() && pending(connection) == 0);
    assertThat(member(list, key, optedIn).orElseThrow().get("status")).isEqualTo("subscribed");
    assertThat(member(list, key, noConsent)).as("no consent, default setting: not sent").isEmpty();

    // the member who unsubscribed is said to be subscribed elsewhere: its name changes, its status does not
    upsert(Map.of("email", unsubscribed, "firstname", "Again", "marketing_status", "subscribed"));
    await().atMost(SYNC).until(() -> "Again".equals(mergeField(member(list, key, unsubscribed), "FNAME"))
        && pending(connection) == 0);
    assertThat(member(list, key, unsubscribed).orElseThrow().get("status")).isEqualTo("unsubscribed");

    // double opt-in: who opts in now is asked to confirm; the earlier base was not
    assertThat(api.patch().uri("/api/connections/{id}", connection).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("settings", Map.of("doubleOptIn", "true"))).retrieve().toEntity(Map.class)
        .getStatusCode().value()).isEqualTo(200);
    upsert(Map.of("email", noConsent, "marketing_status", "subscribed"));
    await().atMost(SYNC).until(() -> member(list, key, noConsent).isPresent());
    assertThat(member(list, key, noConsent).orElseThrow().get("status")).isEqualTo("pending");
    assertThat(member(list, key, optedIn).orElseThrow().get("status")).isEqualTo("subscribed");

    // contacts without consent are to be added as transactional after all: those skipped before are, unchanged
    assertThat(member(list, key, later)).isEmpty();
    assertThat(api.patch().uri("/api/connections/{id}", connection).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("settings", Map.of("withoutConsent", "transactional"))).retrieve().toEntity(Map.class)
        .getStatusCode().value()).isEqualTo(200);
    await().atMost(SYNC).until(() -> member(list, key, later).isPresent());
    assertThat(member(list, key, later).orElseThrow().get("status")).isEqualTo("transactional");
    assertThat(member(list, key, unsubscribed).orElseThrow().get("status")).isEqualTo("unsubscribed");
  }

  @Test
  void aMarketingStatusOtherThanAnOptInOrOptOutAndAnUnknownConsentSettingAreRefused() {
    ResponseEntity<Map> res = upsert(Map.of("email", email("bad"), "marketing_status", "pending"));
    assertThat(res.getStatusCode().value()).isEqualTo(400);
    assertThat(res.getBody()).containsEntry("error_code", "invalid_value")
        .containsEntry("field", "attributes.marketing_status");

    String wired = E2eSupport.wired.stream().filter(c -> c.system().equals("mailchimp")).findFirst().orElseThrow().id();
    ResponseEntity<Map> refused = api.patch().uri("/api/connections/{id}", wired)
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("settings", Map.of("withoutConsent", "everyone")))
        .retrieve().toEntity(Map.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).containsEntry("error_code", "invalid_setting")
        .containsEntry("field", "settings.withoutConsent");
  }

  private long pending(String connection) {
    return jdbc.sql("select count(*) from outbox_task where connection_id = ? and status in ('PENDING', 'WAITING')")
        .param(connection).query(Long.class).single();
  }

  private ResponseEntity<Map> upsert(Map<String, Object> attributes) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("tenant_id", TENANT);
    b.put("type", "contact");
    b.put("attributes", attributes);
    b.put("correlation_id", "test-" + System.nanoTime());
    return api.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON).body(b)
        .retrieve().toEntity(Map.class);
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

  private static void addMember(String list, String key, String email, String status) {
    var res = vendors.mailchimp.post().uri("/lists/{list}/members", list)
        .headers(h -> h.setBasicAuth("anystring", key)).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("email_address", email, "status", status, "merge_fields", Map.of("FNAME", "Before")))
        .retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().is2xxSuccessful()).as(String.valueOf(res.getBody())).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> member(String list, String key, String email) {
    var res = vendors.mailchimp.get().uri("/lists/{list}/members/{hash}", list, Vendors.md5(email))
        .headers(h -> h.setBasicAuth("anystring", key)).retrieve().toEntity(Map.class);
    return res.getStatusCode().is2xxSuccessful() ? Optional.of(res.getBody()) : Optional.empty();
  }
}
