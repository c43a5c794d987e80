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
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Links between canonical records and vendor objects. Each link keeps a snapshot of the values that system
 * holds as far as we know — what we last read from it or wrote to it. Inbound changes are diffed against it:
 * a webhook that only reports what we wrote ourselves yields an empty diff (echo suppression), and egress
 * skips a write whose values the target already holds.
 *
 * <p>Vendor ids are stored as {@link ExternalIds keyed hashes} with the id encrypted beside them; every method takes
 * and returns the id itself.
 */
@Repository
class Links {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  record Link(String tenantId, String connectionId, String objectType, String externalId, String canonicalId,
      Map<String, Object> snapshot, @Nullable Instant sourceModifiedAt, Instant snapshotAt) {}

  private final JdbcClient db;
  private final Vault vault;
  private final ExternalIds ids;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  Links(JdbcClient db, Vault vault, ExternalIds ids, Clock clock) {
    this.db = db;
    this.vault = vault;
    this.ids = ids;
    this.clock = clock;
  }

  Optional<Link> byExternal(String tenantId, String connectionId, String objectType, String externalId) {
    return db.sql("select * from record_link where tenant_id = ? and connection_id = ? and object_type = ? and external_id = ?")
        .params(tenantId, connectionId, objectType, ids.key(externalId)).query(this::row).optional();
  }

  Optional<Link> byCanonical(String tenantId, String connectionId, String objectType, String canonicalId) {
    return db.sql("select * from record_link where tenant_id = ? and connection_id = ? and object_type = ? and canonical_id = ?")
        .params(tenantId, connectionId, objectType, canonicalId).query(this::row).optional();
  }

  List<Link> forCanonical(String tenantId, String canonicalId) {
    return db.sql("select * from record_link where tenant_id = ? and canonical_id = ?").params(tenantId, canonicalId)
        .query(this::row).list();
  }

  /**
   * Creates or replaces the link of {@code canonicalId} in {@code connectionId}; the external id may change
   * (Mailchimp member hash after an e-mail change).
   */
  void put(String tenantId, String connectionId, String objectType, String externalId, String canonicalId,
      Map<String, Object> snapshot, @Nullable Instant sourceModifiedAt, boolean written) {
    Timestamp now = Timestamp.from(clock.instant());
    String enc = vault.encrypt(json.writeValueAsString(snapshot), context(tenantId, connectionId, canonicalId));
    Timestamp modified = sourceModifiedAt == null ? null : Timestamp.from(sourceModifiedAt);
    String key = ids.key(externalId);
    String ref = ids.seal(tenantId, connectionId, externalId);
    // the external id may already be linked to another canonical record (e.g. found by e-mail before the link
    // existed); the newest resolution wins and the stale link goes.
    db.sql("delete from record_link where tenant_id = ? and connection_id = ? and object_type = ? and external_id = ? "
            + "and canonical_id <> ?")
        .params(tenantId, connectionId, objectType, key, canonicalId).update();
    int n = db.sql("update record_link set external_id = ?, external_ref_enc = ?, snapshot_enc = ?, "
            + "source_modified_at = coalesce(?, source_modified_at), "
            + "last_written_at = case when ? then ? else last_written_at end, updated_at = ? "
            + "where tenant_id = ? and connection_id = ? and object_type = ? and canonical_id = ?")
        .params(key, ref, enc, modified, written, now, now, tenantId, connectionId, objectType, canonicalId).update();
    if (n == 0) {
      db.sql("insert into record_link(tenant_id, connection_id, object_type, external_id, external_ref_enc, canonical_id, "
              + "snapshot_enc, source_modified_at, last_written_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(tenantId, connectionId, objectType, key, ref, canonicalId, enc, modified, written ? now : null, now)
          .update();
    }
  }

  void remove(String tenantId, String connectionId, String objectType, String externalId) {
    db.sql("delete from record_link where tenant_id = ? and connection_id = ? and object_type = ? and external_id = ?")
        .params(tenantId, connectionId, objectType, ids.key(externalId)).update();
  }

  long count(String tenantId, String connectionId) {
    return db.sql("select count(*) from record_link where tenant_id = ? and connection_id = ?")
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
    return new Link(tenantId, connectionId, rs.getString("object_type"), externalId, canonicalId,
        snapshot, modified == null ? null : modified.toInstant(), rs.getTimestamp("updated_at").toInstant());
  }
}
