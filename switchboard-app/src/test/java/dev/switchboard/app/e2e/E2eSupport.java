package dev.switchboard.app.e2e;

import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.ops.SandboxWiring;
import dev.switchboard.sandbox.SandboxServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.client.RestClient;

/**
 * The whole product against the in-JVM sandbox: a real app on a real port with real workers, and the
 * vendors' webhooks delivered over HTTP. Each test class gets its own sandbox and database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@org.junit.jupiter.api.extension.ExtendWith(E2eSupport.SpineStateOnFailure.class)
abstract class E2eSupport {
  static final String TENANT = "default";
  static final String API_TOKEN = "sbt_test_" + UUID.randomUUID();

  static SandboxServer sandbox;
  static Vendors vendors;
  static int appPort;
  static List<Connection> wired;

  @Autowired SandboxWiring wiring;
  @Autowired Tenants tenants;
  @Autowired ApiTokens tokens;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired dev.switchboard.app.connectors.ConnectorRegistry connectorRegistry;
  RestClient api;

  /** Starts the sandbox and points the app at it; call from each subclass's {@code @DynamicPropertySource}. */
  static void configure(DynamicPropertyRegistry registry, String datasourceUrl, Map<String, Object> extra) {
    org.awaitility.Awaitility.ignoreExceptionsByDefault();
    org.awaitility.Awaitility.setDefaultPollInterval(java.time.Duration.ofMillis(50));
    // The tests look at HubSpot through its API with the app's token, as a person would look at its UI; a person's
    // UI spends none of the app's API budget, so the tests get a limit their polling cannot exhaust. What the app
    // spends against HubSpot's real limits is tested where that is the point (rate-limit and reconciliation tests).
    sandbox = SandboxServer.start(0, Map.of("sandbox.hubspot.webhook-batch-ms", 20,
        "sandbox.hubspot.rate-limit-per-10s", 100_000));
    vendors = new Vendors(sandbox);
    appPort = freePort();
    wired = null;
    registry.add("server.port", () -> appPort);
    registry.add("switchboard.public-base-url", () -> "http://127.0.0.1:" + appPort);
    registry.add("spring.datasource.url", () -> datasourceUrl);
    registry.add("switchboard.master-key", () -> "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=");
    registry.add("switchboard.admin.password", () -> "test-admin-password");
    registry.add("switchboard.connectors.hubspot.base-url", () -> sandbox.baseUrl() + "/hubspot");
    registry.add("switchboard.connectors.mailchimp.base-url", () -> sandbox.baseUrl() + "/mailchimp/3.0");
    registry.add("switchboard.retry.initial-ms", () -> 50);
    registry.add("switchboard.retry.max-ms", () -> 1000);
    registry.add("switchboard.retry.max-attempts", () -> 6);
    registry.add("switchboard.breaker.open-ms", () -> 1000);
    registry.add("switchboard.workers.idle-poll-ms", () -> 50);
    registry.add("switchboard.workers.batch-window-ms", () -> 20);
    registry.add("switchboard.reconcile.interval-ms", () -> 3_600_000);
    extra.forEach((k, v) -> registry.add(k, () -> v));
  }

  static String h2(String name) {
    return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  @BeforeEach
  void wireOnce() {
    if (wired == null) {
      tokens.register(TENANT, "tests", API_TOKEN);
      wired = wiring.wire(TENANT, sandbox.baseUrl(), "http://127.0.0.1:" + appPort);
      quietStart();
    }
    api = RestClient.builder().baseUrl("http://127.0.0.1:" + appPort)
        .defaultHeader("Authorization", "Bearer " + API_TOKEN)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
  }

  /**
   * Starts every test from a quiet app: the first backfills of the new connections spend the connection's API budget,
   * and a test's synchronous write racing them for a permit may be answered "queued" instead of done. (A benchmark
   * that times the backfill itself overrides this.)
   */
  void quietStart() {
    // every connection has its cursors (one per vendor type its connector binds: HubSpot's companies, contacts and
    // engagements; Mailchimp's members) and all are done: until then creates of that type wait for the first sync
    // (FirstSyncGate), and the backfill spends the API budget
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.sql(
        "select count(*) from sync_cursor where backfill_status <> 'DONE'").query(Long.class).single() == 0
        && jdbc.sql("select count(*) from sync_cursor").query(Long.class).single() >= expectedCursors());
  }

  /** One cursor per (connection, vendor type) of every connected connection. */
  private long expectedCursors() {
    long expected = 0;
    for (String system : jdbc.sql("select system from connection where account_id is not null").query(String.class)
        .list()) {
      expected += connectorRegistry.find(system).map(c -> c.vendorTypes().size()).orElse(0);
    }
    return expected;
  }

  @AfterEach
  void clearFaults() {
    vendors.clearFaults();
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  static String email(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A failed end-to-end test says where the spine's work stood: the outboxes' rows by status (no values, no
   * addresses), so a failure seen once on a loaded machine can be read from its message alone.
   */
  static final class SpineStateOnFailure implements org.junit.jupiter.api.extension.TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(org.junit.jupiter.api.extension.ExtensionContext context,
        Throwable thrown) throws Throwable {
      String state;
      try {
        E2eSupport test = (E2eSupport) context.getRequiredTestInstance();
        StringBuilder out = new StringBuilder();
        for (String table : List.of("outbox_task", "outbox_edge_task")) {
          String label = table.equals("outbox_task") ? "object_type" : "label";
          test.jdbc.sql("select c.system, t." + label + ", t.status, t.attempts, t.last_error_code, t.waiting_on, "
                  + "t.id, t.next_attempt_at from " + table + " t join connection c on c.id = t.connection_id where t.status <> 'DONE' "
                  + "order by t.id").query(rs -> {
                out.append('\n').append(table).append(' ').append(rs.getLong(7)).append(": ").append(rs.getString(1))
                    .append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3)).append(" attempts=")
                    .append(rs.getInt(4)).append(" error=").append(rs.getString(5)).append(" waiting_on=")
                    .append(rs.getString(6)).append(" next=").append(rs.getTimestamp(8));
              });
        }
        test.jdbc.sql("select status, count(*) from sync_job group by status").query(rs -> {
          out.append("\nsync_job ").append(rs.getString(1)).append(": ").append(rs.getLong(2));
        });
        // the last writes and changes, which say what caused a write a test did not expect (ids and field names only)
        test.jdbc.sql("select t.id, c.system, t.object_type, t.status, t.version, t.correlation_id, t.updated_at "
            + "from outbox_task t join connection c on c.id = t.connection_id order by t.updated_at desc limit 4")
            .query(rs -> {
              out.append("\nrecent outbox_task ").append(rs.getLong(1)).append(": ").append(rs.getString(2))
                  .append(' ').append(rs.getString(3)).append(' ').append(rs.getString(4)).append(" v")
                  .append(rs.getLong(5)).append(" corr=").append(rs.getString(6)).append(" at ")
                  .append(rs.getTimestamp(7));
            });
        test.jdbc.sql("select payload_json, correlation_id, created_at from domain_event where name = 'crm.synced' "
            + "order by id desc limit 6").query(rs -> {
              out.append("\nrecent crm.synced: ").append(rs.getString(1)).append(" corr=").append(rs.getString(2))
                  .append(" at ").append(rs.getTimestamp(3));
            });
        state = out.isEmpty() ? " (no open outbox rows)" : out.toString();
      } catch (RuntimeException e) {
        state = " (not readable: " + e + ")";
      }
      AssertionError failure = new AssertionError(thrown.getMessage() + "\nspine state at failure:" + state, thrown);
      throw failure;
    }
  }
}
