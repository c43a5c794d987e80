package dev.switchboard.app.sync;

import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.crypto.Vault;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbound work queue: one row per source object, so bursts of events for one object coalesce into one
 * fetch and one object is never processed by two workers at once. Public entry point for the inbox and the
 * reconciler; callers enqueue inside their own transaction (the inbox: together with the inbox event).
 */
@Service
public class SyncJobs {
  private final JdbcClient db;
  private final Clock clock;
  private final Vault vault;
  private final ExternalIds ids;
  private final LeasedQueue queue;
  private final WorkSignal signal;
  private final JsonMapper json = JsonMapper.builder().build();

  SyncJobs(JdbcClient db, Clock clock, Vault vault, ExternalIds ids, TransactionTemplate tx, WorkSignal signal) {
    this.db = db;
    this.clock = clock;
    this.vault = vault;
    this.ids = ids;
    this.signal = signal;
    this.queue = new LeasedQueue(db, tx, "sync_job");
  }

  /**
   * @param previousVendorType the vendor type {@code previousExternalId} was an object of, when another than the job's
   *                           own (a type change, {@link InboundEvent.Kind#TYPE_CHANGED}); null otherwise
   */
  record Job(long id, String tenantId, String connectionId, String vendorType, String externalId, long requestedSeq,
      int attempts, @Nullable SourceRecord prefetched, @Nullable Instant prefetchedAt, @Nullable String correlationId,
      Instant firstRequestedAt, @Nullable String previousExternalId, boolean deleteRequested,
      @Nullable String mergedInto, boolean eraseRequested, boolean associationsRequested,
      @Nullable String previousVendorType) {
    /** Whether the worker must read the object from the vendor (not read already, and not a merge, which needs none). */
    boolean needsFetch() {
      return prefetched == null && mergedInto == null;
    }
  }

  /**
   * Records that {@code event} needs applying (its object type is the vendor's: jobs are per vendor object). Call inside
   * the transaction that stores the event.
   */
  public void enqueue(String tenantId, String connectionId, InboundEvent event, String correlationId) {
    // An id change (Mailchimp upemail) or a type change (a converted lead) is applied by the worker, after it has
    // checked that no write of ours to that record is in flight: moving the link now could let that write recreate
    // the old member.
    boolean moved = event.kind() == InboundEvent.Kind.ID_CHANGED || event.kind() == InboundEvent.Kind.TYPE_CHANGED;
    request(tenantId, connectionId, event.objectType(), event.externalId(), correlationId, null, null,
        moved ? event.previousExternalId() : null,
        event.kind() == InboundEvent.Kind.TYPE_CHANGED ? event.previousVendorType() : null,
        event.kind() == InboundEvent.Kind.DELETED || event.kind() == InboundEvent.Kind.ERASED,
        event.kind() == InboundEvent.Kind.ERASED,
        event.kind() == InboundEvent.Kind.MERGED ? event.mergedInto() : null,
        event.kind() == InboundEvent.Kind.ASSOCIATIONS_CHANGED);
  }

  /**
   * Records a change already read from the vendor (backfill, reconciliation poll): the worker applies it
   * without fetching again, unless a webhook for the object arrives first. {@code vendorType} is the type it was read
   * as.
   */
  public void enqueuePrefetched(String tenantId, String connectionId, String vendorType, SourceRecord record,
      Instant readAt, String correlationId) {
    request(tenantId, connectionId, vendorType, record.externalId(), correlationId, record, readAt, null, null, false,
        false, null, false);
  }

  /**
   * A deletion a reconciliation sweep found ({@link dev.switchboard.app.connectors.ListsDeletions}): enqueued as a
   * deletion event would be, only for an object still linked live in the connection (one already tombstoned, or never
   * seen here, needs nothing). The job reads the object again: gone, its link is tombstoned; restored meanwhile, it is
   * applied as a change. Returns whether a job was enqueued. Call inside the sweep page's transaction.
   */
  public boolean enqueueDeletionIfLinked(String tenantId, String connectionId, String vendorType, String externalId,
      String correlationId) {
    boolean live = db.sql("select count(*) from record_link where tenant_id = ? and connection_id = ? "
            + "and vendor_type = ? and external_id = ? and tombstone is null")
        .params(tenantId, connectionId, vendorType, ids.key(externalId)).query(Long.class).single() > 0;
    if (live) {
      request(tenantId, connectionId, vendorType, externalId, correlationId, null, null, null, null, true, false, null,
          false);
    }
    return live;
  }

  private void request(String tenantId, String connectionId, String vendorType, String externalId,
      String correlationId, @Nullable SourceRecord prefetched, @Nullable Instant readAt,
      @Nullable String previousExternalId, @Nullable String previousVendorType, boolean deleteRequested,
      boolean eraseRequested, @Nullable String mergedInto, boolean associationsRequested) {
    if (db.sql("select count(*) from connection where tenant_id = ? and id = ?").params(tenantId, connectionId)
        .query(Long.class).single() == 0) {
      return; // the connection was deleted while the event came in: its work is gone with it
    }
    Timestamp now = Timestamp.from(clock.instant());
    String mergedKey = mergedInto == null ? null : ids.key(mergedInto);
    String mergedRef = mergedInto == null ? null : ids.seal(tenantId, connectionId, mergedInto);
    // ids are stored as keyed hashes with the id itself encrypted beside them (see ExternalIds)
    String key = ids.key(externalId);
    String ref = ids.seal(tenantId, connectionId, externalId);
    String previousKey = previousExternalId == null ? null : ids.key(previousExternalId);
    String previousRef = previousExternalId == null ? null : ids.seal(tenantId, connectionId, previousExternalId);
    String enc = prefetched == null ? null
        : vault.encrypt(json.writeValueAsString(PrefetchedRecord.of(prefetched, readAt)), "job:" + tenantId + ":" + key);
    for (int attempt = 0; attempt < 3; attempt++) {
      // A poll's record (read earlier) must not replace a pending webhook's fetch of the current state.
      int n = db.sql("update sync_job set requested_seq = requested_seq + 1, "
              + "prefetched_enc = case when cast(? as varchar(1000000)) is null then null "
              + "when status = 'PENDING' and prefetched_enc is null then null else ? end, status = 'PENDING', "
              + "correlation_id = ?, next_attempt_at = case when attempts = 0 or status <> 'PENDING' then ? else next_attempt_at end, "
              + "attempts = case when status = 'PENDING' then attempts else 0 end, "
              + "first_requested_at = case when status = 'PENDING' then first_requested_at else ? end, updated_at = ?, "
              + "previous_external_id = coalesce(?, previous_external_id), "
              + "previous_external_ref_enc = coalesce(?, previous_external_ref_enc), "
              // the previous type goes with the previous id: an id change after a type change names its own type
              + "previous_vendor_type = case when cast(? as varchar(200)) is null then previous_vendor_type else ? end, "
              + "delete_requested = (delete_requested or ?), erase_requested = (erase_requested or ?), "
              + "associations_requested = (associations_requested or ?), "
              + "merged_into_id = coalesce(?, merged_into_id), "
              + "merged_into_ref_enc = coalesce(?, merged_into_ref_enc) "
              + "where tenant_id = ? and connection_id = ? and vendor_type = ? and external_id = ?")
          .params(enc, enc, correlationId, now, now, now, previousKey, previousRef, previousKey, previousVendorType,
              deleteRequested, eraseRequested,
              associationsRequested, mergedKey, mergedRef, tenantId, connectionId, vendorType, key)
          .update();
      if (n == 0) {
        n = db.sql("insert into sync_job(tenant_id, connection_id, vendor_type, external_id, external_ref_enc, "
                + "requested_seq, status, next_attempt_at, prefetched_enc, correlation_id, first_requested_at, updated_at, "
                + "previous_external_id, previous_external_ref_enc, delete_requested, erase_requested, merged_into_id, "
                + "merged_into_ref_enc, associations_requested, previous_vendor_type) values (?, ?, ?, ?, ?, 1, 'PENDING', "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
            .params(tenantId, connectionId, vendorType, key, ref, now, enc, correlationId, now, now, previousKey,
                previousRef, deleteRequested, eraseRequested, mergedKey, mergedRef, associationsRequested,
                previousKey == null ? null : previousVendorType)
            .update();
      }
      if (n == 1) {
        signal.inboundAvailable();
        return;
      }
    }
    throw new IllegalStateException("could not enqueue sync job");
  }

  List<Job> claim(String owner, int limit, Instant leaseUntil) {
    List<Long> claimed = queue.claim(owner, limit, clock.instant(), leaseUntil, LeasedQueue.WORKABLE_CONNECTION);
    if (claimed.isEmpty()) {
      return List.of();
    }
    return db.sql("select * from sync_job where id in (:ids) and lease_owner = :owner order by id")
        .param("ids", claimed).param("owner", owner)
        .query((rs, i) -> {
          String tenantId = rs.getString("tenant_id");
          String connectionId = rs.getString("connection_id");
          String key = rs.getString("external_id");
          String enc = rs.getString("prefetched_enc");
          PrefetchedRecord prefetched = enc == null ? null : json.readValue(
              vault.decrypt(enc, "job:" + tenantId + ":" + key), PrefetchedRecord.class);
          String previousKey = rs.getString("previous_external_id");
          String previous = previousKey == null ? null
              : ids.open(tenantId, connectionId, previousKey, rs.getString("previous_external_ref_enc"));
          String mergedKey = rs.getString("merged_into_id");
          String mergedInto = mergedKey == null ? null
              : ids.open(tenantId, connectionId, mergedKey, rs.getString("merged_into_ref_enc"));
          return new Job(rs.getLong("id"), tenantId, connectionId, rs.getString("vendor_type"),
              ids.open(tenantId, connectionId, key, rs.getString("external_ref_enc")), rs.getLong("requested_seq"),
              rs.getInt("attempts"), prefetched == null ? null : prefetched.toSourceRecord(),
              prefetched == null ? null : prefetched.readAt(), rs.getString("correlation_id"),
              rs.getTimestamp("first_requested_at").toInstant(), previous, rs.getBoolean("delete_requested"),
              mergedInto, rs.getBoolean("erase_requested"), rs.getBoolean("associations_requested"),
              previousKey == null ? null : rs.getString("previous_vendor_type"));
        })
        .list();
  }

  /** Marks the job applied up to the sequence it was claimed at; a request that came in meanwhile keeps it pending. */
  boolean complete(Job job, String owner) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update sync_job set done_seq = ?, status = case when requested_seq > ? then 'PENDING' else 'DONE' end, "
            + "previous_external_id = case when requested_seq > ? then previous_external_id else null end, "
            + "previous_external_ref_enc = case when requested_seq > ? then previous_external_ref_enc else null end, "
            + "previous_vendor_type = case when requested_seq > ? then previous_vendor_type else null end, "
            + "delete_requested = case when requested_seq > ? then delete_requested else false end, "
            + "erase_requested = case when requested_seq > ? then erase_requested else false end, "
            + "associations_requested = case when requested_seq > ? then associations_requested else false end, "
            + "merged_into_id = case when requested_seq > ? then merged_into_id else null end, "
            + "merged_into_ref_enc = case when requested_seq > ? then merged_into_ref_enc else null end, "
            + "prefetched_enc = case when requested_seq > ? then prefetched_enc else null end, "
            + "attempts = 0, last_error = null, lease_owner = null, lease_until = null, next_attempt_at = ?, updated_at = ? "
            + "where id = ? and lease_owner = ?")
        .params(job.requestedSeq(), job.requestedSeq(), job.requestedSeq(), job.requestedSeq(), job.requestedSeq(),
            job.requestedSeq(), job.requestedSeq(), job.requestedSeq(), job.requestedSeq(), job.requestedSeq(),
            job.requestedSeq(), now, now,
            job.id(), owner)
        .update() == 1;
  }

  /** Gives the job back to be tried again at {@code at}; {@code countAttempt} false for deferrals. */
  void retryAt(Job job, String owner, Instant at, @Nullable String error, boolean countAttempt, boolean dead) {
    db.sql("update sync_job set attempts = attempts + ?, next_attempt_at = ?, last_error = ?, "
            + "status = case when ? then 'DEAD' else status end, lease_owner = null, lease_until = null, updated_at = ? "
            + "where id = ? and lease_owner = ?")
        .params(countAttempt ? 1 : 0, Timestamp.from(at), error, dead, Timestamp.from(clock.instant()), job.id(), owner)
        .update();
  }

  /**
   * Gives a job back to be applied at {@code at} with the record already read (no new vendor call), unless a
   * newer request arrived meanwhile (then the next attempt fetches fresh state).
   */
  void defer(Job job, String owner, Instant at, SourceRecord record, Instant readAt) {
    String enc = vault.encrypt(json.writeValueAsString(PrefetchedRecord.of(record, readAt)),
        "job:" + job.tenantId() + ":" + ids.key(job.externalId()));
    db.sql("update sync_job set next_attempt_at = ?, prefetched_enc = case when requested_seq = ? then ? else prefetched_enc end, "
            + "lease_owner = null, lease_until = null, updated_at = ? where id = ? and lease_owner = ?")
        .params(Timestamp.from(at), job.requestedSeq(), enc, Timestamp.from(clock.instant()), job.id(), owner).update();
  }

  /** Gives the job back to be read from the vendor again at once (what it holds is older than the link). */
  void refetch(Job job, String owner) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("update sync_job set prefetched_enc = null, next_attempt_at = ?, lease_owner = null, lease_until = null, "
            + "updated_at = ? where id = ? and lease_owner = ?")
        .params(now, now, job.id(), owner).update();
    signal.inboundAvailable();
  }

  /**
   * Drops jobs whose connection no longer exists (a webhook that raced the connection's deletion past the check in
   * {@link #request}): no worker may claim them, and they would stay pending in every count. Returns how many went.
   */
  int purgeOrphans() {
    return db.sql("delete from sync_job where not exists (select 1 from connection c where c.id = sync_job.connection_id)")
        .update();
  }

  /** Counts by status for a tenant, for the console and health. */
  public java.util.Map<String, Long> countsByStatus(String tenantId) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    db.sql("select status, count(*) from sync_job where tenant_id = ? group by status").param(tenantId)
        .query(rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        });
    return out;
  }

}
