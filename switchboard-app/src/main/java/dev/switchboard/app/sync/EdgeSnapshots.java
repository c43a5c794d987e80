package dev.switchboard.app.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each connection holds of a record's edges as far as we know — what we last read from it or wrote to it — per
 * (connection, from, label, to) of canonical ids ({@code edge_snapshot}): the edge counterpart of the link snapshot.
 * An association a source reports as its snapshot has it is an echo (our own write read back, HubSpot's {@code
 * associationChange} for it) and changes nothing; one the snapshot has and the source no longer reports was removed
 * there; an edge write whose result the snapshot already has is settled without a call.
 *
 * <p>A removal we made is kept as a row that is not {@code held}: its time tells a read that started before it (which
 * still shows the association) from the association being made again.
 */
@Repository
class EdgeSnapshots {

  /** One edge as a connection holds it: {@code held} false when we removed it there at {@code takenAt}. */
  record Held(String toId, boolean primary, boolean held, Instant takenAt) {}

  private final JdbcClient db;
  private final Clock clock;

  EdgeSnapshots(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The snapshot of {@code fromId}'s edges of {@code label} in {@code connectionId}, held or removed, by target id. */
  Map<String, Held> of(String tenantId, String connectionId, String fromId, String label) {
    Map<String, Held> out = new LinkedHashMap<>();
    db.sql("select to_id, is_primary, held, taken_at from edge_snapshot where tenant_id = ? and connection_id = ? "
            + "and from_id = ? and label = ? order by to_id")
        .params(tenantId, connectionId, fromId, label)
        .query((rs, i) -> new Held(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3),
            rs.getTimestamp(4).toInstant()))
        .list().forEach(h -> out.put(h.toId(), h));
    return out;
  }

  /** The labels {@code connectionId} holds (or held) edges of from {@code fromId}. */
  List<String> labels(String tenantId, String connectionId, String fromId) {
    return db.sql("select distinct label from edge_snapshot where tenant_id = ? and connection_id = ? and from_id = ?")
        .params(tenantId, connectionId, fromId).query(String.class).list();
  }

  /** Whether {@code connectionId} holds the edge with that primary flag, as far as we know. */
  boolean holds(String tenantId, String connectionId, String fromId, String label, String toId, boolean primary) {
    return db.sql("select count(*) from edge_snapshot where tenant_id = ? and connection_id = ? and from_id = ? "
            + "and label = ? and to_id = ? and held and is_primary = ?")
        .params(tenantId, connectionId, fromId, label, toId, primary).query(Long.class).single() > 0;
  }

  /** Whether {@code connectionId} holds the edge at all, as far as we know. */
  boolean holdsAny(String tenantId, String connectionId, String fromId, String label, String toId) {
    return db.sql("select count(*) from edge_snapshot where tenant_id = ? and connection_id = ? and from_id = ? "
            + "and label = ? and to_id = ? and held")
        .params(tenantId, connectionId, fromId, label, toId).query(Long.class).single() > 0;
  }

  /** One stored entry: {@code connectionId} holds (or, not {@code held}, no longer holds) the edge. */
  record Entry(String fromId, String label, String toId, boolean primary, boolean held) {}

  /** The entries of {@code connectionId} with {@code canonicalId} at either end: what it holds of the record's edges. */
  List<Entry> ofEnd(String tenantId, String connectionId, String canonicalId) {
    List<Entry> out = new java.util.ArrayList<>();
    for (String end : List.of("from_id", "to_id")) {
      out.addAll(db.sql("select from_id, label, to_id, is_primary, held from edge_snapshot where tenant_id = ? and "
              + end + " = ? and connection_id = ? order by from_id, label, to_id")
          .params(tenantId, canonicalId, connectionId).query((rs, i) -> new Entry(rs.getString(1), rs.getString(2),
              rs.getString(3), rs.getBoolean(4), rs.getBoolean(5))).list());
    }
    return out;
  }

  /**
   * Moves {@code connectionId}'s entries with {@code fromId} at either end to {@code intoId} (a split: the object they
   * describe now belongs to {@code intoId}, a new record with no entries of its own), keeping their times.
   */
  void moveEnd(String tenantId, String connectionId, String fromId, String intoId) {
    for (String end : List.of("from_id", "to_id")) {
      db.sql("update edge_snapshot set " + end + " = ? where tenant_id = ? and connection_id = ? and " + end + " = ?")
          .params(intoId, tenantId, connectionId, fromId).update();
    }
  }

  /**
   * Whether a connection other than {@code exceptConnectionId} in which {@code endId} (one of the edge's ends) still
   * has a live object holds the edge, as far as we know: another system that asserts it for that record.
   */
  boolean heldElsewhere(String tenantId, String exceptConnectionId, String endId, String fromId, String label,
      String toId) {
    return db.sql("select count(*) from edge_snapshot s where s.tenant_id = ? and s.from_id = ? and s.label = ? "
            + "and s.to_id = ? and s.held and s.connection_id <> ? and exists (select 1 from record_link l "
            + "where l.tenant_id = s.tenant_id and l.connection_id = s.connection_id and l.canonical_id = ? "
            + "and l.tombstone is null)")
        .params(tenantId, fromId, label, toId, exceptConnectionId, endId).query(Long.class).single() > 0;
  }

  /** Records that {@code connectionId} holds the edge ({@code held}) or no longer holds it, as of now. */
  void put(String tenantId, String connectionId, String fromId, String label, String toId, boolean primary,
      boolean held) {
    Timestamp now = Timestamp.from(clock.instant());
    int n = db.sql("update edge_snapshot set is_primary = ?, held = ?, taken_at = ? where tenant_id = ? "
            + "and connection_id = ? and from_id = ? and label = ? and to_id = ?")
        .params(primary, held, now, tenantId, connectionId, fromId, label, toId).update();
    if (n == 0) {
      db.sql("insert into edge_snapshot(tenant_id, connection_id, from_id, label, to_id, is_primary, held, taken_at) "
              + "values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
          .params(tenantId, connectionId, fromId, label, toId, primary, held, now).update();
    }
  }
}
