package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.events.DomainEvents;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A vendor merge (HubSpot {@code contact.merge}) is one spine operation: the two records become one, the merged id
 * redirects, links, keys and history move, owed writes are coalesced into the survivor's, and nothing is ever
 * written to the merged-away object again.
 */
class RecordMergesTests {
  final SpineFixture f = new SpineFixture();

  private String person(String email, String firstName) {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, email, ContactField.FIRST_NAME, firstName));
    f.webhook(f.hubspot, id);
    f.inbound();
    return id;
  }

  private String canonical(String email) {
    return f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, email).orElseThrow();
  }

  /** What HubSpot does: B's values fill A's gaps, B's id resolves to A, and it fires merge for both. */
  private void mergeInHubSpot(String survivor, String merged) {
    f.clock.advance(Duration.ofSeconds(2));
    f.hubspot.edit(survivor, Map.of(ContactField.PHONE, "+14155550123"));
    f.hubspot.remove(merged);
    f.tx.executeWithoutResult(s -> {
      f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(), f.hubspot.changed(survivor), "corr-merge");
      f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(), InboundEvent.merged("merge-1", "contact", merged,
          survivor, f.clock.instant(), null), "corr-merge");
    });
  }

  @Test
  void twoRecordsBecomeOneWhoseOldIdRedirectsWithLinksKeysAndHistoryMoved() {
    String a = person("ann@example.com", "Ann");
    String b = person("ann.lee@example.com", "Annie");
    f.egress();
    String ca = canonical("ann@example.com");
    String cb = canonical("ann.lee@example.com");
    assertThat(ca).isNotEqualTo(cb);

    mergeInHubSpot(a, b);
    f.inbound();

    assertThat(f.golden.count(SpineFixture.TENANT)).isEqualTo(1);
    assertThat(f.golden.find(SpineFixture.TENANT, cb).orElseThrow().id()).isEqualTo(ca);
    assertThat(canonical("ann.lee@example.com")).isEqualTo(ca);
    Links.Link mergedAway = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", b).orElseThrow();
    assertThat(mergedAway.canonicalId()).isEqualTo(ca);
    assertThat(mergedAway.tombstone()).isEqualTo(Links.Tombstone.MERGED);
    // both Mailchimp members now belong to the survivor; writes go to its own member
    String memberOfB = f.mailchimp.byEmail("ann.lee@example.com").orElseThrow().id();
    Links.Link moved = f.links.byExternal(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", memberOfB)
        .orElseThrow();
    assertThat(moved.canonicalId()).isEqualTo(ca);
    assertThat(moved.primary()).isFalse();
    assertThat(f.links.byCanonical(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", ca).orElseThrow()
        .externalId()).isEqualTo(f.mailchimp.byEmail("ann@example.com").orElseThrow().id());
    assertThat(f.db.sql("select count(*) from record_history where canonical_id = ?").param(cb).query(Long.class)
        .single()).isZero();
    assertThat(f.events.events.recent(SpineFixture.TENANT, DomainEvents.RECORD_MERGED, 5)).singleElement()
        .satisfies(e -> assertThat(e.payload()).containsEntry("canonical_id", ca).containsEntry("merged_id", cb));

    // the survivor's new phone reaches its member; nothing is written to the merged-away HubSpot contact again
    int hubspotWrites = f.hubspot.writeCalls.get();
    f.egress();
    assertThat(f.mailchimp.byEmail("ann@example.com").orElseThrow().fields())
        .containsEntry(ContactField.PHONE, "+14155550123");
    f.clock.advance(Duration.ofSeconds(2));
    f.mailchimp.edit(memberOfB, Map.of(ContactField.LAST_NAME, "Lee"));
    f.webhook(f.mailchimp, memberOfB);
    f.inbound();
    f.egress();
    assertThat(f.hubspot.writeCalls.get()).isEqualTo(hubspotWrites + 1);
    assertThat(f.hubspot.get(a).fields()).containsEntry(ContactField.LAST_NAME, "Lee");
  }

  @Test
  void aPendingWriteOfTheMergedRecordIsCoalescedIntoTheSurvivors() {
    String a = person("bo@example.com", "Bo");
    String b = person("bo.r@example.com", "Bob");
    f.egress();
    f.clock.advance(Duration.ofSeconds(1));
    f.hubspot.edit(b, Map.of(ContactField.LAST_NAME, "Ray"));
    f.webhook(f.hubspot, b);
    f.inbound(); // a write of B to Mailchimp is now pending
    String cb = canonical("bo.r@example.com");
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), cb)).get()
        .extracting(Outbox.State::status).isEqualTo(Outbox.PENDING);

    mergeInHubSpot(a, b);
    f.inbound();

    String ca = canonical("bo@example.com");
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), cb)).isEmpty();
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), ca)).get()
        .extracting(Outbox.State::status).isEqualTo(Outbox.PENDING);
    // the survivor took B's last name (it had none) and sends it to its own member
    f.egress();
    assertThat(f.mailchimp.byEmail("bo@example.com").orElseThrow().fields()).containsEntry(ContactField.LAST_NAME, "Ray");
  }

  @Test
  void aMergeWaitsWhileAWriteOfTheMergedRecordIsInFlight() {
    String a = person("cy@example.com", "Cy");
    String b = person("cy.d@example.com", "Cyd");
    String cb = canonical("cy.d@example.com");
    f.outbox.claim("egress", 10, f.clock.instant().plusSeconds(60)); // both writes to Mailchimp in flight
    mergeInHubSpot(a, b);
    f.inbound();
    assertThat(f.golden.count(SpineFixture.TENANT)).isEqualTo(2);
    f.tx.executeWithoutResult(s -> f.db.sql("update outbox_task set lease_owner = null, lease_until = null").update());
    f.clock.advance(Duration.ofSeconds(1));
    f.inbound();
    assertThat(f.golden.count(SpineFixture.TENANT)).isEqualTo(1);
    assertThat(f.golden.find(SpineFixture.TENANT, cb).orElseThrow().id()).isEqualTo(canonical("cy@example.com"));
  }

  @Test
  void aWriteThatLandsOnTheSurvivorBeforeTheMergeEventNeverTakesTheSurvivorsLinkAndTheMergeStillFolds() {
    String a = person("dee@example.com", "Dee");
    String b = person("dee.x@example.com", "Deedee");
    f.egress();
    String ca = canonical("dee@example.com");
    String cb = canonical("dee.x@example.com");
    // B changes in Mailchimp; HubSpot merges B into A before our write of that change reaches it
    String memberOfB = f.mailchimp.byEmail("dee.x@example.com").orElseThrow().id();
    f.clock.advance(Duration.ofSeconds(2));
    f.mailchimp.edit(memberOfB, Map.of(ContactField.LAST_NAME, "Xu"));
    f.webhook(f.mailchimp, memberOfB);
    f.inbound();
    f.hubspot.mergedInto.put(b, a);
    f.egress(); // lands on A's contact, answers A's id

    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", a).orElseThrow()
        .canonicalId()).as("the survivor's contact stays the survivor's").isEqualTo(ca);
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", b).orElseThrow()
        .canonicalId()).isEqualTo(cb);

    f.hubspot.remove(b);
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        InboundEvent.merged("merge-2", "contact", b, a, f.clock.instant(), null), "corr-merge"));
    f.inbound();
    assertThat(f.golden.find(SpineFixture.TENANT, cb).orElseThrow().id()).isEqualTo(ca);
  }

  @Test
  void aMergeIntoAnObjectNotLinkedYetLinksItToTheMergedRecord() {
    String b = person("eli@example.com", "Eli");
    String cb = canonical("eli@example.com");
    String survivor = f.hubspot.create(Map.of(ContactField.EMAIL, "eli.new@example.com", ContactField.FIRST_NAME, "Eli"));
    f.hubspot.remove(b);
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        InboundEvent.merged("merge-3", "contact", b, survivor, f.clock.instant(), null), "corr-merge"));
    f.inbound();
    Links.Link linked = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", survivor)
        .orElseThrow();
    assertThat(linked.canonicalId()).isEqualTo(cb);
    assertThat(linked.primary()).isTrue();
    // the survivor's own change then applies to that record instead of making a new one
    f.webhook(f.hubspot, survivor);
    f.inbound();
    assertThat(f.golden.count(SpineFixture.TENANT)).isEqualTo(1);
  }
}
