package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.events.Alerts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Egress's contract: pending writes go out per connection in batches, only what the target does not hold yet;
 * per-item refusals are dead letters (one open alert per connection, resolved after a successful replay);
 * retryable failures are retried on the backoff schedule and then dead-lettered; refused credentials make the
 * writes wait without spending attempts.
 */
class EgressTests {
  final SpineFixture f = new SpineFixture();

  /** A HubSpot person arrives and is applied: a write to Mailchimp is pending. */
  private String person(String email, String firstName) {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, email, ContactField.FIRST_NAME, firstName));
    f.webhook(f.hubspot, id);
    f.inbound();
    return id;
  }

  private String status(String email) {
    return f.db.sql("select o.status from outbox_task o where o.connection_id = ? and o.canonical_id = ?")
        .params(f.mailchimpConnection.id(), f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL,
            email).orElseThrow())
        .query(String.class).single();
  }

  @Test
  void pendingWritesOfOneConnectionGoOutInOneBatch() {
    for (int i = 0; i < 30; i++) {
      person("p" + i + "@example.com", "P" + i);
    }
    f.egress();
    assertThat(f.mailchimp.writeCalls.get()).isEqualTo(1);
    assertThat(f.mailchimp.batches.getFirst()).hasSize(30);
    assertThat(f.mailchimp.size()).isEqualTo(30);
  }

  @Test
  void onlyWhatTheTargetDoesNotHoldIsSentAndNothingWhenItHoldsEverything() {
    String id = person("ann@example.com", "Ann");
    f.egress();
    f.hubspot.edit(id, Map.of(ContactField.LAST_NAME, "Lee"));
    f.clock.advance(Duration.ofSeconds(1));
    f.webhook(f.hubspot, id);
    f.inbound();
    f.egress();
    WriteRequest update = f.mailchimp.batches.get(1).getFirst();
    assertThat(update.desired().fields()).containsOnlyKeys(ContactField.EMAIL, ContactField.LAST_NAME);

    // a task whose values the target already holds finishes without a call
    String canonical = f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, "ann@example.com")
        .orElseThrow();
    f.tx.executeWithoutResult(s -> f.outbox.enqueue(SpineFixture.TENANT, f.mailchimpConnection.id(), canonical,
        "contact", 99, f.clock.instant(), "corr"));
    int calls = f.mailchimp.writeCalls.get();
    f.egress();
    assertThat(f.mailchimp.writeCalls.get()).isEqualTo(calls);
    assertThat(status("ann@example.com")).isEqualTo(Outbox.DONE);
  }

  /** A field the binding groups with another (a deal's stage with its pipeline) is never sent without it. */
  @Test
  void aFieldIsSentWithTheFieldsItsBindingGroupsItWith() {
    f.mailchimp.fieldGroups = List.of(java.util.Set.of(ContactField.LAST_NAME, ContactField.FIRST_NAME));
    String id = person("gus@example.com", "Gus");
    f.egress();
    f.hubspot.edit(id, Map.of(ContactField.LAST_NAME, "Lee"));
    f.clock.advance(Duration.ofSeconds(1));
    f.webhook(f.hubspot, id);
    f.inbound();
    f.egress();
    WriteRequest update = f.mailchimp.batches.get(1).getFirst();
    assertThat(update.desired().fields()).containsOnlyKeys(ContactField.EMAIL, ContactField.LAST_NAME,
        ContactField.FIRST_NAME).containsEntry(ContactField.FIRST_NAME, "Gus");
  }

  @Test
  void refusedItemsAreDeadLetteredWithOneOpenAlertResolvedWhenTheyAreReplayed() {
    f.mailchimp.rejectEmails.add("bad1@example.com");
    f.mailchimp.rejectEmails.add("bad2@example.com");
    person("bad1@example.com", "B1");
    person("bad2@example.com", "B2");
    person("good@example.com", "G");
    f.egress();
    assertThat(status("good@example.com")).isEqualTo(Outbox.DONE);
    assertThat(status("bad1@example.com")).isEqualTo(Outbox.DEAD);
    assertThat(openAlerts(Egress.DEAD_LETTER)).hasSize(1);

    f.mailchimp.rejectEmails.clear();
    f.outbox.deadLetters(SpineFixture.TENANT, 10).forEach(d -> f.outbox.replay(SpineFixture.TENANT, d.id()));
    f.egress();
    assertThat(status("bad1@example.com")).isEqualTo(Outbox.DONE);
    assertThat(openAlerts(Egress.DEAD_LETTER)).isEmpty();
  }

  @Test
  void aFailingVendorIsRetriedOnTheBackoffScheduleThenTheWriteIsDeadLettered() {
    f.mailchimp.writeFailure = () -> new VendorException(503, true, null, "server_error", "mailchimp answered 503");
    person("dee@example.com", "Dee");
    f.egress(); // attempt 1
    for (int attempt = 2; attempt <= 8; attempt++) {
      int calls = f.mailchimp.writeCalls.get();
      f.egress(); // not due yet: nothing sent
      assertThat(f.mailchimp.writeCalls.get()).as("attempt %d early", attempt).isEqualTo(calls);
      f.clock.advance(Duration.ofMinutes(1)); // past any backoff, past the open breaker
      f.egress();
    }
    assertThat(status("dee@example.com")).isEqualTo(Outbox.DEAD);
    assertThat(connection().status()).isEqualTo(Connection.ERROR);
    assertThat(openAlerts("connection_failing")).hasSize(1);
  }

  @Test
  void refusedCredentialsMakeTheWritesWaitWithoutSpendingAttempts() {
    f.mailchimp.writeFailure = () -> new VendorException(401, false, null, "API Key Invalid", "mailchimp answered 401");
    person("eve@example.com", "Eve");
    person("fay@example.com", "Fay");
    f.egress();
    assertThat(connection().status()).isEqualTo(Connection.CREDENTIALS_REJECTED);
    assertThat(f.outbox.hasDead(SpineFixture.TENANT, f.mailchimpConnection.id())).isFalse();
    assertThat(openAlerts("credentials_rejected")).hasSize(1);
    f.clock.advance(Duration.ofHours(1));
    int calls = f.mailchimp.writeCalls.get();
    f.egress();
    assertThat(f.mailchimp.writeCalls.get()).as("no call while the credentials are refused").isEqualTo(calls);
    assertThat(f.db.sql("select max(attempts) from outbox_task").query(Integer.class).single()).isZero();
  }

  @Test
  void aChangeThatArrivesWhileTheRecordIsBeingSentIsSentAfterIt() {
    String id = person("gus@example.com", "Gus");
    f.mailchimp.duringWrite = () -> {
      f.hubspot.edit(id, Map.of(ContactField.FIRST_NAME, "Gustav"));
      f.webhook(f.hubspot, id);
      f.inbound();
    };
    f.egress();
    f.settle();
    assertThat(f.mailchimp.byEmail("gus@example.com").orElseThrow().fields())
        .containsEntry(ContactField.FIRST_NAME, "Gustav");
  }

  @Test
  void aRecordWhoseObjectTheTargetDeletedIsNeverCreatedThereAgain() {
    String id = person("joe@example.com", "Joe");
    f.egress();
    String member = f.mailchimp.byEmail("joe@example.com").orElseThrow().id();
    // The person is deleted (a GDPR erase) in Mailchimp, then edited in HubSpot.
    f.mailchimp.remove(member);
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.mailchimpConnection.id(),
        new dev.switchboard.app.connectors.InboundEvent("del-" + member, "contact", member,
            dev.switchboard.app.connectors.InboundEvent.Kind.ERASED, null, f.clock.instant()), "corr"));
    f.inbound();
    f.clock.advance(Duration.ofSeconds(5));
    f.hubspot.edit(id, Map.of(ContactField.FIRST_NAME, "Joseph"));
    f.webhook(f.hubspot, id);
    f.inbound();
    int calls = f.mailchimp.writeCalls.get();
    f.egress();

    assertThat(f.mailchimp.writeCalls.get()).isEqualTo(calls);
    assertThat(f.mailchimp.byEmail("joe@example.com")).isEmpty();
    assertThat(status("joe@example.com")).isEqualTo(Outbox.SKIPPED);
    assertThat(f.meters.counter("switchboard.sync.tombstoned.skipped", "system", "mailchimp").count()).isEqualTo(1);
  }

  @Test
  void writesOfTwoObjectTypesToOneConnectionGoOutAsOneBatchPerType() {
    String member = f.mailchimp.create(Map.of(ContactField.EMAIL, "kay@example.com", ContactField.FIRST_NAME, "Kay"));
    f.webhook(f.mailchimp, member);
    f.inbound(); // the contact is owed to HubSpot
    String company = java.util.UUID.randomUUID().toString();
    f.tx.executeWithoutResult(s -> {
      f.golden.insert(SpineFixture.TENANT, company, "company",
          Map.of("name", new FieldValue("Acme", "api", f.clock.instant())));
      f.outbox.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(), company, "company", 1, f.clock.instant(), "c");
    });
    f.egress();
    assertThat(f.hubspot.batches).hasSize(2).allSatisfy(batch ->
        assertThat(batch.stream().map(w -> w.desired().type()).distinct()).hasSize(1));
  }

  private Connection connection() {
    return f.connections.find(SpineFixture.TENANT, f.mailchimpConnection.id()).orElseThrow();
  }

  private List<Alerts.Alert> openAlerts(String code) {
    return f.events.alerts.recent(SpineFixture.TENANT, 50).stream().filter(a -> a.open() && a.code().equals(code)).toList();
  }
  /**
   * HubSpot created the contact but its answer never reached us (the call failed after the vendor applied it, as when
   * the process dies before the commit), and the record changed before the retry: the retry of the newer version
   * carries the same create key, so it updates the contact the first attempt made instead of making a second.
   */
  @Test
  void theCreateKeyIsTheSameAcrossRetriesAndVersions() {
    String id = f.mailchimp.create(Map.of(ContactField.EMAIL, "kim@example.com", ContactField.FIRST_NAME, "Kim"));
    f.webhook(f.mailchimp, id);
    f.inbound();
    f.hubspot.duringWrite = () -> {
      throw new VendorException(0, true, null, "network", "the answer was lost");
    };
    f.egress();
    f.mailchimp.edit(id, Map.of(ContactField.FIRST_NAME, "Kimberly", ContactField.PHONE, "+14155550100"));
    f.clock.advance(Duration.ofSeconds(1));
    f.webhook(f.mailchimp, id);
    f.inbound();
    f.clock.advance(Duration.ofMinutes(1));
    f.egress();

    assertThat(f.hubspot.batches).hasSize(2);
    WriteRequest first = f.hubspot.batches.get(0).getFirst();
    WriteRequest retry = f.hubspot.batches.get(1).getFirst();
    assertThat(retry.externalId()).as("not linked: the first answer was lost").isNull();
    assertThat(retry.desired().string(ContactField.FIRST_NAME)).isEqualTo("Kimberly");
    assertThat(first.createKey()).isNotBlank().isEqualTo(retry.createKey());
    assertThat(f.hubspot.size()).as("one contact").isEqualTo(1);
  }

  /** A record written to two connections carries a key per connection; neither says who the person is. */
  @Test
  void theCreateKeyDiffersPerConnectionAndRevealsNothing() {
    Instant now = f.clock.instant();
    SyncEngine.Outcome applied = f.tx.execute(s -> f.engine.apply(SpineFixture.TENANT, null, "api", null,
        f.engine.clean(SpineFixture.TENANT, CanonicalRecord.contact(Map.of(ContactField.EMAIL, "lee@example.com",
            ContactField.PHONE, "+14155550101"))), now, now, now, "corr"));
    f.egress();
    String hubspotKey = f.hubspot.batches.getFirst().getFirst().createKey();
    String mailchimpKey = f.mailchimp.batches.getFirst().getFirst().createKey();
    assertThat(hubspotKey).isNotBlank().isNotEqualTo(mailchimpKey);
    assertThat(mailchimpKey).isNotBlank();
    for (String key : List.of(hubspotKey, mailchimpKey)) {
      assertThat(key).doesNotContain("lee").doesNotContain("4155550101").doesNotContain(applied.canonicalId())
          .doesNotContain(f.hubspotConnection.id());
    }
    assertThat(hubspotKey).isEqualTo(f.externalIds.createKey(f.hubspotConnection.id(), applied.canonicalId()));
  }

  /** A person with a phone and no e-mail: created in HubSpot (by its key); Mailchimp, whose members are e-mails, skips it. */
  @Test
  void aPhoneOnlyPersonIsCreatedInHubSpotAndSkippedByMailchimp() {
    Instant now = f.clock.instant();
    f.tx.execute(s -> f.engine.apply(SpineFixture.TENANT, null, "api", null, f.engine.clean(SpineFixture.TENANT,
        CanonicalRecord.contact(Map.of(ContactField.PHONE, "+14155550102", ContactField.FIRST_NAME, "Pat"))),
        now, now, now, "corr"));
    f.settle();
    assertThat(f.hubspot.size()).isEqualTo(1);
    assertThat(f.hubspot.batches.getFirst().getFirst().createKey()).isNotBlank();
    assertThat(f.mailchimp.size()).isZero();
    assertThat(f.db.sql("select status from outbox_task where connection_id = ?").param(f.mailchimpConnection.id())
        .query(String.class).single()).isEqualTo(Outbox.SKIPPED);
  }
}
