package dev.switchboard.app.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Associations between canonical records, stored as edges {@code (from, label, to, primary, source, modified-at,
 * tombstone)} and merged per edge: a source changes only the edges it reports differently from what it held
 * ({@link AssociatedRecords}), and an edge it ended is tombstoned (kept with when), not deleted. Ids are canonical ids;
 * a merge rewrites them to the survivor.
 */
@Repository
class Edges {

  /** One edge; {@code tombstonedAt} is set when it ended. */
  record Edge(String fromId, String label, String toId, boolean primary, String sourceSystem, Instant modifiedAt,
      @Nullable Instant tombstonedAt) {
    boolean live() {
      return tombstonedAt == null;
    }
  }

  private static final String SELECT = "select from_id, label, to_id, is_primary, source_system, modified_at, "
      + "tombstoned_at from record_edge ";

  private final JdbcClient db;
  private final Clock clock;

  Edges(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The labels of the edges {@code system} made from {@code fromId}, live or ended. */
  List<String> labelsFrom(String tenantId, String fromId, String system) {
    return db.sql("select distinct label from record_edge where tenant_id = ? and from_id = ? and source_system = ?")
        .params(tenantId, fromId, system).query(String.class).list();
  }

  /** Every edge of {@code fromId} with {@code label}, live or ended, by target id. */
  List<Edge> from(String tenantId, String fromId, String label) {
    return db.sql(SELECT + "where tenant_id = ? and from_id = ? and label = ? order by to_id")
        .params(tenantId, fromId, label).query(Edges::row).list();
  }

  /** A live edge both of whose ends have a live object in one connection, with the ends' types there. */
  record Linked(Edge edge, String fromType, String toType) {}

  /**
   * The live edges {@code canonicalId} is an end of (from it and to it, each direction by its own index) whose other
   * end has a live object in {@code connectionId} too: the edges that connection may be owed once the record is linked
   * there ({@link EdgeFanOut#linked}). The join keeps a company with many contacts not linked there from costing a
   * look-up per contact.
   */
  List<Linked> liveLinkedIn(String tenantId, String connectionId, String canonicalId) {
    List<Linked> out = new ArrayList<>();
    for (String end : List.of("e.from_id", "e.to_id")) {
      out.addAll(db.sql("select distinct e.from_id, e.label, e.to_id, e.is_primary, e.source_system, e.modified_at, "
              + "e.tombstoned_at, f.object_type, t.object_type from record_edge e "
              + "join record_link f on f.tenant_id = e.tenant_id and f.connection_id = ? and f.canonical_id = e.from_id "
              + "and f.tombstone is null "
              + "join record_link t on t.tenant_id = e.tenant_id and t.connection_id = ? and t.canonical_id = e.to_id "
              + "and t.tombstone is null "
              + "where e.tenant_id = ? and " + end + " = ? and e.tombstoned_at is null "
              + "order by e.from_id, e.label, e.to_id")
          .params(connectionId, connectionId, tenantId, canonicalId)
          .query((rs, i) -> new Linked(row(rs, i), rs.getString(8), rs.getString(9))).list());
    }
    return out;
  }

  private static Edge row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Edge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant());
  }

  /** One edge a change touched: made, revived or given another primary flag ({@code live}), or ended. */
  record Change(String toId, boolean live, boolean primary) {}

  /**
   * Applies what {@code system} changed of {@code fromId}'s edges with {@code label}: {@code made} (target id →
   * primary) are added, revived or have their primary flag updated, and become {@code system}'s; {@code ended} are
   * tombstoned, whoever made them. Which of a source's reports are changes is the caller's to say (against the source's
   * {@link EdgeSnapshots edge snapshot}). Call inside the transaction that applies the record.
   *
   * @return the edges that changed (an edge already as asked is not a change)
   */
  List<Change> change(String tenantId, String fromId, String label, Map<String, Boolean> made,
      java.util.Set<String> ended, String system, Instant modifiedAt) {
    Map<String, Edge> existing = new LinkedHashMap<>();
    from(tenantId, fromId, label).forEach(e -> existing.put(e.toId(), e));
    Timestamp at = Timestamp.from(modifiedAt);
    List<Change> changes = new ArrayList<>();
    for (String toId : ended) {
      Edge e = existing.get(toId);
      if (e != null && e.live()) {
        db.sql("update record_edge set tombstoned_at = ?, modified_at = ? where tenant_id = ? and from_id = ? "
                + "and label = ? and to_id = ?")
            .params(Timestamp.from(clock.instant()), at, tenantId, fromId, label, toId).update();
        changes.add(new Change(toId, false, e.primary()));
      }
    }
    made.forEach((toId, primary) -> {
      Edge e = existing.get(toId);
      if (e == null) {
        db.sql("insert into record_edge(tenant_id, from_id, label, to_id, is_primary, source_system, modified_at) "
                + "values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
            .params(tenantId, fromId, label, toId, primary, system, at).update();
        changes.add(new Change(toId, true, primary));
      } else if (!e.live() || e.primary() != primary) {
        db.sql("update record_edge set is_primary = ?, source_system = ?, modified_at = ?, tombstoned_at = null "
                + "where tenant_id = ? and from_id = ? and label = ? and to_id = ?")
            .params(primary, system, at, tenantId, fromId, label, toId).update();
        changes.add(new Change(toId, true, primary));
      }
    });
    return changes;
  }

  /**
   * The record {@code fromId}'s edge of {@code label} leads to when a target holds one value (a Mailchimp member's
   * company): the live primary edge, else the live edge modified last (ties by id), else none.
   */
  Optional<String> primaryTarget(String tenantId, String fromId, String label) {
    return db.sql("select to_id from record_edge where tenant_id = ? and from_id = ? and label = ? "
            + "and tombstoned_at is null order by is_primary desc, modified_at desc, to_id limit 1")
        .params(tenantId, fromId, label).query(String.class).optional();
  }

  /** The records with a live edge of {@code label} to {@code toId}: whose derived values come from it. */
  List<String> dependents(String tenantId, String toId, String label) {
    return db.sql("select from_id from record_edge where tenant_id = ? and to_id = ? and label = ? "
            + "and tombstoned_at is null order by from_id")
        .params(tenantId, toId, label).query(String.class).list();
  }

  /**
   * A merge of {@code fromId} into {@code intoId}: their edges, both directions, now start or end at the survivor. An
   * edge the survivor already has is kept (live wins over ended) and the merged one's dropped; an edge between the two
   * disappears (a record is not associated with itself).
   */
  void moveAll(String tenantId, String fromId, String intoId) {
    for (boolean outgoing : List.of(true, false)) {
      String self = outgoing ? "from_id" : "to_id";
      String other = outgoing ? "to_id" : "from_id";
      List<Object[]> rows = db.sql("select label, " + other + ", tombstoned_at from record_edge where tenant_id = ? and "
              + self + " = ?")
          .params(tenantId, fromId).query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3)})
          .list();
      for (Object[] r : new ArrayList<>(rows)) {
        String label = (String) r[0];
        String otherId = (String) r[1];
        if (otherId.equals(intoId)) {
          delete(tenantId, outgoing ? fromId : otherId, label, outgoing ? otherId : fromId);
          continue;
        }
        String newFrom = outgoing ? intoId : otherId;
        String newTo = outgoing ? otherId : intoId;
        Optional<Boolean> survivorLive = db.sql("select tombstoned_at is null from record_edge where tenant_id = ? "
                + "and from_id = ? and label = ? and to_id = ?")
            .params(tenantId, newFrom, label, newTo).query(Boolean.class).optional();
        if (survivorLive.isEmpty()) {
          db.sql("update record_edge set " + self + " = ? where tenant_id = ? and " + self + " = ? and label = ? and "
                  + other + " = ?")
              .params(intoId, tenantId, fromId, label, otherId).update();
        } else {
          if (!survivorLive.get() && r[2] == null) {
            db.sql("update record_edge set tombstoned_at = null where tenant_id = ? and from_id = ? and label = ? "
                    + "and to_id = ?")
                .params(tenantId, newFrom, label, newTo).update();
          }
          delete(tenantId, outgoing ? fromId : otherId, label, outgoing ? otherId : fromId);
        }
      }
    }
  }

  private void delete(String tenantId, String fromId, String label, String toId) {
    db.sql("delete from record_edge where tenant_id = ? and from_id = ? and label = ? and to_id = ?")
        .params(tenantId, fromId, label, toId).update();
  }
}
