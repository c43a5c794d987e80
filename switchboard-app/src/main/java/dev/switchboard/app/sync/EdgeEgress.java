package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.EdgeWrite;
import dev.switchboard.app.connectors.EdgeWriteResult;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.events.Alerts;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends claimed edge tasks ({@link EdgeOutbox}) to their targets: per (connection, operation), one
 * {@link Connector#associate} or {@link Connector#dissociate} call through the connection's circuit breaker.
 *
 * <p>Before a call, each task is settled without one where it can be: an end gone or merged away (skipped); an end
 * not linked in the target yet (parked {@code WAITING} on it, see {@link Waiting}); an end that will never exist there
 * (dropped and counted); the target holding the edge already as asked, per its edge snapshot (done). A confirmed
 * write updates the target's edge snapshot in the transaction that finishes the task, so the association change the
 * target then reports (HubSpot's {@code associationChange}, on both ends) is an echo. Failures are retried with
 * backoff until the attempt cap, then dead-lettered with the connection's dead-letter alert.
 */
@Component
class EdgeEgress {
  private static final Logger log = LoggerFactory.getLogger(EdgeEgress.class);

  private final EdgeOutbox outbox;
  private final EdgeSnapshots snapshots;
  private final Waiting waiting;
  private final GoldenRecords golden;
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final Breakers breakers;
  private final RetryPolicy retry;
  private final SyncMetrics metrics;
  private final Alerts alerts;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final WriteFailures failures;
  private final Duration lease;

  EdgeEgress(EdgeOutbox outbox, EdgeSnapshots snapshots, Waiting waiting, GoldenRecords golden,
      Connections connections, ConnectorRegistry connectors, Breakers breakers, RetryPolicy retry, SyncMetrics metrics,
      Alerts alerts, TransactionTemplate tx, Clock clock, @Value("${switchboard.workers.lease-ms:60000}") long leaseMs) {
    this.outbox = outbox;
    this.snapshots = snapshots;
    this.waiting = waiting;
    this.golden = golden;
    this.connections = connections;
    this.connectors = connectors;
    this.breakers = breakers;
    this.retry = retry;
    this.metrics = metrics;
    this.alerts = alerts;
    this.tx = tx;
    this.clock = clock;
    this.failures = new WriteFailures(metrics, connections, retry, clock);
    this.lease = Duration.ofMillis(leaseMs);
  }

  /** Claims up to {@code limit} due edge tasks and sends them; returns how many were claimed. */
  int runOnce(String owner, int limit) {
    List<EdgeOutbox.EdgeTask> tasks = outbox.claim(owner, limit, clock.instant().plus(lease));
    tasks.stream().collect(Collectors.groupingBy(t -> t.connectionId() + "|" + t.operation(), LinkedHashMap::new,
        Collectors.toList())).values().forEach(group -> send(owner, group));
    return tasks.size();
  }

  private void send(String owner, List<EdgeOutbox.EdgeTask> group) {
    EdgeOutbox.EdgeTask first = group.getFirst();
    Optional<Connection> found = connections.find(first.tenantId(), first.connectionId());
    if (found.isEmpty()) {
      group.forEach(t -> outbox.finish(t, owner, Outbox.SKIPPED));
      return;
    }
    Connection target = found.get();
    Map<Long, EdgeOutbox.EdgeTask> byRef = new LinkedHashMap<>();
    List<EdgeWrite> writes = new ArrayList<>();
    for (EdgeOutbox.EdgeTask task : group) {
      prepare(owner, target, task).ifPresent(w -> {
        writes.add(w);
        byRef.put(w.ref(), task);
      });
    }
    if (writes.isEmpty()) {
      return;
    }
    Connector connector = connectors.get(target.system());
    boolean associate = first.operation() == Outbox.Operation.ASSOCIATE;
    List<EdgeWriteResult> results;
    try {
      ConnectionContext ctx = connections.context(target);
      results = breakers.forConnection(target.id()).executeSupplier(() -> associate ? connector.associate(ctx, writes)
          : connector.dissociate(ctx, writes));
    } catch (CallNotPermittedException e) {
      Instant later = clock.instant().plus(breakers.whenOpen());
      byRef.values().forEach(t -> outbox.retryAt(t, owner, later, "circuit open", "circuit_open", false));
      return;
    } catch (VendorException e) {
      failed(owner, target, byRef.values(), e);
      return;
    }
    connections.markHealthy(target.tenantId(), target.id());
    for (EdgeWriteResult result : results) {
      EdgeOutbox.EdgeTask task = byRef.remove(result.ref());
      if (task == null) {
        continue;
      }
      switch (result) {
        case EdgeWriteResult.Done d -> written(owner, target, task);
        case EdgeWriteResult.Rejected r -> deadLetter(owner, target, task, r.errorCode(), Pii.redact(r.message()));
      }
    }
    byRef.values().forEach(t -> deadLetter(owner, target, t, "no_result", target.system() + " gave no result"));
  }

  /** The write to send for {@code task}, or empty when it was settled (done, skipped, dropped or parked) without one. */
  private Optional<EdgeWrite> prepare(String owner, Connection target, EdgeOutbox.EdgeTask task) {
    if (!current(task.tenantId(), task.fromId()) || !current(task.tenantId(), task.toId())) {
      outbox.finish(task, owner, Outbox.SKIPPED); // gone, or merged into another record (whose edges carry on)
      return Optional.empty();
    }
    Waiting.Found from = waiting.presence(target, task.fromType(), task.fromId());
    Waiting.Found to = waiting.presence(target, task.toType(), task.toId());
    boolean linked = from.presence() == Waiting.Presence.LINKED && to.presence() == Waiting.Presence.LINKED;
    if (task.operation() == Outbox.Operation.DISSOCIATE) {
      if (!linked || !snapshots.holdsAny(task.tenantId(), target.id(), task.fromId(), task.label(), task.toId())) {
        metrics.unchangedSkipped(target.system()); // the target does not hold it: nothing to remove
        outbox.finish(task, owner, Outbox.DONE);
        return Optional.empty();
      }
    } else if (!linked) {
      boolean fromMissing = from.presence() != Waiting.Presence.LINKED;
      Waiting.Presence missing = fromMissing ? from.presence() : to.presence();
      if (missing == Waiting.Presence.NEVER) {
        metrics.edgeWritesDropped(target.system(), 1); // an end that will never exist there: nothing to associate
        outbox.finish(task, owner, Outbox.SKIPPED);
      } else {
        waiting.parkEdge(owner, target, task, fromMissing ? task.fromId() : task.toId(),
            fromMissing ? task.fromType() : task.toType());
      }
      return Optional.empty();
    } else if (snapshots.holds(task.tenantId(), target.id(), task.fromId(), task.label(), task.toId(),
        task.primary())) {
      metrics.unchangedSkipped(target.system()); // held already (created with it, or the target reported it)
      outbox.finish(task, owner, Outbox.DONE);
      return Optional.empty();
    }
    return Optional.of(new EdgeWrite(task.id(), from.vendorType(), from.externalId(), task.label(), to.vendorType(),
        to.externalId(), task.primary()));
  }

  private boolean current(String tenantId, String canonicalId) {
    return golden.find(tenantId, canonicalId).filter(g -> g.id().equals(canonicalId)).isPresent();
  }

  /**
   * Bookkeeping of a confirmed edge write: the task and the target's edge snapshot, in one transaction. The task row is
   * locked first, as inbound's in-flight check locks it before it touches the snapshot: the other order could deadlock
   * with a read of the same contact on PostgreSQL.
   */
  private void written(String owner, Connection target, EdgeOutbox.EdgeTask task) {
    tx.executeWithoutResult(s -> {
      if (!outbox.finish(task, owner, Outbox.DONE)) {
        s.setRollbackOnly(); // lease lost: the worker that took the task over does the bookkeeping
        return;
      }
      snapshots.put(task.tenantId(), target.id(), task.fromId(), task.label(), task.toId(), task.primary(),
          task.operation() == Outbox.Operation.ASSOCIATE);
      metrics.applied(target.system(), "outbound");
    });
  }

  /** A whole call failed: wait for credentials, retry with backoff, or dead-letter, as a failed record write does. */
  private void failed(String owner, Connection target, Iterable<EdgeOutbox.EdgeTask> tasks, VendorException e) {
    failures.failed(target, tasks, e, new WriteFailures.Queue<>() {
      public int attempts(EdgeOutbox.EdgeTask t) {
        return t.attempts();
      }

      public void retryAt(EdgeOutbox.EdgeTask t, Instant at, String message, String code, boolean countAttempt) {
        outbox.retryAt(t, owner, at, message, code, countAttempt);
      }

      public void dead(EdgeOutbox.EdgeTask t, String code, String message) {
        deadLetter(owner, target, t, code, message);
      }
    });
  }


  private void deadLetter(String owner, Connection target, EdgeOutbox.EdgeTask task, String code, String message) {
    tx.executeWithoutResult(s -> {
      if (outbox.dead(task, owner, message, code)) {
        metrics.deadLettered(target.system());
        alerts.raiseOnce(task.tenantId(), "ERROR", Egress.DEAD_LETTER, "Association writes to "
            + target.displayName() + " failed permanently (" + code + "): " + message + ".", target.id());
      }
    });
    log.warn("dead-lettered edge task {} to {}: {} {}", task.id(), target.system(), code, message);
  }
}
