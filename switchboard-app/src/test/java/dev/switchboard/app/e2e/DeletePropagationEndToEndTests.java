package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deletion propagation through the whole product against the sandbox (H2): a contact deleted in HubSpot stays a
 * member in Mailchimp by default; with Mailchimp's {@code deletePropagation.contact} on, the member is archived, and
 * Mailchimp's webhook for that archive comes back as nothing.
 */
class DeletePropagationEndToEndTests extends E2eSupport {
  static final Duration SYNC = Duration.ofSeconds(15);

  @Autowired JdbcClient db;
  @Autowired Vault vault;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }

  @Test
  void aHubSpotDeletionArchivesTheMemberOnlyWithThePolicyOnAndItsEchoDoesNotBounce() {
    Connection mailchimp = wired.stream().filter(c -> c.system().equals("mailchimp")).findFirst().orElseThrow();

    // policy off (the default): the member stays
    String kept = email("del.off");
    String keptId = synced(kept);
    deleteInHubSpot(keptId);
    String keptCanonical = canonicalOf(kept);
    await().atMost(SYNC).until(() -> tombstones(keptCanonical, "DELETED") == 1 && pending() == 0);
    assertThat(vendors.mailchimpMember(kept).orElseThrow().get("status")).isEqualTo("subscribed");

    // a financial type cannot be turned on; contacts can
    var refused = api.patch().uri("/api/connections/{id}", mailchimp.id()).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("settings", Map.of("deletePropagation.invoice", "on"))).retrieve().toEntity(String.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("never propagated");
    var on = api.patch().uri("/api/connections/{id}", mailchimp.id()).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("settings", Map.of("deletePropagation.contact", "archive"))).retrieve().toEntity(String.class);
    assertThat(on.getStatusCode().value()).isEqualTo(200);

    String gone = email("del.on");
    String goneId = synced(gone);
    String goneCanonical = canonicalOf(gone);
    // the creation's own echoes (HubSpot's contact.creation, Mailchimp's subscribe) may still be on their way; the
    // counts below start once the record's events have stopped moving (seen once on a loaded machine: one more)
    long[] seen = {-1};
    await().pollInterval(Duration.ofMillis(500)).atMost(SYNC).until(() -> {
      long now = syncedEvents(goneCanonical);
      boolean settled = now == seen[0] && pending() == 0;
      seen[0] = now;
      return settled;
    });
    long hubspotWrites = vendors.writes("hubspot");
    long webhooks = mailchimpWebhooksDelivered();
    long eventsBefore = syncedEvents(goneCanonical);
    deleteInHubSpot(goneId);

    await().atMost(SYNC).untilAsserted(() -> {
      assertThat(vendors.mailchimpMember(gone).orElseThrow().get("status")).isEqualTo("archived");
      assertThat(tombstones(goneCanonical, "DELETED")).isEqualTo(2); // the HubSpot contact and the member
    });
    // Mailchimp's webhook for our archive arrives and is processed as nothing
    await().atMost(SYNC).until(() -> mailchimpWebhooksDelivered() > webhooks && pending() == 0);
    assertThat(syncedEvents(goneCanonical)).as("the inbound delete and the outbound archive; nothing for the echo")
        .isEqualTo(eventsBefore + 2);
    assertThat(vendors.writes("hubspot")).as("the test's own delete; nothing from the app").isEqualTo(hubspotWrites + 1);
    assertThat(vendors.hubSpotContactsWithEmail(gone)).isZero();
    assertThat(vendors.mailchimpMember(kept).orElseThrow().get("status")).as("an earlier deletion is not replayed")
        .isEqualTo("subscribed");
  }

  /** A HubSpot contact created and synced to a Mailchimp member; returns the HubSpot id. */
  private String synced(String email) {
    // with a recorded opt-in (the upsert API's), so that the member is subscribed: Mailchimp sends a webhook for the
    // archive of a subscribed member only, and that echo is what this test checks
    var res = api.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("tenant_id", TENANT, "type", "contact", "correlation_id", "del-" + System.nanoTime(),
            "attributes", Map.of("email", email, "firstname", "Del", "marketing_status", "subscribed")))
        .retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().is2xxSuccessful()).as(String.valueOf(res.getBody())).isTrue();
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent() && pending() == 0);
    return String.valueOf(vendors.hubSpotContactByEmail(email).orElseThrow().get("hs_object_id"));
  }

  private void deleteInHubSpot(String id) {
    vendors.hubspot.delete().uri("/crm/v3/objects/contacts/{id}", id).retrieve().toBodilessEntity();
  }

  private long syncedEvents(String canonicalId) {
    return db.sql("select count(*) from domain_event where name = 'crm.synced' and payload_json like ?")
        .param("%" + canonicalId + "%").query(Long.class).single();
  }

  private long tombstones(String canonicalId, String how) {
    return db.sql("select count(*) from record_link where canonical_id = ? and tombstone = ?")
        .params(canonicalId, how).query(Long.class).single();
  }

  private String canonicalOf(String email) {
    return db.sql("select canonical_id from identity_key where kind = 'email' and key_hash = ?")
        .param(vault.blindIndex("email", email)).query(String.class).single();
  }

  private long pending() {
    return db.sql("select count(*) from sync_job where status = 'PENDING'").query(Long.class).single()
        + db.sql("select count(*) from outbox_task where status = 'PENDING'").query(Long.class).single();
  }

  @SuppressWarnings("unchecked")
  private long mailchimpWebhooksDelivered() {
    Map<String, Object> all = (Map<String, Object>) vendors.counters().get("webhooks");
    Map<String, Object> v = all == null ? null : (Map<String, Object>) all.get("mailchimp");
    return v == null ? 0 : ((Number) v.getOrDefault("delivered", 0)).longValue();
  }
}
