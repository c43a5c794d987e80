package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.events.DomainEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's contract, one apply at a time: clean, identity, diff against what the source holds, field-level
 * last-modified-wins, then links, keys, history, outbox tasks and {@code crm.synced} in the caller's transaction.
 */
class SyncEngineTests {
  final SpineFixture f = new SpineFixture();

  private SyncEngine.Outcome apply(FakeConnector vendor, String id, Map<String, Object> fields, Instant modified,
      Instant readAt) {
    CanonicalRecord record = f.engine.clean(SpineFixture.TENANT, CanonicalRecord.contact(fields));
    return f.tx.execute(s -> f.engine.apply(SpineFixture.TENANT, f.connectionOf(vendor), vendor == f.hubspot ? "hubspot"
        : "mailchimp", id, record, modified, readAt, readAt, "corr-test"));
  }

  private long count(String sql) {
    return f.db.sql(sql).query(Long.class).single();
  }

  @Test
  void aNewPersonBecomesAGoldenRecordLinkedKeyedRecordedAndSentToTheOtherSystems() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "101", Map.of(ContactField.EMAIL, " Ann@Example.com ",
        ContactField.PHONE, "(415) 555-0100", ContactField.FIRST_NAME, "Ann"), t, t);

    assertThat(o.version()).isEqualTo(1);
    assertThat(f.golden.find(SpineFixture.TENANT, o.canonicalId()).orElseThrow().fields())
        .containsEntry(ContactField.EMAIL, new FieldValue("ann@example.com", "hubspot", t))
        .containsEntry(ContactField.PHONE, new FieldValue("+14155550100", "hubspot", t));
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "101")).isPresent();
    assertThat(f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.PHONE, "+14155550100"))
        .contains(o.canonicalId());
    assertThat(count("select count(*) from record_history")).isEqualTo(3);
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), o.canonicalId())).isPresent();
    assertThat(f.outbox.state(SpineFixture.TENANT, f.hubspotConnection.id(), o.canonicalId())).isEmpty();
    assertThat(f.events.published).filteredOn(e -> e instanceof DomainEvents.EventRecorded r
        && r.name().equals(DomainEvents.CRM_SYNCED)).hasSize(1);
  }

  @Test
  void replayingTheSameRecordChangesNothing() {
    Instant t = f.clock.instant();
    Map<String, Object> fields = Map.of(ContactField.EMAIL, "bo@example.com", ContactField.FIRST_NAME, "Bo");
    SyncEngine.Outcome first = apply(f.hubspot, "102", fields, t, t);
    f.clock.advance(Duration.ofSeconds(1));
    SyncEngine.Outcome again = apply(f.hubspot, "102", fields, t, f.clock.instant());
    assertThat(again.changes()).isEmpty();
    assertThat(again.echo()).isTrue();
    assertThat(again.version()).isEqualTo(first.version());
    assertThat(count("select count(*) from record_history")).isEqualTo(2);
  }

  @Test
  void theNewerChangeOfEachFieldWins() {
    Instant t0 = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "103", Map.of(ContactField.EMAIL, "cy@example.com",
        ContactField.FIRST_NAME, "Cy", ContactField.LAST_NAME, "Old"), t0, t0);
    apply(f.mailchimp, "m-1", Map.of(ContactField.EMAIL, "cy@example.com", ContactField.FIRST_NAME, "Cy",
        ContactField.LAST_NAME, "Old"), t0, t0); // Mailchimp holds the same person, linked
    f.clock.advance(Duration.ofSeconds(40));
    apply(f.hubspot, "103", Map.of(ContactField.EMAIL, "cy@example.com", ContactField.FIRST_NAME, "Cyrus",
        ContactField.LAST_NAME, "Old"), t0.plusSeconds(40), f.clock.instant());
    // Mailchimp's next read of the person, changed at t0 + 30 s: its last name is newer, its first name not
    f.clock.advance(Duration.ofSeconds(20));
    apply(f.mailchimp, "m-1", Map.of(ContactField.EMAIL, "cy@example.com", ContactField.FIRST_NAME, "C",
        ContactField.LAST_NAME, "New"), t0.plusSeconds(30), f.clock.instant());

    Map<String, FieldValue> golden = f.golden.find(SpineFixture.TENANT, o.canonicalId()).orElseThrow().fields();
    assertThat(golden.get(ContactField.FIRST_NAME)).isEqualTo(new FieldValue("Cyrus", "hubspot", t0.plusSeconds(40)));
    assertThat(golden.get(ContactField.LAST_NAME)).isEqualTo(new FieldValue("New", "mailchimp", t0.plusSeconds(30)));
  }

  @Test
  void aValueThatLosesIsQueuedBackToTheSourceThatSentIt() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "104", Map.of(ContactField.EMAIL, "di@example.com",
        ContactField.FIRST_NAME, "Diane"), t, t);
    f.tx.executeWithoutResult(s -> f.db.sql("delete from outbox_task").update());
    f.clock.advance(Duration.ofMinutes(1));
    apply(f.mailchimp, "m-2", Map.of(ContactField.EMAIL, "di@example.com", ContactField.FIRST_NAME, "Di"),
        t.minusSeconds(60), f.clock.instant()); // older than HubSpot's
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), o.canonicalId()))
        .as("Mailchimp must be sent the golden first name").isPresent();
  }

  @Test
  void twoPeopleWithOnePhoneButDifferentEmailsStayTwo() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome a = apply(f.hubspot, "105", Map.of(ContactField.EMAIL, "alice@office.example",
        ContactField.PHONE, "+12125550142"), t, t);
    SyncEngine.Outcome b = apply(f.hubspot, "106", Map.of(ContactField.EMAIL, "bob@office.example",
        ContactField.PHONE, "+12125550142"), t, t);
    assertThat(b.canonicalId()).isNotEqualTo(a.canonicalId());
  }

  @Test
  void theSamePersonInAnotherSystemIsMatchedByEmail() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome a = apply(f.hubspot, "107", Map.of(ContactField.EMAIL, "eve@example.com"), t, t);
    SyncEngine.Outcome b = apply(f.mailchimp, "m-3", Map.of(ContactField.EMAIL, "EVE@example.com"), t, t);
    assertThat(b.canonicalId()).isEqualTo(a.canonicalId());
    assertThat(count("select count(*) from golden_record")).isEqualTo(1);
  }

  @Test
  void aReadTakenWhileOurWriteIsInFlightWaitsAndOneTakenBeforeItLandedIsReadAgain() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "108", Map.of(ContactField.EMAIL, "fay@example.com"), t, t);
    // egress has claimed the write to Mailchimp: a Mailchimp read is deferred
    f.outbox.claim("egress", 10, f.clock.instant().plusSeconds(60));
    assertThat(apply(f.mailchimp, "m-4", Map.of(ContactField.EMAIL, "fay@example.com"), t, t).deferred()).isTrue();
    // the write landed and linked the member after a read started: that read may predate it
    f.tx.executeWithoutResult(s -> f.db.sql("update outbox_task set lease_owner = null, lease_until = null").update());
    f.links.put(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", "m-4", null, o.canonicalId(),
        Map.of(ContactField.EMAIL, "fay@example.com"), t, true, "created");
    Instant before = f.clock.instant().minusMillis(1);
    assertThat(apply(f.mailchimp, "m-4", Map.of(ContactField.EMAIL, "fay@example.com"), t, before).stale()).isTrue();
  }

  @Test
  void anObjectDeletedAtTheVendorIsTombstonedAndARestoreRevivesTheSameLinkAndRecord() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "109", Map.of(ContactField.EMAIL, "gil@example.com"), t, t);
    f.tx.executeWithoutResult(s -> f.engine.tombstoneDeleted(SpineFixture.TENANT, f.hubspotConnection, "contact", "109",
        Links.Tombstone.DELETED));
    Links.Link dead = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "109").orElseThrow();
    assertThat(dead.tombstone()).isEqualTo(Links.Tombstone.DELETED);
    assertThat(dead.snapshot()).isEmpty(); // a deleted object's values are not kept
    assertThat(f.golden.find(SpineFixture.TENANT, o.canonicalId())).isPresent();

    f.clock.advance(Duration.ofMinutes(1));
    SyncEngine.Outcome restored = apply(f.hubspot, "109", Map.of(ContactField.EMAIL, "gil@example.com"),
        f.clock.instant(), f.clock.instant());
    assertThat(restored.canonicalId()).isEqualTo(o.canonicalId());
    Links.Link revived = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "109").orElseThrow();
    assertThat(revived.live()).isTrue();
    assertThat(revived.primary()).isTrue();
  }

  @Test
  void aPersonCreatedAgainWhereTheirObjectWasDeletedGetsTheSameRecordWithTheNewObjectAsPrimary() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "110", Map.of(ContactField.EMAIL, "ida@example.com"), t, t);
    f.tx.executeWithoutResult(s -> f.engine.tombstoneDeleted(SpineFixture.TENANT, f.hubspotConnection, "contact", "110",
        Links.Tombstone.DELETED));
    f.clock.advance(Duration.ofMinutes(1));
    SyncEngine.Outcome again = apply(f.hubspot, "111", Map.of(ContactField.EMAIL, "ida@example.com"),
        f.clock.instant(), f.clock.instant());
    assertThat(again.canonicalId()).isEqualTo(o.canonicalId());
    Links.Link primary = f.links.byCanonical(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", o.canonicalId())
        .orElseThrow();
    assertThat(primary.externalId()).isEqualTo("111");
    assertThat(primary.live()).isTrue();
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "110").orElseThrow()
        .primary()).isFalse();
  }

  @Test
  void aChangeFromASystemNotAllowedToChangeTheFieldIsNotMergedAndTheGoldenValueGoesBackThere() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "112", Map.of(ContactField.EMAIL, "jo@example.com",
        ContactField.FIRST_NAME, "Jo"), t, t);
    apply(f.mailchimp, "m-jo", Map.of(ContactField.EMAIL, "jo@example.com", ContactField.FIRST_NAME, "Jo"), t, t);
    f.tx.executeWithoutResult(s -> f.authority.set(SpineFixture.TENANT, "contact", ContactField.FIRST_NAME,
        java.util.Set.of("hubspot")));
    f.tx.executeWithoutResult(s -> f.db.sql("update outbox_task set status = 'DONE'").update());

    f.clock.advance(Duration.ofMinutes(1));
    SyncEngine.Outcome edit = apply(f.mailchimp, "m-jo", Map.of(ContactField.EMAIL, "jo@example.com",
        ContactField.FIRST_NAME, "Joanna", ContactField.LAST_NAME, "Ray"), f.clock.instant(), f.clock.instant());

    var fields = f.golden.find(SpineFixture.TENANT, o.canonicalId()).orElseThrow().fields();
    assertThat(fields.get(ContactField.FIRST_NAME).value()).isEqualTo("Jo"); // not allowed: not merged
    assertThat(fields.get(ContactField.LAST_NAME).value()).isEqualTo("Ray"); // allowed: merged
    assertThat(edit.changes()).extracting(Merge.Change::field).containsExactly(ContactField.LAST_NAME);
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), o.canonicalId())).get()
        .extracting(Outbox.State::status).isEqualTo(Outbox.PENDING); // Mailchimp gets "Jo" back
    assertThat(f.meters.counter("switchboard.sync.unauthorized.ignored", "system", "mailchimp").count()).isEqualTo(1);
  }

  @Test
  void onAFirstLinkASystemThatIsNotTheSeedOnlyFillsWhatTheRecordLacksAndIsWrittenTheRest() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "113", Map.of(ContactField.EMAIL, "lu@example.com",
        ContactField.FIRST_NAME, "Lucia"), t, t);
    f.tx.executeWithoutResult(s -> f.db.sql("update outbox_task set status = 'DONE'").update());
    // Mailchimp's member of the same person is first seen later (its initial sync), with an older, shorter name
    f.clock.advance(Duration.ofMinutes(5));
    SyncEngine.Outcome first = apply(f.mailchimp, "m-lu", Map.of(ContactField.EMAIL, "lu@example.com",
        ContactField.FIRST_NAME, "Lu", ContactField.LAST_NAME, "Moreno"), f.clock.instant(), f.clock.instant());

    assertThat(first.canonicalId()).isEqualTo(o.canonicalId());
    var fields = f.golden.find(SpineFixture.TENANT, o.canonicalId()).orElseThrow().fields();
    assertThat(fields.get(ContactField.FIRST_NAME).value()).isEqualTo("Lucia");
    assertThat(fields.get(ContactField.LAST_NAME).value()).isEqualTo("Moreno");
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), o.canonicalId())).get()
        .extracting(Outbox.State::status).isEqualTo(Outbox.PENDING); // Mailchimp gets "Lucia"

    // once linked, a real edit there is a change like any other
    f.clock.advance(Duration.ofMinutes(1));
    apply(f.mailchimp, "m-lu", Map.of(ContactField.EMAIL, "lu@example.com", ContactField.FIRST_NAME, "Luz",
        ContactField.LAST_NAME, "Moreno"), f.clock.instant(), f.clock.instant());
    assertThat(f.golden.find(SpineFixture.TENANT, o.canonicalId()).orElseThrow().fields().get(ContactField.FIRST_NAME)
        .value()).isEqualTo("Luz");
  }

  @Test
  void onAFirstLinkTheSeedSystemsNewerValuesWin() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.mailchimp, "m-vi", Map.of(ContactField.EMAIL, "vi@example.com",
        ContactField.FIRST_NAME, "Vi"), t, t);
    f.clock.advance(Duration.ofMinutes(5));
    apply(f.hubspot, "114", Map.of(ContactField.EMAIL, "vi@example.com", ContactField.FIRST_NAME, "Violet"),
        f.clock.instant(), f.clock.instant());
    assertThat(f.golden.find(SpineFixture.TENANT, o.canonicalId()).orElseThrow().fields().get(ContactField.FIRST_NAME)
        .value()).isEqualTo("Violet");
  }

  @Test
  void aPersonCreatedAgainWhereTheyWereErasedIsSomeoneNewAndTheErasedLinkStays() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "115", Map.of(ContactField.EMAIL, "eve@example.com",
        ContactField.PHONE, "+14155550111"), t, t);
    f.tx.executeWithoutResult(s -> f.engine.tombstoneDeleted(SpineFixture.TENANT, f.hubspotConnection, "contact", "115",
        Links.Tombstone.ERASED));
    f.clock.advance(Duration.ofMinutes(1));
    SyncEngine.Outcome again = apply(f.hubspot, "116", Map.of(ContactField.EMAIL, "eve@example.com"),
        f.clock.instant(), f.clock.instant());
    // nothing of the erased record (its phone) may reach the new object: it is a new record
    assertThat(again.canonicalId()).isNotEqualTo(o.canonicalId());
    assertThat(f.golden.find(SpineFixture.TENANT, again.canonicalId()).orElseThrow().fields())
        .doesNotContainKey(ContactField.PHONE);
    Links.Link erased = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "115")
        .orElseThrow();
    assertThat(erased.tombstone()).isEqualTo(Links.Tombstone.ERASED);
    // and our own write landing on an erased object never revives it
    f.tx.executeWithoutResult(s -> f.links.put(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "115", "115",
        o.canonicalId(), Map.of(), null, true, "created"));
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "115").orElseThrow()
        .tombstone()).isEqualTo(Links.Tombstone.ERASED);
  }

  @Test
  void ourOwnWriteLandingOnAnObjectDeletedMeanwhileDoesNotReviveItsLink() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.hubspot, "117", Map.of(ContactField.EMAIL, "ray@example.com"), t, t);
    f.tx.executeWithoutResult(s -> f.engine.tombstoneDeleted(SpineFixture.TENANT, f.hubspotConnection, "contact", "117",
        Links.Tombstone.DELETED));
    f.tx.executeWithoutResult(s -> f.links.put(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "117", "117",
        o.canonicalId(), Map.of(), null, true, "created"));
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "117").orElseThrow()
        .tombstone()).isEqualTo(Links.Tombstone.DELETED);
  }

  @Test
  void anEmailChangedAtTheSourceMovesItsLinkInsteadOfCreatingAPerson() {
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f.mailchimp, "old-hash", Map.of(ContactField.EMAIL, "hal@example.com"), t, t);
    f.clock.advance(Duration.ofMinutes(1));
    CanonicalRecord moved = f.engine.clean(SpineFixture.TENANT,
        CanonicalRecord.contact(Map.of(ContactField.EMAIL, "hal@new.example")));
    SyncEngine.Outcome after = f.tx.execute(s -> f.engine.apply(SpineFixture.TENANT, f.mailchimpConnection, "mailchimp",
        "contact", "new-hash", "old-hash", moved, f.clock.instant(), null, f.clock.instant(), f.clock.instant(), "corr"));
    assertThat(after.canonicalId()).isEqualTo(o.canonicalId());
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", "new-hash")).isPresent();
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", "old-hash")).isEmpty();
    assertThat(f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, "hal@new.example"))
        .contains(o.canonicalId());
    assertThat(f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, "hal@example.com")).isEmpty();
  }
}
