package dev.switchboard.app.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merges owed to other connections ({@code outbox_merge_task}): after two records were merged because one connection
 * merged their objects, a connection with {@code repeatMerges} on where both records had a live object gets those
 * two objects merged too. One row per (connection, object merged away), naming both objects by their link keys
 * ({@link ExternalIds#key}), never by id. Enqueued in the merge's transaction; claimed under a lease
 * ({@link LeasedQueue}) and sent by {@link MergeEgress}.
 */
@Repository
class MergeRepeats {
  /** A merge owed to one connection. */
  record Task(long id, String tenantId, String connectionId, String vendorType, String canonicalId,
      String survivorKey, String mergedKey, int attempts, @Nullable String correlationId) {}

  private final JdbcClient db;
  private final Clock clock;
  private final LeasedQueue queue;
  private final WorkSignal signal;

  MergeRepeats(JdbcClient db, Clock clock, TransactionTemplate tx, WorkSignal signal) {
    this.db = db;
    this.clock = clock;
    this.signal = signal;
    this.queue = new LeasedQueue(db, tx, "outbox_merge_task");
  }

  /**
   * Owes {@code connectionId} the merge of the object keyed {@code mergedKey} into the one keyed {@code survivorKey}
   * (both now linked to {@code canonicalId}). Idempotent per merged object. Call inside the merge's transaction.
   */
  void enqueue(String tenantId, String connectionId, String vendorType, String canonicalId, String survivorKey,
      String mergedKey, @Nullable String correlationId) {
    Timestamp now = Timestamp.from(clock.instant());
    int n = db.sql("insert into outbox_merge_task(tenant_id, connection_id, vendor_type, canonical_id, survivor_key, "
            + "merged_key, status, next_attempt_at, correlation_id, updated_at) "
            + "values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?) on conflict do nothing")
        .params(tenantId, connectionId, vendorType, canonicalId, survivorKey, mergedKey, now, correlationId, now)
        .update();
    if (n == 1) {
      signal.outboundAvailable();
    }
  }

  /** Claims due merges of connections whose work may run (not paused, credentials not refused). */
  List<Task> claim(String owner, int limit, Instant leaseUntil) {
    List<Long> ids = queue.claim(owner, limit, clock.instant(), leaseUntil, LeasedQueue.WORKABLE_CONNECTION);
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.sql("select id, tenant_id, connection_id, vendor_type, canonical_id, survivor_key, merged_key, attempts, "
            + "correlation_id from outbox_merge_task where id in (:ids) and lease_owner = :owner order by id")
        .param("ids", ids).param("owner", owner)
        .query((rs, i) -> new Task(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9))).list();
  }

  /** Finishes a merge this worker owns ({@code DONE} or {@code SKIPPED}); false when its lease was lost. */
  boolean finish(Task task, String owner, String status) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update outbox_merge_task set status = ?, last_error = null, last_error_code = null, "
            + "lease_owner = null, lease_until = null, updated_at = ? where id = ? and lease_owner = ?")
        .params(status, now, task.id(), owner).update() == 1;
  }

  /** Puts a merge back for a later attempt (counted or not). */
  void retryAt(Task task, String owner, Instant at, String error, String code, boolean countAttempt) {
    db.sql("update outbox_merge_task set attempts = attempts + ?, next_attempt_at = ?, last_error = ?, "
            + "last_error_code = ?, lease_owner = null, lease_until = null, updated_at = ? where id = ? "
            + "and lease_owner = ?")
        .params(countAttempt ? 1 : 0, Timestamp.from(at), error, code, Timestamp.from(clock.instant()), task.id(),
            owner).update();
  }

  /** Parks a merge as a dead letter (the vendor refused it); false when its lease was lost. */
  boolean dead(Task task, String owner, String error, String code) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update outbox_merge_task set status = 'DEAD', attempts = attempts + 1, last_error = ?, "
            + "last_error_code = ?, lease_owner = null, lease_until = null, updated_at = ? where id = ? "
            + "and lease_owner = ?")
        .params(error, code, now, task.id(), owner).update() == 1;
  }

  /** The status of each merge owed to a connection, oldest first (tests and status pages). */
  List<String> statuses(String tenantId, String connectionId) {
    return db.sql("select status from outbox_merge_task where tenant_id = ? and connection_id = ? order by id")
        .params(tenantId, connectionId).query(String.class).list();
  }
}
