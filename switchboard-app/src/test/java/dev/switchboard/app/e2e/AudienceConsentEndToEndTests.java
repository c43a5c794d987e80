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
  void onlyRecordedOptInsAreSubscribedNobodyElseIsSentAndAnUnsubscribedMemberStaysSo() {
    Map<String, Object> account = mailchimpAccount(2);
    String list = (String) account.get("listId");
    String key = (String) account.get("apiKey");
    String unsubscribed = email("unsub");
    addMember(list, key, unsubscribed, "unsubscribed");

    ResponseEntity<Map> created = api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "mailchimp", "display_name", "Audience 2", "settings", Map.of("listId", list),
            "credentials", Map.of("apiKey", key))).retrieve().toEntity(Map.class);
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(200);
    String connection = (String) created.getBody().get("id");
    quietStart();

    // a HubSpot contact has no recorded opt-in: the wired audience adds it as transactional, audience 2 not at all
    String noConsent = email("noconsent");
    vendors.createHubSpotContact(Map.of("email", noConsent, "firstname", "Nobody"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(noConsent).isPresent() && pending(connection) == 0);
    assertThat(vendors.mailchimpMember(noConsent).orElseThrow().get("status")).isEqualTo("transactional");
    assertThat(member(list, key, noConsent)).as("no consent, default setting: not sent").isEmpty();

    // an opt-in recorded through the upsert API: subscribed
    String optedIn = email("optin");
    assertThat(upsert(Map.of("email", optedIn, "firstname", "Yes", "marketing_status", "subscribed"))
        .getStatusCode().value()).isEqualTo(200);
    await().atMost(SYNC).until(() -> member(list, key, optedIn).isPresent());
    assertThat(member(list, key, optedIn).orElseThrow().get("status")).isEqualTo("subscribed");

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
