package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.SourceRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciliation of association changes: re-reads, a page of linked objects at a time, the associations of a
 * connection's objects of a vendor type whose binding keeps associations, and enqueues an
 * {@link InboundEvent.Kind#ASSOCIATIONS_CHANGED} job for each object whose associations differ from what the connection
 * holds as far as we know (its edge snapshot). This is what recovers an association change whose webhook was lost: such
 * a change does not date the object, so the poll of modified objects cannot find it. Only differing objects cost a job;
 * the read costs one batch call per page ({@link Connector#fetchAssociations}). Only a record's primary object in the
 * connection is swept: the edge snapshot is the record's, and a second object of the same record (two HubSpot contacts
 * of one person) would disagree with it every sweep.
 *
 * <p>Reach: at most a third of a turn's pages per turn (3 of 10 by default, a turn every 5 min), so a sweep covers
 * about 3,600 linked objects an hour; a larger connection's sweep takes proportionally longer before it starts again.
 */
@Component
class AssociationSweep {
  /** Linked objects read per page: HubSpot's v4 batch read takes 100 ids a call as the connector pages them. */
  static final int PAGE = 100;

  private final Links links;
  private final EdgeSnapshots snapshots;
  private final SyncJobs jobs;
  private final SyncCursors cursors;
  private final TransactionTemplate tx;
  private final Clock clock;

  AssociationSweep(Links links, EdgeSnapshots snapshots, SyncJobs jobs, SyncCursors cursors, TransactionTemplate tx,
      Clock clock) {
    this.links = links;
    this.snapshots = snapshots;
    this.jobs = jobs;
    this.cursors = cursors;
    this.tx = tx;
    this.clock = clock;
  }

  /** Whether objects of {@code vendorType} keep associations, so that there is something to sweep. */
  static boolean applies(Connector connector, String vendorType) {
    return !connector.associationKinds(vendorType).isEmpty();
  }

  /**
   * Sweeps at most {@code budget} pages on from where the sweep stands (the caller decides it is due); when it ends,
   * the next is due one {@code every} later. Returns the pages read.
   */
  int sweep(SyncCursors.Cursor c, String owner, Connector connector, ConnectionContext ctx, Connection connection,
      int budget, java.time.Duration every) {
    List<AssociationKind> kinds = connector.associationKinds(c.vendorType());
    Instant next = clock.instant().plus(every);
    String after = c.position(SyncCursors.Sweep.ASSOCIATIONS); // the last key covered; null: from the first
    String correlationId = "sweep-" + UUID.randomUUID();
    for (int page = 1; page <= budget; page++) {
      List<Links.Keyed> linked = links.livePage(connection.tenantId(), connection.id(), c.vendorType(), after, PAGE);
      Map<String, List<SourceRecord.Association>> found = linked.isEmpty() ? Map.of()
          : connector.fetchAssociations(ctx, c.vendorType(), linked.stream().map(k -> k.link().externalId()).toList());
      String last = linked.size() < PAGE ? null : linked.getLast().key();
      tx.executeWithoutResult(s -> {
        for (Links.Keyed k : linked) {
          List<SourceRecord.Association> now = found.get(k.link().externalId());
          if (now != null && !holdsAsReported(connection, connector, kinds, k.link(), now)) {
            jobs.enqueue(connection.tenantId(), connection.id(), new InboundEvent(correlationId + "-" + k.key(),
                c.vendorType(), k.link().externalId(), InboundEvent.Kind.ASSOCIATIONS_CHANGED, null, clock.instant()),
                correlationId);
          }
        }
        cursors.sweepPage(c, owner, SyncCursors.Sweep.ASSOCIATIONS, last, next);
      });
      if (last == null) {
        return page;
      }
      after = last;
    }
    return budget;
  }

  /** Whether the connection's edge snapshot of the object's record is what the vendor reports now, label by label. */
  private boolean holdsAsReported(Connection connection, Connector connector, List<AssociationKind> kinds,
      Links.Link link, List<SourceRecord.Association> reported) {
    for (AssociationKind kind : kinds) {
      Map<String, Boolean> now = new HashMap<>();
      for (SourceRecord.Association a : reported) {
        if (!a.label().equals(kind.label())) {
          continue;
        }
        Optional<Links.Link> end = links.byExternal(connection.tenantId(), connection.id(), a.vendorTypeAt(connector),
            a.externalId());
        if (end.isEmpty()) {
          return false; // an object not linked yet: the job reads and links it
        }
        if (!end.get().live()) {
          continue; // its object is gone here (deleted, merged away): a read would drop the edge again, every hour
        }
        now.merge(end.get().canonicalId(), a.primary(), Boolean::logicalOr);
      }
      Map<String, Boolean> held = new HashMap<>();
      snapshots.of(connection.tenantId(), connection.id(), link.canonicalId(), kind.label()).values().stream()
          .filter(EdgeSnapshots.Held::held).forEach(h -> held.put(h.toId(), h.primary()));
      if (!now.equals(held)) {
        return false;
      }
    }
    return true;
  }
}
