package dev.switchboard.app.ops;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.sync.SyncOperations;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code connections} component of {@code /actuator/health}: UP when every connection is ACTIVE,
 * DEGRADED-as-UP with details otherwise (a vendor outage must not make a load balancer kill the app that
 * is holding the queue). Details are shown to authenticated admins only.
 */
@Component("connectionsHealthIndicator")
class ConnectionsHealthIndicator implements HealthIndicator {
  private final Tenants tenants;
  private final Connections connections;
  private final SyncOperations sync;

  ConnectionsHealthIndicator(Tenants tenants, Connections connections, SyncOperations sync) {
    this.tenants = tenants;
    this.connections = connections;
    this.sync = sync;
  }

  @Override
  public Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean allActive = true;
    for (Tenants.Tenant t : tenants.all()) {
      for (Connection c : connections.forTenant(t.id())) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("system", c.system());
        d.put("status", c.status());
        sync.progress(t.id(), c.id()).forEach(p -> d.put("backfill." + p.vendorType(), p.backfillStatus()));
        d.put("deadLetters", sync.outboxCounts(t.id(), c.id()).getOrDefault("DEAD", 0L));
        if (c.lastError() != null) {
          d.put("lastError", c.lastError());
        }
        details.put(t.id() + "/" + c.id(), d);
        allActive &= Connection.ACTIVE.equals(c.status());
      }
    }
    return (allActive ? Health.up() : Health.status("DEGRADED")).withDetails(details).build();
  }
}
