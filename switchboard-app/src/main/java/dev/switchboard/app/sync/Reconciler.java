package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.ListsDeletions;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.events.Alerts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backfill on first connection, then an incremental reconciliation poll (records modified since the last watermark
 * minus an overlap) that catches whatever webhooks missed — deliveries dropped, the app down longer than the vendor
 * retries. Both feed the same job queue with the records already read, so nothing is fetched twice; unchanged
 * records are dropped by the engine's diff.
 *
 * <p>Three kinds of change are reconciled per (connection, vendor type): modified objects (the poll, every
 * interval), deleted objects where the connector can list them ({@link ListsDeletions}, hourly), and association
 * changes where the binding keeps associations ({@link AssociationSweep}, hourly); the sweeps take at most a third of
 * a turn each, the poll the rest.
 *
 * <p>Progress is persisted per (connection, vendor type) after every page ({@link SyncCursors}), so a restart or a
 * pause resumes where it stopped. A run reads at most {@code max-pages-per-run} pages of one cursor and then gives
 * the turn to the cursor that has waited longest, so one tenant's backlog cannot starve another's. Every call goes
 * through the connection's rate limiter; a 429 (the vendor's or our own limiter's) pauses the cursor until the
 * quota allows, and is never an error of the connection. A cursor that has not completed for two intervals, and
 * has read no page for one, raises an alert naming the connection, resolved when it completes.
 */
@Component
class Reconciler {
  static final String OVERDUE = "reconciliation_overdue";
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final SyncJobs jobs;
  private final SyncCursors cursors;
  private final Alerts alerts;
  private final RetryPolicy retry;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration interval;
  private final Duration overlap;
  private final int maxPagesPerRun;
  private final Duration lease;
  /** Deleted objects and associations are swept every this many poll intervals (hourly with the default five). */
  static final int SWEEPS_EVERY = 12;
  private final Duration sweepInterval;
  private final AssociationSweep associations;

  Reconciler(Connections connections, ConnectorRegistry connectors, SyncJobs jobs, SyncCursors cursors,
      AssociationSweep associations, Alerts alerts, RetryPolicy retry, TransactionTemplate tx, Clock clock,
      @Value("${switchboard.reconcile.interval-ms:300000}") long intervalMs,
      @Value("${switchboard.reconcile.overlap-ms:120000}") long overlapMs,
      @Value("${switchboard.reconcile.max-pages-per-run:10}") int maxPagesPerRun) {
    this.connections = connections;
    this.connectors = connectors;
    this.jobs = jobs;
    this.cursors = cursors;
    this.associations = associations;
    this.alerts = alerts;
    this.retry = retry;
    this.tx = tx;
    this.clock = clock;
    this.interval = Duration.ofMillis(intervalMs);
    this.overlap = Duration.ofMillis(overlapMs);
    this.maxPagesPerRun = Math.max(1, maxPagesPerRun);
    this.lease = Duration.ofMinutes(2);
    this.sweepInterval = this.interval.multipliedBy(SWEEPS_EVERY);
  }

  /**
   * Works the due cursors of every tenant, each for at most {@code max-pages-per-run} pages, oldest due first, until
   * none is due or {@code maxCursors} have had a turn. Returns the pages read.
   */
  int runOnce(String node, int maxCursors) {
    for (Connector connector : connectors.all()) {
      connector.vendorTypes().forEach(type -> cursors.ensure(connector.system(), type.name()));
    }
    int pages = 0;
    for (int turn = 0; turn < maxCursors; turn++) {
      Optional<SyncCursors.Cursor> due = cursors.claimDue(node, clock.instant().plus(lease));
      if (due.isEmpty()) {
        break;
      }
      pages += work(due.get(), node);
    }
    raiseOverdue();
    return pages;
  }

  int runOnce(String node) {
    return runOnce(node, 100);
  }

  private int work(SyncCursors.Cursor c, String owner) {
    Optional<Connection> found = connections.find(c.tenantId(), c.connectionId());
    if (found.isEmpty()) {
      cursors.release(c, owner, clock.instant().plus(interval));
      return 0;
    }
    Connection connection = found.get();
    int pages = 0;
    try {
      Connector connector = connectors.get(connection.system());
      ConnectionContext ctx = connections.context(connection);
      pages = c.backfilled() ? poll(c, owner, connector, ctx, connection) : backfill(c, owner, connector, ctx, connection);
    } catch (VendorException e) {
      failed(c, owner, connection, e);
    } catch (RuntimeException e) {
      log.error("reconciliation of connection {} failed: {}", c.connectionId(), e.getClass().getSimpleName());
      cursors.failed(c, owner, retry.nextAttempt(clock.instant(), c.attempts() + 1, null), "internal: "
          + e.getClass().getSimpleName(), true);
    }
    return pages;
  }

  private int backfill(SyncCursors.Cursor c, String owner, Connector connector, ConnectionContext ctx,
      Connection connection) {
    String cursor = c.backfillCursor();
    Instant startedAt = c.backfillStartedAt() != null ? c.backfillStartedAt() : clock.instant();
    String correlationId = "backfill-" + UUID.randomUUID();
    for (int page = 1; page <= maxPagesPerRun; page++) {
      Instant readAt = clock.instant();
      RecordPage p = connector.listModified(ctx, c.vendorType(), null, cursor);
      String next = p.nextCursor();
      tx.executeWithoutResult(s -> {
        enqueue(connection, c.vendorType(), p, readAt, correlationId);
        cursors.backfillPage(c, owner, next, p.records().size(), p.total());
      });
      if (next == null) {
        // the poll starts from when the backfill started: changes made during it are not missed
        finish(c, owner, connection, startedAt);
        return page;
      }
      cursor = next;
    }
    cursors.release(c, owner, clock.instant()); // more to read: next turn, after the others
    return maxPagesPerRun;
  }

  private int poll(SyncCursors.Cursor c, String owner, Connector connector, ConnectionContext ctx,
      Connection connection) {
    // the sweeps take at most a third of the turn each when they run (hourly); the poll of changes the rest
    int third = Math.max(1, maxPagesPerRun / 3);
    int swept = sweeping(c, owner, SyncCursors.Sweep.DELETIONS,
        connector instanceof ListsDeletions lister && lister.listsDeletions(c.vendorType()),
        () -> sweepDeletions(c, owner, (ListsDeletions) connector, ctx, connection, third));
    swept += sweeping(c, owner, SyncCursors.Sweep.ASSOCIATIONS, AssociationSweep.applies(connector, c.vendorType()),
        () -> associations.sweep(c, owner, connector, ctx, connection, third, sweepInterval));
    return swept + pollChanges(c, owner, connector, ctx, connection, Math.max(1, maxPagesPerRun - swept));
  }

  /**
   * Runs a sweep that {@code applies} to the cursor's vendor type when it is due (every {@link #SWEEPS_EVERY} poll
   * intervals) or under way; the first is scheduled an interval after the backfill, which read every live object. One
   * that fails does not hold up the poll of changes (which then runs as usual, and reports a failure of the connection
   * itself): the sweep keeps its position and is tried again three poll intervals later. Returns the pages read.
   */
  private int sweeping(SyncCursors.Cursor c, String owner, SyncCursors.Sweep sweep, boolean applies,
      java.util.function.IntSupplier run) {
    if (!applies) {
      return 0;
    }
    Instant due = c.due(sweep);
    if (due == null) {
      cursors.sweepPage(c, owner, sweep, null, clock.instant().plus(sweepInterval));
      return 0;
    }
    if (due.isAfter(clock.instant())) {
      return 0; // not due; a sweep under way keeps its due time until it ends (or fails: then it waits)
    }
    try {
      return run.getAsInt();
    } catch (RuntimeException e) {
      log.warn("{} sweep of connection {} failed: {}", sweep, c.connectionId(),
          Pii.redact(String.valueOf(e.getMessage())));
      cursors.sweepFailed(c, owner, sweep, clock.instant().plus(interval.multipliedBy(3)));
      return 0;
    }
  }

  /**
   * Sweeps, at most {@code budget} pages on from where it stands, the deleted objects of the cursor's vendor type
   * ({@link ListsDeletions}): each deleted object still linked live here gets a deletion job, which reads it again and
   * tombstones the link (or applies it, restored meanwhile). This is what finds a deletion whose webhook was lost;
   * {@code listModified} cannot, since a deleted object is no longer listed. Returns the pages read.
   */
  private int sweepDeletions(SyncCursors.Cursor c, String owner, ListsDeletions lister, ConnectionContext ctx,
      Connection connection, int budget) {
    String cursor = c.position(SyncCursors.Sweep.DELETIONS);
    String correlationId = "sweep-" + UUID.randomUUID();
    for (int page = 1; page <= budget; page++) {
      ListsDeletions.DeletedPage p = lister.listDeleted(ctx, c.vendorType(), cursor);
      String next = p.nextCursor();
      tx.executeWithoutResult(s -> {
        p.deleted().forEach(d -> jobs.enqueueDeletionIfLinked(connection.tenantId(), connection.id(), c.vendorType(),
            d.externalId(), correlationId));
        cursors.sweepPage(c, owner, SyncCursors.Sweep.DELETIONS, next, clock.instant().plus(sweepInterval));
      });
      if (next == null) {
        return page;
      }
      cursor = next;
    }
    return budget;
  }

  private int pollChanges(SyncCursors.Cursor c, String owner, Connector connector, ConnectionContext ctx,
      Connection connection, int budget) {
    Instant since = c.pollSince();
    if (since == null) {
      since = c.watermark() == null ? clock.instant().minus(interval) : c.watermark().minus(overlap);
      cursors.startPoll(c, owner, since);
    }
    String cursor = c.pollCursor();
    @Nullable Instant newest = c.pollNewest();
    String correlationId = "poll-" + UUID.randomUUID();
    for (int page = 1; page <= budget; page++) {
      Instant readAt = clock.instant();
      RecordPage p = connector.listModified(ctx, c.vendorType(), since, cursor);
      for (SourceRecord r : p.records()) {
        if (newest == null || r.modifiedAt().isAfter(newest)) {
          newest = r.modifiedAt();
        }
      }
      String next = p.nextCursor();
      Instant pageNewest = newest;
      tx.executeWithoutResult(s -> {
        enqueue(connection, c.vendorType(), p, readAt, correlationId);
        cursors.pollPage(c, owner, next, pageNewest);
      });
      if (next == null) {
        finish(c, owner, connection, newest);
        return page;
      }
      cursor = next;
    }
    cursors.release(c, owner, clock.instant());
    return budget;
  }

  private void enqueue(Connection connection, String vendorType, RecordPage page, Instant readAt,
      String correlationId) {
    for (SourceRecord r : page.records()) {
      jobs.enqueuePrefetched(connection.tenantId(), connection.id(), vendorType, r, readAt, correlationId);
    }
  }

  private void finish(SyncCursors.Cursor c, String owner, Connection connection, @Nullable Instant watermark) {
    cursors.complete(c, owner, watermark, clock.instant().plus(interval));
    alerts.resolve(c.tenantId(), OVERDUE, c.connectionId());
    connections.markHealthy(connection.tenantId(), connection.id());
  }

  /**
   * A 429 — the vendor's or our own limiter's — is a pause until the quota allows; other retryable failures back
   * off; neither is an error of the connection (the overdue alert says when reconciliation stops keeping up).
   * Refused credentials stop the connection's work until they are updated.
   */
  private void failed(SyncCursors.Cursor c, String owner, Connection connection, VendorException e) {
    String message = Pii.redact(e.getMessage());
    Instant now = clock.instant();
    if (e.status() == 429) {
      Duration wait = e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(1);
      cursors.failed(c, owner, now.plus(wait), "rate limited: " + message, false);
    } else if (e.retryable()) {
      cursors.failed(c, owner, retry.nextAttempt(now, c.attempts() + 1, e.retryAfter()), message, true);
    } else if (e.status() == 401 || e.status() == 403) {
      connections.markCredentialsRejected(connection.tenantId(), connection.id(), message);
      cursors.failed(c, owner, now.plus(interval), message, true);
    } else {
      log.warn("reconciliation of connection {} failed: {}", c.connectionId(), message);
      cursors.failed(c, owner, now.plus(interval), message, true);
    }
  }

  private void raiseOverdue() {
    Duration overdue = interval.multipliedBy(2);
    for (SyncCursors.Cursor c : cursors.overdue(clock.instant().minus(overdue), clock.instant().minus(interval))) {
      if (alerts.isOpen(c.tenantId(), OVERDUE, c.connectionId())) {
        continue;
      }
      String name = connections.find(c.tenantId(), c.connectionId()).map(Connection::displayName).orElse(c.connectionId());
      alerts.raise(c.tenantId(), "WARN", OVERDUE, "Reconciliation of " + name + " (" + c.vendorType()
          + " records) has not completed for over " + overdue.toSeconds() + " seconds, so changes whose webhooks were "
          + "lost are not being recovered. The connection's last error says why.", c.connectionId());
    }
  }
}
