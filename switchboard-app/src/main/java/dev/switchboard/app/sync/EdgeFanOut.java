package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Enqueues the edge writes the spine owes other connections ({@link EdgeOutbox}), at the two moments one can become
 * owed; whether both ends are linked in the target when it is sent, and whether the target holds it already, is
 * egress's to check then ({@link EdgeEgress}). Runs inside the transaction that made the change or the link.
 *
 * <ul>
 *   <li>An edge changes ({@link #changed}): every connection other than the one the change came from whose binding
 *       keeps that association kind ({@link Connector#associationKinds}) gets an {@code ASSOCIATE} for a made edge and
 *       a {@code DISSOCIATE} for an ended one.</li>
 *   <li>A record becomes linked in a connection ({@link #linked}): the live edges it is an end of that the connection
 *       keeps and does not hold are owed there too — an edge that existed before the connection was added, or whose
 *       write was dropped while an end was not going to exist there, is written once its last end is linked.</li>
 *   <li>A linked record passes the connection's record filter again ({@link #letIn}): the edge changes dropped while
 *       the filter kept it out are owed, made ones and ended ones.</li>
 * </ul>
 */
@Component
class EdgeFanOut {
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final EdgeOutbox outbox;
  private final Edges edges;
  private final EdgeSnapshots snapshots;
  private final GoldenRecords golden;

  EdgeFanOut(Connections connections, ConnectorRegistry connectors, EdgeOutbox outbox, Edges edges,
      EdgeSnapshots snapshots, GoldenRecords golden) {
    this.golden = golden;
    this.connections = connections;
    this.connectors = connectors;
    this.outbox = outbox;
    this.edges = edges;
    this.snapshots = snapshots;
  }

  /** {@code changes} of {@code fromId}'s (of {@code fromType}) edges of {@code label} came from {@code sourceId}. */
  void changed(String tenantId, @Nullable String sourceConnectionId, String fromType, String fromId, String label,
      List<Edges.Change> changes, Instant origin, @Nullable String correlationId) {
    if (changes.isEmpty()) {
      return;
    }
    for (Connection target : connections.forTenant(tenantId)) {
      if (target.id().equals(sourceConnectionId)) {
        continue; // the source holds them as reported: its edge snapshot says so
      }
      Optional<AssociationKind> kind = connectors.find(target.system()).flatMap(c -> c.associationKinds(
          c.vendorTypeFor(fromType).orElse(fromType)).stream().filter(k -> k.label().equals(label)).findFirst());
      if (kind.isEmpty()) {
        continue;
      }
      for (Edges.Change c : changes) {
        outbox.enqueue(c.live() ? Outbox.Operation.ASSOCIATE : Outbox.Operation.DISSOCIATE, tenantId, target.id(),
            fromId, fromType, label, c.toId(), kind.get().targetType(), c.primary(), origin, correlationId);
      }
    }
  }

  /**
   * {@code canonicalId} was just linked in {@code target} (a new object of the record there: created by our write, or
   * one of the target's own matched to it). Each live edge it is an end of whose other end is linked there too, whose
   * kind the target's binding keeps, gets an {@code ASSOCIATE} to the target — unless:
   *
   * <ul>
   *   <li>the target's edge snapshot holds it as it is: the target reported it itself (call this after the target's
   *       own associations of the record were observed, in the same transaction) or was created with it ({@link
   *       Waiting#createdWith}, likewise before this call); it is never echoed back, nor sent twice;</li>
   *   <li>an {@code ASSOCIATE} of it is open there already (enqueued when the edge changed and woken by this link,
   *       or still waiting for another end) or a request of it is dead (an operator replays it): one write, not two.</li>
   * </ul>
   *
   * <p>An edge whose other end is not linked there yet is left alone: the other end's own link, the last of the two,
   * makes the pair writable and enqueues it. A first link read without its associations (a read that did not look,
   * HubSpot's batch read) leaves the target's snapshot empty: the edge is then written though the target may hold it
   * already — one idempotent call, rather than an edge that never reaches it.
   */
  void linked(Connection target, String canonicalId, Instant origin, @Nullable String correlationId) {
    Optional<Connector> connector = connectors.find(target.system());
    if (connector.isEmpty()) {
      return;
    }
    String tenantId = target.tenantId();
    for (Edges.Linked l : edges.liveLinkedIn(tenantId, target.id(), canonicalId)) {
      Edges.Edge e = l.edge();
      boolean kept = connector.get().associationKinds(connector.get().vendorTypeFor(l.fromType()).orElse(l.fromType()))
          .stream()
          .anyMatch(k -> k.label().equals(e.label()) && k.targetType().equals(l.toType()));
      if (!kept || snapshots.holds(tenantId, target.id(), e.fromId(), e.label(), e.toId(), e.primary())
          || outbox.associateOpen(tenantId, target.id(), e.fromId(), e.label(), e.toId())) {
        continue;
      }
      outbox.enqueue(Outbox.Operation.ASSOCIATE, tenantId, target.id(), e.fromId(), l.fromType(), e.label(), e.toId(),
          l.toType(), e.primary(), origin, correlationId);
    }
  }

  /**
   * {@code canonicalId}, linked in {@code target}, passes the target's record filter again after the filter kept it
   * out: the edge writes of that time were dropped ({@link Waiting#presence} says the target will not hold it), so the
   * target may miss edges made meanwhile and still hold edges ended meanwhile. The live ones are owed as on a link
   * ({@link #linked}); each the target's snapshot holds that is no longer live gets a {@code DISSOCIATE}. Call in the
   * transaction of the change that lets the record in.
   */
  void letIn(Connection target, String canonicalId, Instant origin, @Nullable String correlationId) {
    linked(target, canonicalId, origin, correlationId);
    String tenantId = target.tenantId();
    for (EdgeSnapshots.Entry held : snapshots.ofEnd(tenantId, target.id(), canonicalId)) {
      if (!held.held() || edges.from(tenantId, held.fromId(), held.label()).stream()
          .anyMatch(e -> e.live() && e.toId().equals(held.toId()))) {
        continue;
      }
      Optional<String> fromType = golden.find(tenantId, held.fromId()).map(GoldenRecords.Golden::objectType);
      Optional<String> toType = golden.find(tenantId, held.toId()).map(GoldenRecords.Golden::objectType);
      if (fromType.isPresent() && toType.isPresent()) {
        outbox.enqueue(Outbox.Operation.DISSOCIATE, tenantId, target.id(), held.fromId(), fromType.get(), held.label(),
            held.toId(), toType.get(), held.primary(), origin, correlationId);
      }
    }
  }
}
