package dev.switchboard.app.sync;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this node's idle workers as soon as work is committed, so a webhook is applied in milliseconds
 * rather than after the next poll. Workers on other nodes still find the work by polling.
 */
@Component
class WorkSignal {
  private final Semaphore inbound = new Semaphore(0);
  private final Semaphore outbound = new Semaphore(0);

  /** Signals after the current transaction commits (immediately when there is none). */
  void inboundAvailable() {
    afterCommit(inbound);
  }

  void outboundAvailable() {
    afterCommit(outbound);
  }

  private static void afterCommit(Semaphore s) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          s.release();
        }
      });
    } else {
      s.release();
    }
  }

  void awaitInbound(Duration max) throws InterruptedException {
    if (inbound.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
      inbound.drainPermits();
    }
  }

  void awaitOutbound(Duration max) throws InterruptedException {
    if (outbound.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
      outbound.drainPermits();
    }
  }
}
