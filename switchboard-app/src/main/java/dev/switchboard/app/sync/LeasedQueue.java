package dev.switchboard.app.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims due rows of a work table ({@code sync_job}, {@code outbox_task}) for one worker under a lease.
 *
 * <p>{@code FOR UPDATE SKIP LOCKED} lets many workers on many nodes claim concurrently without blocking each
 * other or claiming the same row; the lease (owner + expiry) is committed immediately, so a worker that dies
 * mid-task loses its claim when the lease expires and another worker takes the row over. Completion
 * statements check {@code lease_owner}, so a worker whose lease was taken over cannot clobber the new owner.
 */
final class LeasedQueue {
  /**
   * Narrows a claim to rows whose connection may work now: a paused connection, or one whose credentials the
   * vendor refused, keeps its work waiting (nothing is lost, nothing spends attempts) until it is resumed or fixed.
   */
  static final String WORKABLE_CONNECTION = "and exists (select 1 from connection c where c.tenant_id = q.tenant_id "
      + "and c.id = q.connection_id and c.status in ('ACTIVE', 'ERROR'))";

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final String table;

  LeasedQueue(JdbcClient db, TransactionTemplate tx, String table) {
    this.db = db;
    this.tx = tx;
    this.table = table;
  }

  /** Claims up to {@code limit} due rows (optionally narrowed by {@code extraWhere}) and returns their ids. */
  List<Long> claim(String owner, int limit, Instant now, Instant leaseUntil, String extraWhere, Object... extraParams) {
    return tx.execute(status -> {
      Object[] params = new Object[extraParams.length + 2];
      params[0] = Timestamp.from(now);
      params[1] = Timestamp.from(now);
      System.arraycopy(extraParams, 0, params, 2, extraParams.length);
      List<Long> ids = db.sql("select id from " + table + " q where status = 'PENDING' and next_attempt_at <= ? "
              + "and (lease_until is null or lease_until < ?) " + extraWhere
              + " order by next_attempt_at, id limit " + limit + " for update skip locked")
          .params(params).query(Long.class).list();
      if (!ids.isEmpty()) {
        db.sql("update " + table + " set lease_owner = :owner, lease_until = :until where id in (:ids)")
            .param("owner", owner).param("until", Timestamp.from(leaseUntil)).param("ids", ids).update();
      }
      return ids;
    });
  }
}
