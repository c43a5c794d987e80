package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.ConnectorRegistry;
import java.time.Duration;
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
    boolean readsBack = connectors.find(target.system())
        .map(c -> c.descriptor().objectTypes().contains(type)).orElse(false);
    return readsBack && db.sql("select count(*) from sync_cursor where tenant_id = ? and connection_id = ? "
            + "and object_type = ? and backfill_status = 'DONE'")
        .params(target.tenantId(), target.id(), type).query(Long.class).single() == 0;
  }
}
