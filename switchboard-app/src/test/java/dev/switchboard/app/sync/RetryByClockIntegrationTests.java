package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.ops.SandboxWiring;
import dev.switchboard.app.support.TestDatabases;
import dev.switchboard.sandbox.SandboxServer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Retries, dead-lettering and replay driven by moving the clock (no sleeping): a write that keeps failing is
 * tried again exactly when the backoff says, not before, then parked as a dead letter with an alert, and a
 * replay after the vendor recovers delivers it once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RetryByClockIntegrationTests {
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
  static SandboxServer sandbox;

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    java.time.Clock testClock() {
      return CLOCK;
    }
  }

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    sandbox = SandboxServer.start(0, Map.of());
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
    r.add("switchboard.master-key", () -> "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=");
    r.add("switchboard.admin.password", () -> "x-admin-password");
    r.add("switchboard.workers.enabled", () -> false);
    r.add("switchboard.sync.first-sync-gate", () -> false); // workers off: no backfill ever completes here
    r.add("switchboard.retry.initial-ms", () -> 100);
    r.add("switchboard.retry.multiplier", () -> 2.0);
    r.add("switchboard.retry.jitter", () -> 0.0);
    r.add("switchboard.retry.max-ms", () -> 60_000);
    r.add("switchboard.retry.max-attempts", () -> 4);
    r.add("switchboard.connectors.hubspot.base-url", () -> sandbox.baseUrl() + "/hubspot");
    r.add("switchboard.connectors.mailchimp.base-url", () -> sandbox.baseUrl() + "/mailchimp/3.0");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Autowired SandboxWiring wiring;
  @Autowired SyncOperations operations;
  @Autowired Egress egress;
  @Autowired JdbcClient db;

  @Test
  void retriesOnScheduleThenDeadLettersThenReplays() {
    List<Connection> connections = wiring.wire("default", sandbox.baseUrl(), "http://127.0.0.1:1");
    Connection mailchimp = connections.get(1);
    RestClient control = RestClient.create(sandbox.baseUrl() + "/_sandbox");
    control.post().uri("/faults").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("vendor", "mailchimp", "errorRate", 1.0)).retrieve().toBodilessEntity();

    // the API writes to Mailchimp at once: attempt 1 fails
    operations.upsertContact("default", mailchimp, Map.of("email", "clock@example.com", "firstName", "Tick"), "corr-1");
    assertThat(task(mailchimp)).containsEntry("attempts", 1).containsEntry("status", "PENDING");
    assertThat(nextAttempt(mailchimp)).isEqualTo(CLOCK.instant().plusMillis(100));

    CLOCK.advance(Duration.ofMillis(99));
    egress.runOnce("test", 100);
    assertThat(task(mailchimp)).containsEntry("attempts", 1); // not due yet: nothing sent

    CLOCK.advance(Duration.ofMillis(1));
    egress.runOnce("test", 100);                              // attempt 2
    assertThat(task(mailchimp)).containsEntry("attempts", 2);
    assertThat(nextAttempt(mailchimp)).isEqualTo(CLOCK.instant().plusMillis(200));

    CLOCK.advance(Duration.ofMillis(200));
    egress.runOnce("test", 100);                              // attempt 3
    assertThat(nextAttempt(mailchimp)).isEqualTo(CLOCK.instant().plusMillis(400));

    CLOCK.advance(Duration.ofMillis(400));
    egress.runOnce("test", 100);                              // attempt 4: the last one
    assertThat(task(mailchimp)).containsEntry("attempts", 4).containsEntry("status", "DEAD");
    assertThat(db.sql("select count(*) from alert where code = 'dead_letter'").query(Long.class).single()).isEqualTo(1);
    assertThat(String.valueOf(task(mailchimp).get("last_error"))).doesNotContain("clock@example.com");

    control.delete().uri("/faults").retrieve().toBodilessEntity();
    long id = ((Number) task(mailchimp).get("id")).longValue();
    assertThat(operations.replay("default", id)).isTrue();
    assertThat(operations.replay("default", id)).isFalse(); // no longer a dead letter
    egress.runOnce("test", 100);
    assertThat(task(mailchimp)).containsEntry("status", "DONE").containsEntry("attempts", 0);
    var member = RestClient.create(sandbox.baseUrl() + "/mailchimp/3.0").get()
        .uri("/lists/sandboxlist1/members/clock@example.com")
        .headers(h -> h.setBasicAuth("any", "sandboxkey0000000000000000000000-us21")).retrieve().toEntity(Map.class);
    assertThat(member.getStatusCode().value()).isEqualTo(200);
  }

  private Map<String, Object> task(Connection c) {
    return db.sql("select id, attempts, status, last_error from outbox_task where connection_id = ?").param(c.id())
        .query().singleRow();
  }

  private Instant nextAttempt(Connection c) {
    return db.sql("select next_attempt_at from outbox_task where connection_id = ?").param(c.id())
        .query(Timestamp.class).single().toInstant();
  }
}
