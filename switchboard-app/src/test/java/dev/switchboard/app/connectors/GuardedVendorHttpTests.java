package dev.switchboard.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The HTTP guard every connector call goes through. */
class GuardedVendorHttpTests {
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final GuardedVendorHttp http = new GuardedVendorHttp(meters, Clock.systemUTC(), 5000);
  final ConnectionContext connection = new ConnectionContext("con_x", "t", "mailchimp", null, Map.of(), Map.of());
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String serve(int status, Map<String, String> headers, long delayMs, AtomicInteger inFlight, AtomicInteger peak)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", ex -> {
      int now = inFlight.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      // Out of flight before answering: once the answer is sent the client frees its slot and may send the next
      // request, which must not find this one still counted (the peak read 4 for a limit of 3 now and then).
      inFlight.decrementAndGet();
      headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      byte[] body = "{}".getBytes();
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void tooManyRequestsBecomesRetryableWithTheVendorsRetryAfter() throws IOException {
    String base = serve(429, Map.of("Retry-After", "7"), 0, new AtomicInteger(), new AtomicInteger());
    RestClient client = http.client(connection, RateLimitPolicy.none(), base);
    assertThatThrownBy(() -> client.get().uri("/x").retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(VendorException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
    // counted per vendor and outcome (switchboard_vendor_call_seconds)
    assertThat(meters.find("switchboard.vendor.call").tag("outcome", "429").timer().count()).isEqualTo(1);
  }

  @Test
  void serverErrorsAndNetworkFailuresAreRetryableOtherClientErrorsAreLeftToTheConnector() throws IOException {
    String base = serve(503, Map.of(), 0, new AtomicInteger(), new AtomicInteger());
    RestClient client = http.client(connection, RateLimitPolicy.none(), base);
    assertThatThrownBy(() -> client.get().uri("/x").retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.retryable()).isTrue());
    server.stop(0);
    assertThatThrownBy(() -> client.get().uri("/x").retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(VendorException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.errorCode()).isEqualTo("network");
        });
    String base404 = serve(404, Map.of(), 0, new AtomicInteger(), new AtomicInteger());
    var res = http.client(connection, RateLimitPolicy.none(), base404).get().uri("/x").retrieve()
        .onStatus(s -> true, (req, r) -> {}).toBodilessEntity();
    assertThat(res.getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void neverMoreConcurrentCallsThanTheVendorAllows() throws Exception {
    AtomicInteger peak = new AtomicInteger();
    String base = serve(200, Map.of(), 100, new AtomicInteger(), peak);
    RestClient client = http.client(connection, new RateLimitPolicy(List.of(), 3, null, null), base);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 12; i++) {
        pool.submit(() -> client.get().uri("/x").retrieve().toBodilessEntity());
      }
    }
    assertThat(peak.get()).isEqualTo(3);
  }

  @Test
  void pathsInMessagesNameNoPerson() {
    assertThat(GuardedVendorHttp.printablePath("/mailchimp/3.0/lists/abc123/members/89d17d7cc6c79d5a788c0d4467217741"))
        .isEqualTo("/mailchimp/3.0/lists/abc123/members/{id}");
    assertThat(GuardedVendorHttp.printablePath("/crm/v3/objects/contacts/ann%40example.com"))
        .isEqualTo("/crm/v3/objects/contacts/{id}");
    assertThat(GuardedVendorHttp.printablePath("/crm/v3/objects/contacts/12345")).isEqualTo("/crm/v3/objects/contacts/12345");
  }

  /**
   * Vendors count calls in a rolling window (HubSpot: 100 per rolling 10 s). Calling as fast as the limiter allows
   * for a minute, no 10 s window ever holds more than 100 calls, and the limiter still lets most of the quota through.
   */
  @Test
  void neverMoreCallsInAnyRollingWindowThanTheVendorAllows() throws IOException {
    dev.switchboard.app.sync.MutableClock clock = new dev.switchboard.app.sync.MutableClock(java.time.Instant.parse("2026-06-01T00:00:00Z"));
    GuardedVendorHttp guarded = new GuardedVendorHttp(meters, clock, 5000, 0);
    String base = serve(200, Map.of(), 0, new AtomicInteger(), new AtomicInteger());
    RateLimitPolicy hubspot = new RateLimitPolicy(List.of(new RateLimitPolicy.Window(100, Duration.ofSeconds(10))), 0,
        null, null);
    RestClient client = guarded.client(connection, hubspot, base);
    java.util.ArrayList<Long> sent = new java.util.ArrayList<>();
    for (int step = 0; step < 6_000; step++) { // a minute, a try every 10 ms
      try {
        client.get().uri("/x").retrieve().toBodilessEntity();
        sent.add(clock.millis());
      } catch (VendorException e) {
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).isPositive();
      }
      clock.advance(Duration.ofMillis(10));
    }
    int worst = 0;
    for (int i = 0, j = 0; i < sent.size(); i++) {
      while (sent.get(i) - sent.get(j) >= 10_000) {
        j++;
      }
      worst = Math.max(worst, i - j + 1);
    }
    assertThat(worst).isLessThanOrEqualTo(100);
    assertThat(sent.size()).as("calls let through in 60 s").isGreaterThanOrEqualTo(540);
  }

  /** Each endpoint class has its own budget: a connection whose search budget is spent can still write. */
  @Test
  void endpointClassesHaveTheirOwnBudgets() throws IOException {
    dev.switchboard.app.sync.MutableClock clock = new dev.switchboard.app.sync.MutableClock(java.time.Instant.parse("2026-06-01T00:00:00Z"));
    GuardedVendorHttp guarded = new GuardedVendorHttp(meters, clock, 5000, 0);
    String base = serve(200, Map.of(), 0, new AtomicInteger(), new AtomicInteger());
    RestClient search = guarded.client(connection, new RateLimitPolicy(
        List.of(new RateLimitPolicy.Window(4, Duration.ofSeconds(1))), 0, null, null, "search"), base);
    RestClient writes = guarded.client(connection, new RateLimitPolicy(
        List.of(new RateLimitPolicy.Window(100, Duration.ofSeconds(10))), 0, null, null), base);
    search.get().uri("/s").retrieve().toBodilessEntity();
    assertThatThrownBy(() -> search.get().uri("/s").retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.errorCode()).isEqualTo("local_rate_limit"));
    writes.get().uri("/w").retrieve().toBodilessEntity();
    clock.advance(Duration.ofMillis(400)); // search refills while the clock moves, not before
    search.get().uri("/s").retrieve().toBodilessEntity();
  }
}
