package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.support.TestDatabases;
import dev.switchboard.app.sync.ExternalIds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Creates in HubSpot are idempotent across a crash: the write carries a Switchboard key derived from the connection
 * and the record (never from its version or e-mail), upserted as HubSpot's unique {@code switchboard_id}. This is
 * also what lets a contact without an e-mail be created at all.
 */
class CrashSafeCreatesTests extends E2eSupport {
  static final Duration SYNC = Duration.ofSeconds(20);

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    // a short lease: the write whose bookkeeping "crashed" is taken over again soon
    configure(r, TestDatabases.freshH2Url(), Map.of("switchboard.workers.lease-ms", 1500));
  }

  @Autowired JdbcClient db;
  @Autowired ExternalIds ids;

  @BeforeEach
  void installTrigger() {
    FailOnceTrigger.install(db);
  }

  /**
   * HubSpot created the contact and answered, then the transaction that records the link never committed (the
   * process "died"), and HubSpot's webhook for the new contact was lost. Before the write is retried a person changes
   * the contact's e-mail in HubSpot: a retry keyed by e-mail would now create a second contact.
   */
  @Test
  void aCreateWhoseBookkeepingNeverCommittedIsNotRepeatedWhenRetried() {
    vendors.faults(Map.of("vendor", "hubspot", "dropWebhooks", 1.0)); // only the retry can link the contact
    String hubspot = connection("hubspot").id();
    String email = email("crash");
    String corrected = email("corrected");
    int fired = FailOnceTrigger.fired.get();
    FailOnceTrigger.armedFor.set(hubspot);

    createMailchimpMember(email, "Crash");
    await().atMost(SYNC).until(() -> FailOnceTrigger.fired.get() == fired + 1);
    String first = String.valueOf(vendors.hubSpotContactByEmail(email).orElseThrow().get("hs_object_id"));
    vendors.editInHubSpotUi(first, Map.of("email", corrected));

    await().atMost(SYNC).until(() -> pendingWrites(hubspot) == 0);
    assertThat(vendors.hubSpotContactsWithEmail(email) + vendors.hubSpotContactsWithEmail(corrected))
        .as("one HubSpot contact for the person, whatever its e-mail now").isEqualTo(1);
    assertThat(linksTo(hubspot, first)).as("the contact HubSpot created first is the one linked").isEqualTo(1);
  }

  /**
   * The same crash on the way to Mailchimp: the member was created and the link never recorded. Mailchimp's own key
   * (the member hash of the e-mail, at call time) makes the retry land on the same member, which is then linked once.
   */
  @Test
  void aMailchimpCreateWhoseBookkeepingNeverCommittedIsLinkedOnceWhenRetried() {
    String mailchimp = connection("mailchimp").id();
    String email = email("crash.mc");
    int fired = FailOnceTrigger.fired.get();
    FailOnceTrigger.armedFor.set(mailchimp);

    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Mac"));
    await().atMost(SYNC).until(() -> FailOnceTrigger.fired.get() == fired + 1);
    await().atMost(SYNC).until(() -> pendingWrites(mailchimp) == 0);

    assertThat(vendors.mailchimpMember(email)).isPresent();
    assertThat(linksTo(mailchimp, Vendors.md5(email))).isEqualTo(1);
    String canonical = db.sql("select canonical_id from record_link where connection_id = ? and external_id = ?")
        .params(mailchimp, ids.key(Vendors.md5(email))).query(String.class).single();
    assertThat(db.sql("select count(*) from record_link where connection_id = ? and canonical_id = ?")
        .params(mailchimp, canonical).query(Long.class).single()).as("one member linked for the person").isEqualTo(1);
  }

  /** A contact with a phone and no e-mail, sent through the upsert API, is created in HubSpot once. */
  @Test
  void aPhoneOnlyContactReachesHubSpotExactlyOnce() {
    String hubspot = connection("hubspot").id();
    String phone = "+14155550142";
    Map<String, Object> attributes = Map.of("phone", "(415) 555-0142", "firstname", "Phoebe");
    ResponseEntity<Map> created = upsert(attributes, CrmUpsertApiTests.key(phone));
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(200);
    assertThat(created.getBody()).containsEntry("status", "created");
    String id = (String) created.getBody().get("external_id");
    Map<String, Object> contact = hubSpotContact(id);
    assertThat(contact.get("phone")).isEqualTo(phone);
    assertThat(contact.get("email")).as("no e-mail").satisfiesAnyOf(e -> assertThat(e).isNull(), e -> assertThat(e).isEqualTo(""));
    assertThat(String.valueOf(contact.get("switchboard_id"))).startsWith("sb1_");

    long writes = vendors.writes("hubspot");
    ResponseEntity<Map> again = upsert(attributes, null);
    assertThat(again.getBody()).containsEntry("status", "noop").containsEntry("external_id", id);
    assertThat(vendors.writes("hubspot")).isEqualTo(writes);

    ResponseEntity<Map> updated = upsert(Map.of("phone", phone, "lastname", "Fone"), null);
    assertThat(updated.getBody()).containsEntry("status", "updated").containsEntry("external_id", id);
    // HubSpot's webhooks for the create and the update come back and are applied: still one contact
    await().atMost(SYNC).until(() -> pendingWrites(hubspot) == 0 && pendingJobs() == 0);
    assertThat(hubSpotContactsWithPhone(phone)).isEqualTo(1);
    assertThat(hubSpotContact(id).get("lastname")).isEqualTo("Fone");
  }

  private Connection connection(String system) {
    return wired.stream().filter(c -> c.system().equals(system)).findFirst().orElseThrow();
  }

  private void createMailchimpMember(String email, String firstName) {
    var res = vendors.mailchimp.put().uri("/lists/{list}/members/{hash}", Vendors.LIST, Vendors.md5(email))
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("email_address", email, "status_if_new", "subscribed", "merge_fields", Map.of("FNAME", firstName)))
        .retrieve().toBodilessEntity();
    assertThat(res.getStatusCode().is2xxSuccessful()).isTrue();
  }

  private long pendingWrites(String connectionId) {
    return db.sql("select count(*) from outbox_task where connection_id = ? and status = 'PENDING'")
        .param(connectionId).query(Long.class).single();
  }

  private long pendingJobs() {
    return db.sql("select count(*) from sync_job where status = 'PENDING'").query(Long.class).single();
  }

  private long linksTo(String connectionId, String externalId) {
    return db.sql("select count(*) from record_link where connection_id = ? and external_id = ?")
        .params(connectionId, ids.key(externalId)).query(Long.class).single();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hubSpotContact(String id) {
    Map<String, Object> body = vendors.hubspot.get()
        .uri("/crm/v3/objects/contacts/{id}?properties=email,phone,firstname,lastname,switchboard_id", id)
        .retrieve().body(Map.class);
    return (Map<String, Object>) body.get("properties");
  }

  @SuppressWarnings("unchecked")
  private static long hubSpotContactsWithPhone(String phone) {
    Map<String, Object> r = vendors.hubspot.post().uri("/crm/v3/objects/contacts/search").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "phone", "operator", "EQ",
            "value", phone))))))
        .retrieve().body(Map.class);
    return ((Number) r.get("total")).longValue();
  }

  @SuppressWarnings("rawtypes")
  private ResponseEntity<Map> upsert(Map<String, Object> attributes, String key) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("tenant_id", TENANT);
    b.put("type", "contact");
    b.put("attributes", attributes);
    b.put("idempotency_key", key);
    b.put("correlation_id", "test-" + System.nanoTime());
    return api.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON).body(b)
        .retrieve().toEntity(Map.class);
  }
}
