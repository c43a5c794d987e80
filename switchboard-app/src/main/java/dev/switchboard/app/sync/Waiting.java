package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.events.Alerts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes that wait for another record to be linked in their target ({@link Outbox#WAITING}): a create that references
 * a record the binding declares {@link AssociationKind#requiredAtCreate() required at create} (an invoice's customer),
 * and an edge write whose ends are not both linked there yet. A waiting write is parked, spends no attempts, and is
 * woken by the link ({@link Links#put}), not by backoff.
 *
 * <p>Whether the record will ever be linked there decides what happens to a waiting write: a create keeps waiting (a
 * replayed or changed dependency may still arrive) and an alert tells operators when the dependency was
 * dead-lettered, skipped or filtered out; an edge whose end will never exist there is dropped and counted.
 */
@Component
class Waiting {
  static final String ALERT = "waiting_dependency";

  /** Where a record stands in a target connection. */
  enum Presence {
    /** Linked, live: {@link Found#externalId()} is its object there. */
    LINKED,
    /** Its write there is pending, waiting or being sent. */
    COMING,
    /** Its write there is a dead letter (a replay may still bring it). */
    DEAD,
    /**
     * It will not be there: skipped, filtered out (the target does not take it, by type or by its record filter), or
     * its object was deleted there. A linked record its filter keeps out is here too: it gets no further writes there.
     */
    NEVER
  }

  /** Where a record stands in a target, and its object there ({@code externalId} of {@code vendorType}) if linked. */
  record Found(Presence presence, @Nullable String externalId, @Nullable String vendorType) {
    Found(Presence presence) {
      this(presence, null, null);
    }
  }

  /** The references a create carries: by edge label, the vendor id in the target and the canonical id. */
  record References(Map<String, String> vendorIds, Map<String, String> recordIds) {
    static References none() {
      return new References(Map.of(), Map.of());
    }
  }

  private final Links links;
  private final Edges edges;
  private final Outbox outbox;
  private final EdgeOutbox edgeOutbox;
  private final EdgeSnapshots snapshots;
  private final DesiredValues desired;
  private final Alerts alerts;
  private final SyncMetrics metrics;
  private final TransactionTemplate tx;

  Waiting(Links links, Edges edges, Outbox outbox, EdgeOutbox edgeOutbox, EdgeSnapshots snapshots,
      DesiredValues desired, Alerts alerts, SyncMetrics metrics, TransactionTemplate tx) {
    this.links = links;
    this.edges = edges;
    this.outbox = outbox;
    this.edgeOutbox = edgeOutbox;
    this.snapshots = snapshots;
    this.desired = desired;
    this.alerts = alerts;
    this.metrics = metrics;
    this.tx = tx;
  }

  /** Where record {@code canonicalId} (of {@code type}) stands in {@code target}. */
  Found presence(Connection target, String type, String canonicalId) {
    Optional<Links.Link> link = links.byCanonical(target.tenantId(), target.id(), type, canonicalId);
    if (link.isPresent() && !link.get().live()) {
      return new Found(Presence.NEVER);
    }
    if (!desired.syncs(target, type)
        || desired.filteredOut(target, canonicalId, link.map(Links.Link::vendorType).orElse(null))) {
      // the target does not take it: not created there, and a linked object gets no further writes, edges included
      return new Found(Presence.NEVER);
    }
    if (link.isPresent()) {
      return new Found(Presence.LINKED, link.get().externalId(), link.get().vendorType());
    }
    String status = outbox.state(target.tenantId(), target.id(), canonicalId).map(Outbox.State::status).orElse("");
    return new Found(switch (status) {
      case Outbox.PENDING, Outbox.WAITING -> Presence.COMING;
      case Outbox.DEAD, Outbox.DISCARDED -> Presence.DEAD; // a discarded create is a failed one too
      default -> Presence.NEVER; // skipped, or never enqueued there: filtered out
    });
  }

  /**
   * The references a create of {@code task}'s record in {@code target} must carry, or empty when the create was parked
   * instead: a reference the binding requires at create leads (through the record's primary edge of that label) to a
   * record not linked in the target yet. A record with no such edge is sent as it is: the vendor's refusal, if any, is
   * a dead letter like any other. {@code vendorType} is what the record is created as.
   */
  Optional<References> referencesForCreate(String owner, Connection target, Connector connector, Outbox.Task task,
      String vendorType) {
    Map<String, String> vendorIds = new LinkedHashMap<>();
    Map<String, String> recordIds = new LinkedHashMap<>();
    for (AssociationKind kind : connector.associationKinds(vendorType)) {
      if (!kind.requiredAtCreate()) {
        continue; // written as an edge once both ends exist: never blocks a create (contact ↔ company cycles)
      }
      Optional<String> other = edges.primaryTarget(task.tenantId(), task.canonicalId(), kind.label());
      if (other.isEmpty()) {
        continue;
      }
      Found found = presence(target, kind.targetType(), other.get());
      if (found.presence() != Presence.LINKED) {
        tx.executeWithoutResult(s -> {
          if (outbox.waitFor(task, owner, other.get())
              && presence(target, kind.targetType(), other.get()).presence() == Presence.LINKED) {
            links.wakeWaiting(target.tenantId(), target.id(), other.get()); // linked while we were parking it
          }
        });
        if (found.presence() != Presence.COMING) {
          alert(target, found.presence() == Presence.DEAD ? "dead-lettered" : "skipped or filtered out");
        }
        return Optional.empty();
      }
      vendorIds.put(kind.label(), found.externalId());
      recordIds.put(kind.label(), other.get());
    }
    return Optional.of(new References(vendorIds, recordIds));
  }

  /**
   * A create carrying {@code references} landed: the target holds those edges now, so their own edge writes are
   * settled without a call. Call in the transaction that records the write.
   */
  void createdWith(Connection target, Outbox.Task task, References references) {
    references.recordIds().forEach((label, toId) -> snapshots.put(task.tenantId(), target.id(), task.canonicalId(),
        label, toId, true, true));
  }

  /**
   * Parks an edge write until {@code recordId} is linked in the target, checking the link again after parking (a link
   * committed meanwhile wakes it at once).
   */
  void parkEdge(String owner, Connection target, EdgeOutbox.EdgeTask task, String recordId, String type) {
    tx.executeWithoutResult(s -> {
      // as the parker decided: linked and taken there (a linked record a filter keeps out stays parked)
      if (edgeOutbox.waitFor(task, owner, recordId) && presence(target, type, recordId).presence() == Presence.LINKED) {
        links.wakeWaiting(target.tenantId(), target.id(), recordId);
      }
    });
  }

  /**
   * {@code recordId}'s write to {@code target} was dead-lettered ({@code dead}) or skipped: the creates waiting for it
   * raise an alert (they keep waiting: a replay or a later change may still link it), and, when it was skipped, the
   * edge writes waiting for it are dropped and counted (the end will not exist there).
   */
  void dependencyUnavailable(Connection target, String recordId, boolean dead) {
    if (outbox.anyWaitingOn(target.tenantId(), target.id(), recordId)) {
      alert(target, dead ? "dead-lettered" : "skipped or filtered out");
    }
    if (!dead) {
      int dropped = edgeOutbox.settleWaitingOn(target.tenantId(), target.id(), recordId, Outbox.SKIPPED);
      if (dropped > 0) {
        metrics.edgeWritesDropped(target.system(), dropped);
      }
    }
  }

  /** One open alert per connection: the waiting writes are listed in status; the message names no record or value. */
  private void alert(Connection target, String why) {
    alerts.raiseOnce(target.tenantId(), "WARN", ALERT, "Writes to " + target.displayName()
        + " wait for records they reference, and one of those will not reach it (" + why + "). Fix or replay that "
        + "record's write; the waiting writes are then sent. GET /api/status lists what waits for what.", target.id());
  }
}
