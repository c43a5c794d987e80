package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.connectors.ConnectorRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Enqueues the edge writes a change of edges makes necessary: every connection other than the one the change came
 * from whose binding keeps that association kind ({@link dev.switchboard.app.connectors.Connector#associationKinds})
 * gets an {@code ASSOCIATE} for a made edge and a {@code DISSOCIATE} for an ended one. Whether the target holds it
 * already, and whether both ends are linked there, is egress's to check when it sends ({@link EdgeEgress}). Runs inside
 * the transaction that changed the edges.
 */
@Component
class EdgeFanOut {
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final EdgeOutbox outbox;

  EdgeFanOut(Connections connections, ConnectorRegistry connectors, EdgeOutbox outbox) {
    this.connections = connections;
    this.connectors = connectors;
    this.outbox = outbox;
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
}
