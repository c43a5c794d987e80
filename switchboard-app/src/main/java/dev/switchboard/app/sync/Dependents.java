package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.mapping.DerivedFields;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Enqueues the writes that cross-record fields make necessary ({@link DerivedFields}): when a company is renamed,
 * every contact whose Mailchimp member carries that name; when a contact's primary company changes, that member. The
 * writes go through the outbox like any other (coalesced, echo-suppressed by the link snapshot, skipped when the
 * target already holds the values). Runs inside the transaction that made the change.
 */
@Component
class Dependents {
  /** Dependents enqueued per statement batch of the version lookup. */
  static final int BATCH = 500;

  private final Edges edges;
  private final DerivedFields derived;
  private final Connections connections;
  private final GoldenRecords golden;
  private final Outbox outbox;
  private final SyncMetrics metrics;

  Dependents(Edges edges, DerivedFields derived, Connections connections, GoldenRecords golden, Outbox outbox,
      SyncMetrics metrics) {
    this.edges = edges;
    this.derived = derived;
    this.connections = connections;
    this.golden = golden;
    this.outbox = outbox;
    this.metrics = metrics;
  }

  /** {@code recordId}'s edges of {@code label} changed: the systems that derive values through them get a write. */
  void edgesChanged(String tenantId, String recordId, String type, String label, long version, Instant origin,
      @Nullable String correlationId) {
    for (Connection c : connections.forTenant(tenantId)) {
      if (derived.derivesThrough(c.system(), type, label)) {
        outbox.enqueue(tenantId, c.id(), recordId, type, version, origin, correlationId);
      }
    }
  }

  /**
   * {@code changedFields} of {@code recordId} (of {@code type}) changed: every record deriving one of them through an
   * edge to it gets a write to the systems that carry the derived value. Returns how many writes were enqueued.
   */
  int sourceChanged(String tenantId, String recordId, String type, Set<String> changedFields, Instant origin,
      @Nullable String correlationId) {
    int enqueued = 0;
    for (DerivedFields.Dependency d : derived.dependingOn(type, changedFields)) {
      List<Connection> targets = connections.forTenant(tenantId).stream()
          .filter(c -> c.system().equals(d.system())).toList();
      if (targets.isEmpty()) {
        continue;
      }
      List<String> dependents = edges.dependents(tenantId, recordId, d.edgeLabel());
      for (int from = 0; from < dependents.size(); from += BATCH) {
        Map<String, Long> versions = golden.versions(tenantId, dependents.subList(from,
            Math.min(dependents.size(), from + BATCH)));
        for (Connection target : targets) {
          for (Map.Entry<String, Long> v : versions.entrySet()) {
            outbox.enqueue(tenantId, target.id(), v.getKey(), d.dependentType(), v.getValue(), origin, correlationId);
            enqueued++;
          }
        }
      }
    }
    if (enqueued > 0) {
      metrics.dependentsEnqueued(type, enqueued);
    }
    return enqueued;
  }
}
