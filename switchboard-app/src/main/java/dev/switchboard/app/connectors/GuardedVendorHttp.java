package dev.switchboard.app.connectors;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** The {@link VendorHttp} used in production and tests alike. */
@Component
public class GuardedVendorHttp implements VendorHttp {

  /** Longest we block a (virtual) worker thread for a permit before giving the task back to be retried. */
  private static final Duration MAX_PERMIT_WAIT = Duration.ofSeconds(30);

  private final Map<String, Gate> gates = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Clock clock;
  private final Duration timeout;
  private final HttpClient httpClient;

  public GuardedVendorHttp(MeterRegistry meters, Clock clock,
      @Value("${switchboard.integration.timeout-ms:10000}") long timeoutMs) {
    this.meters = meters;
    this.clock = clock;
    this.timeout = Duration.ofMillis(timeoutMs);
    this.httpClient = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public RestClient client(ConnectionContext connection, RateLimitPolicy policy, String baseUrl) {
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
    factory.setReadTimeout(timeout);
    Gate gate = gates.computeIfAbsent(connection.connectionId() + "|" + policy.hashCode(), k -> new Gate(policy));
    return RestClient.builder()
        .baseUrl(baseUrl)
        .requestFactory(factory)
        .requestInterceptor(new Guard(connection.system(), gate, policy))
        .build();
  }

  /** Per-connection limiter state: token buckets, concurrency slots, and a pause set from vendor headers. */
  private final class Gate {
    private final Bucket bucket;
    private final Semaphore slots;
    private volatile Instant pausedUntil = Instant.EPOCH;

    Gate(RateLimitPolicy policy) {
      LocalBucketBuilder b = Bucket.builder();
      for (RateLimitPolicy.Window w : policy.windows()) {
        b.addLimit(Bandwidth.builder().capacity(w.calls()).refillGreedy(w.calls(), w.per()).build());
      }
      this.bucket = policy.windows().isEmpty() ? null : b.build();
      this.slots = policy.maxConcurrent() > 0 ? new Semaphore(policy.maxConcurrent(), true) : null;
    }

    void acquire(String vendor) throws InterruptedException {
      Duration pause = Duration.between(clock.instant(), pausedUntil);
      if (pause.compareTo(MAX_PERMIT_WAIT) > 0) {
        throw new VendorException(429, true, pause, "paused", vendor + " paused by its rate limit");
      }
      if (!pause.isNegative() && !pause.isZero()) {
        Thread.sleep(pause);
      }
      if (bucket != null && !bucket.asBlocking().tryConsume(1, MAX_PERMIT_WAIT)) {
        throw new VendorException(429, true, MAX_PERMIT_WAIT, "local_rate_limit", vendor + " local quota exhausted");
      }
      if (slots != null && !slots.tryAcquire(MAX_PERMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new VendorException(429, true, Duration.ofSeconds(1), "concurrency", vendor + " concurrency limit");
      }
    }

    void release() {
      if (slots != null) {
        slots.release();
      }
    }

    void pauseFor(Duration d) {
      Instant until = clock.instant().plus(d);
      if (until.isAfter(pausedUntil)) {
        pausedUntil = until;
      }
    }
  }

  private final class Guard implements ClientHttpRequestInterceptor {
    private final String vendor;
    private final Gate gate;
    private final RateLimitPolicy policy;

    Guard(String vendor, Gate gate, RateLimitPolicy policy) {
      this.vendor = vendor;
      this.gate = gate;
      this.policy = policy;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
        throws IOException {
      String correlationId = MDC.get("correlation_id");
      if (correlationId != null) {
        request.getHeaders().set("X-Correlation-Id", correlationId);
      }
      try {
        gate.acquire(vendor);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VendorException(0, true, null, "interrupted", "interrupted waiting for " + vendor + " quota");
      }
      Timer.Sample sample = Timer.start(meters);
      String outcome = "error";
      try {
        ClientHttpResponse response = execution.execute(request, body);
        int status = response.getStatusCode().value();
        outcome = Integer.toString(status);
        observeHeaders(response);
        if (status == 429 || status >= 500) {
          Duration retryAfter = retryAfter(response);
          if (status == 429) {
            gate.pauseFor(retryAfter != null ? retryAfter : Duration.ofSeconds(1));
          }
          response.close();
          throw VendorException.forStatus(status, retryAfter, status == 429 ? "rate_limited" : "server_error",
              vendor + " answered " + status + " to " + request.getMethod() + " " + request.getURI().getPath());
        }
        return response;
      } catch (IOException e) {
        outcome = "network";
        throw new VendorException(0, true, null, "network",
            vendor + " unreachable: " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")");
      } finally {
        gate.release();
        sample.stop(Timer.builder("switchboard.vendor.call")
            .description("Calls to vendor APIs")
            .tag("vendor", vendor)
            .tag("outcome", outcome)
            .publishPercentileHistogram()
            .register(meters));
      }
    }

    private void observeHeaders(ClientHttpResponse response) {
      if (policy.remainingHeader() == null) {
        return;
      }
      String remaining = response.getHeaders().getFirst(policy.remainingHeader());
      if (remaining != null && remaining.trim().equals("0")) {
        long intervalMs = 1000;
        String interval = policy.intervalHeader() == null ? null : response.getHeaders().getFirst(policy.intervalHeader());
        if (interval != null) {
          try {
            intervalMs = Long.parseLong(interval.trim());
          } catch (NumberFormatException ignored) {
            // keep the conservative default
          }
        }
        gate.pauseFor(Duration.ofMillis(intervalMs));
      }
    }

    private Duration retryAfter(ClientHttpResponse response) {
      String v = response.getHeaders().getFirst("Retry-After");
      if (v == null) {
        return null;
      }
      try {
        return Duration.ofMillis((long) (Double.parseDouble(v.trim()) * 1000));
      } catch (NumberFormatException e) {
        return null; // HTTP-date form: fall back to our own backoff
      }
    }
  }
}
