package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.VendorType;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Nothing of a type is created in a connection until that connection's own records of the type have been read and
 * matched (its backfill has completed): a create before then could duplicate a record the backfill was about to link
 * (a company, which has no natural key the vendor would refuse a duplicate by). Updates of linked records go on. A
 * connection whose connector does not read the type back is not held; one that does is held until its cursor for the
 * type exists and has completed its backfill.
 */
@Component
class FirstSyncGate {
  /** How long a create waits before it looks again (no attempt is spent). */
  static final Duration WAIT = Duration.ofSeconds(5);

  private final JdbcClient db;
  private final ConnectorRegistry connectors;
  private volatile boolean enabled;

  /** @param enabled false holds nothing (unit tests of other parts of the spine run without backfills) */
  FirstSyncGate(JdbcClient db, ConnectorRegistry connectors,
      @org.springframework.beans.factory.annotation.Value("${switchboard.sync.first-sync-gate:true}") boolean enabled) {
    this.db = db;
    this.connectors = connectors;
    this.enabled = enabled;
  }

  void enabled(boolean on) {
    this.enabled = on;
  }

  /** Whether {@code target}'s records of {@code type} are still being read for the first time. */
  boolean matching(Connection target, String type) {
    if (!enabled) {
      return false;
    }
    // every vendor type that can hold records of the type is read back, and each must have been matched
    List<String> vendorTypes = connectors.find(target.system()).map(c -> c.vendorTypes().stream()
        .filter(v -> v.holds(type)).map(VendorType::name).toList()).orElse(List.of());
    if (vendorTypes.isEmpty()) {
      return false;
    }
    long done = db.sql("select count(*) from sync_cursor where tenant_id = :tenant and connection_id = :connection "
            + "and vendor_type in (:types) and backfill_status = 'DONE'")
        .param("tenant", target.tenantId()).param("connection", target.id()).param("types", vendorTypes)
        .query(Long.class).single();
    return done < vendorTypes.size();
  }
}
