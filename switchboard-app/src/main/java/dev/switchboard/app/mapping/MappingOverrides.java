package dev.switchboard.app.mapping;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A tenant's overrides of a connection's default mapping, per vendor type: versioned, every save kept with who made it
 * and when ({@code mapping_override}). The current override is the newest version. Tenant-scoped on every query.
 */
@Repository
public class MappingOverrides {
  private final JdbcClient db;
  private final Clock clock;

  MappingOverrides(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * One saved version.
   *
   * @param fieldsJson the override's entries as saved ({@code [{canonical, vendor, direction}]})
   * @param filterJson the override's record filter as saved ({@code {field, operator, values}}); null: none, the
   *                   mapping file's applies
   */
  public record Version(String connectionId, String vendorType, int version, String fieldsJson,
      @Nullable String filterJson, String changedBy, Instant changedAt) {}

  /** The current override of a connection's vendor type, if one was ever saved. */
  public Optional<Version> current(String tenantId, String connectionId, String vendorType) {
    return db.sql("select connection_id, vendor_type, version, fields_json, filter_json, changed_by, changed_at "
            + "from mapping_override where tenant_id = ? and connection_id = ? and vendor_type = ? "
            + "order by version desc limit 1")
        .params(tenantId, connectionId, vendorType).query(this::row).optional();
  }

  /** Every version, newest first. */
  public List<Version> history(String tenantId, String connectionId, String vendorType) {
    return db.sql("select connection_id, vendor_type, version, fields_json, filter_json, changed_by, changed_at "
            + "from mapping_override where tenant_id = ? and connection_id = ? and vendor_type = ? "
            + "order by version desc")
        .params(tenantId, connectionId, vendorType).query(this::row).list();
  }

  /**
   * Saves a new version after {@code expectedVersion} (0: none yet). Call inside the transaction that applies it: two
   * concurrent saves of one version collide on the key, and the loser's transaction rolls back whole.
   */
  public Version save(String tenantId, String connectionId, String vendorType, int expectedVersion, String fieldsJson,
      @Nullable String filterJson, String changedBy) {
    Instant now = clock.instant();
    int version = expectedVersion + 1;
    db.sql("insert into mapping_override(tenant_id, connection_id, vendor_type, version, fields_json, filter_json, "
            + "changed_by, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(tenantId, connectionId, vendorType, version, fieldsJson, filterJson, changedBy, Timestamp.from(now))
        .update();
    return new Version(connectionId, vendorType, version, fieldsJson, filterJson, changedBy, now);
  }

  private Version row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Version(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getTimestamp(7).toInstant());
  }
}
