package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.SourceRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a source record's associations into edges of the spine. Before records are applied, the other ends of their
 * associations that are not linked yet in that connection (a contact's company created a moment ago) are read — one
 * batch read per type — and applied first, so that every edge can name both records; after each record is applied,
 * its edges are set to what the source reports ({@link Edges#observe}), and a changed primary edge enqueues the writes
 * of the values derived through it ({@link Dependents}). An association whose other end the source no longer has
 * (archived meanwhile) is not kept and is counted.
 */
@Component
class AssociatedRecords {
  private final Links links;
  private final Edges edges;
  private final Dependents dependents;
  private final SyncEngine engine;
  private final SyncMetrics metrics;
  private final TransactionTemplate tx;
  private final Clock clock;

  AssociatedRecords(Links links, Edges edges, Dependents dependents, SyncEngine engine, SyncMetrics metrics,
      TransactionTemplate tx, Clock clock) {
    this.links = links;
    this.edges = edges;
    this.dependents = dependents;
    this.engine = engine;
    this.metrics = metrics;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Reads and applies the not yet linked other ends of {@code records}' associations. Each is applied in its own
   * transaction, as a change read from the source now.
   *
   * @throws dev.switchboard.app.connectors.VendorException when a read fails: the records' jobs are retried as a
   *     failed fetch would be
   */
  void linkOtherEnds(Connection source, Connector connector, ConnectionContext ctx, Collection<SourceRecord> records,
      Instant origin, @Nullable String correlationId) {
    Map<String, Set<String>> unlinked = new LinkedHashMap<>();
    for (SourceRecord r : records) {
      if (r.associations() == null) {
        continue;
      }
      for (SourceRecord.Association a : r.associations()) {
        if (links.byExternal(source.tenantId(), source.id(), a.targetType(), a.externalId()).isEmpty()) {
          unlinked.computeIfAbsent(a.targetType(), t -> new LinkedHashSet<>()).add(a.externalId());
        }
      }
    }
    unlinked.forEach((type, ids) -> {
      Instant readAt = clock.instant();
      for (SourceRecord other : connector.fetchMany(ctx, type, new ArrayList<>(ids)).values()) {
        applyNow(source, other, readAt, origin, correlationId);
      }
    });
  }

  private void applyNow(Connection source, SourceRecord r, Instant readAt, Instant origin,
      @Nullable String correlationId) {
    for (int attempt = 0; ; attempt++) {
      try {
        tx.executeWithoutResult(s -> engine.apply(source.tenantId(), source, source.system(), r.externalId(), null,
            engine.clean(source.tenantId(), r.record()), r.modifiedAt(), r.fieldModifiedAt(), readAt, origin,
            correlationId));
        return;
      } catch (OptimisticLockingFailureException | DataIntegrityViolationException e) {
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  /**
   * Sets the edges of {@code canonicalId} to the associations {@code r} reports (nothing when it reports none: a read
   * that did not look). Call in the transaction that applied {@code r}.
   */
  void observe(Connection source, SourceRecord r, String canonicalId, long version, Instant origin,
      @Nullable String correlationId) {
    if (r.associations() == null || canonicalId.isEmpty()) {
      return;
    }
    Map<String, Map<String, Boolean>> byLabel = new LinkedHashMap<>();
    edges.labelsFrom(source.tenantId(), canonicalId, source.system())
        .forEach(label -> byLabel.put(label, new LinkedHashMap<>()));
    for (SourceRecord.Association a : r.associations()) {
      Map<String, Boolean> observed = byLabel.computeIfAbsent(a.label(), l -> new LinkedHashMap<>());
      Links.Link end = links.byExternal(source.tenantId(), source.id(), a.targetType(), a.externalId())
          .filter(Links.Link::live).orElse(null);
      if (end == null) {
        metrics.edgeDropped(source.system());
        continue;
      }
      observed.merge(end.canonicalId(), a.primary(), Boolean::logicalOr);
    }
    List<String> changed = new ArrayList<>();
    byLabel.forEach((label, observed) -> {
      if (edges.observe(source.tenantId(), canonicalId, label, observed, source.system(), r.modifiedAt())) {
        changed.add(label);
      }
    });
    changed.forEach(label -> dependents.edgesChanged(source.tenantId(), canonicalId, r.objectType(), label, version,
        origin, correlationId));
  }
}
