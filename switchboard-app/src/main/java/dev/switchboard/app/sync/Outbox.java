package dev.switchboard.app.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pending writes, one row per (target connection, canonical record). Enqueueing a newer version of a record
 * whose write is still pending replaces it (coalescing): the target gets the latest state once, not every
 * intermediate one. The payload is not stored here; egress reads the golden record when it sends.
 *
 * <p>Each task carries an {@link Operation}. Coalescing keeps the newest request: an upsert followed by a delete
 * becomes the delete (the target gets no update of an object about to go), a delete followed by an upsert (the record
 * changed or was restored since) becomes the upsert. A task is finished only for the operation and version it was
 * sent with; a newer request that arrived while it was in flight stays pending.
 *
 * <p>A create whose target needs a reference to another record first (an invoice's customer, see
 * {@link dev.switchboard.app.connectors.AssociationKind#requiredAtCreate()}) is {@link #WAITING}: not claimed, no
 * attempt counted, {@code waiting_on} naming that record, until {@link Links#put} links it in the target and wakes the
 * task. Edge writes have their own table ({@link EdgeOutbox}).
 */
@Repository
class Outbox {
  static final String PENDING = "PENDING";
  static final String DONE = "DONE";
  static final String SKIPPED = "SKIPPED";
  static final String DEAD = "DEAD";
  /** Blocked until the record named by {@code waiting_on} is linked in the target. */
  static final String WAITING = "WAITING";
  /**
   * A dead letter an owner or admin decided not to send (discarded): kept with its error as the record of that
   * decision, never claimed and never purged; the record's next change enqueues it again as a fresh write.
   */
  static final String DISCARDED = "DISCARDED";

  /** What a task asks of its target ({@code outbox_task.operation}). */
  enum Operation {
    /** Create or update the record's object from the golden record. */
    UPSERT,
    /** Delete (or archive, per the target's declared semantics) the record's object in the target. */
    DELETE,
    /** Write an edge (association) once both ends are linked in the target ({@link EdgeOutbox} only). */
    ASSOCIATE,
    /** Remove an edge in the target ({@link EdgeOutbox} only). */
    DISSOCIATE
  }

  record Task(long id, String tenantId, String connectionId, String canonicalId, String objectType, long version,
      int attempts, Instant enqueuedAt, @Nullable String correlationId, String status, @Nullable String lastError,
      @Nullable String lastErrorCode, Instant updatedAt, Operation operation) {}

  private final JdbcClient db;
  private final Clock clock;
  private final LeasedQueue queue;
  private final WorkSignal signal;

  Outbox(JdbcClient db, Clock clock, TransactionTemplate tx, WorkSignal signal) {
    this.db = db;
    this.clock = clock;
    this.signal = signal;
    this.queue = new LeasedQueue(db, tx, "outbox_task");
  }

  /** Requests that {@code connectionId} receive version {@code version} of the record. Call inside a transaction. */
  void enqueue(String tenantId, String connectionId, String canonicalId, String objectType, long version,
      Instant origin, @Nullable String correlationId) {
    enqueue(Operation.UPSERT, tenantId, connectionId, canonicalId, objectType, version, origin, correlationId);
  }

  /**
   * Requests that the record's object in {@code connectionId} be deleted (replacing a pending upsert of it). Call
   * inside a transaction.
   */
  void enqueueDelete(String tenantId, String connectionId, String canonicalId, String objectType, long version,
      Instant origin, @Nullable String correlationId) {
    enqueue(Operation.DELETE, tenantId, connectionId, canonicalId, objectType, version, origin, correlationId);
  }

  private void enqueue(Operation operation, String tenantId, String connectionId, String canonicalId,
      String objectType, long version, Instant origin, @Nullable String correlationId) {
    if (operation == Operation.UPSERT && deletePending(tenantId, connectionId, canonicalId, objectType)
        && deletedElsewhere(tenantId, connectionId, canonicalId)) {
      // A propagated delete that has not gone out yet stays the delete: a later update of the record (its company
      // renamed, a merge) must not bring back an object its source still has deleted. A restore at the source makes
      // the record live there again, and then the upsert does replace it.
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    Timestamp originTs = Timestamp.from(origin);
    for (int attempt = 0; attempt < 3; attempt++) {
      int n = db.sql("update outbox_task set operation = ?, version = ?, correlation_id = ?, "
              + "attempts = case when status = 'PENDING' then attempts else 0 end, "
              + "next_attempt_at = case when status = 'PENDING' then next_attempt_at else ? end, "
              + "enqueued_at = case when status = 'PENDING' then enqueued_at else ? end, "
              + "status = 'PENDING', waiting_on = null, last_error = null, last_error_code = null, updated_at = ? "
              + "where tenant_id = ? and connection_id = ? and object_type = ? and canonical_id = ?")
          .params(operation.name(), version, correlationId, now, originTs, now, tenantId, connectionId, objectType,
              canonicalId).update();
      if (n == 0) {
        n = db.sql("insert into outbox_task(tenant_id, connection_id, canonical_id, object_type, operation, version, "
                + "status, next_attempt_at, enqueued_at, correlation_id, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?) on conflict do nothing")
            .params(tenantId, connectionId, canonicalId, objectType, operation.name(), version, now, originTs,
                correlationId, now).update();
      }
      if (n == 1) {
        signal.outboundAvailable();
        return;
      }
    }
    throw new IllegalStateException("could not enqueue outbox task");
  }

  private boolean deletePending(String tenantId, String connectionId, String canonicalId, String objectType) {
    return db.sql("select count(*) from outbox_task where tenant_id = ? and connection_id = ? and canonical_id = ? "
            + "and object_type = ? and status = 'PENDING' and operation = 'DELETE'")
        .params(tenantId, connectionId, canonicalId, objectType).query(Long.class).single() > 0;
  }

  /**
   * Whether another connection still has the record's object deleted ({@code DELETED}) and no live object of it: the
   * condition under which a propagated delete is still wanted ({@code DeletePropagation#stillDeletedElsewhere}).
   */
  private boolean deletedElsewhere(String tenantId, String connectionId, String canonicalId) {
    return db.sql("select count(*) from record_link d where d.tenant_id = ? and d.canonical_id = ? "
            + "and d.connection_id <> ? and d.tombstone = 'DELETED' and not exists (select 1 from record_link l "
            + "where l.tenant_id = d.tenant_id and l.canonical_id = d.canonical_id and l.connection_id = d.connection_id "
            + "and l.object_type = d.object_type and l.tombstone is null)")
        .params(tenantId, canonicalId, connectionId).query(Long.class).single() > 0;
  }

  /** Claims due tasks of connections whose work may run (not paused, credentials not refused). */
  List<Task> claim(String owner, int limit, Instant leaseUntil) {
    return load(queue.claim(owner, limit, clock.instant(), leaseUntil, LeasedQueue.WORKABLE_CONNECTION), owner);
  }

  /** Claims the pending task of one record for one target, if it is due and free (synchronous API writes). */
  Optional<Task> claimOne(String owner, String tenantId, String connectionId, String canonicalId, Instant leaseUntil) {
    List<Long> ids = queue.claim(owner, 1, clock.instant(), leaseUntil,
        "and tenant_id = ? and connection_id = ? and canonical_id = ? " + LeasedQueue.WORKABLE_CONNECTION, tenantId,
        connectionId, canonicalId);
    return load(ids, owner).stream().findFirst();
  }

  private List<Task> load(List<Long> ids, String owner) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.sql("select * from outbox_task where id in (:ids) and lease_owner = :owner order by id")
        .param("ids", ids).param("owner", owner).query(this::row).list();
  }

  /** True while a write of this record to this connection is in flight (leased and not expired). */
  boolean inFlight(String tenantId, String connectionId, String canonicalId) {
    // FOR UPDATE: until the caller's transaction ends, egress (SKIP LOCKED) cannot claim this write, so it
    // cannot start sending the golden record's old state while the caller is changing it.
    List<Timestamp> leases = db.sql("select lease_until from outbox_task where tenant_id = ? and connection_id = ? "
            + "and canonical_id = ? for update")
        .params(tenantId, connectionId, canonicalId).query(Timestamp.class).list();
    return anyLeased(leases);
  }

  /**
   * True while a delete of this record's object in this connection is being sent (leased, not expired): a deletion
   * the vendor reports now is most likely our own. Also true while an upsert is on the wire and a delete replaced it
   * (the row holds the newest operation): the record's object there is about to be deleted by us anyway. Takes no
   * lock.
   */
  boolean deleteInFlight(String tenantId, String connectionId, String canonicalId) {
    List<Timestamp> leases = db.sql("select lease_until from outbox_task where tenant_id = ? and connection_id = ? "
            + "and canonical_id = ? and operation = 'DELETE'")
        .params(tenantId, connectionId, canonicalId).query(Timestamp.class).list();
    return anyLeased(leases);
  }

  /** Whether one of these leases has not expired yet: its write is being sent right now. */
  private boolean anyLeased(List<Timestamp> leases) {
    Instant now = clock.instant();
    return leases.stream().anyMatch(t -> t != null && t.toInstant().isAfter(now));
  }

  /** Where the write of one record to one connection stands; {@code inFlight}: a worker is sending it now. */
  record State(String status, long version, Instant nextAttemptAt, int attempts, boolean inFlight) {}

  Optional<State> state(String tenantId, String connectionId, String canonicalId) {
    return db.sql("select status, version, next_attempt_at, attempts, lease_until from outbox_task where tenant_id = ? "
            + "and connection_id = ? and canonical_id = ?")
        .params(tenantId, connectionId, canonicalId)
        .query((rs, i) -> new State(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getInt(4),
            anyLeased(java.util.Collections.singletonList(rs.getTimestamp(5)))))
        .optional();
  }

  /** Extends the lease of the tasks this worker still owns; returns their ids (a lost lease is not renewed). */
  List<Long> renew(List<Long> ids, String owner, Instant until) {
    if (ids.isEmpty()) {
      return List.of();
    }
    db.sql("update outbox_task set lease_until = :until where id in (:ids) and lease_owner = :owner")
        .param("until", Timestamp.from(until)).param("ids", ids).param("owner", owner).update();
    return db.sql("select id from outbox_task where id in (:ids) and lease_owner = :owner")
        .param("ids", ids).param("owner", owner).query(Long.class).list();
  }

  /**
   * True while a write of this record to any connection is in flight. Locks the record's task rows (FOR UPDATE) until
   * the caller's transaction ends, so that egress cannot claim one meanwhile (as {@link #inFlight}).
   */
  boolean inFlightAnywhere(String tenantId, String canonicalId) {
    List<Timestamp> leases = db.sql("select lease_until from outbox_task where tenant_id = ? and canonical_id = ? "
            + "for update")
        .params(tenantId, canonicalId).query(Timestamp.class).list();
    return anyLeased(leases);
  }

  /**
   * Drops the record's writes (it was merged into another) and returns the connections that were still owed one
   * (pending or dead): the caller owes them the survivor instead. Call with no write of it in flight.
   */
  List<String> takeOver(String tenantId, String canonicalId) {
    List<String> owed = db.sql("select distinct connection_id from outbox_task where tenant_id = ? and canonical_id = ? "
            + "and status in ('PENDING', 'WAITING', 'DEAD')")
        .params(tenantId, canonicalId).query(String.class).list();
    db.sql("delete from outbox_task where tenant_id = ? and canonical_id = ?").params(tenantId, canonicalId).update();
    return owed;
  }

  /** True while any write to this connection is in flight. */
  boolean anyInFlight(String tenantId, String connectionId, String objectType) {
    return db.sql("select count(*) from outbox_task where tenant_id = ? and connection_id = ? and object_type = ? "
            + "and lease_until is not null and lease_until > ?")
        .params(tenantId, connectionId, objectType, Timestamp.from(clock.instant())).query(Long.class).single() > 0;
  }

  boolean anyInFlight(String tenantId, String connectionId) {
    return db.sql("select count(*) from outbox_task where tenant_id = ? and connection_id = ? "
            + "and lease_until is not null and lease_until > ?")
        .params(tenantId, connectionId, Timestamp.from(clock.instant())).query(Long.class).single() > 0;
  }

  /**
   * Finishes a task sent at its version and operation: done, unless a newer version or another operation arrived
   * meanwhile (that one stays pending).
   */
  boolean finish(Task task, String owner, String status) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update outbox_task set status = case when version = ? and operation = ? then ? else 'PENDING' end, "
            + "attempts = 0, next_attempt_at = ?, last_error = null, last_error_code = null, lease_owner = null, "
            + "lease_until = null, updated_at = ? where id = ? and lease_owner = ?")
        .params(task.version(), task.operation().name(), status, now, now, task.id(), owner).update() == 1;
  }

  void retryAt(Task task, String owner, Instant at, String error, String code, boolean countAttempt) {
    db.sql("update outbox_task set attempts = attempts + ?, next_attempt_at = ?, last_error = ?, last_error_code = ?, "
            + "lease_owner = null, lease_until = null, updated_at = ? where id = ? and lease_owner = ?")
        .params(countAttempt ? 1 : 0, Timestamp.from(at), error, code, Timestamp.from(clock.instant()), task.id(), owner)
        .update();
  }

  /**
   * Parks a create until {@code recordId} is linked in the target: {@link #WAITING}, no attempt counted, unless a newer
   * version or operation arrived meanwhile (that one is pending at once). Call inside a transaction that checks the
   * link again afterwards (see {@link Waiting}): a link committed meanwhile would otherwise never wake it.
   */
  boolean waitFor(Task task, String owner, String recordId) {
    Timestamp now = Timestamp.from(clock.instant());
    String current = "version = ? and operation = ?";
    return db.sql("update outbox_task set status = case when " + current + " then 'WAITING' else 'PENDING' end, "
            + "waiting_on = case when " + current + " then ? else null end, next_attempt_at = ?, lease_owner = null, "
            + "lease_until = null, updated_at = ? where id = ? and lease_owner = ?")
        .params(task.version(), task.operation().name(), task.version(), task.operation().name(), recordId, now, now,
            task.id(), owner).update() == 1;
  }

  /** A write waiting for a record to be linked in its target, as shown to operators. */
  record WaitingWrite(long id, String connectionId, String canonicalId, String objectType, String waitingOn,
      Instant since) {}

  /** The tenant's waiting writes, oldest first. */
  List<WaitingWrite> waiting(String tenantId, int limit) {
    return db.sql("select id, connection_id, canonical_id, object_type, waiting_on, updated_at from outbox_task "
            + "where tenant_id = ? and status = 'WAITING' order by updated_at, id limit " + limit)
        .param(tenantId).query((rs, i) -> new WaitingWrite(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())).list();
  }

  /** Whether a write to {@code connectionId} waits for {@code recordId}. */
  boolean anyWaitingOn(String tenantId, String connectionId, String recordId) {
    return db.sql("select count(*) from outbox_task where tenant_id = ? and connection_id = ? and waiting_on = ? "
            + "and status = 'WAITING'").params(tenantId, connectionId, recordId).query(Long.class).single() > 0;
  }

  /** Parks the task as a dead letter, unless a newer version arrived meanwhile (that one gets its own chance). */
  boolean dead(Task task, String owner, String error, String code) {
    Timestamp now = Timestamp.from(clock.instant());
    int n = db.sql("update outbox_task set status = 'DEAD', attempts = attempts + 1, last_error = ?, last_error_code = ?, "
            + "next_attempt_at = ?, lease_owner = null, lease_until = null, updated_at = ? "
            + "where id = ? and lease_owner = ? and version = ? and operation = ?")
        .params(error, code, now, now, task.id(), owner, task.version(), task.operation().name()).update();
    if (n == 0) {
      // a newer version arrived while this one failed: it gets its own attempts, now
      db.sql("update outbox_task set attempts = 0, next_attempt_at = ?, lease_owner = null, lease_until = null, "
              + "updated_at = ? where id = ? and lease_owner = ?")
          .params(now, now, task.id(), owner).update();
    }
    return n == 1;
  }

  boolean hasDead(String tenantId, String connectionId) {
    return db.sql("select count(*) from outbox_task where tenant_id = ? and connection_id = ? and status = 'DEAD'")
        .params(tenantId, connectionId).query(Long.class).single() > 0;
  }

  List<Task> deadLetters(String tenantId, int limit) {
    return db.sql("select * from outbox_task where tenant_id = ? and status = 'DEAD' order by updated_at desc limit " + limit)
        .param(tenantId).query(this::row).list();
  }

  /** Makes a dead letter pending again with a fresh attempt budget. */
  boolean replay(String tenantId, long id) {
    Timestamp now = Timestamp.from(clock.instant());
    int n = db.sql("update outbox_task set status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ? "
            + "where tenant_id = ? and id = ? and status = 'DEAD'")
        .params(now, now, tenantId, id).update();
    if (n == 1) {
      signal.outboundAvailable();
    }
    return n == 1;
  }

  /** The dead letters of one connection and error code (a failure group), as counted for operators. */
  record DeadGroup(String connectionId, @Nullable String errorCode, long count, Instant oldest, Instant newest,
      long sampleId, String sampleRecord) {}

  /** The tenant's dead letters grouped by (connection, error code), the largest group first. */
  List<DeadGroup> deadGroups(String tenantId) {
    // min(id) and min(canonical_id) sample one write of the group by reference only (no values)
    return db.sql("select connection_id, last_error_code, count(*), min(updated_at), max(updated_at), min(id), "
            + "min(canonical_id) from outbox_task where tenant_id = ? and status = 'DEAD' "
            + "group by connection_id, last_error_code order by count(*) desc, min(updated_at)")
        .param(tenantId).query((rs, i) -> new DeadGroup(rs.getString(1), rs.getString(2), rs.getLong(3),
            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getString(7)))
        .list();
  }

  /**
   * Makes every dead letter of the group pending again with a fresh attempt budget; returns how many. A null code is
   * the group of dead letters without one.
   */
  int replayGroup(String tenantId, String connectionId, @Nullable String errorCode) {
    Timestamp now = Timestamp.from(clock.instant());
    int n = db.sql("update outbox_task set status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ? "
            + "where tenant_id = ? and connection_id = ? and status = 'DEAD' and " + codeIs(errorCode))
        .params(groupParams(List.of(now, now, tenantId, connectionId), errorCode)).update();
    if (n > 0) {
      signal.outboundAvailable();
    }
    return n;
  }

  /**
   * Marks every dead letter of the group {@link #DISCARDED} (their error kept); returns how many. Nothing is deleted:
   * the discard is a decision on record, and the record's next change is written as usual.
   */
  int discardGroup(String tenantId, String connectionId, @Nullable String errorCode) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update outbox_task set status = 'DISCARDED', updated_at = ? "
            + "where tenant_id = ? and connection_id = ? and status = 'DEAD' and " + codeIs(errorCode))
        .params(groupParams(List.of(now, tenantId, connectionId), errorCode)).update();
  }

  private static String codeIs(@Nullable String errorCode) {
    return errorCode == null ? "last_error_code is null" : "last_error_code = ?";
  }

  private static Object[] groupParams(List<Object> params, @Nullable String errorCode) {
    List<Object> out = new java.util.ArrayList<>(params);
    if (errorCode != null) {
      out.add(errorCode);
    }
    return out.toArray();
  }

  /**
   * Drops writes whose connection no longer exists (enqueued while the connection was being deleted): they can never
   * run, and would stay pending in every count. Returns how many rows went.
   */
  int purgeOrphans() {
    return db.sql("delete from outbox_task where not exists (select 1 from connection c "
        + "where c.id = outbox_task.connection_id)").update();
  }

  /**
   * Deletes up to {@code limit} finished (DONE or SKIPPED) tasks last touched before {@code before} and returns how
   * many went. Dead letters stay until replayed or discarded. A purged task reads as "nothing pending": the next
   * change of that record enqueues a fresh row.
   */
  int purgeFinished(Instant before, int limit) {
    Timestamp cutoff = Timestamp.from(before);
    // Ids first, then the delete: H2 re-reads a limited subquery while deleting, which bounds nothing.
    List<Long> ids = db.sql("select id from outbox_task where status in ('DONE', 'SKIPPED') and updated_at < ? limit "
            + limit)
        .param(cutoff).query(Long.class).list();
    if (ids.isEmpty()) {
      return 0;
    }
    // The condition again: a row an enqueue turned PENDING since it was selected is kept.
    return db.sql("delete from outbox_task where id in (:ids) and status in ('DONE', 'SKIPPED') and updated_at < :cutoff")
        .param("ids", ids).param("cutoff", cutoff).update();
  }

  Map<String, Long> countsByStatus(String tenantId, @Nullable String connectionId) {
    Map<String, Long> out = new TreeMap<>();
    String sql = "select status, count(*) from outbox_task where tenant_id = ?"
        + (connectionId == null ? "" : " and connection_id = ?") + " group by status";
    var stmt = db.sql(sql).param(tenantId);
    if (connectionId != null) {
      stmt = stmt.param(connectionId);
    }
    stmt.query(rs -> {
      out.put(rs.getString(1), rs.getLong(2));
    });
    return out;
  }

  private Task row(ResultSet rs, int i) throws SQLException {
    return new Task(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("connection_id"),
        rs.getString("canonical_id"), rs.getString("object_type"), rs.getLong("version"), rs.getInt("attempts"),
        rs.getTimestamp("enqueued_at").toInstant(), rs.getString("correlation_id"), rs.getString("status"),
        rs.getString("last_error"), rs.getString("last_error_code"), rs.getTimestamp("updated_at").toInstant(),
        Operation.valueOf(rs.getString("operation")));
  }
}
