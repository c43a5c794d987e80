package dev.switchboard.app.sync;

import dev.switchboard.app.crypto.Vault;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provenance of derived records ({@link dev.switchboard.app.connectors.SourceRecord.Derived}): which canonical record a
 * vendor object's derivation key stands for, what the object last said of it (the snapshot, for echo suppression as a
 * link's) and the rule that resolved it the first time. Not a link: the record has no object of its own there. The
 * object is named as {@link Links} names it (a keyed hash, the id sealed beside it; see {@link ExternalIds}); the
 * snapshot is encrypted under the row's own canonical id, so a row keeps decrypting after that record was merged away
 * (the next application re-writes it under the survivor).
 */
@Repository
class Derivations {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  /**
   * @param canonicalId the record as the row names it (maybe merged away since: follow it with {@link GoldenRecords})
   * @param updatedAt   when the object's values were last applied to it
   */
  record Derivation(String canonicalId, String objectType, Map<String, Object> snapshot, Instant updatedAt,
      String rule) {}

  private final JdbcClient db;
  private final Vault vault;
  private final ExternalIds ids;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  Derivations(JdbcClient db, Vault vault, ExternalIds ids, Clock clock) {
    this.db = db;
    this.vault = vault;
    this.ids = ids;
    this.clock = clock;
  }

  /** The derivation {@code key} of the object ({@code externalId} of {@code vendorType} in the connection), if any. */
  Optional<Derivation> find(String tenantId, String connectionId, String vendorType, String externalId, String key) {
    return db.sql("select * from record_derivation where tenant_id = ? and connection_id = ? and vendor_type = ? "
            + "and external_id = ? and derivation_key = ?")
        .params(tenantId, connectionId, vendorType, ids.key(externalId), key).query(this::row).optional();
  }

  /**
   * Records that derivation {@code key} of the object is {@code canonicalId}, the object now saying {@code snapshot}
   * of it. {@code rule} is kept when the row exists for the same record; a row that named another record takes this one
   * and the rule.
   */
  void put(String tenantId, String connectionId, String vendorType, String externalId, String key, String objectType,
      String canonicalId, Map<String, Object> snapshot, @Nullable Instant sourceModifiedAt, String rule) {
    Timestamp now = Timestamp.from(clock.instant());
    String enc = vault.encrypt(json.writeValueAsString(snapshot), context(tenantId, connectionId, canonicalId));
    Timestamp modified = sourceModifiedAt == null ? null : Timestamp.from(sourceModifiedAt);
    String idKey = ids.key(externalId);
    int n = db.sql("update record_derivation set derivation_rule = case when canonical_id = ? then derivation_rule "
            + "else ? end, canonical_id = ?, object_type = ?, snapshot_enc = ?, "
            + "source_modified_at = coalesce(?, source_modified_at), updated_at = ? "
            + "where tenant_id = ? and connection_id = ? and vendor_type = ? and external_id = ? and derivation_key = ?")
        .params(canonicalId, rule, canonicalId, objectType, enc, modified, now, tenantId, connectionId, vendorType, idKey,
            key)
        .update();
    if (n == 0) {
      db.sql("insert into record_derivation(tenant_id, connection_id, vendor_type, external_id, external_ref_enc, "
              + "derivation_key, object_type, canonical_id, snapshot_enc, derivation_rule, source_modified_at, updated_at) "
              + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(tenantId, connectionId, vendorType, idKey, ids.seal(tenantId, connectionId, externalId), key,
              objectType, canonicalId, enc, rule, modified, now)
          .update();
    }
  }

  /**
   * Whether {@code canonicalId} (or a record merged into it) was derived from an object of {@code connectionId}: that
   * vendor holds it inside another object, so it is never created there as an object of its own.
   */
  boolean derivedFrom(String tenantId, String connectionId, String canonicalId) {
    return db.sql("select count(*) from record_derivation d where d.tenant_id = ? and d.connection_id = ? "
            + "and (d.canonical_id = ? or exists (select 1 from golden_record g where g.tenant_id = d.tenant_id "
            + "and g.id = d.canonical_id and g.merged_into = ?))")
        .params(tenantId, connectionId, canonicalId, canonicalId).query(Long.class).single() > 0;
  }

  private static String context(String tenantId, String connectionId, String canonicalId) {
    return "derivation:" + tenantId + ":" + connectionId + ":" + canonicalId;
  }

  private Derivation row(ResultSet rs, int i) throws SQLException {
    String canonicalId = rs.getString("canonical_id");
    String enc = rs.getString("snapshot_enc");
    Map<String, Object> snapshot = enc == null ? Map.of() : json.readValue(vault.decrypt(enc,
        context(rs.getString("tenant_id"), rs.getString("connection_id"), canonicalId)), MAP);
    return new Derivation(canonicalId, rs.getString("object_type"), snapshot, rs.getTimestamp("updated_at").toInstant(),
        rs.getString("derivation_rule"));
  }
}
