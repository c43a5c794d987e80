package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connections.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbox's contract: one pending write per (target, record) that a newer version replaces; a write finished or
 * failed at an older version than the one now pending leaves the newer one pending; dead letters replay with a
 * fresh attempt budget; work of a connection that may not work is not claimed.
 */
class OutboxTests {
  final SpineFixture f = new SpineFixture();
  final String target = f.mailchimpConnection.id();

  private void enqueue(String canonicalId, long version) {
    f.tx.executeWithoutResult(s -> f.outbox.enqueue(SpineFixture.TENANT, target, canonicalId, "contact", version,
        f.clock.instant(), "corr"));
  }

  private Instant lease() {
    return f.clock.instant().plusSeconds(60);
  }

  @Test
  void aNewerVersionReplacesThePendingOneInsteadOfQueueingASecondWrite() {
    enqueue("c1", 1);
    enqueue("c1", 2);
    enqueue("c1", 3);
    List<Outbox.Task> claimed = f.outbox.claim("w", 10, lease());
    assertThat(claimed).singleElement().satisfies(t -> assertThat(t.version()).isEqualTo(3));
  }

  @Test
  void aVersionThatArrivesWhileTheWriteIsOnTheWireStaysPending() {
    enqueue("c1", 1);
    Outbox.Task sending = f.outbox.claim("w", 10, lease()).getFirst();
    assertThat(f.outbox.inFlight(SpineFixture.TENANT, target, "c1")).isTrue();
    enqueue("c1", 2);
    assertThat(f.outbox.finish(sending, "w", Outbox.DONE)).isTrue();
    assertThat(f.outbox.state(SpineFixture.TENANT, target, "c1").orElseThrow())
        .satisfies(s -> {
          assertThat(s.status()).isEqualTo(Outbox.PENDING);
          assertThat(s.version()).isEqualTo(2);
        });
    assertThat(f.outbox.inFlight(SpineFixture.TENANT, target, "c1")).isFalse();
  }

  @Test
  void aWorkerWhoseLeaseWasTakenOverCannotFinishTheTask() {
    enqueue("c1", 1);
    Outbox.Task first = f.outbox.claim("w1", 10, lease()).getFirst();
    f.clock.advance(Duration.ofMinutes(2)); // w1 hangs past its lease
    Outbox.Task second = f.outbox.claim("w2", 10, lease()).getFirst();
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(f.outbox.finish(first, "w1", Outbox.DONE)).isFalse();
    assertThat(f.outbox.finish(second, "w2", Outbox.DONE)).isTrue();
  }

  @Test
  void aFailedOldVersionIsNotDeadLetteredWhenANewerOneIsPending() {
    enqueue("c1", 1);
    Outbox.Task sending = f.outbox.claim("w", 10, lease()).getFirst();
    enqueue("c1", 2);
    assertThat(f.outbox.dead(sending, "w", "refused", "invalid")).isFalse();
    assertThat(f.outbox.state(SpineFixture.TENANT, target, "c1").orElseThrow().status()).isEqualTo(Outbox.PENDING);
    assertThat(f.outbox.hasDead(SpineFixture.TENANT, target)).isFalse();
  }

  @Test
  void aDeadLetterReplaysWithAFreshAttemptBudget() {
    enqueue("c1", 1);
    Outbox.Task sending = f.outbox.claim("w", 10, lease()).getFirst();
    f.outbox.retryAt(sending, "w", f.clock.instant(), "503", "server_error", true);
    sending = f.outbox.claim("w", 10, lease()).getFirst();
    assertThat(f.outbox.dead(sending, "w", "refused", "invalid")).isTrue();
    assertThat(f.outbox.hasDead(SpineFixture.TENANT, target)).isTrue();
    assertThat(f.outbox.claim("w", 10, lease())).isEmpty();

    long id = f.outbox.deadLetters(SpineFixture.TENANT, 10).getFirst().id();
    assertThat(f.outbox.replay("another-tenant", id)).isFalse();
    assertThat(f.outbox.replay(SpineFixture.TENANT, id)).isTrue();
    assertThat(f.outbox.claim("w", 10, lease())).singleElement().satisfies(t -> assertThat(t.attempts()).isZero());
  }

  @Test
  void nothingIsClaimedForAPausedConnectionOrOneWhoseCredentialsWereRefused() {
    enqueue("c1", 1);
    setStatus(Connection.PAUSED);
    assertThat(f.outbox.claim("w", 10, lease())).isEmpty();
    setStatus(Connection.CREDENTIALS_REJECTED);
    assertThat(f.outbox.claim("w", 10, lease())).isEmpty();
    setStatus(Connection.ERROR); // failing vendors are retried
    assertThat(f.outbox.claim("w", 10, lease())).hasSize(1);
  }

  @Test
  void finishedWritesArePurgedAfterTheRetentionAndDeadLettersAreKept() {
    OutboxPurge purge = new OutboxPurge(f.outbox, f.edgeOutbox, f.jobs, f.links, f.clock, Duration.ofHours(1));
    enqueue("done", 1);
    enqueue("skipped", 1);
    enqueue("dead", 1);
    enqueue("pending", 1);
    List<Outbox.Task> claimed = f.outbox.claim("w", 3, lease());
    f.outbox.finish(claimed.get(0), "w", Outbox.DONE);
    f.outbox.finish(claimed.get(1), "w", Outbox.SKIPPED);
    f.outbox.dead(claimed.get(2), "w", "refused", "invalid");

    f.clock.advance(Duration.ofMinutes(59));
    assertThat(purge.runOnce()).isZero(); // inside the retention: kept
    f.clock.advance(Duration.ofMinutes(2));
    assertThat(purge.runOnce()).isEqualTo(2);
    assertThat(purge.runOnce()).isZero();

    assertThat(f.db.sql("select canonical_id from outbox_task order by canonical_id").query(String.class).list())
        .containsExactly("dead", "pending");
    // a purged write reads as nothing pending, and the record's next change is a fresh write
    assertThat(f.outbox.state(SpineFixture.TENANT, target, "done")).isEmpty();
    assertThat(f.outbox.inFlight(SpineFixture.TENANT, target, "done")).isFalse();
    assertThat(f.outbox.countsByStatus(SpineFixture.TENANT, target)).containsOnlyKeys(Outbox.PENDING, Outbox.DEAD);
    enqueue("done", 2);
    assertThat(f.outbox.state(SpineFixture.TENANT, target, "done").orElseThrow().status()).isEqualTo(Outbox.PENDING);
  }

  @Test
  void thePurgeDeletesInBoundedBatches() {
    OutboxPurge purge = new OutboxPurge(f.outbox, f.edgeOutbox, f.jobs, f.links, f.clock, Duration.ofHours(1));
    for (int i = 0; i < OutboxPurge.BATCH + 5; i++) {
      enqueue("c" + i, 1);
    }
    f.db.sql("update outbox_task set status = 'DONE'").update();
    f.clock.advance(Duration.ofHours(2));
    assertThat(purge.runOnce()).isEqualTo(OutboxPurge.BATCH);
    assertThat(purge.runOnce()).isEqualTo(5);
    assertThat(purge.runOnce()).isZero();
  }

  private void setStatus(String status) {
    f.db.sql("update connection set status = ? where id = ?").params(status, target).update();
  }

  @Test
  void workOfADeletedConnectionIsNeitherEnqueuedNorKeptPending() {
    String id = f.hubspot.create(java.util.Map.of(dev.switchboard.app.canonical.ContactField.EMAIL, "orphan@example.com"));
    f.webhook(f.hubspot, id);
    f.inbound(); // a write to Mailchimp is pending
    // a webhook of the Mailchimp connection races its deletion: the connection row goes first
    f.tx.executeWithoutResult(s -> f.db.sql("delete from connection where id = ?").param(f.mailchimpConnection.id())
        .update());
    f.webhook(f.mailchimp, "m-late");
    assertThat(f.db.sql("select count(*) from sync_job where connection_id = ?").param(f.mailchimpConnection.id())
        .query(Long.class).single()).as("not enqueued for a deleted connection").isZero();
    assertThat(f.outbox.purgeOrphans()).isEqualTo(1); // the write it was owed can never run
    assertThat(f.jobs.purgeOrphans()).isZero(); // and no job was enqueued to be left behind
    assertThat(f.db.sql("select count(*) from outbox_task where connection_id = ?").param(f.mailchimpConnection.id())
        .query(Long.class).single()).isZero();
  }
}
