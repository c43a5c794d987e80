package dev.switchboard.app.connections;

import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.Alerts;
import java.time.Clock;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds this module's services without Spring, for other modules' unit tests. */
public final class ConnectionsFixture {
  private ConnectionsFixture() {}

  /** Connections whose lifecycle events ({@link ConnectionDeleted}, {@link ConnectionReady}) go nowhere. */
  public static Connections connections(JdbcClient db, Vault vault, Clock clock, Alerts alerts) {
    return new Connections(db, vault, clock, alerts, event -> {});
  }

  public static Tenants tenants(JdbcClient db, Clock clock) {
    return new Tenants(db, clock);
  }

  /** A verified connection (account id set), as {@link ConnectionSetup} leaves one after a successful check. */
  public static Connection connect(Connections connections, String tenantId, String system, String accountId,
      Map<String, String> settings, Map<String, String> credentials) {
    Connection c = connections.create(tenantId, system, system, settings, credentials);
    connections.setAccount(tenantId, c.id(), accountId);
    return connections.find(tenantId, c.id()).orElseThrow();
  }
}
