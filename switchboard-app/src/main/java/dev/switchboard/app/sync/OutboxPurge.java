package dev.switchboard.app.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps finished writes out of the outbox: DONE and SKIPPED tasks older than {@code
 * switchboard.outbox.finished-retention} (default 1 h) are deleted, a bounded batch per step, so the outbox holds
 * pending work and dead letters instead of one row per record ever written. Dead letters are kept until replayed.
 * Work left behind by a deleted connection goes too.
 */
@Component
class OutboxPurge {
  /** Rows deleted per statement: short transactions that never hold many row locks at once. */
  static final int BATCH = 1000;

  private final Outbox outbox;
  private final EdgeOutbox edgeOutbox;
  private final SyncJobs jobs;
  private final Links links;
  private final Clock clock;
  private final Duration retention;

  /** How long a create key outlives its record's link: past any read of the object that began before the link. */
  static final Duration CREATE_KEY_RETENTION = Duration.ofDays(1);

  OutboxPurge(Outbox outbox, EdgeOutbox edgeOutbox, SyncJobs jobs, Links links, Clock clock,
      @Value("${switchboard.outbox.finished-retention:1h}") Duration retention) {
    this.outbox = outbox;
    this.edgeOutbox = edgeOutbox;
    this.jobs = jobs;
    this.links = links;
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * Deletes one batch of expired finished tasks and of create keys whose record is linked
   * ({@link Links#purgeLinkedCreateKeys}, a day after they were sent); once none is left, the work of deleted
   * connections (two scans, so once per round rather than per batch). Also wakes writes left waiting for a record that
   * is linked by now ({@link Links#wakeStranded}). Returns how many rows went (0: nothing left to purge now).
   */
  int runOnce() {
    Instant now = clock.instant();
    Instant before = now.minus(retention);
    // not counted: a woken write that parks again at once (its record linked but not taken there) would keep this
    // loop from ever resting
    links.wakeStranded(BATCH);
    int finished = outbox.purgeFinished(before, BATCH) + edgeOutbox.purgeFinished(before, BATCH)
        + links.purgeLinkedCreateKeys(now.minus(CREATE_KEY_RETENTION), BATCH);
    return finished > 0 ? finished : outbox.purgeOrphans() + jobs.purgeOrphans();
  }
}
