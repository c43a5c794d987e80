package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.DeletePropagationSetting;
import dev.switchboard.app.connectors.DeleteResult;
import dev.switchboard.app.connectors.DeleteSemantics;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.events.DomainEvents;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends claimed {@link Outbox.Operation#DELETE} tasks of one (connection, type) batch: the record's live objects in
 * the target are deleted the way the connector declares ({@link Connector#deleteSemantics}), and their links are
 * tombstoned {@link Links.Tombstone#DELETED} in the same transaction that finishes the task — so the deletion
 * webhook the target then sends is recognised as our own and does nothing ({@link DeletePropagation#isNews}).
 *
 * <p>A task is skipped (no call) when the record is gone or merged away, the target's policy was turned off, the
 * connector cannot delete the type, the source restored the object meanwhile, or the record has no live object in
 * the target (never linked there, or gone already). Failures go through egress's own handling ({@link Failures}):
 * retried with backoff, dead-lettered with an alert when permanent.
 */
@Component
class EgressDeletes {
  /** Egress's failure handling, shared so that a failed delete is retried and dead-lettered as a failed write is. */
  interface Failures {
    /** A whole call failed: retry with backoff, wait for credentials, or dead-letter, per the error. */
    void handleFailure(String owner, Connection target, Iterable<Outbox.Task> tasks, VendorException e);

    /** One task was refused permanently. */
    void deadLetter(String owner, Connection target, Outbox.Task task, String code, String message);
  }

  private final Outbox outbox;
  private final GoldenRecords golden;
  private final Links links;
  private final Connections connections;
  private final DeletePropagation propagation;
  private final Breakers breakers;
  private final SyncMetrics metrics;
  private final DomainEvents events;
  private final ExternalIds ids;
  private final TransactionTemplate tx;
  private final Clock clock;

  EgressDeletes(Outbox outbox, GoldenRecords golden, Links links, Connections connections,
      DeletePropagation propagation, Breakers breakers, SyncMetrics metrics, DomainEvents events, ExternalIds ids,
      TransactionTemplate tx, Clock clock) {
    this.outbox = outbox;
    this.golden = golden;
    this.links = links;
    this.connections = connections;
    this.propagation = propagation;
    this.breakers = breakers;
    this.metrics = metrics;
    this.events = events;
    this.ids = ids;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Sends one batch (at most the connector's batch size, all of one canonical type) of delete tasks this worker owns:
   * one delete call per vendor type the records' objects are of, each only where the binding can delete that type.
   */
  void sendBatch(String owner, Connection target, Connector connector, List<Outbox.Task> batch, Failures failures) {
    Map<Outbox.Task, List<Links.Link>> objects = new LinkedHashMap<>();
    Map<String, List<String>> idsByType = new LinkedHashMap<>();
    for (Outbox.Task task : batch) {
      List<Links.Link> live = liveObjects(target, task).stream()
          .filter(l -> connector.deleteSemantics(l.vendorType()).isPresent()).toList();
      if (live.isEmpty()) {
        outbox.finish(task, owner, Outbox.SKIPPED);
      } else {
        objects.put(task, live);
        live.forEach(l -> idsByType.computeIfAbsent(l.vendorType(), t -> new ArrayList<>()).add(l.externalId()));
      }
    }
    if (objects.isEmpty()) {
      return;
    }
    Map<String, DeleteResult> byId = new LinkedHashMap<>(); // by vendor type and id
    try {
      ConnectionContext ctx = connections.context(target);
      for (Map.Entry<String, List<String>> e : idsByType.entrySet()) {
        breakers.forConnection(target.id()).executeSupplier(() -> connector.delete(ctx, e.getKey(), e.getValue()))
            .forEach(r -> byId.put(e.getKey() + "|" + r.externalId(), r));
      }
    } catch (CallNotPermittedException e) {
      Instant later = clock.instant().plus(breakers.whenOpen());
      objects.keySet().forEach(t -> outbox.retryAt(t, owner, later, "circuit open", "circuit_open", false));
      return;
    } catch (VendorException e) {
      // a call of another vendor type may have gone through: repeating a delete is a no-op (Deleted)
      failures.handleFailure(owner, target, objects.keySet(), e);
      return;
    }
    connections.markHealthy(target.tenantId(), target.id());
    objects.forEach((task, objectLinks) -> {
      List<Links.Link> deleted = new ArrayList<>();
      for (Links.Link l : objectLinks) {
        switch (byId.get(l.vendorType() + "|" + l.externalId())) {
          case DeleteResult.Deleted d -> deleted.add(l);
          case DeleteResult.Rejected r -> {
            failures.deadLetter(owner, target, task, r.errorCode(), Pii.redact(r.message()));
            return;
          }
          case null -> {
            failures.deadLetter(owner, target, task, "no_result", target.system() + " gave no result for a delete");
            return;
          }
        }
      }
      deleted(owner, target, task, deleted, connector);
    });
  }

  /** The record's live objects in the target, when a delete of them is (still) wanted; else none. */
  private List<Links.Link> liveObjects(Connection target, Outbox.Task task) {
    Optional<GoldenRecords.Golden> g = golden.find(task.tenantId(), task.canonicalId());
    if (g.isEmpty() || !g.get().id().equals(task.canonicalId())
        || !DeletePropagationSetting.enabled(target.settings(), task.objectType())
        || !propagation.stillDeletedElsewhere(task.tenantId(), target.id(), task.canonicalId())) {
      return List.of();
    }
    return links.forCanonical(task.tenantId(), task.canonicalId()).stream()
        .filter(l -> l.connectionId().equals(target.id()) && l.objectType().equals(task.objectType()) && l.live())
        .toList();
  }

  /** Bookkeeping of a confirmed delete: the links tombstoned, the task done, {@code crm.synced} (deleted). */
  private void deleted(String owner, Connection target, Outbox.Task task, List<Links.Link> objects,
      Connector connector) {
    tx.executeWithoutResult(s -> {
      objects.forEach(l -> links.tombstone(task.tenantId(), target.id(), l.vendorType(), l.externalId(),
          Links.Tombstone.DELETED));
      if (!outbox.finish(task, owner, Outbox.DONE)) {
        s.setRollbackOnly(); // lease lost: the worker that took the task over does the bookkeeping
        return;
      }
      for (Links.Link l : objects) {
        String id = l.externalId();
        DeleteSemantics semantics = connector.deleteSemantics(l.vendorType()).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("system", target.system());
        payload.put("type", task.objectType());
        payload.put("external_id", ids.shown(target.system(), id));
        payload.put("canonical_id", task.canonicalId());
        payload.put("direction", "outbound");
        payload.put("deleted", true);
        payload.put("how", semantics.name().toLowerCase(Locale.ROOT));
        events.emit(task.tenantId(), DomainEvents.CRM_SYNCED, payload, task.correlationId());
      }
      metrics.applied(target.system(), "outbound");
    });
  }
}
