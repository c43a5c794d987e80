package dev.switchboard.app.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.Alerts;
import dev.switchboard.app.sync.MutableClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

/**
 * A refresh against a slow token endpoint, on a real database: while the vendor is being asked no lock is held on the
 * connection's row (another update of it goes through at once instead of failing or waiting for the vendor), and a
 * second caller needing the token at the same time waits for the first refresh and uses its answer instead of
 * refreshing again. {@link H2OAuthRefreshConcurrencyTests}, {@link PostgresOAuthRefreshConcurrencyTests}.
 */
abstract class OAuthRefreshConcurrencyTests {
  abstract DataSource freshDatabase();

  final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
  final CountDownLatch asked = new CountDownLatch(1);
  final CountDownLatch answer = new CountDownLatch(1);
  final AtomicInteger refreshes = new AtomicInteger();
  final ExecutorService threads = Executors.newFixedThreadPool(3);
  HttpServer tokenEndpoint;

  @AfterEach
  void stop() {
    answer.countDown();
    threads.shutdownNow();
    if (tokenEndpoint != null) {
      tokenEndpoint.stop(0);
    }
  }

  /** A token endpoint that answers only once the test lets it: as slow as the test needs, without sleeping. */
  private String slowTokenEndpoint() throws Exception {
    tokenEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tokenEndpoint.setExecutor(Executors.newCachedThreadPool());
    tokenEndpoint.createContext("/oauth/2026-03/token", ex -> {
      ex.getRequestBody().readAllBytes();
      int n = refreshes.incrementAndGet();
      asked.countDown();
      try {
        answer.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = ("{\"token_type\":\"bearer\",\"access_token\":\"a" + (n + 1) + "\",\"refresh_token\":\"r1\","
          + "\"expires_in\":1800,\"hub_id\":1001}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    tokenEndpoint.start();
    return "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/oauth/2026-03/token";
  }

  @Test
  void aSlowRefreshHoldsNoRowLockAndASecondCallerUsesItsAnswer() throws Exception {
    DataSource ds = freshDatabase();
    JdbcClient db = JdbcClient.create(ds);
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    Connections connections = new Connections(db, new Vault(key), clock, mock(Alerts.class),
        mock(ApplicationEventPublisher.class));
    db.sql("insert into tenant(id, name, created_at) values ('t1', 'T1', current_timestamp)").update();
    Map<String, String> expired = Map.of("accessToken", "a1", "refreshToken", "r1", "accessTokenExpiresAt",
        String.valueOf(clock.instant().minusSeconds(5).toEpochMilli()));
    Connection c = connections.create("t1", "hubspot", "HubSpot", Map.of(), expired);
    MockEnvironment env = new MockEnvironment()
        .withProperty("switchboard.oauth.hubspot.client-id", "client")
        .withProperty("switchboard.oauth.hubspot.client-secret", "secret")
        .withProperty("switchboard.oauth.hubspot.token-url", slowTokenEndpoint());
    OAuthRefresher refresher = new OAuthRefresher(connections, new OAuthApps(env, "https://sync.example.com"),
        new OAuthTokens(clock), clock);
    ConnectionContext ctx = new ConnectionContext(c.id(), "t1", "hubspot", "1001", Map.of(), expired);

    Future<String> first = threads.submit(() -> refresher.accessToken(ctx));
    assertThat(asked.await(20, TimeUnit.SECONDS)).as("the first caller asks the vendor").isTrue();
    Future<String> second = threads.submit(() -> refresher.accessToken(ctx));

    // while the vendor has not answered, the connection's row can be updated (no lock is held across the call)
    Future<?> update = threads.submit(() -> connections.setWebhookStatus("t1", c.id(), "REGISTERED"));
    update.get(5, TimeUnit.SECONDS);
    assertThat(second.isDone()).as("the second caller waits for the first refresh").isFalse();

    answer.countDown();
    assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("a2");
    assertThat(second.get(20, TimeUnit.SECONDS)).as("the first refresh's token, not a second refresh")
        .isEqualTo("a2");
    assertThat(refreshes.get()).isEqualTo(1);
    Map<String, String> stored = connections.storedCredentials("t1", c.id()).credentials();
    assertThat(stored).containsEntry("accessToken", "a2").containsEntry("refreshToken", "r1");
    assertThat(Long.parseLong(stored.get("accessTokenExpiresAt")))
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)).toEpochMilli());
    assertThat(connections.find("t1", c.id()).orElseThrow().webhookStatus()).isEqualTo("REGISTERED");
  }
}
