package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.ops.SandboxWiring;
import dev.switchboard.app.support.TestDatabases;
import dev.switchboard.sandbox.SandboxServer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app dies after a webhook was acknowledged (committed to the inbox) and before anything was written to
 * the target; a worker had even claimed the job. After a restart the change is applied exactly once: the
 * stale claim is taken over when its lease runs out, and Mailchimp receives one write.
 */
class CrashRecoveryTests {

  @Test
  void acknowledgedWebhookSurvivesACrashAndIsAppliedExactlyOnce() throws Exception {
    String db = TestDatabases.freshPostgresUrl();
    int port = AppProcess.freePort();
    String email = "crash-" + System.nanoTime() + "@example.com";
    try (SandboxServer sandbox = SandboxServer.start(0, Map.of("sandbox.hubspot.webhook-batch-ms", 20))) {
      Vendors vendors = new Vendors(sandbox);
      try (ConfigurableApplicationContext first = start(sandbox, db, port, false)) {
        first.getBean(SandboxWiring.class).wire("default", sandbox.baseUrl(), "http://127.0.0.1:" + port);
        JdbcClient sql = first.getBean(JdbcClient.class);
        vendors.createHubSpotContact(Map.of("email", email, "firstname", "Phoenix"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
            sql.sql("select count(*) from sync_job where status = 'PENDING'").query(Long.class).single() > 0);
        // a worker claimed the job, then the process died; its lease is still running
        sql.sql("update sync_job set lease_owner = 'crashed-node', lease_until = ? where status = 'PENDING'")
            .param(Timestamp.from(Instant.now().plusSeconds(3600))).update();
      } // "crash": the context is gone, nothing was sent to Mailchimp
      assertThat(vendors.mailchimpMember(email)).isEmpty();

      try (ConfigurableApplicationContext second = start(sandbox, db, port, true)) {
        JdbcClient sql = second.getBean(JdbcClient.class);
        Thread.sleep(500); // the new node's workers are running, but the crashed node's lease has not run out
        assertThat(vendors.mailchimpMember(email)).isEmpty();
        // the lease runs out
        sql.sql("update sync_job set lease_until = ? where lease_owner = 'crashed-node'")
            .param(Timestamp.from(Instant.now().minusSeconds(1))).update();
        await().atMost(Duration.ofSeconds(15)).until(() -> vendors.mailchimpMember(email).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() ->
            sql.sql("select count(*) from outbox_task where status = 'PENDING'").query(Long.class).single() == 0);
      }
      assertThat(writesFor(vendors, Vendors.md5(email))).isEqualTo(1);
    }
  }

  /** Calls that wrote the member: one PUT/PATCH to its hash, or one batch subscribe carrying it. */
  @SuppressWarnings("unchecked")
  private static long writesFor(Vendors vendors, String hash) {
    List<Map<String, Object>> log = vendors.control.get().uri("/requests?vendor=mailchimp&limit=1000").retrieve().body(List.class);
    long direct = log.stream().filter(r -> !"GET".equals(r.get("method")) && String.valueOf(r.get("path")).contains(hash)).count();
    long batch = log.stream().filter(r -> "POST".equals(r.get("method")) && String.valueOf(r.get("path")).endsWith("/lists/sandboxlist1")).count();
    return direct + batch;
  }

  private static ConfigurableApplicationContext start(SandboxServer sandbox, String db, int port, boolean workers) {
    return AppProcess.start(sandbox, db, port, Map.of("switchboard.workers.enabled", workers));
  }
}
