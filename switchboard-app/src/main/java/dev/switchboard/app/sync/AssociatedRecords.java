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
import java.util.Optional;
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
 * what the source reports is diffed against its edge snapshot and the differences change the edges ({@link #observe}).
 * An association whose other end the source no longer has (archived meanwhile) is not kept and is counted.
 */
@Component
class AssociatedRecords {
  private final Links links;
  private final Edges edges;
  private final EdgeSnapshots snapshots;
  private final EdgeOutbox edgeOutbox;
  private final EdgeFanOut fanOut;
  private final Dependents dependents;
  private final SyncEngine engine;
  private final DerivedRecords derived;
  private final SyncMetrics metrics;
  private final TransactionTemplate tx;
  private final Clock clock;

  AssociatedRecords(Links links, Edges edges, EdgeSnapshots snapshots, EdgeOutbox edgeOutbox, EdgeFanOut fanOut,
      Dependents dependents, SyncEngine engine, DerivedRecords derived, SyncMetrics metrics, TransactionTemplate tx,
      Clock clock) {
    this.derived = derived;
    this.links = links;
    this.edges = edges;
    this.snapshots = snapshots;
    this.edgeOutbox = edgeOutbox;
    this.fanOut = fanOut;
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
    Map<String, Set<String>> unlinked = new LinkedHashMap<>(); // by vendor type
    for (SourceRecord r : records) {
      if (r.associations() == null) {
        continue;
      }
      for (SourceRecord.Association a : r.associations()) {
        String vendorType = a.vendorTypeAt(connector);
        if (links.byExternal(source.tenantId(), source.id(), vendorType, a.externalId()).isEmpty()) {
          unlinked.computeIfAbsent(vendorType, t -> new LinkedHashSet<>()).add(a.externalId());
        }
      }
    }
    unlinked.forEach((vendorType, ids) -> {
      Instant readAt = clock.instant();
      for (SourceRecord other : connector.fetchMany(ctx, vendorType, new ArrayList<>(ids)).values()) {
        applyNow(source, vendorType, other, readAt, origin, correlationId);
      }
    });
  }

  private void applyNow(Connection source, String vendorType, SourceRecord read, Instant readAt, Instant origin,
      @Nullable String correlationId) {
    for (int attempt = 0; ; attempt++) {
      try {
        tx.executeWithoutResult(s -> {
          SourceRecord r = engine.routed(source.tenantId(), source, vendorType, read);
          SyncEngine.Outcome outcome = engine.apply(source.tenantId(), source, source.system(), vendorType,
              r.externalId(), null, null, engine.cleanFrom(source.tenantId(), source, r.record()), r.modifiedAt(),
              r.fieldModifiedAt(), readAt, origin, correlationId, r.createKey());
          if (outcome.linked()) {
            linked(source, outcome.canonicalId(), origin, correlationId); // its own associations are not read here
          }
          // it gets no job of its own for this read: what it carries is applied with it
          derived.apply(source, vendorType, r, outcome.canonicalId(), readAt, origin, correlationId);
        });
        return;
      } catch (OptimisticLockingFailureException | DataIntegrityViolationException e) {
        if (attempt >= 3) {
          throw e;
        }
      } catch (TypeRouting.RoutingRefused e) {
        // this other end cannot be read as its record's type: its edge is dropped (counted), not the whole group
        metrics.edgeDropped(source.system());
        return;
      }
    }
  }

  /**
   * Applies the associations {@code r} reports as changes of {@code canonicalId}'s edges, against what the source held
   * as far as we know ({@link EdgeSnapshots}): a reported association the snapshot has (our own edge write read back,
   * HubSpot's {@code associationChange} for it) changes nothing; one it lacks, or holds with another primary flag, is
   * made; one it holds that is no longer reported was removed at the source and ends the edge, whoever made it — as
   * does an edge the source itself made. A snapshot entry newer than the read ({@code readAt}) is not judged by it:
   * the read may predate our write. The source's snapshot becomes what it reported; made and ended edges are enqueued
   * to the other connections that keep them ({@link EdgeFanOut}), and a changed primary edge enqueues the values
   * derived through it ({@link Dependents}). Nothing when {@code r} reports none (a read that did not look). Call in
   * the transaction that applied {@code r}.
   */
  void observe(Connection source, Connector connector, SourceRecord r, String canonicalId, long version, Instant readAt,
      Instant origin, @Nullable String correlationId) {
    if (r.associations() == null || canonicalId.isEmpty()) {
      return;
    }
    String tenantId = source.tenantId();
    Map<String, Map<String, Boolean>> byLabel = new LinkedHashMap<>();
    edges.labelsFrom(tenantId, canonicalId, source.system()).forEach(l -> byLabel.put(l, new LinkedHashMap<>()));
    snapshots.labels(tenantId, source.id(), canonicalId).forEach(l -> byLabel.putIfAbsent(l, new LinkedHashMap<>()));
    for (SourceRecord.Association a : r.associations()) {
      Map<String, Boolean> observed = byLabel.computeIfAbsent(a.label(), l -> new LinkedHashMap<>());
      Links.Link end = links.byExternal(tenantId, source.id(), a.vendorTypeAt(connector),
          a.externalId())
          .filter(Links.Link::live).orElse(null);
      if (end == null) {
        metrics.edgeDropped(source.system());
        continue;
      }
      observed.merge(end.canonicalId(), a.primary(), Boolean::logicalOr);
    }
    byLabel.forEach((label, observed) -> {
      Map<String, EdgeSnapshots.Held> held = snapshots.of(tenantId, source.id(), canonicalId, label);
      Map<String, Boolean> made = new LinkedHashMap<>();
      Set<String> ended = new LinkedHashSet<>();
      observed.forEach((toId, primary) -> {
        EdgeSnapshots.Held h = held.get(toId);
        if (h != null && h.takenAt().isAfter(readAt)) {
          return; // we wrote it after this read started: the read says nothing about it
        }
        if (h == null || !h.held() || h.primary() != primary) {
          made.put(toId, primary);
        }
        snapshots.put(tenantId, source.id(), canonicalId, label, toId, primary, true);
      });
      held.forEach((toId, h) -> {
        if (h.held() && !observed.containsKey(toId) && !h.takenAt().isAfter(readAt)) {
          ended.add(toId);
          snapshots.put(tenantId, source.id(), canonicalId, label, toId, h.primary(), false);
        }
      });
      for (Edges.Edge e : edges.from(tenantId, canonicalId, label)) {
        if (e.live() && e.sourceSystem().equals(source.system()) && !observed.containsKey(e.toId())
            && !held.containsKey(e.toId())) {
          ended.add(e.toId()); // its own edge, from before edge snapshots were kept
        }
      }
      Optional<String> before = edges.primaryTarget(tenantId, canonicalId, label);
      List<Edges.Change> changes = edges.change(tenantId, canonicalId, label, made, ended, source.system(),
          r.modifiedAt());
      fanOut.changed(tenantId, source.id(), r.objectType(), canonicalId, label, changes, origin, correlationId);
      if (!before.equals(edges.primaryTarget(tenantId, canonicalId, label))) {
        dependents.edgesChanged(tenantId, canonicalId, r.objectType(), label, version, origin, correlationId);
      }
    });
  }

  /**
   * {@code canonicalId} became linked in {@code source} by the record just applied: the edges the source is owed now
   * ({@link EdgeFanOut#linked}). Call after {@link #observe}, in the same transaction, so that what the source reported
   * itself is in its edge snapshot and not sent back to it.
   */
  void linked(Connection source, String canonicalId, Instant origin, @Nullable String correlationId) {
    fanOut.linked(source, canonicalId, origin, correlationId);
  }

  /**
   * True while an edge write of {@code canonicalId} (either end) to {@code source} is in flight: a read of it now may
   * or may not show that write, so it must be applied again once the write has settled. Locks those tasks until the
   * caller's transaction ends.
   */
  boolean edgeWriteInFlight(Connection source, String canonicalId) {
    return !canonicalId.isEmpty() && edgeOutbox.inFlight(source.tenantId(), source.id(), canonicalId);
  }
}
