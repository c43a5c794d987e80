package dev.switchboard.app.sync;

import dev.switchboard.app.connections.ConnectionDeleted;
import dev.switchboard.app.connections.ConnectionReady;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sync engine's side of a connection's life: its work is forgotten with it, and released when it may run again.
 * Golden records, their history and the received webhooks stay: they are the tenant's, not the connection's.
 */
@Component
class ConnectionWork {
  private final JdbcClient db;
  private final Clock clock;
  private final WorkSignal signal;

  ConnectionWork(JdbcClient db, Clock clock, WorkSignal signal) {
    this.db = db;
    this.clock = clock;
    this.signal = signal;
  }

  /**
   * Removes the connection's links, create keys, derivations, edge snapshots, cursors, inbound jobs and outbox tasks (edge tasks and dead letters
   * included), in the
   * transaction that deletes the connection. A worker still holding one of them loses it: its completion matches no
   * row, so it rolls back and writes no link for the deleted connection. The tables are taken in the order the
   * workers' own transactions lock them (links, then writes, then jobs, then cursors), so as not to deadlock them.
   */
  @EventListener
  void deleted(ConnectionDeleted e) {
    for (String table : new String[] {"record_link", "create_key", "record_derivation", "edge_snapshot", "outbox_task",
        "outbox_edge_task", "outbox_merge_task", "sync_job", "sync_cursor"}) {
      db.sql("delete from " + table + " where tenant_id = ? and connection_id = ?")
          .params(e.tenantId(), e.connectionId()).update();
    }
  }

  /**
   * Makes the connection's waiting work due now (jobs and writes put back while its credentials were refused, and
   * its backfill or poll), so that it does not sit out a retry delay meant for a vendor that was failing.
   */
  @EventListener
  void ready(ConnectionReady e) {
    Timestamp now = Timestamp.from(clock.instant());
    for (String table : new String[] {"sync_job", "outbox_task", "outbox_edge_task", "outbox_merge_task"}) {
      db.sql("update " + table + " set next_attempt_at = ? where tenant_id = ? and connection_id = ? "
              + "and status = 'PENDING' and next_attempt_at > ?")
          .params(now, e.tenantId(), e.connectionId(), now).update();
    }
    db.sql("update sync_cursor set next_run_at = ? where tenant_id = ? and connection_id = ? and next_run_at > ?")
        .params(now, e.tenantId(), e.connectionId(), now).update();
    signal.inboundAvailable();
    signal.outboundAvailable();
  }
}
