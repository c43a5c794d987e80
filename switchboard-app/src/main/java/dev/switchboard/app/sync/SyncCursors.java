package dev.switchboard.app.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the backfill and the reconciliation poll of one object type of one connection stand, so that a restart, a
 * 429 or a bounded run resumes exactly where it stopped. A cursor is worked on by one node at a time under a lease
 * (claimed with {@code FOR UPDATE SKIP LOCKED}, as the work queues are).
 */
@Repository
class SyncCursors {
  static final String PENDING = "PENDING";
  static final String RUNNING = "RUNNING";
  static final String DONE = "DONE";

  /** One cursor, as claimed. */
  record Cursor(String tenantId, String connectionId, String vendorType, String backfillStatus,
      @Nullable String backfillCursor, long backfillSeen, @Nullable Instant backfillStartedAt,
      @Nullable Instant watermark, @Nullable Instant pollSince, @Nullable String pollCursor,
      @Nullable Instant pollNewest, @Nullable Instant completedAt, int attempts, Instant createdAt,
      @Nullable String deletionsCursor, @Nullable Instant deletionsNextRunAt, @Nullable String associationsCursor,
      @Nullable Instant associationsNextRunAt) {

    /** Where a sweep under way stands (null: none under way; a due one starts from the first). */
    @Nullable String position(Sweep sweep) {
      return sweep == Sweep.DELETIONS ? deletionsCursor : associationsCursor;
    }

    /** When the sweep is due (null: not scheduled yet). */
    @Nullable Instant due(Sweep sweep) {
      return sweep == Sweep.DELETIONS ? deletionsNextRunAt : associationsNextRunAt;
    }

    boolean backfilled() {
      return DONE.equals(backfillStatus);
    }

    boolean polling() {
      return pollSince != null;
    }
  }

  /** Progress of one cursor, as shown to operators. */
  record Progress(String connectionId, String vendorType, String backfillStatus, long backfillSeen,
      @Nullable Instant backfillFinishedAt, @Nullable Instant watermark, @Nullable Instant completedAt,
      @Nullable String lastError, @Nullable Instant lastErrorAt, @Nullable Instant backfillStartedAt,
      @Nullable Long backfillTotal) {}

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Clock clock;

  SyncCursors(JdbcClient db, TransactionTemplate tx, Clock clock) {
    this.db = db;
    this.tx = tx;
    this.clock = clock;
  }

  /** Makes sure every verified connection of {@code system} has a cursor for vendor type {@code vendorType}. */
  void ensure(String system, String vendorType) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("insert into sync_cursor(tenant_id, connection_id, vendor_type, backfill_status, next_run_at, created_at, "
            + "updated_at) select c.tenant_id, c.id, ?, 'PENDING', ?, ?, ? from connection c where c.system = ? "
            + "and c.account_id is not null and not exists (select 1 from sync_cursor s where s.tenant_id = c.tenant_id "
            + "and s.connection_id = c.id and s.vendor_type = ?)")
        .params(vendorType, now, now, now, system, vendorType).update();
  }

  /**
   * Claims the cursor that has waited longest among those due whose connection may work, for {@code owner} until
   * {@code leaseUntil}.
   */
  Optional<Cursor> claimDue(String owner, Instant leaseUntil) {
    Timestamp now = Timestamp.from(clock.instant());
    return tx.execute(s -> {
      Optional<Cursor> due = db.sql("select s.* from sync_cursor s where s.next_run_at <= ? "
              + "and (s.lease_until is null or s.lease_until < ?) and exists (select 1 from connection c where "
              + "c.tenant_id = s.tenant_id and c.id = s.connection_id and c.status in ('ACTIVE', 'ERROR')) "
              + "order by s.next_run_at limit 1 for update skip locked")
          .params(now, now).query(this::row).optional();
      due.ifPresent(c -> db.sql("update sync_cursor set lease_owner = ?, lease_until = ? where tenant_id = ? "
              + "and connection_id = ? and vendor_type = ?")
          .params(owner, Timestamp.from(leaseUntil), c.tenantId(), c.connectionId(), c.vendorType()).update());
      return due;
    });
  }

  /**
   * Records a backfill page: its next cursor (null: done), how many records it held and, when the vendor said, how many
   * the whole backfill reads ({@code total}; null keeps what an earlier page said).
   */
  void backfillPage(Cursor c, String owner, @Nullable String next, int seen, @Nullable Long total) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("update sync_cursor set backfill_status = ?, backfill_cursor = ?, backfill_seen = backfill_seen + ?, "
            + "backfill_total = coalesce(?, backfill_total), "
            + "backfill_started_at = coalesce(backfill_started_at, ?), backfill_finished_at = ?, progressed_at = ?, "
            + "updated_at = ? where tenant_id = ? and connection_id = ? and vendor_type = ? and lease_owner = ?")
        .params(next == null ? DONE : RUNNING, next, seen, total, now, next == null ? now : null, now, now, c.tenantId(),
            c.connectionId(), c.vendorType(), owner)
        .update();
  }

  /** Starts a poll of the records modified at or after {@code since}. */
  void startPoll(Cursor c, String owner, Instant since) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("update sync_cursor set poll_since = ?, poll_cursor = null, poll_newest = watermark, poll_started_at = ?, "
            + "updated_at = ? where tenant_id = ? and connection_id = ? and vendor_type = ? and lease_owner = ?")
        .params(Timestamp.from(since), now, now, c.tenantId(), c.connectionId(), c.vendorType(), owner).update();
  }

  /** Records a poll page: its next cursor and the newest modified-at seen so far. */
  void pollPage(Cursor c, String owner, @Nullable String next, @Nullable Instant newest) {
    Timestamp n = ts(newest == null ? c.pollNewest() : newest);
    db.sql("update sync_cursor set poll_cursor = ?, poll_newest = case when poll_newest is null or poll_newest < "
            + "cast(? as timestamp with time zone) then cast(? as timestamp with time zone) else poll_newest end, "
            + "progressed_at = ?, updated_at = ? where tenant_id = ? and connection_id = ? and vendor_type = ? "
            + "and lease_owner = ?")
        .params(next, n, n, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), c.tenantId(),
            c.connectionId(), c.vendorType(), owner)
        .update();
  }

  /**
   * Ends the running backfill or poll: the watermark moves to {@code watermark} (never back), the next poll is due
   * at {@code nextRun}.
   */
  void complete(Cursor c, String owner, @Nullable Instant watermark, Instant nextRun) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("update sync_cursor set watermark = case when watermark is null or watermark < cast(? as timestamp with time "
            + "zone) then cast(? as timestamp with time zone) else watermark end, "
            + "poll_since = null, poll_cursor = null, poll_newest = null, poll_started_at = null, completed_at = ?, "
            + "progressed_at = ?, "
            + "next_run_at = ?, attempts = 0, last_error = null, last_error_at = null, lease_owner = null, "
            + "lease_until = null, updated_at = ? where tenant_id = ? and connection_id = ? and vendor_type = ? "
            + "and lease_owner = ?")
        .params(ts(watermark), ts(watermark), now, now, Timestamp.from(nextRun), now, c.tenantId(), c.connectionId(),
            c.vendorType(), owner)
        .update();
  }

  /** The reconciliation sweeps that run with a cursor's polls, each with its position and due time. */
  enum Sweep {
    DELETIONS("deletions_cursor", "deletions_next_run_at"),
    ASSOCIATIONS("associations_cursor", "associations_next_run_at");

    private final String positionColumn;
    private final String dueColumn;

    Sweep(String positionColumn, String dueColumn) {
      this.positionColumn = positionColumn;
      this.dueColumn = dueColumn;
    }
  }

  /**
   * Records where a sweep stands ({@code next}); {@code next} null ends it (or, before any page, schedules the first
   * one), the next sweep being due at {@code nextSweep}.
   */
  void sweepPage(Cursor c, String owner, Sweep sweep, @Nullable String next, Instant nextSweep) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("update sync_cursor set " + sweep.positionColumn + " = ?, " + sweep.dueColumn + " = case when ? then ? "
            + "else " + sweep.dueColumn + " end, progressed_at = ?, updated_at = ? where tenant_id = ? "
            + "and connection_id = ? and vendor_type = ? and lease_owner = ?")
        .params(next, next == null, Timestamp.from(nextSweep), now, now, c.tenantId(), c.connectionId(),
            c.vendorType(), owner)
        .update();
  }

  /** A sweep failed: it keeps its position and is due again at {@code retryAt}. */
  void sweepFailed(Cursor c, String owner, Sweep sweep, Instant retryAt) {
    db.sql("update sync_cursor set " + sweep.dueColumn + " = ?, updated_at = ? where tenant_id = ? "
            + "and connection_id = ? and vendor_type = ? and lease_owner = ?")
        .params(Timestamp.from(retryAt), Timestamp.from(clock.instant()), c.tenantId(), c.connectionId(),
            c.vendorType(), owner)
        .update();
  }

  /** Gives the cursor back, to be continued at {@code nextRun}; progress is kept. */
  void release(Cursor c, String owner, Instant nextRun) {
    db.sql("update sync_cursor set next_run_at = ?, attempts = 0, last_error = null, last_error_at = null, "
            + "lease_owner = null, lease_until = null, updated_at = ? where tenant_id = ? and connection_id = ? "
            + "and vendor_type = ? and lease_owner = ?")
        .params(Timestamp.from(nextRun), Timestamp.from(clock.instant()), c.tenantId(), c.connectionId(),
            c.vendorType(), owner)
        .update();
  }

  /** Gives the cursor back after a failure, to be tried again at {@code nextRun}; progress is kept. */
  void failed(Cursor c, String owner, Instant nextRun, String error, boolean countAttempt) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("update sync_cursor set next_run_at = ?, attempts = attempts + ?, last_error = ?, last_error_at = ?, "
            + "lease_owner = null, lease_until = null, updated_at = ? where tenant_id = ? and connection_id = ? "
            + "and vendor_type = ? and lease_owner = ?")
        .params(Timestamp.from(nextRun), countAttempt ? 1 : 0, error.length() > 1900 ? error.substring(0, 1900) : error,
            now, now, c.tenantId(), c.connectionId(), c.vendorType(), owner)
        .update();
  }

  /**
   * Cursors of workable connections that have not completed a backfill or poll since {@code notCompletedSince} and
   * have not read a page since {@code notProgressedSince}: stuck, not merely busy with a long backfill.
   */
  List<Cursor> overdue(Instant notCompletedSince, Instant notProgressedSince) {
    return db.sql("select s.* from sync_cursor s where coalesce(s.completed_at, s.created_at) < ? "
            + "and coalesce(s.progressed_at, s.created_at) < ? and exists (select 1 from connection c where "
            + "c.tenant_id = s.tenant_id and c.id = s.connection_id and c.status in ('ACTIVE', 'ERROR'))")
        .params(Timestamp.from(notCompletedSince), Timestamp.from(notProgressedSince)).query(this::row).list();
  }

  List<Progress> progress(String tenantId, String connectionId) {
    return db.sql("select connection_id, vendor_type, backfill_status, backfill_seen, backfill_finished_at, watermark, "
            + "completed_at, last_error, last_error_at, backfill_started_at, backfill_total from sync_cursor "
            + "where tenant_id = ? and connection_id = ? order by vendor_type")
        .params(tenantId, connectionId)
        .query((rs, i) -> new Progress(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getString(8),
            instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), rs.getObject(11) == null ? null
                : rs.getLong(11)))
        .list();
  }

  private Cursor row(ResultSet rs, int i) throws SQLException {
    return new Cursor(rs.getString("tenant_id"), rs.getString("connection_id"), rs.getString("vendor_type"),
        rs.getString("backfill_status"), rs.getString("backfill_cursor"), rs.getLong("backfill_seen"),
        instant(rs.getTimestamp("backfill_started_at")), instant(rs.getTimestamp("watermark")),
        instant(rs.getTimestamp("poll_since")), rs.getString("poll_cursor"), instant(rs.getTimestamp("poll_newest")),
        instant(rs.getTimestamp("completed_at")), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
        rs.getString("deletions_cursor"), instant(rs.getTimestamp("deletions_next_run_at")),
        rs.getString("associations_cursor"), instant(rs.getTimestamp("associations_next_run_at")));
  }

  private static @Nullable Timestamp ts(@Nullable Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static @Nullable Instant instant(@Nullable Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
