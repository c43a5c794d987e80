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
    server.stop(0);
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
}
