package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backfill on first connection, then an incremental reconciliation poll (records modified since the last
 * watermark minus an overlap) that catches whatever webhooks missed. Both feed the same job queue with the
 * records already read, so nothing is fetched twice; unchanged records are dropped by the engine's diff.
 * Progress (cursor, count) is stored on the connection, so a restart resumes where it stopped.
 */
@Component
class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final SyncJobs jobs;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration interval;
  private final Duration overlap;

  Reconciler(Connections connections, ConnectorRegistry connectors, SyncJobs jobs, TransactionTemplate tx, Clock clock,
      @Value("${switchboard.reconcile.interval-ms:300000}") long intervalMs,
      @Value("${switchboard.reconcile.overlap-ms:120000}") long overlapMs) {
    this.connections = connections;
    this.connectors = connectors;
    this.jobs = jobs;
    this.tx = tx;
    this.clock = clock;
    this.interval = Duration.ofMillis(intervalMs);
    this.overlap = Duration.ofMillis(overlapMs);
  }

  /** Advances every connection's backfill by one page, or runs its poll when due. Returns pages read. */
  int runOnce(String node) {
    int pages = 0;
    for (Connection c : connections.allActive()) {
      if (c.accountId() == null) {
        continue; // not verified yet
      }
      Instant now = clock.instant();
      if (c.nextPollAt() != null && now.isBefore(c.nextPollAt())) {
        continue;
      }
      // one node per connection at a time; the claim lapses by itself if this node dies
      if (!connections.claimReconcile(c.tenantId(), c.id(), now, now.plus(Duration.ofMinutes(2)))) {
        continue;
      }
      try {
        if (!"DONE".equals(c.backfillStatus())) {
          pages += backfillPage(c);
        } else {
          pages += poll(c);
        }
      } catch (VendorException e) {
        log.warn("reconciliation of connection {} failed: {}", c.id(), Pii.redact(e.getMessage()));
        connections.markError(c.tenantId(), c.id(), Pii.redact(e.getMessage()));
        connections.recordPoll(c.tenantId(), c.id(), null, clock.instant().plus(Duration.ofSeconds(30)));
      }
    }
    return pages;
  }

  int backfillPage(Connection c) {
    Connector connector = connectors.get(c.system());
    Instant startedAt = clock.instant();
    RecordPage page = connector.listModified(connections.context(c), "contact", null, c.backfillCursor());
    Instant readAt = startedAt;
    String correlationId = "backfill-" + UUID.randomUUID();
    tx.executeWithoutResult(s -> {
      for (SourceRecord r : page.records()) {
        jobs.enqueuePrefetched(c.tenantId(), c.id(), r, readAt, correlationId);
      }
      boolean done = page.nextCursor() == null;
      connections.recordBackfill(c.tenantId(), c.id(), done ? "DONE" : "RUNNING", page.nextCursor(), page.records().size());
      if (done) {
        // the poll starts from when the backfill started: changes made during it are not missed
        Instant began = c.backfillStartedAt() == null ? startedAt : c.backfillStartedAt();
        connections.recordPoll(c.tenantId(), c.id(), began, clock.instant().plus(interval));
      } else {
        connections.recordPoll(c.tenantId(), c.id(), null, clock.instant()); // next page right away
      }
    });
    return 1;
  }

  int poll(Connection c) {
    Connector connector = connectors.get(c.system());
    Instant since = c.pollWatermark() == null ? clock.instant().minus(interval) : c.pollWatermark().minus(overlap);
    Instant highest = c.pollWatermark();
    String cursor = null;
    int pages = 0;
    String correlationId = "poll-" + UUID.randomUUID();
    do {
      Instant readAt = clock.instant();
      RecordPage page = connector.listModified(connections.context(c), "contact", since, cursor);
      for (SourceRecord r : page.records()) {
        if (highest == null || r.modifiedAt().isAfter(highest)) {
          highest = r.modifiedAt();
        }
      }
      tx.executeWithoutResult(s -> page.records().forEach(r -> jobs.enqueuePrefetched(c.tenantId(), c.id(), r, readAt, correlationId)));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 50);
    connections.recordPoll(c.tenantId(), c.id(), highest, clock.instant().plus(interval));
    return pages;
  }
}
