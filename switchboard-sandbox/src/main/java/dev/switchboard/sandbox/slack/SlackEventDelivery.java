package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.control.FaultRegistry;
import dev.switchboard.sandbox.control.TrafficRecorder;
import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Sends Events API requests as Slack does (https://docs.slack.dev/apis/events-api/#retries): JSON POST signed
 * with {@code X-Slack-Signature: v0=hex(HMAC-SHA256(signing_secret, "v0:" + ts + ":" + body))} and
 * {@code X-Slack-Request-Timestamp: ts}. A delivery not answered 2xx within {@code eventTimeoutMs} is
 * retried up to 3 times after {@code eventRetryDelaysMs}, each retry carrying {@code X-Slack-Retry-Num}
 * (1..3) and {@code X-Slack-Retry-Reason} ({@code http_timeout}, {@code http_error},
 * {@code connection_failed}); a response header {@code X-Slack-No-Retry: 1} stops retries. Attempts are
 * recorded in {@code GET /_sandbox/webhooks/deliveries?vendor=slack}; the {@code dropWebhooks} fault drops.
 */
@Component
class SlackEventDelivery {

  private final SlackSettings settings;
  private final FaultRegistry faults;
  private final TrafficRecorder recorder;
  private final ChangeClock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("slack-events").factory());
  private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong generation = new AtomicLong();

  SlackEventDelivery(SlackSettings settings, FaultRegistry faults, TrafficRecorder recorder, ChangeClock clock) {
    this.settings = settings;
    this.faults = faults;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** POSTs the url_verification body synchronously; returns the response body if 2xx, else null. */
  String handshake(String url, String body) {
    try {
      HttpResponse<String> r = http.send(request(url, body, 0, null), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() / 100 == 2 ? r.body() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  /** Queues the first attempt (never blocks the caller). */
  void deliver(String url, String body) {
    if (FaultRegistry.chance(faults.of("slack").dropWebhooks())) {
      recorder.webhook("slack", "dropped");
      return;
    }
    long gen = generation.get();
    timer.execute(() -> Thread.ofVirtual().start(() -> attempt(url, body, 0, null, gen)));
  }

  private void attempt(String url, String body, int retryNum, String reason, long gen) {
    if (gen != generation.get()) {
      return;
    }
    int status = 0;
    String failure = null;
    boolean noRetry = false;
    try {
      HttpResponse<Void> r = http.send(request(url, body, retryNum, reason), HttpResponse.BodyHandlers.discarding());
      status = r.statusCode();
      noRetry = "1".equals(r.headers().firstValue("X-Slack-No-Retry").orElse(null));
      failure = status / 100 == 2 ? null : "http_error";
    } catch (HttpTimeoutException e) {
      failure = "http_timeout";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      failure = "connection_failed";
    }
    List<Long> delays = settings.eventRetryDelaysMs;
    boolean retry = failure != null && !noRetry && retryNum < Math.min(3, delays.size());
    record(url, body, retryNum + 1, status, failure == null ? "delivered" : retry ? failure : "failed");
    recorder.webhook("slack", "attempts");
    if (failure == null || !retry) {
      recorder.webhook("slack", failure == null ? "delivered" : "failed");
      return;
    }
    recorder.webhook("slack", "retried");
    String why = failure;
    timer.schedule(() -> Thread.ofVirtual().start(() -> attempt(url, body, retryNum + 1, why, gen)),
        delays.get(retryNum), TimeUnit.MILLISECONDS);
  }

  private HttpRequest request(String url, String body, int retryNum, String reason) {
    String ts = Long.toString(clock.now().getEpochSecond());
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofMillis(settings.eventTimeoutMs))
        .header("Content-Type", "application/json")
        .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", sign(settings.signingSecret, ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (retryNum > 0) {
      b.header("X-Slack-Retry-Num", Integer.toString(retryNum)).header("X-Slack-Retry-Reason", reason);
    }
    return b.build();
  }

  /** {@code v0=} + lowercase hex HMAC-SHA256 of {@code "v0:" + timestamp + ":" + body}. */
  static String sign(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void record(String url, String body, int attempt, int status, String outcome) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("vendor", "slack");
    e.put("url", url);
    e.put("attempt", attempt);
    e.put("status", status);
    e.put("outcome", outcome);
    e.put("at", clock.now().toString());
    e.put("body", body);
    recorder.delivery(e);
  }

  /** Abandons pending retries. */
  void reset() {
    generation.incrementAndGet();
  }

  @PreDestroy
  void close() {
    generation.incrementAndGet();
    timer.shutdownNow();
    http.shutdownNow();
  }
}
