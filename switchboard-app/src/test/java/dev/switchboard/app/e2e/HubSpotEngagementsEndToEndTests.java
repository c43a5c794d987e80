package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HubSpot's engagements through the whole spine, driven by the sandbox's own webhooks (the generic {@code object.*}
 * events an engagement sends): a meeting created in HubSpot and associated with a contact becomes an activity record
 * with an edge to the contact's record and its owner's e-mail; a note edited in HubSpot changes the record; a note
 * deleted and restored revives the same link and record; and none of it writes anything back to HubSpot (no echo).
 * The contact merge is {@link SyncScenarios#aHubSpotMergeLeavesOneRecordWhoseOldIdRedirects}.
 */
class HubSpotEngagementsEndToEndTests extends E2eSupport {
  static final Duration SYNC = Duration.ofSeconds(20);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }

  @Autowired JdbcClient db;
  @Autowired Vault vault;
  @Autowired dev.switchboard.app.sync.ExternalIds ids;

  @Test
  void aMeetingCreatedInHubSpotIsAnActivityLinkedToItsContactAndWritesNothingBack() {
    String email = email("meeting.guest");
    String contactId = vendors.createHubSpotContact(Map.of("email", email, "firstname", "Mia"));
    await().atMost(SYNC).until(() -> canonicalOf(email).isPresent() && pending() == 0);
    String contact = canonicalOf(email).orElseThrow();

    String meetingId = vendors.createHubSpotObject("meetings", Map.of("hs_timestamp", "2026-12-10T15:00:00Z",
        "hs_meeting_title", "Renewal review", "hs_meeting_body", "Pricing and timeline",
        "hs_meeting_start_time", "2026-12-10T15:00:00Z", "hs_meeting_end_time", "2026-12-10T15:30:00Z",
        "hs_meeting_location", "Zoom", "hs_meeting_outcome", "SCHEDULED", "hubspot_owner_id", "100101"));
    vendors.associateHubSpotDefault("meetings", meetingId, "contacts", contactId);
    long hubspotWrites = vendors.writes("hubspot"); // our own create and association, as a user made them

    await().atMost(SYNC).untilAsserted(() -> {
      String activity = linked("meeting", meetingId).orElseThrow();
      assertThat(db.sql("select object_type from golden_record where id = ?").param(activity).query(String.class)
          .single()).isEqualTo("activity");
      assertThat(liveEdges(activity, "contact")).as("the meeting's contact, as an edge of the activity")
          .containsExactly(contact);
      JsonNode fields = golden(activity);
      assertThat(fields.path("kind").path("value").asString()).isEqualTo("meeting");
      assertThat(fields.path("subject").path("value").asString()).isEqualTo("Renewal review");
      assertThat(fields.path("status").path("value").asString()).isEqualTo("planned");
      assertThat(fields.path("owner").path("value").asString()).as("the owner by e-mail, not HubSpot's id")
          .isEqualTo("ava.reed@portal1001.example.com");
      assertThat(db.sql("select status from record_projection where canonical_id = ?").param(activity)
          .query(String.class).single()).isEqualTo("planned");
    });
    await().atMost(SYNC).until(() -> pending() == 0);
    assertThat(vendors.writes("hubspot")).as("nothing written back to HubSpot").isEqualTo(hubspotWrites);
  }

  @Test
  void aNoteEditPropagatesAndADeletionAndRestoreReviveTheSameLink() {
    String email = email("note.subject");
    String contactId = vendors.createHubSpotContact(Map.of("email", email, "firstname", "Noa"));
    await().atMost(SYNC).until(() -> canonicalOf(email).isPresent() && pending() == 0);
    String contact = canonicalOf(email).orElseThrow();
    String noteId = vendors.createHubSpotObject("notes", Map.of("hs_timestamp", "2026-12-10T09:00:00Z",
        "hs_note_body", "Prefers quarterly invoices."));
    vendors.associateHubSpotDefault("notes", noteId, "contacts", contactId);
    await().atMost(SYNC).until(() -> linked("note", noteId).map(a -> liveEdges(a, "contact").contains(contact))
        .orElse(false));
    String note = linked("note", noteId).orElseThrow();
    long records = golden();

    vendors.editHubSpotObjectInUi("notes", noteId, Map.of("hs_note_body", "Prefers monthly invoices now."));
    await().atMost(SYNC).until(() -> "Prefers monthly invoices now.".equals(
        golden(note).path("body").path("value").asString()));

    vendors.deleteHubSpotObject("notes", noteId);
    await().atMost(SYNC).until(() -> "DELETED".equals(tombstone("note", noteId)));
    vendors.restoreHubSpotObject("notes", noteId);
    await().atMost(SYNC).until(() -> "live".equals(tombstone("note", noteId)) && pending() == 0);
    assertThat(linked("note", noteId)).as("the same record").contains(note);
    assertThat(golden()).as("no record made or lost").isEqualTo(records);
    assertThat(liveEdges(note, "contact")).containsExactly(contact);
    long hubspotWrites = vendors.writes("hubspot");
    await().atMost(SYNC).until(() -> pending() == 0);
    assertThat(vendors.writes("hubspot")).as("nothing written back to HubSpot").isEqualTo(hubspotWrites);
  }

  /** The record a live or tombstoned link of this HubSpot object names. */
  private Optional<String> linked(String vendorType, String id) {
    return db.sql("select canonical_id from record_link where vendor_type = ? and external_id = ?")
        .params(vendorType, ids.key(id)).query(String.class).optional();
  }

  /** The link's tombstone, {@code live} when it has none, {@code none} when there is no link. */
  private String tombstone(String vendorType, String id) {
    return db.sql("select coalesce(tombstone, 'live') from record_link where vendor_type = ? and external_id = ?")
        .params(vendorType, ids.key(id)).query(String.class).optional().orElse("none");
  }

  private java.util.List<String> liveEdges(String from, String label) {
    return db.sql("select to_id from record_edge where from_id = ? and label = ? and tombstoned_at is null")
        .params(from, label).query(String.class).list();
  }

  private JsonNode golden(String id) {
    String enc = db.sql("select fields_enc from golden_record where id = ?").param(id).query(String.class).single();
    return JSON.readTree(vault.decrypt(enc, "golden:" + id));
  }

  private Optional<String> canonicalOf(String email) {
    return db.sql("select canonical_id from identity_key where kind = 'email' and key_hash = ?")
        .param(vault.blindIndex("email", email)).query(String.class).optional();
  }

  private long golden() {
    return db.sql("select count(*) from golden_record where merged_into is null").query(Long.class).single();
  }

  private long pending() {
    return db.sql("select count(*) from sync_job where status = 'PENDING'").query(Long.class).single()
        + db.sql("select count(*) from outbox_task where status = 'PENDING'").query(Long.class).single();
  }
}
