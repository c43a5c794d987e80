package dev.switchboard.app.sync;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker loops of this node, on virtual threads: inbound workers, egress workers, the reconciler, the
 * outbox purge, the projection backfill and the blocking-key backfill.
 * Each loop drains due work, then waits for a {@link WorkSignal} or the idle poll interval (other nodes'
 * work is found by polling). Disabled with {@code switchboard.workers.enabled=false} (tests drive
 * {@code runOnce} themselves).
 */
@Component
@ConditionalOnProperty(name = "switchboard.workers.enabled", havingValue = "true", matchIfMissing = true)
class Workers implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(Workers.class);
  /** Pause of the purge once nothing is left to delete: finished rows only need to leave within minutes. */
  private static final Duration PURGE_IDLE = Duration.ofMinutes(1);

  private final InboundProcessor inbound;
  private final Egress egress;
  private final Reconciler reconciler;
  private final OutboxPurge purge;
  private final ProjectionBackfill backfill;
  private final MatchKeyBackfill matchKeys;
  private final WorkSignal signal;
  private final int inboxThreads;
  private final int egressThreads;
  private final Duration idle;
  private final Duration batchWindow;
  private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
  private volatile boolean running;
  private ExecutorService executor;

  Workers(InboundProcessor inbound, Egress egress, Reconciler reconciler, OutboxPurge purge,
      ProjectionBackfill backfill, MatchKeyBackfill matchKeys, WorkSignal signal,
      @Value("${switchboard.workers.inbox-threads:4}") int inboxThreads,
      @Value("${switchboard.workers.egress-threads:2}") int egressThreads,
      @Value("${switchboard.workers.idle-poll-ms:200}") long idleMs,
      @Value("${switchboard.workers.batch-window-ms:50}") long batchWindowMs) {
    this.inbound = inbound;
    this.egress = egress;
    this.reconciler = reconciler;
    this.purge = purge;
    this.backfill = backfill;
    this.matchKeys = matchKeys;
    this.signal = signal;
    this.inboxThreads = inboxThreads;
    this.egressThreads = egressThreads;
    this.idle = Duration.ofMillis(idleMs);
    this.batchWindow = Duration.ofMillis(batchWindowMs);
  }

  @Override
  public void start() {
    running = true;
    executor = Executors.newVirtualThreadPerTaskExecutor();
    List<Runnable> loops = new ArrayList<>();
    for (int i = 0; i < inboxThreads; i++) {
      String owner = node + "/in-" + i;
      loops.add(() -> loop(() -> inbound.runOnce(owner, 100), () -> signal.awaitInbound(idle)));
    }
    for (int i = 0; i < egressThreads; i++) {
      String owner = node + "/out-" + i;
      loops.add(() -> loop(() -> {
        // A short pause lets changes that arrive together leave together (one batch call, not many).
        if (!batchWindow.isZero()) {
          Thread.sleep(batchWindow);
        }
        return egress.runOnce(owner, 100);
      }, () -> signal.awaitOutbound(idle)));
    }
    loops.add(() -> loop(() -> reconciler.runOnce(node), () -> Thread.sleep(Math.max(1000, idle.toMillis() * 5))));
    // Every node purges; the deletes are idempotent and bounded, so racing nodes only share the work.
    loops.add(() -> loop(purge::runOnce, () -> Thread.sleep(PURGE_IDLE)));
    // One pass over records without a projection row (written before V17), then idle: later writes keep the rows.
    loops.add(() -> loop(backfill::runOnce, () -> Thread.sleep(PURGE_IDLE)));
    // Likewise for records without blocking keys (written before V20).
    loops.add(() -> loop(matchKeys::runOnce, () -> Thread.sleep(PURGE_IDLE)));
    loops.forEach(executor::submit);
    log.info("started {} inbound and {} egress workers on node {}", inboxThreads, egressThreads, node);
  }

  private interface Step {
    int run() throws Exception;
  }

  private interface Wait {
    void await() throws InterruptedException;
  }

  private void loop(Step step, Wait wait) {
    while (running) {
      try {
        if (step.run() == 0) {
          wait.await();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        log.error("worker step failed: {}", e.getClass().getSimpleName(), e);
        try {
          Thread.sleep(idle);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void stop() {
    running = false;
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
