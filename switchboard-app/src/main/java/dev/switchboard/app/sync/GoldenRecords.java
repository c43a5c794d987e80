package dev.switchboard.app.sync;

import dev.switchboard.app.crypto.Vault;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden records, fields encrypted as one JSON document bound to the record id. Every write also writes the record's
 * clear projection of non-PII fields ({@link Projections}) in the same transaction.
 */
@Repository
class GoldenRecords {
  private static final TypeReference<LinkedHashMap<String, FieldValue>> FIELDS = new TypeReference<>() {};

  record Golden(String id, String tenantId, String objectType, long version, Map<String, FieldValue> fields) {}

  private final JdbcClient db;
  private final Vault vault;
  private final Clock clock;
  private final Projections projections;
  private final JsonMapper json = JsonMapper.builder().build();

  GoldenRecords(JdbcClient db, Vault vault, Clock clock, Projections projections) {
    this.db = db;
    this.vault = vault;
    this.clock = clock;
    this.projections = projections;
  }

  /**
   * The record with this id; for a record merged into another, the one it was merged into (a merge never deletes an
   * id, and every lookup by the old id follows it). The result's {@link Golden#id()} is the surviving id.
   */
  Optional<Golden> find(String tenantId, String id) {
    String current = id;
    for (int hop = 0; hop < 20; hop++) {
      Optional<Row> row = db.sql("select id, tenant_id, object_type, version, fields_enc, merged_into from golden_record "
              + "where tenant_id = ? and id = ?")
          .params(tenantId, current)
          .query((rs, i) -> new Row(new Golden(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
              json.readValue(vault.decrypt(rs.getString(5), "golden:" + rs.getString(1)), FIELDS)), rs.getString(6)))
          .optional();
      if (row.isEmpty() || row.get().mergedInto() == null) {
        return row.map(Row::golden);
      }
      current = row.get().mergedInto();
    }
    throw new IllegalStateException("merge chain too long");
  }

  private record Row(Golden golden, @org.jspecify.annotations.Nullable String mergedInto) {}

  /**
   * {@link #find} of several ids in one query (merged ones followed one by one): the records found, in the order of
   * {@code ids}, each once (two ids merged into one give it once).
   */
  java.util.List<Golden> findAll(String tenantId, java.util.Collection<String> ids) {
    if (ids.isEmpty()) {
      return java.util.List.of();
    }
    Map<String, Row> rows = new java.util.HashMap<>();
    db.sql("select id, tenant_id, object_type, version, fields_enc, merged_into from golden_record "
            + "where tenant_id = :tenant and id in (:ids)")
        .param("tenant", tenantId).param("ids", java.util.List.copyOf(ids))
        .query((rs, i) -> new Row(new Golden(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getString(6) != null ? Map.of()
                : json.readValue(vault.decrypt(rs.getString(5), "golden:" + rs.getString(1)), FIELDS)),
            rs.getString(6)))
        .list().forEach(r -> rows.put(r.golden().id(), r));
    Map<String, Golden> out = new java.util.LinkedHashMap<>();
    for (String id : ids) {
      Row r = rows.get(id);
      Optional<Golden> g = r == null ? Optional.empty()
          : r.mergedInto() == null ? Optional.of(r.golden()) : find(tenantId, r.mergedInto());
      g.ifPresent(found -> out.putIfAbsent(found.id(), found));
    }
    return java.util.List.copyOf(out.values());
  }

  /**
   * Up to {@code limit} live (not merged-away) records of {@code objectType}, by id, after {@code afterId} (null:
   * from the first): a page of the records API, by the {@code (tenant_id, object_type)} index.
   */
  java.util.List<Golden> page(String tenantId, String objectType, @Nullable String afterId, int limit) {
    return db.sql("select id, tenant_id, object_type, version, fields_enc from golden_record where tenant_id = ? "
            + "and object_type = ? and merged_into is null and id > ? order by id limit ?")
        .params(tenantId, objectType, afterId == null ? "" : afterId, limit)
        .query((rs, i) -> new Golden(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            json.readValue(vault.decrypt(rs.getString(5), "golden:" + rs.getString(1)), FIELDS))).list();
  }

  /**
   * Marks {@code id} (read at {@code expectedVersion}) merged into {@code intoId}: it keeps its id, drops its values (they live on in the survivor)
   * and from then on resolves to the survivor. Records merged into {@code id} before now point at the survivor too.
   */
  void markMerged(String tenantId, String id, long expectedVersion, String intoId) {
    Timestamp now = Timestamp.from(clock.instant());
    int n = db.sql("update golden_record set merged_into = ?, fields_enc = ?, version = version + 1, updated_at = ? "
            + "where tenant_id = ? and id = ? and version = ?")
        .params(intoId, encrypt(id, Map.of()), now, tenantId, id, expectedVersion).update();
    if (n != 1) {
      throw new OptimisticLockingFailureException("merged record changed concurrently");
    }
    db.sql("update golden_record set merged_into = ?, updated_at = ? where tenant_id = ? and merged_into = ?")
        .params(intoId, now, tenantId, id).update();
    projections.remove(tenantId, id);
  }

  /** Inserts version 1. */
  void insert(String tenantId, String id, String objectType, Map<String, FieldValue> fields) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("insert into golden_record(id, tenant_id, object_type, version, fields_enc, created_at, updated_at) "
            + "values (?, ?, ?, 1, ?, ?, ?)")
        .params(id, tenantId, objectType, encrypt(id, fields), now, now).update();
    projections.write(tenantId, id, objectType, fields);
  }

  /**
   * Stores what a merge of a source's values came to: a new record at version 1 when there was none ({@code current}
   * null), the next version when the merge changed something, else nothing. Returns the version the record is at.
   */
  long save(String tenantId, String id, String objectType, @Nullable Golden current, Merge.Result merged) {
    if (current == null) {
      insert(tenantId, id, objectType, merged.fields());
      return 1;
    }
    return merged.changed() ? update(current, merged.fields()) : current.version();
  }

  /**
   * Writes {@code fields} as the next version of {@code current} (the record as read, at its version).
   *
   * @throws OptimisticLockingFailureException when another transaction changed the record first
   */
  long update(Golden current, Map<String, FieldValue> fields) {
    String id = current.id();
    int n = db.sql("update golden_record set fields_enc = ?, version = version + 1, updated_at = ? "
            + "where tenant_id = ? and id = ? and version = ?")
        .params(encrypt(id, fields), Timestamp.from(clock.instant()), current.tenantId(), id, current.version())
        .update();
    if (n != 1) {
      throw new OptimisticLockingFailureException("golden record changed concurrently");
    }
    projections.write(current.tenantId(), id, current.objectType(), fields);
    return current.version() + 1;
  }

  /**
   * Writes the projection of live record {@code id} from its current values, holding the record's row lock so that
   * a concurrent write of the record waits (or is waited for); false when the record is gone or merged away. For
   * records written before their projection existed ({@link ProjectionBackfill}).
   */
  boolean reproject(String tenantId, String id) {
    Optional<Golden> current = lock(tenantId, id);
    current.ifPresent(g -> projections.write(g.tenantId(), g.id(), g.objectType(), g.fields()));
    return current.isPresent();
  }

  /** The record {@code id} itself (not followed through a merge: empty once merged away), locked until the commit. */
  Optional<Golden> lock(String tenantId, String id) {
    return db.sql("select id, tenant_id, object_type, version, fields_enc from golden_record "
            + "where tenant_id = ? and id = ? and merged_into is null for update")
        .params(tenantId, id)
        .query((rs, i) -> new Golden(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            json.readValue(vault.decrypt(rs.getString(5), "golden:" + rs.getString(1)), FIELDS)))
        .optional();
  }

  /** The current versions of {@code ids} (records merged away are left out: their survivor carries the values). */
  Map<String, Long> versions(String tenantId, java.util.List<String> ids) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    db.sql("select id, version from golden_record where tenant_id = :tenant and id in (:ids) and merged_into is null")
        .param("tenant", tenantId).param("ids", ids)
        .query((rs, i) -> out.put(rs.getString(1), rs.getLong(2))).list();
    return out;
  }

  /** The ids of the tenant's live (not merged-away) records of {@code objectType}, in id order. */
  java.util.List<String> idsOfType(String tenantId, String objectType) {
    return db.sql("select id from golden_record where tenant_id = ? and object_type = ? and merged_into is null "
            + "order by id").params(tenantId, objectType).query(String.class).list();
  }

  long count(String tenantId) {
    return db.sql("select count(*) from golden_record where tenant_id = ? and merged_into is null").param(tenantId)
        .query(Long.class).single();
  }

  private String encrypt(String id, Map<String, FieldValue> fields) {
    return vault.encrypt(json.writeValueAsString(fields), "golden:" + id);
  }
}
