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
  private final Clock clock;
  private final Duration retention;

  OutboxPurge(Outbox outbox, EdgeOutbox edgeOutbox, SyncJobs jobs, Clock clock,
      @Value("${switchboard.outbox.finished-retention:1h}") Duration retention) {
    this.outbox = outbox;
    this.edgeOutbox = edgeOutbox;
    this.jobs = jobs;
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * Deletes one batch of expired finished tasks; once none is left, the work of deleted connections (two scans, so
   * once per round rather than per batch). Returns how many rows went (0: nothing left to purge now).
   */
  int runOnce() {
    Instant before = clock.instant().minus(retention);
    int finished = outbox.purgeFinished(before, BATCH) + edgeOutbox.purgeFinished(before, BATCH);
    return finished > 0 ? finished : outbox.purgeOrphans() + jobs.purgeOrphans();
  }
}
