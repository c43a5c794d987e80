package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.events.DomainEvents;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deletion at a source reaches a target only where the target's policy for the type is on: the target's object is
 * deleted the way its connector declares, its link tombstoned, and the target's echo of that deletion does nothing.
 * Off by default; never for a privacy deletion; nothing for a record never linked in the target.
 */
class DeletePropagationTests {
  final SpineFixture f = new SpineFixture();

  /** A HubSpot contact synced to a Mailchimp member; returns the HubSpot id. */
  private String synced(String email) {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, email, ContactField.FIRST_NAME, "Ann"));
    f.webhook(f.hubspot, id);
    f.inbound();
    f.egress();
    assertThat(f.mailchimp.byEmail(email)).isPresent();
    return id;
  }

  private void deletedInHubSpot(String id) {
    f.clock.advance(Duration.ofSeconds(1));
    f.hubspot.remove(id);
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(), f.hubspot.deleted(id),
        "corr-del"));
    f.inbound();
  }

  private void archiveInMailchimpOn() {
    f.settings(f.mailchimp, Map.of("deletePropagation.contact", "archive"));
  }

  private String canonical(String email) {
    return f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, email).orElseThrow();
  }

  private String operation(String canonicalId) {
    return f.db.sql("select operation from outbox_task where connection_id = ? and canonical_id = ?")
        .params(f.mailchimpConnection.id(), canonicalId).query(String.class).optional().orElse(null);
  }

  private Links.Link mailchimpLink(String email) {
    return f.links.byCanonical(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", canonical(email))
        .orElseThrow();
  }

  private long synced() {
    return f.db.sql("select count(*) from domain_event where name = ?").param(DomainEvents.CRM_SYNCED)
        .query(Long.class).single();
  }

  @Test
  void withThePolicyOffByDefaultADeletionStaysAtItsSource() {
    String id = synced("off@example.com");
    deletedInHubSpot(id);
    f.settle();
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", id).orElseThrow()
        .tombstone()).isEqualTo(Links.Tombstone.DELETED);
    assertThat(f.mailchimp.deleteRequests).isEmpty();
    assertThat(f.mailchimp.byEmail("off@example.com")).isPresent();
    assertThat(mailchimpLink("off@example.com").live()).isTrue();
  }

  @Test
  void withThePolicyOnTheMemberIsArchivedItsLinkTombstonedAndItsEchoDoesNothing() {
    archiveInMailchimpOn();
    String id = synced("on@example.com");
    String member = f.mailchimp.byEmail("on@example.com").orElseThrow().id();
    deletedInHubSpot(id);
    assertThat(operation(canonical("on@example.com"))).isEqualTo("DELETE");

    f.egress();
    assertThat(f.mailchimp.deleteRequests).containsExactly(member);
    assertThat(f.mailchimp.byEmail("on@example.com")).isEmpty();
    Links.Link link = mailchimpLink("on@example.com");
    assertThat(link.tombstone()).isEqualTo(Links.Tombstone.DELETED);
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), canonical("on@example.com")))
        .get().extracting(Outbox.State::status).isEqualTo(Outbox.DONE);

    // Mailchimp's webhook for the archive we made: nothing is written, emitted or propagated
    long events = synced();
    int hubspotWrites = f.hubspot.writeCalls.get();
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.mailchimpConnection.id(),
        f.mailchimp.deleted(member), "corr-echo"));
    f.settle();
    assertThat(synced()).isEqualTo(events);
    assertThat(f.hubspot.writeCalls.get()).isEqualTo(hubspotWrites);
    assertThat(f.mailchimp.deleteRequests).hasSize(1);
    assertThat(f.db.sql("select count(*) from outbox_task where status = 'PENDING'").query(Long.class).single())
        .isZero();
  }

  @Test
  void theEchoArrivingWhileOurDeleteIsOnTheWireDoesNothingEither() {
    archiveInMailchimpOn();
    String id = synced("wire@example.com");
    String member = f.mailchimp.byEmail("wire@example.com").orElseThrow().id();
    deletedInHubSpot(id);
    f.settings(f.hubspot, Map.of("deletePropagation.contact", "on")); // a bounce back would be a delete to HubSpot
    f.outbox.claim("other-worker", 10, f.clock.instant().plusSeconds(60)); // our delete is being sent …
    f.mailchimp.remove(member); // … Mailchimp has archived the member and its webhook comes before the answer
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.mailchimpConnection.id(),
        f.mailchimp.deleted(member), "corr-echo"));
    long events = synced();
    f.inbound();
    assertThat(synced()).isEqualTo(events);
    assertThat(f.db.sql("select count(*) from outbox_task where connection_id = ? and operation = 'DELETE'")
        .param(f.hubspotConnection.id()).query(Long.class).single()).isZero();
  }

  /** The delete waits (Mailchimp is rate limited); a later update of the record must not turn it back into a write. */
  @Test
  void aLaterUpdateDoesNotCancelAPendingDeleteWhileTheSourceStillHasItDeleted() {
    archiveInMailchimpOn();
    String id = synced("sticky@example.com");
    deletedInHubSpot(id);
    assertThat(operation(canonical("sticky@example.com"))).isEqualTo("DELETE");
    // e.g. the contact's company renamed: every member of it gets an update
    f.tx.executeWithoutResult(s -> f.outbox.enqueue(SpineFixture.TENANT, f.mailchimpConnection.id(),
        canonical("sticky@example.com"), "contact", 9, f.clock.instant(), "corr-rename"));
    assertThat(operation(canonical("sticky@example.com"))).isEqualTo("DELETE");
    f.egress();
    assertThat(f.mailchimp.byEmail("sticky@example.com")).isEmpty();
  }

  @Test
  void aPendingUpdateCoalescedWithALaterDeleteBecomesTheDelete() {
    archiveInMailchimpOn();
    String id = synced("both@example.com");
    f.clock.advance(Duration.ofSeconds(1));
    f.hubspot.edit(id, Map.of(ContactField.LAST_NAME, "Lee"));
    f.webhook(f.hubspot, id);
    f.inbound();
    assertThat(operation(canonical("both@example.com"))).isEqualTo("UPSERT");
    int writes = f.mailchimp.writeCalls.get();

    deletedInHubSpot(id);
    assertThat(operation(canonical("both@example.com"))).isEqualTo("DELETE");
    f.egress();
    assertThat(f.mailchimp.writeCalls.get()).isEqualTo(writes);
    assertThat(f.mailchimp.deleteRequests).hasSize(1);
  }

  @Test
  void aRestoreAtTheSourceBeforeTheDeleteIsSentCancelsIt() {
    archiveInMailchimpOn();
    String id = synced("back@example.com");
    var kept = f.hubspot.get(id);
    deletedInHubSpot(id);
    // restored in HubSpot (the same object, unchanged) before egress ran
    f.clock.advance(Duration.ofSeconds(1));
    f.hubspot.restore(kept);
    f.webhook(f.hubspot, id);
    f.inbound();
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", id).orElseThrow().live())
        .isTrue();
    f.egress();
    assertThat(f.mailchimp.deleteRequests).isEmpty();
    assertThat(mailchimpLink("back@example.com").live()).isTrue();
  }

  @Test
  void aRecordNeverLinkedInTheTargetGetsNothing() {
    archiveInMailchimpOn();
    // phone-only: never becomes a Mailchimp member
    String id = f.hubspot.create(Map.of(ContactField.PHONE, "+14155550199", ContactField.FIRST_NAME, "Pho"));
    f.webhook(f.hubspot, id);
    f.settle();
    deletedInHubSpot(id);
    assertThat(f.db.sql("select count(*) from outbox_task where operation = 'DELETE'").query(Long.class).single())
        .isZero();
    f.settle();
    assertThat(f.mailchimp.deleteRequests).isEmpty();
  }

  @Test
  void aPrivacyDeletionIsNeverPropagatedAsAnArchive() {
    archiveInMailchimpOn();
    String id = synced("gdpr@example.com");
    f.hubspot.remove(id);
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        new InboundEvent("erase-1", "contact", id, InboundEvent.Kind.ERASED, null, f.clock.instant()), "corr"));
    f.settle();
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", id).orElseThrow()
        .tombstone()).isEqualTo(Links.Tombstone.ERASED);
    assertThat(f.mailchimp.deleteRequests).isEmpty();
    assertThat(mailchimpLink("gdpr@example.com").live()).isTrue();
  }

  @Test
  void aPlainDeletionReportedAfterThePrivacyDeletionLeavesThePersonErased() {
    String id = synced("erased@example.com");
    f.hubspot.remove(id);
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        new InboundEvent("erase-2", "contact", id, InboundEvent.Kind.ERASED, null, f.clock.instant()), "corr"));
    f.inbound();
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(), f.hubspot.deleted(id),
        "corr"));
    f.inbound();
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", id).orElseThrow()
        .tombstone()).isEqualTo(Links.Tombstone.ERASED);
  }

  @Test
  void aFailedDeleteIsRetriedAndThenSent() {
    archiveInMailchimpOn();
    String id = synced("retry@example.com");
    deletedInHubSpot(id);
    f.mailchimp.deleteFailure = () -> new VendorException(503, true, null, "server_error", "mailchimp answered 503");
    f.egress();
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), canonical("retry@example.com")))
        .get().satisfies(st -> {
          assertThat(st.status()).isEqualTo(Outbox.PENDING);
          assertThat(st.attempts()).isEqualTo(1);
        });
    f.mailchimp.deleteFailure = null;
    f.settle();
    assertThat(f.mailchimp.deleteRequests).hasSize(1);
    assertThat(mailchimpLink("retry@example.com").tombstone()).isEqualTo(Links.Tombstone.DELETED);
  }
}
