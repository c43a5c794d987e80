package dev.switchboard.app.sync;

import dev.switchboard.app.crypto.Vault;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Links between canonical records and vendor objects. Each link keeps a snapshot of the values that system
 * holds as far as we know — what we last read from it or wrote to it. Inbound changes are diffed against it:
 * a webhook that only reports what we wrote ourselves yields an empty diff (echo suppression), and egress
 * skips a write whose values the target already holds.
 *
 * <p>A vendor object belongs to exactly one record; a record may hold several objects of one connection (two
 * HubSpot contacts merged, a second Mailchimp member), one of them primary: the one writes go to. A link whose
 * object the vendor deleted is tombstoned, not dropped: egress never re-creates an object where the record's link
 * is tombstoned, and the same object coming back (a restore) revives the link. A tombstoned link keeps no snapshot.
 *
 * <p>A new link wakes the writes waiting for the record to be linked in that connection ({@link Outbox#WAITING}).
 *
 * <p>Vendor ids are stored as {@link ExternalIds keyed hashes} with the id encrypted beside them; every method takes
 * and returns the id itself.
 */
@Repository
class Links {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  /** How a vendor object ended ({@code record_link.tombstone}). */
  enum Tombstone {
    /** Deleted or archived at the vendor. */
    DELETED,
    /** A privacy (GDPR) deletion: the vendor must never get the person back from us. */
    ERASED,
    /** Merged into another object of the same vendor. */
    MERGED,
    /**
     * The object became another object of another vendor type (a converted Salesforce lead): its record is held as that
     * one now. Nothing revives it, and its later reads and deletion change nothing (the lead stays readable, frozen).
     */
    MOVED;

    /** The replaceable tombstones as an SQL list, e.g. {@code ('DELETED', 'MERGED')}. */
    static final String REPLACEABLE_SQL = java.util.Arrays.stream(values()).filter(Tombstone::replaceable)
        .map(t -> "'" + t.name() + "'").collect(java.util.stream.Collectors.joining(", ", "(", ")"));

    /** Whether a new object of the same record may take this one's place as primary (never an erased person's). */
    boolean replaceable() {
      return this != ERASED;
    }
  }

  /**
   * @param objectType the canonical type of the record the object is
   * @param vendorType the vendor's type of the object ({@link dev.switchboard.app.connectors.VendorType})
   */
  record Link(String tenantId, String connectionId, String objectType, String vendorType, String externalId,
      String canonicalId,
      Map<String, Object> snapshot, @Nullable Instant sourceModifiedAt, Instant snapshotAt, boolean primary,
      @Nullable Tombstone tombstone) {
    boolean live() {
      return tombstone == null;
    }

    /** A tombstoned link whose record may take a new object there (not an erased person's). */
    boolean replaceable() {
      return tombstone != null && tombstone.replaceable();
    }
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Links.class);

  private final JdbcClient db;
  private final Vault vault;
  private final ExternalIds ids;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  /** Runs the wake that follows a link's commit in a transaction of its own (the linking one has ended by then). */
  private final TransactionTemplate afterCommit;

  Links(JdbcClient db, Vault vault, ExternalIds ids, Clock clock, TransactionTemplate tx) {
    this.db = db;
    this.vault = vault;
    this.ids = ids;
    this.clock = clock;
    this.afterCommit = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
    this.afterCommit.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The link of one vendor object ({@code externalId} of {@code vendorType}), tombstoned or not. */
  Optional<Link> byExternal(String tenantId, String connectionId, String vendorType, String externalId) {
    return db.sql("select * from record_link where tenant_id = ? and connection_id = ? and vendor_type = ? and external_id = ?")
        .params(tenantId, connectionId, vendorType, ids.key(externalId)).query(this::row).optional();
  }

  /**
   * The record's primary link in one connection (the object writes go to), tombstoned or not; empty when the
   * record has no object there. {@code objectType} is the record's canonical type: the link may be of any vendor type.
   */
  Optional<Link> byCanonical(String tenantId, String connectionId, String objectType, String canonicalId) {
    return db.sql("select * from record_link where tenant_id = ? and connection_id = ? and canonical_id = ? "
            + "and object_type = ? order by case when primary_of is null then 1 else 0 end, updated_at desc")
        .params(tenantId, connectionId, canonicalId, objectType).query(this::row).list().stream().findFirst();
  }

  /**
   * Forgets that the record's objects in one connection hold {@code fields}: after a mapping change those fields are
   * written to other vendor fields, or through another transform, so what the snapshot says was written no longer
   * tells whether the vendor holds the values, and the next write sends them. Tombstoned links keep no snapshot.
   *
   * @return how many links changed
   */
  int forgetFields(String tenantId, String connectionId, String canonicalId, java.util.Set<String> fields) {
    int n = 0;
    for (Link l : db.sql("select * from record_link where tenant_id = ? and connection_id = ? and canonical_id = ? "
        + "and snapshot_enc is not null").params(tenantId, connectionId, canonicalId).query(this::row).list()) {
      if (l.snapshot().keySet().stream().noneMatch(fields::contains)) {
        continue;
      }
      Map<String, Object> kept = new java.util.LinkedHashMap<>(l.snapshot());
      kept.keySet().removeAll(fields);
      // the snapshot's time moves too: a read of the vendor that started before (with the old mapping) is stale now,
      // and is read again rather than recording the forgotten fields as held once more
      n += db.sql("update record_link set snapshot_enc = ?, updated_at = ? where tenant_id = ? and connection_id = ? "
              + "and vendor_type = ? and external_id = ?")
          .params(vault.encrypt(json.writeValueAsString(kept), context(tenantId, connectionId, canonicalId)),
              Timestamp.from(clock.instant()), tenantId, connectionId, l.vendorType(), ids.key(l.externalId()))
          .update();
    }
    return n;
  }

  /** Every link of the record, in every connection. */
  List<Link> forCanonical(String tenantId, String canonicalId) {
    return db.sql("select * from record_link where tenant_id = ? and canonical_id = ?").params(tenantId, canonicalId)
        .query(this::row).list();
  }

  /**
   * Records that {@code externalId} in {@code connectionId} is (still) {@code canonicalId}'s, holding {@code
   * snapshot}, and revives it if it was tombstoned. {@code previousExternalId}, when given, is the id the same
   * vendor object had before (Mailchimp member hash after an e-mail change): that link is renamed. A new link is the
   * record's primary in the connection unless a live one exists. An id linked to another record moves to this one
   * (the newest resolution wins).
   *
   * @param vendorType the vendor's type of the object; the link's canonical type is the record's
   * @param rule       what made a new link (kept on an existing one): {@code created}, {@code email}, {@code source}, …
   * @return whether the object is new to the record (a new link, not one updated, renamed or revived): the record
   *     became linked in the connection, and its edges may be owed there ({@link EdgeFanOut#linked})
   */
  boolean put(String tenantId, String connectionId, String vendorType, String externalId,
      @Nullable String previousExternalId, String canonicalId, Map<String, Object> snapshot,
      @Nullable Instant sourceModifiedAt, boolean written, String rule) {
    // Refuses a record merged away meanwhile: the caller starts over and finds the survivor through the moved links.
    // (No row lock here: egress holds its task row when it gets here and inbound takes task rows after the record,
    // so locking the record would close a cycle between them.)
    record Target(String objectType, boolean merged) {}
    Target target = db.sql("select object_type, merged_into from golden_record where tenant_id = ? and id = ?")
        .params(tenantId, canonicalId).query((rs, i) -> new Target(rs.getString(1), rs.getString(2) != null))
        .optional().orElseThrow(() -> new IllegalStateException("no record " + canonicalId + " to link"));
    if (target.merged()) {
      throw new org.springframework.dao.OptimisticLockingFailureException("record was merged meanwhile");
    }
    String objectType = target.objectType();
    Timestamp now = Timestamp.from(clock.instant());
    String enc = vault.encrypt(json.writeValueAsString(snapshot), context(tenantId, connectionId, canonicalId));
    Timestamp modified = sourceModifiedAt == null ? null : Timestamp.from(sourceModifiedAt);
    String key = ids.key(externalId);
    String ref = ids.seal(tenantId, connectionId, externalId);
    Optional<Link> takenFrom = byExternal(tenantId, connectionId, vendorType, externalId)
        .filter(l -> !l.canonicalId().equals(canonicalId));
    db.sql("delete from record_link where tenant_id = ? and connection_id = ? and vendor_type = ? and external_id = ? "
            + "and canonical_id <> ?")
        .params(tenantId, connectionId, vendorType, key, canonicalId).update();
    takenFrom.ifPresent(l -> promoteLive(tenantId, connectionId, l.objectType(), l.canonicalId()));
    String set = "update record_link set external_id = ?, external_ref_enc = ?, snapshot_enc = ?, "
        + "source_modified_at = coalesce(?, source_modified_at), "
        + "last_written_at = case when ? then ? else last_written_at end, updated_at = ?, "
        // only the vendor showing the object again (a read) revives it; our own write landing never does (the object
        // may have been deleted while the write was in flight), and nothing revives an erased person or an object that
        // became another one
        + "tombstone = case when ? or tombstone in ('ERASED', 'MOVED') then tombstone else null end, "
        + "tombstoned_at = case when ? or tombstone in ('ERASED', 'MOVED') then tombstoned_at else null end "
        + "where tenant_id = ? and connection_id = ? and vendor_type = ? and canonical_id = ? and external_id = ?";
    int n = db.sql(set).params(key, ref, enc, modified, written, now, now, written, written, tenantId, connectionId,
        vendorType, canonicalId, key).update();
    if (n == 0 && previousExternalId != null && !previousExternalId.equals(externalId)) {
      n = db.sql(set).params(key, ref, enc, modified, written, now, now, written, written, tenantId, connectionId,
          vendorType, canonicalId, ids.key(previousExternalId)).update();
    }
    if (n == 0) {
      // A tombstoned primary gives way to the object that replaces it (the person created again there).
      db.sql("update record_link set primary_of = null where tenant_id = ? and connection_id = ? and object_type = ? "
              + "and primary_of = ? and tombstone in " + Tombstone.REPLACEABLE_SQL)
          .params(tenantId, connectionId, objectType, canonicalId).update();
      boolean hasPrimary = db.sql("select count(*) from record_link where tenant_id = ? and connection_id = ? "
              + "and object_type = ? and primary_of = ?")
          .params(tenantId, connectionId, objectType, canonicalId).query(Long.class).single() > 0;
      db.sql("insert into record_link(tenant_id, connection_id, object_type, vendor_type, external_id, external_ref_enc, "
              + "canonical_id, snapshot_enc, source_modified_at, last_written_at, updated_at, primary_of, link_rule) "
              + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(tenantId, connectionId, objectType, vendorType, key, ref, canonicalId, enc, modified,
              written ? now : null, now, hasPrimary ? null : canonicalId, rule)
          .update();
      wakeWaiting(tenantId, connectionId, canonicalId);
    }
    return n == 0;
  }

  /** The newest {@code updated_at} of the connection's links (each read and write of an object touches its link). */
  Optional<Instant> lastTouched(String tenantId, String connectionId) {
    List<Timestamp> newest = db.sql("select max(updated_at) from record_link where tenant_id = ? and connection_id = ?")
        .params(tenantId, connectionId).query(Timestamp.class).list();
    return newest.stream().filter(java.util.Objects::nonNull).findFirst().map(Timestamp::toInstant);
  }

  /**
   * The record now has an object in the connection: the writes waiting for that (a create that references it, an edge
   * of which it is an end; see {@link Outbox#WAITING}) are due now, with no attempt counted.
   *
   * <p>Woken twice: here, in the transaction that makes the link, and again once that transaction has committed. The
   * second wake closes a race the first cannot: a worker parking a write checks the link again after parking ({@link
   * Waiting}), but under read committed that check cannot see a link not committed yet, while this transaction's wake
   * ran before the row was parked; the wake after commit runs after the link is visible, so it finds the parked row
   * (or waits for the parking transaction's row lock and then finds it). {@link #wakeStranded} is the safety net.
   */
  void wakeWaiting(String tenantId, String connectionId, String canonicalId) {
    wakeNow(tenantId, connectionId, canonicalId);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          try {
            Links.this.afterCommit.executeWithoutResult(s -> wakeNow(tenantId, connectionId, canonicalId));
          } catch (RuntimeException e) {
            // the link is committed: its caller must not see a failure; the purge's sweep wakes what this missed
            log.warn("wake after a link's commit failed ({}); the sweep will wake the waiting writes",
                e.getClass().getSimpleName());
          }
        }
      });
    }
  }

  private void wakeNow(String tenantId, String connectionId, String canonicalId) {
    Timestamp now = Timestamp.from(clock.instant());
    for (String table : List.of("outbox_task", "outbox_edge_task")) {
      db.sql("update " + table + " set status = 'PENDING', waiting_on = null, next_attempt_at = ?, updated_at = ? "
              + "where tenant_id = ? and connection_id = ? and waiting_on = ? and status = 'WAITING'")
          .params(now, now, tenantId, connectionId, canonicalId).update();
    }
  }

  /**
   * Wakes up to {@code limit} waiting writes (of each outbox) whose record is linked, live, in their connection: what
   * a missed wake would otherwise leave parked for good (a link revived by a read, or a wake lost to a crash between
   * a link's commit and its wake). Returns how many were woken.
   */
  int wakeStranded(int limit) {
    Timestamp now = Timestamp.from(clock.instant());
    int woken = 0;
    for (String table : List.of("outbox_task", "outbox_edge_task")) {
      List<Long> ids = db.sql("select t.id from " + table + " t where t.status = 'WAITING' and exists (select 1 from "
              + "record_link l where l.tenant_id = t.tenant_id and l.connection_id = t.connection_id "
              + "and l.canonical_id = t.waiting_on and l.tombstone is null) limit " + limit)
          .query(Long.class).list();
      if (!ids.isEmpty()) {
        woken += db.sql("update " + table + " set status = 'PENDING', waiting_on = null, next_attempt_at = :now, "
                + "updated_at = :now where id in (:ids) and status = 'WAITING'")
            .param("now", now).param("ids", ids).update();
      }
    }
    return woken;
  }

  /**
   * The vendor no longer has the object: the link stays, marked, without its snapshot (and primary, so that a restore
   * revives it as it was) unless a live link of the same record in that connection can take the primary role. Returns the link as it was, or empty when there was none.
   */
  Optional<Link> tombstone(String tenantId, String connectionId, String vendorType, String externalId, Tombstone how) {
    Optional<Link> link = byExternal(tenantId, connectionId, vendorType, externalId);
    link.ifPresent(l -> {
      Timestamp now = Timestamp.from(clock.instant());
      // an erased person stays erased: a plain deletion reported after the privacy deletion does not soften it; an
      // object that became another stays so (deleting a converted lead deletes nobody)
      db.sql("update record_link set tombstone = case when tombstone in ('ERASED', 'MOVED') then tombstone else ? end, "
              + "tombstoned_at = coalesce(tombstoned_at, ?), snapshot_enc = null, updated_at = ? "
              + "where tenant_id = ? and connection_id = ? and vendor_type = ? and external_id = ?")
          .params(how.name(), now, now, tenantId, connectionId, vendorType, ids.key(externalId)).update();
      promoteLive(tenantId, connectionId, l.objectType(), l.canonicalId());
    });
    return link;
  }

  /**
   * Moves every link of {@code fromId} to {@code intoId} (a merge): a moved link stays primary only where {@code
   * intoId} has no live primary in that connection. Snapshots are re-encrypted under the new record. Writes waiting for
   * either record to be linked in a connection where a moved link is live are woken.
   */
  void moveAll(String tenantId, String fromId, String intoId) {
    // writes waiting for the merged record to be linked somewhere now wait for the survivor
    for (String table : List.of("outbox_task", "outbox_edge_task")) {
      db.sql("update " + table + " set waiting_on = ? where tenant_id = ? and waiting_on = ? and status = 'WAITING'")
          .params(intoId, tenantId, fromId).update();
    }
    for (Link l : forCanonical(tenantId, fromId)) {
      Timestamp now = Timestamp.from(clock.instant());
      String enc = l.live() ? vault.encrypt(json.writeValueAsString(l.snapshot()), context(tenantId, l.connectionId(),
          intoId)) : null;
      db.sql("update record_link set canonical_id = ?, snapshot_enc = ?, primary_of = null, updated_at = ?, "
              + "link_rule = 'merge' where tenant_id = ? and connection_id = ? and vendor_type = ? and external_id = ?")
          .params(intoId, enc, now, tenantId, l.connectionId(), l.vendorType(), ids.key(l.externalId())).update();
      promoteLive(tenantId, l.connectionId(), l.objectType(), intoId);
      if (l.live()) {
        wakeWaiting(tenantId, l.connectionId(), intoId); // the survivor has an object there now
      }
    }
  }

  /**
   * Moves one link to {@code intoId} (a split: a new record that has no link in that connection yet), as its primary
   * there, snapshot re-encrypted under the new record; the record it left promotes another live link if it had one.
   */
  void moveOne(Link link, String intoId) {
    String enc = link.live() ? vault.encrypt(json.writeValueAsString(link.snapshot()), context(link.tenantId(),
        link.connectionId(), intoId)) : null;
    db.sql("update record_link set canonical_id = ?, snapshot_enc = ?, primary_of = ?, updated_at = ?, "
            + "link_rule = 'split' where tenant_id = ? and connection_id = ? and vendor_type = ? and external_id = ?")
        .params(intoId, enc, intoId, Timestamp.from(clock.instant()), link.tenantId(), link.connectionId(),
            link.vendorType(), ids.key(link.externalId())).update();
    promoteLive(link.tenantId(), link.connectionId(), link.objectType(), link.canonicalId());
  }

  /** Makes a live link of the record primary in the connection when it has no live primary there. */
  private void promoteLive(String tenantId, String connectionId, String objectType, String canonicalId) {
    List<Link> all = db.sql("select * from record_link where tenant_id = ? and connection_id = ? and canonical_id = ? "
            + "and object_type = ? order by updated_at")
        .params(tenantId, connectionId, canonicalId, objectType).query(this::row).list();
    if (all.stream().anyMatch(l -> l.primary() && l.live())) {
      return;
    }
    all.stream().filter(Link::live).findFirst().ifPresent(l -> {
      db.sql("update record_link set primary_of = null where tenant_id = ? and connection_id = ? and object_type = ? "
              + "and primary_of = ?")
          .params(tenantId, connectionId, objectType, canonicalId).update();
      db.sql("update record_link set primary_of = ? where tenant_id = ? and connection_id = ? and vendor_type = ? "
              + "and external_id = ?")
          .params(canonicalId, tenantId, connectionId, l.vendorType(), ids.key(l.externalId())).update();
    });
  }

  /**
   * Remembers that {@code createKey} is sent to {@code connectionId} to create {@code canonicalId}'s object, before the
   * create is sent: an object read back carrying the key is then that record's ({@link #createdFor}), whatever the
   * create's answer was. Idempotent (every attempt of a create carries the same key for the same record), and safe
   * against two workers on one create at once (a lease taken over): one statement, the second insert does nothing —
   * a check before the insert would miss the other's uncommitted row, and a caught key violation would leave a
   * PostgreSQL transaction aborted.
   */
  void rememberCreate(String tenantId, String connectionId, String createKey, String canonicalId) {
    db.sql("insert into create_key (tenant_id, connection_id, create_key, canonical_id, created_at) "
            + "values (?, ?, ?, ?, ?) on conflict do nothing")
        .params(tenantId, connectionId, createKey, canonicalId, Timestamp.from(clock.instant())).update();
  }

  /**
   * Deletes up to {@code limit} create keys remembered before {@code before} whose record is linked in their
   * connection: the link answers for that record's object from then on. A key of a record never linked there (its
   * create refused, or not answered yet) stays: it is what tells that record's object when it is read back. Returns
   * how many went.
   */
  int purgeLinkedCreateKeys(Instant before, int limit) {
    List<String[]> keys = db.sql("select k.tenant_id, k.connection_id, k.create_key from create_key k "
            + "where k.created_at < ? and exists (select 1 from record_link l where l.tenant_id = k.tenant_id "
            + "and l.connection_id = k.connection_id and l.canonical_id = k.canonical_id) limit ?")
        .params(Timestamp.from(before), limit)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
    int n = 0;
    for (String[] k : keys) {
      n += db.sql("delete from create_key where tenant_id = ? and connection_id = ? and create_key = ?")
          .params((Object[]) k).update();
    }
    return n;
  }

  /** The record an object carrying {@code createKey} in {@code connectionId} was created for, if we sent that key. */
  Optional<String> createdFor(String tenantId, String connectionId, String createKey) {
    return db.sql("select canonical_id from create_key where tenant_id = ? and connection_id = ? and create_key = ?")
        .params(tenantId, connectionId, createKey).query(String.class).optional();
  }

  /**
   * Which live object of {@code vendorType} in the connection held each of {@code partIds} as a line (an element with
   * that {@code id} in a list field of its snapshot) when we last read or wrote it: part id → its vendor id. The
   * fallback for a part whose owner the vendor no longer names (a deleted line item); it reads every such link of the
   * connection, {@code PAGE} a query, so it is for the rare part the vendor cannot place.
   */
  Map<String, String> holdersOf(String tenantId, String connectionId, String vendorType, Set<String> partIds) {
    Map<String, String> out = new LinkedHashMap<>();
    String after = null;
    for (List<Keyed> page = livePage(tenantId, connectionId, vendorType, null, PAGE); !page.isEmpty()
        && out.size() < partIds.size(); page = livePage(tenantId, connectionId, vendorType, after, PAGE)) {
      for (Keyed k : page) {
        for (Object value : k.link().snapshot().values()) {
          if (value instanceof List<?> lines) {
            for (Object l : lines) {
              if (l instanceof Map<?, ?> line && line.get("id") != null
                  && partIds.contains(String.valueOf(line.get("id")))) {
                out.putIfAbsent(String.valueOf(line.get("id")), k.link().externalId());
              }
            }
          }
        }
      }
      after = page.getLast().key();
    }
    return out;
  }

  private static final int PAGE = 500;

  /** A live link and its key ({@code record_link.external_id}), the position of a sweep over a connection's links. */
  record Keyed(String key, Link link) {}

  /**
   * Up to {@code limit} live primary links of {@code vendorType} in the connection whose key follows {@code afterKey} (from the
   * first when null), in key order: a sweep's page that a restart resumes from the last key.
   */
  List<Keyed> livePage(String tenantId, String connectionId, String vendorType, @Nullable String afterKey, int limit) {
    return db.sql("select * from record_link where tenant_id = ? and connection_id = ? and vendor_type = ? "
            + "and tombstone is null and primary_of is not null and external_id > ? order by external_id limit ?")
        .params(tenantId, connectionId, vendorType, afterKey == null ? "" : afterKey, limit)
        .query((rs, i) -> new Keyed(rs.getString("external_id"), row(rs, i))).list();
  }

  long count(String tenantId, String connectionId) {
    return db.sql("select count(*) from record_link where tenant_id = ? and connection_id = ? and tombstone is null")
        .params(tenantId, connectionId).query(Long.class).single();
  }

  private static String context(String tenantId, String connectionId, String canonicalId) {
    return "link:" + tenantId + ":" + connectionId + ":" + canonicalId;
  }

  private Link row(ResultSet rs, int i) throws SQLException {
    String tenantId = rs.getString("tenant_id");
    String connectionId = rs.getString("connection_id");
    String canonicalId = rs.getString("canonical_id");
    String enc = rs.getString("snapshot_enc");
    Map<String, Object> snapshot = enc == null ? Map.of()
        : json.readValue(vault.decrypt(enc, context(tenantId, connectionId, canonicalId)), MAP);
    Timestamp modified = rs.getTimestamp("source_modified_at");
    String externalId = ids.open(tenantId, connectionId, rs.getString("external_id"), rs.getString("external_ref_enc"));
    String tombstone = rs.getString("tombstone");
    return new Link(tenantId, connectionId, rs.getString("object_type"), rs.getString("vendor_type"), externalId,
        canonicalId,
        snapshot, modified == null ? null : modified.toInstant(), rs.getTimestamp("updated_at").toInstant(),
        rs.getString("primary_of") != null, tombstone == null ? null : Tombstone.valueOf(tombstone));
  }
}
