package dev.switchboard.app.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable requests to write one edge to one target connection ({@code outbox_edge_task}): {@link
 * Outbox.Operation#ASSOCIATE} or {@link Outbox.Operation#DISSOCIATE}, one row per (target, from, label, to), the
 * newest request winning when they coalesce. Apart from {@link Outbox} because an edge is its own piece of work: a
 * contact's upsert and each of its company edges have their own attempts, waits and dead letters.
 *
 * <p>Statuses as the outbox's, plus {@link Outbox#WAITING}: an end of the edge is not linked in the target yet
 * ({@code waiting_on}); such a row is not claimed and spends no attempts until {@link Links#put} links that record
 * there and wakes it.
 */
@Repository
class EdgeOutbox {

  /** One edge task as claimed. {@code revision} counts the requests coalesced into the row. */
  record EdgeTask(long id, String tenantId, String connectionId, String fromId, String label, String toId,
      String fromType, String toType, Outbox.Operation operation, boolean primary, long revision, int attempts,
      Instant enqueuedAt, @Nullable String correlationId) {}

  private final JdbcClient db;
  private final Clock clock;
  private final LeasedQueue queue;
  private final WorkSignal signal;

  EdgeOutbox(JdbcClient db, Clock clock, TransactionTemplate tx, WorkSignal signal) {
    this.db = db;
    this.clock = clock;
    this.signal = signal;
    this.queue = new LeasedQueue(db, tx, "outbox_edge_task");
  }

  /**
   * Requests that {@code connectionId} hold the edge ({@code ASSOCIATE}, with its primary flag) or not hold it
   * ({@code DISSOCIATE}), replacing any request of it not sent yet. A waiting row becomes pending again: it is checked
   * afresh when claimed. Call inside the transaction that changed the edge.
   */
  void enqueue(Outbox.Operation operation, String tenantId, String connectionId, String fromId, String fromType,
      String label, String toId, String toType, boolean primary, Instant origin, @Nullable String correlationId) {
    Timestamp now = Timestamp.from(clock.instant());
    Timestamp originTs = Timestamp.from(origin);
    for (int attempt = 0; attempt < 3; attempt++) {
      int n = db.sql("update outbox_edge_task set operation = ?, is_primary = ?, revision = revision + 1, "
              + "correlation_id = ?, attempts = case when status = 'PENDING' then attempts else 0 end, "
              + "next_attempt_at = case when status = 'PENDING' then next_attempt_at else ? end, "
              + "enqueued_at = case when status = 'PENDING' then enqueued_at else ? end, "
              + "status = 'PENDING', waiting_on = null, last_error = null, last_error_code = null, updated_at = ? "
              + "where tenant_id = ? and connection_id = ? and from_id = ? and label = ? and to_id = ?")
          .params(operation.name(), primary, correlationId, now, originTs, now, tenantId, connectionId, fromId, label,
              toId).update();
      if (n == 0) {
        n = db.sql("insert into outbox_edge_task(tenant_id, connection_id, from_id, label, to_id, from_type, to_type, "
                + "operation, is_primary, status, next_attempt_at, enqueued_at, correlation_id, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?) on conflict do nothing")
            .params(tenantId, connectionId, fromId, label, toId, fromType, toType, operation.name(), primary, now,
                originTs, correlationId, now).update();
      }
      if (n == 1) {
        signal.outboundAvailable();
        return;
      }
    }
    throw new IllegalStateException("could not enqueue edge task");
  }

  /**
   * Whether an {@code ASSOCIATE} of the edge to {@code connectionId} is open: pending, waiting (for an end's link,
   * which wakes it), or any request of it dead (replaying it is an operator's call, not a new link's).
   */
  boolean associateOpen(String tenantId, String connectionId, String fromId, String label, String toId) {
    return db.sql("select count(*) from outbox_edge_task where tenant_id = ? and connection_id = ? and from_id = ? "
            + "and label = ? and to_id = ? and (status = 'DEAD' or (status in ('PENDING', 'WAITING') "
            + "and operation = 'ASSOCIATE'))")
        .params(tenantId, connectionId, fromId, label, toId).query(Long.class).single() > 0;
  }

  /**
   * Settles the open {@code ASSOCIATE} requests of the edge (pending or waiting, not on the wire), in every connection,
   * as {@code SKIPPED}: the edge ended without a {@code DISSOCIATE} of its own (a split writes nothing), and sending
   * them would put it where no system asserts it any more. Returns how many.
   */
  int skipOpenAssociates(String tenantId, String fromId, String label, String toId) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update outbox_edge_task set status = 'SKIPPED', waiting_on = null, updated_at = ? "
            + "where tenant_id = ? and from_id = ? and label = ? and to_id = ? and operation = 'ASSOCIATE' "
            + "and status in ('PENDING', 'WAITING') and (lease_until is null or lease_until < ?)")
        .params(now, tenantId, fromId, label, toId, now).update();
  }

  /** Claims due edge tasks of connections whose work may run. */
  List<EdgeTask> claim(String owner, int limit, Instant leaseUntil) {
    List<Long> ids = queue.claim(owner, limit, clock.instant(), leaseUntil, LeasedQueue.WORKABLE_CONNECTION);
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.sql("select * from outbox_edge_task where id in (:ids) and lease_owner = :owner order by id")
        .param("ids", ids).param("owner", owner).query(this::row).list();
  }

  /**
   * True while an edge write of this record (either end) to this connection is in flight. Locks those rows until the
   * caller's transaction ends (as {@link Outbox#inFlight}), so that egress cannot claim one meanwhile.
   */
  boolean inFlight(String tenantId, String connectionId, String canonicalId) {
    Instant now = clock.instant();
    for (String end : List.of("from_id", "to_id")) {
      List<Timestamp> leases = db.sql("select lease_until from outbox_edge_task where tenant_id = ? "
              + "and connection_id = ? and " + end + " = ? for update")
          .params(tenantId, connectionId, canonicalId).query(Timestamp.class).list();
      if (leases.stream().anyMatch(t -> t != null && t.toInstant().isAfter(now))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Finishes a task sent (or settled without a call) at its revision: {@code status}, unless a newer request arrived
   * meanwhile (that one stays pending). False when this worker no longer holds the lease.
   */
  boolean finish(EdgeTask task, String owner, String status) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update outbox_edge_task set status = case when revision = ? then ? else 'PENDING' end, "
            + "attempts = 0, next_attempt_at = ?, waiting_on = null, last_error = null, last_error_code = null, "
            + "lease_owner = null, lease_until = null, updated_at = ? where id = ? and lease_owner = ?")
        .params(task.revision(), status, now, now, task.id(), owner).update() == 1;
  }

  /**
   * Parks the task until {@code recordId} is linked in the target (no attempt counted), unless a newer request arrived
   * meanwhile. Call inside a transaction that checks the link again afterwards (see {@link Waiting}).
   */
  boolean waitFor(EdgeTask task, String owner, String recordId) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update outbox_edge_task set status = case when revision = ? then 'WAITING' else 'PENDING' end, "
            + "waiting_on = case when revision = ? then ? else null end, next_attempt_at = ?, lease_owner = null, "
            + "lease_until = null, updated_at = ? where id = ? and lease_owner = ?")
        .params(task.revision(), task.revision(), recordId, now, now, task.id(), owner).update() == 1;
  }

  void retryAt(EdgeTask task, String owner, Instant at, String error, String code, boolean countAttempt) {
    db.sql("update outbox_edge_task set attempts = attempts + ?, next_attempt_at = ?, last_error = ?, "
            + "last_error_code = ?, lease_owner = null, lease_until = null, updated_at = ? where id = ? "
            + "and lease_owner = ?")
        .params(countAttempt ? 1 : 0, Timestamp.from(at), error, code, Timestamp.from(clock.instant()), task.id(), owner)
        .update();
  }

  /** Parks the task as a dead letter, unless a newer request arrived meanwhile (that one gets its own chance). */
  boolean dead(EdgeTask task, String owner, String error, String code) {
    Timestamp now = Timestamp.from(clock.instant());
    int n = db.sql("update outbox_edge_task set status = 'DEAD', attempts = attempts + 1, last_error = ?, "
            + "last_error_code = ?, next_attempt_at = ?, lease_owner = null, lease_until = null, updated_at = ? "
            + "where id = ? and lease_owner = ? and revision = ?")
        .params(error, code, now, now, task.id(), owner, task.revision()).update();
    if (n == 0) {
      db.sql("update outbox_edge_task set attempts = 0, next_attempt_at = ?, lease_owner = null, lease_until = null, "
              + "updated_at = ? where id = ? and lease_owner = ?")
          .params(now, now, task.id(), owner).update();
    }
    return n == 1;
  }

  /**
   * Settles the edge tasks waiting for {@code recordId} in {@code connectionId} as {@code status} without a call (the
   * record will never be there: the edge is dropped); returns how many.
   */
  int settleWaitingOn(String tenantId, String connectionId, String recordId, String status) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update outbox_edge_task set status = ?, waiting_on = null, updated_at = ? where tenant_id = ? "
            + "and connection_id = ? and waiting_on = ? and status = 'WAITING'")
        .params(status, now, tenantId, connectionId, recordId).update();
  }

  /**
   * Deletes up to {@code limit} finished (DONE or SKIPPED) edge tasks last touched before {@code before}; returns how
   * many went. The target's edge snapshot keeps what they wrote.
   */
  int purgeFinished(Instant before, int limit) {
    Timestamp cutoff = Timestamp.from(before);
    List<Long> ids = db.sql("select id from outbox_edge_task where status in ('DONE', 'SKIPPED') and updated_at < ? "
            + "limit " + limit).param(cutoff).query(Long.class).list();
    if (ids.isEmpty()) {
      return 0;
    }
    return db.sql("delete from outbox_edge_task where id in (:ids) and status in ('DONE', 'SKIPPED') "
        + "and updated_at < :cutoff").param("ids", ids).param("cutoff", cutoff).update();
  }

  Map<String, Long> countsByStatus(String tenantId) {
    Map<String, Long> out = new TreeMap<>();
    db.sql("select status, count(*) from outbox_edge_task where tenant_id = ? group by status").param(tenantId)
        .query(rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        });
    return out;
  }

  private EdgeTask row(ResultSet rs, int i) throws SQLException {
    return new EdgeTask(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("connection_id"),
        rs.getString("from_id"), rs.getString("label"), rs.getString("to_id"), rs.getString("from_type"),
        rs.getString("to_type"), Outbox.Operation.valueOf(rs.getString("operation")), rs.getBoolean("is_primary"),
        rs.getLong("revision"), rs.getInt("attempts"), rs.getTimestamp("enqueued_at").toInstant(),
        rs.getString("correlation_id"));
  }

  /** An edge write waiting for an end to be linked in its target, as shown to operators. */
  record WaitingEdge(long id, String connectionId, String fromId, String label, String toId, String waitingOn,
      Instant since) {}

  /** The tenant's waiting edge writes, oldest first (by the {@code (tenant_id, status, connection_id)} index). */
  List<WaitingEdge> waiting(String tenantId, int limit) {
    return db.sql("select id, connection_id, from_id, label, to_id, waiting_on, updated_at from outbox_edge_task "
            + "where tenant_id = ? and status = 'WAITING' order by updated_at, id limit " + limit)
        .param(tenantId).query((rs, i) -> new WaitingEdge(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant())).list();
  }
}
