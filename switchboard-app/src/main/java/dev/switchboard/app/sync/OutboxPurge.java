package dev.switchboard.app.sync;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps finished writes out of the outbox: DONE and SKIPPED tasks older than {@code
 * switchboard.outbox.finished-retention} (default 1 h) are deleted, a bounded batch per step, so the outbox holds
 * pending work and dead letters instead of one row per record ever written. Dead letters are kept until replayed.
 */
@Component
class OutboxPurge {
  /** Rows deleted per statement: short transactions that never hold many row locks at once. */
  static final int BATCH = 1000;

  private final Outbox outbox;
  private final Clock clock;
  private final Duration retention;

  OutboxPurge(Outbox outbox, Clock clock,
      @Value("${switchboard.outbox.finished-retention:1h}") Duration retention) {
    this.outbox = outbox;
    this.clock = clock;
    this.retention = retention;
  }

  /** Deletes one batch of expired finished tasks; returns how many (0: nothing left to purge now). */
  int runOnce() {
    outbox.purgeOrphans();
    return outbox.purgeFinished(clock.instant().minus(retention), BATCH);
  }
}
