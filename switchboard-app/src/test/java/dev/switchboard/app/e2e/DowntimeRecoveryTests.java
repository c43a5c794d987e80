package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.ops.SandboxWiring;
import dev.switchboard.app.support.TestDatabases;
import dev.switchboard.sandbox.SandboxServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app is down longer than HubSpot retries its webhooks, and 1,500 contacts are created meanwhile: none of their
 * webhooks ever arrives. After the restart the reconciliation poll finds them all, within HubSpot's real limits
 * (100 calls per 10 s, search 5 per second), and every one reaches Mailchimp with its values; the connection never
 * goes to ERROR.
 */
class DowntimeRecoveryTests {
  static final int CONTACTS = 1_500;

  @Test
  void everyContactCreatedWhileTheAppWasDownArrivesAfterTheRestart() throws Exception {
    String db = TestDatabases.freshPostgresUrl();
    int port = AppProcess.freePort();
    try (SandboxServer sandbox = SandboxServer.start(0, Map.of("sandbox.hubspot.webhook-batch-ms", 20))) {
      Vendors vendors = new Vendors(sandbox);
      try (ConfigurableApplicationContext first = start(sandbox, db, port)) {
        first.getBean(SandboxWiring.class).wire("default", sandbox.baseUrl(), "http://127.0.0.1:" + port);
        JdbcClient sql = first.getBean(JdbcClient.class);
        // every vendor type of both connections (HubSpot companies, contacts, products, deals; Mailchimp members)
        var registry = first.getBean(dev.switchboard.app.connectors.ConnectorRegistry.class);
        long types = registry.get("hubspot").vendorTypes().size() + registry.get("mailchimp").vendorTypes().size();
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.sql("select count(*) from sync_cursor where "
            + "backfill_status = 'DONE'").query(Long.class).single() == types);
      } // the app goes down

      // created while the app is down, no webhook fired (as after HubSpot gave up retrying)
      vendors.control.post().uri("/seed").contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("vendor", "hubspot", "contacts", CONTACTS)).retrieve().toBodilessEntity();

      try (ConfigurableApplicationContext second = start(sandbox, db, port)) {
        JdbcClient sql = second.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
            .until(() -> seededMembers(vendors).size() == CONTACTS);
        // each seeded person N is seed-N@example.com with a last name ending in N: their values arrived with them
        seededMembers(vendors).forEach((email, lastName) -> assertThat(lastName).as(email)
            .endsWith(" " + email.substring("seed-".length(), email.indexOf('@'))));
        assertThat(sql.sql("select status from connection").query(String.class).list()).containsOnly("ACTIVE");
        assertThat(sql.sql("select count(*) from alert where code = 'reconciliation_overdue'").query(Long.class).single())
            .isZero();
        assertThat(SyncScenarios.status(vendors, "hubspot", 429)).as("HubSpot never had to refuse a call").isZero();
      }
    }
  }

  /** Seeded people in the Mailchimp audience: e-mail → last name. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> seededMembers(Vendors vendors) {
    Map<String, String> out = new HashMap<>();
    for (int offset = 0; ; offset += 1000) {
      Map<String, Object> page = vendors.mailchimp.get()
          .uri("/lists/{l}/members?count=1000&offset={o}", Vendors.LIST, offset).retrieve().body(Map.class);
      List<Map<String, Object>> members = (List<Map<String, Object>>) page.get("members");
      members.stream().filter(m -> String.valueOf(m.get("email_address")).startsWith("seed-"))
          .forEach(m -> out.put(String.valueOf(m.get("email_address")),
              String.valueOf(((Map<String, Object>) m.get("merge_fields")).get("LNAME"))));
      if (members.size() < 1000) {
        return out;
      }
    }
  }

  private static ConfigurableApplicationContext start(SandboxServer sandbox, String db, int port) {
    return AppProcess.start(sandbox, db, port, Map.of("switchboard.reconcile.interval-ms", 2_000,
        "switchboard.reconcile.overlap-ms", 5_000));
  }
}
