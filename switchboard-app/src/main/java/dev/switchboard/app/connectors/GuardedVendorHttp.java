package dev.switchboard.app.connectors;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
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

/**
 * The {@link VendorHttp} used in production and tests alike. Budgets and pauses are kept per connection and
 * endpoint class; quota time is the injected {@link Clock}'s, so tests drive refills by moving it.
 */
@Component
public class GuardedVendorHttp implements VendorHttp {

  private final Map<String, Gate> gates = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Clock clock;
  private final Duration timeout;
  /** Longest we block a (virtual) worker thread for a permit before giving the work back to be retried. */
  private final Duration maxPermitWait;
  private final HttpClient httpClient;

  @org.springframework.beans.factory.annotation.Autowired
  public GuardedVendorHttp(MeterRegistry meters, Clock clock,
      @Value("${switchboard.integration.timeout-ms:10000}") long timeoutMs,
      @Value("${switchboard.integration.max-permit-wait-ms:30000}") long maxPermitWaitMs) {
    this.meters = meters;
    this.clock = clock;
    this.timeout = Duration.ofMillis(timeoutMs);
    this.maxPermitWait = Duration.ofMillis(Math.max(0, maxPermitWaitMs));
    this.httpClient = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  public GuardedVendorHttp(MeterRegistry meters, Clock clock, long timeoutMs) {
    this(meters, clock, timeoutMs, 30_000);
  }

  @Override
  public RestClient client(ConnectionContext connection, RateLimitPolicy policy, String baseUrl) {
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
    factory.setReadTimeout(timeout);
    Gate gate = gates.computeIfAbsent(connection.connectionId() + "|" + policy.endpointClass(), k -> new Gate(policy));
    return RestClient.builder()
        .baseUrl(baseUrl)
        .requestFactory(factory)
        .requestInterceptor(new Guard(connection.system(), gate, policy))
        .build();
  }

  /**
   * A request path fit for logs, alerts and error columns: segments that identify a person — an e-mail, or an id
   * derived from one such as a Mailchimp member hash (MD5 of the e-mail) — become {@code {id}}.
   */
  static String printablePath(String rawPath) {
    String[] segments = rawPath.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.contains("@") || s.toLowerCase(java.util.Locale.ROOT).contains("%40") || s.matches("(?i)[0-9a-f]{32}")) {
        segments[i] = "{id}";
      }
    }
    return String.join("/", segments);
  }

  /** Limiter state of one connection's endpoint class: token buckets, concurrency slots, a pause from vendor headers. */
  private final class Gate {
    private final Bucket bucket;
    private final Semaphore slots;
    private volatile Instant pausedUntil = Instant.EPOCH;

    Gate(RateLimitPolicy policy) {
      LocalBucketBuilder b = Bucket.builder().withCustomTimePrecision(new TimeMeter() {
        @Override
        public long currentTimeNanos() {
          Instant now = clock.instant();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
          return true;
        }
      });
      for (RateLimitPolicy.Window w : policy.windows()) {
        // Vendors count calls in a rolling window. A bucket holding N tokens that refills N per window would let
        // through N at once and N more over the next window: up to 2N - 1 in some window, and a 429. A burst of a
        // tenth, refilled at the rest of the rate, never exceeds N in any window of that length.
        long burst = Math.max(1, w.calls() / 10);
        long refill = Math.max(1, w.calls() - burst);
        b.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(refill, w.per()).build());
      }
      this.bucket = policy.windows().isEmpty() ? null : b.build();
      this.slots = policy.maxConcurrent() > 0 ? new Semaphore(policy.maxConcurrent(), true) : null;
    }

    /**
     * Waits (at most {@code maxPermitWait} in all) for the pause to end and a token; beyond that, throws a retryable
     * 429 saying when to come back, so the caller reschedules the work instead of holding a worker.
     */
    void acquire(String vendor) throws InterruptedException {
      Duration waited = Duration.ZERO;
      Duration pause = Duration.between(clock.instant(), pausedUntil);
      if (pause.isPositive()) {
        if (pause.compareTo(maxPermitWait) > 0) {
          throw new VendorException(429, true, pause, "paused", vendor + " paused by its rate limit");
        }
        Thread.sleep(pause);
        waited = pause;
      }
      while (bucket != null) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
          break;
        }
        Duration refill = Duration.ofNanos(probe.getNanosToWaitForRefill());
        if (waited.plus(refill).compareTo(maxPermitWait) > 0) {
          throw new VendorException(429, true, refill, "local_rate_limit", vendor + " local quota exhausted");
        }
        Thread.sleep(refill);
        waited = waited.plus(refill);
      }
      if (slots != null && !slots.tryAcquire(Math.max(1, maxPermitWait.minus(waited).toMillis()), TimeUnit.MILLISECONDS)) {
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
              vendor + " answered " + status + " to " + request.getMethod() + " " + printablePath(request.getURI().getRawPath()));
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
