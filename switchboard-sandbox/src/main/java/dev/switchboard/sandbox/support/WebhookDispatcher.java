package dev.switchboard.sandbox.support;

import dev.switchboard.sandbox.control.FaultRegistry;
import dev.switchboard.sandbox.control.Faults;
import dev.switchboard.sandbox.control.TrafficRecorder;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Delivers webhook POSTs asynchronously (virtual threads) with retries, applying the vendor's
 * webhook faults (drop, duplicate, reorder). By default a delivery is retried on connection errors and on
 * any non-2xx status except 400/401/403/404/405, with backoff {@code base * 2^(attempt-1)} capped at 5 s,
 * up to {@code sandbox.webhooks.max-attempts} attempts, each allowed 5 s to answer; a vendor with a documented
 * policy passes its own {@link RetryPolicy} (attempt cap, final statuses, response timeout; the backoff stays the
 * shared one). Never blocks the caller, except {@link #validateUrl}, which is synchronous by contract. With the
 * reorder fault, deliveries are held until none was queued for {@code sandbox.webhooks.reorder-hold-ms}, then sent
 * newest first.
 */
@Component
public class WebhookDispatcher {

  private static final Set<Integer> NO_RETRY = Set.of(400, 401, 403, 404, 405);

  /** Time a target has to answer one attempt unless the vendor's {@link RetryPolicy} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * A vendor's retry rules.
   *
   * @param maxAttempts attempts in all, the first included
   * @param finalStatuses non-2xx answers that end the delivery without a retry
   * @param timeout time the target has to answer one attempt; no answer in time counts as a failed attempt
   */
  public record RetryPolicy(int maxAttempts, Set<Integer> finalStatuses, Duration timeout) {

    /** A policy with the {@link #DEFAULT_TIMEOUT}. */
    public RetryPolicy(int maxAttempts, Set<Integer> finalStatuses) {
      this(maxAttempts, finalStatuses, DEFAULT_TIMEOUT);
    }
  }

  private final FaultRegistry faults;
  private final TrafficRecorder recorder;
  private final ChangeClock clock;
  private final RetryPolicy defaultPolicy;
  private final long baseBackoffMs;
  private final long reorderHoldMs;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-webhook-timer").factory());
  private final HttpClient http =
      HttpClient.newBuilder().executor(workers).connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong generation = new AtomicLong();
  private final Map<String, List<Runnable>> held = new LinkedHashMap<>();
  private final Map<String, ScheduledFuture<?>> heldFlush = new LinkedHashMap<>();
  private final Map<String, Semaphore> concurrency = new ConcurrentHashMap<>();
  private volatile boolean closed;

  WebhookDispatcher(
      FaultRegistry faults,
      TrafficRecorder recorder,
      ChangeClock clock,
      @Value("${sandbox.webhooks.max-attempts:10}") int maxAttempts,
      @Value("${sandbox.webhooks.base-backoff-ms:200}") long baseBackoffMs,
      @Value("${sandbox.webhooks.reorder-hold-ms:300}") long reorderHoldMs) {
    this.faults = faults;
    this.recorder = recorder;
    this.clock = clock;
    this.defaultPolicy = new RetryPolicy(maxAttempts, NO_RETRY);
    this.baseBackoffMs = baseBackoffMs;
    this.reorderHoldMs = reorderHoldMs;
  }

  /**
   * Queues one logical delivery. {@code build} is called per attempt (1-based) so the payload can
   * carry the attempt number and a fresh signature; returning {@code null} for a retry abandons the
   * delivery (the vendor gave up, e.g. it disabled the subscription), counted as failed.
   */
  public void dispatch(String vendor, IntFunction<OutboundRequest> build) {
    dispatch(vendor, defaultPolicy, build);
  }

  /** As {@link #dispatch(String, IntFunction)}, retrying by the vendor's own {@code policy}. */
  public void dispatch(String vendor, RetryPolicy policy, IntFunction<OutboundRequest> build) {
    dispatch(vendor, policy, build, status -> { });
  }

  /**
   * As {@link #dispatch(String, RetryPolicy, IntFunction)}; {@code onFailed} is told the last status (0: no answer)
   * of a delivery that ended failed, on the delivering thread before the last attempt is recorded (so whoever sees
   * the outcome in the deliveries log sees the vendor's reaction too), once per delivered copy. It is not called for
   * deliveries that succeed, are dropped by a fault, are abandoned by {@code build} or stopped by {@link #reset}.
   */
  public void dispatch(String vendor, RetryPolicy policy, IntFunction<OutboundRequest> build, IntConsumer onFailed) {
    Faults f = faults.of(vendor);
    if (FaultRegistry.chance(f.dropWebhooks())) {
      recorder.webhook(vendor, "dropped");
      recordAttempt(vendor, build.apply(1), 1, "dropped", 0);
      return;
    }
    int copies = FaultRegistry.chance(f.duplicateWebhooks()) ? 2 : 1;
    if (copies == 2) {
      recorder.webhook(vendor, "duplicated");
    }
    long gen = generation.get();
    for (int i = 0; i < copies; i++) {
      Runnable send = () -> deliver(vendor, policy, build, onFailed, gen);
      if (f.reorderWebhooks()) {
        hold(vendor, send);
      } else {
        workers.execute(send);
      }
    }
  }

  /** Caps simultaneous in-flight POSTs for a vendor (HubSpot's {@code throttling.maxConcurrentRequests}). */
  public void limitConcurrency(String vendor, int maxConcurrent) {
    concurrency.put(vendor, new Semaphore(Math.max(1, maxConcurrent)));
  }

  /**
   * Synchronous GET of {@code url} with {@code headers}, for vendors that validate a webhook URL before saving it.
   * Blocks the caller for at most {@code timeout} (plus the connect timeout). Not faulted, retried or recorded.
   *
   * @return the answer's status, or 0 if the URL is malformed, unreachable or did not answer in time
   */
  public int validateUrl(String url, Map<String, String> headers, Duration timeout) {
    try {
      HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
      headers.forEach(rb::header);
      return http.send(rb.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      return 0;
    }
  }

  private synchronized void hold(String vendor, Runnable send) {
    held.computeIfAbsent(vendor, k -> new ArrayList<>()).add(send);
    ScheduledFuture<?> pending = heldFlush.remove(vendor);
    if (pending != null) {
      pending.cancel(false);
    }
    heldFlush.put(vendor, timer.schedule(() -> releaseHeld(vendor), reorderHoldMs, TimeUnit.MILLISECONDS));
  }

  private void releaseHeld(String vendor) {
    List<Runnable> batch;
    synchronized (this) {
      batch = held.remove(vendor);
      heldFlush.remove(vendor);
    }
    if (batch != null) {
      Collections.reverse(batch);
      workers.execute(() -> batch.forEach(Runnable::run)); // one after another, newest first
    }
  }

  private void deliver(String vendor, RetryPolicy policy, IntFunction<OutboundRequest> build, IntConsumer onFailed,
      long gen) {
    int maxAttempts = policy.maxAttempts();
    for (int attempt = 1; attempt <= maxAttempts && !closed && gen == generation.get(); attempt++) {
      OutboundRequest out = build.apply(attempt);
      if (out == null) {
        recorder.webhook(vendor, "failed");
        return;
      }
      int status = 0;
      String error = null;
      try {
        HttpRequest.Builder rb =
            HttpRequest.newBuilder(URI.create(out.url()))
                .timeout(policy.timeout())
                .header("Content-Type", out.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(out.body()));
        out.headers().forEach(rb::header);
        Semaphore permits = concurrency.get(vendor);
        if (permits != null) {
          permits.acquire();
        }
        try {
          status = http.send(rb.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } finally {
          if (permits != null) {
            permits.release();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        error = e.getClass().getSimpleName();
      }
      recorder.webhook(vendor, "attempts");
      boolean ok = status >= 200 && status < 300;
      boolean finalFailure = !ok && (policy.finalStatuses().contains(status) || attempt == maxAttempts);
      if (finalFailure) {
        onFailed.accept(status);
      }
      recordAttempt(vendor, out, attempt, ok ? "delivered" : finalFailure ? "failed" : (error != null ? error : "retrying"), status);
      if (ok || finalFailure) {
        recorder.webhook(vendor, ok ? "delivered" : "failed");
        return;
      }
      recorder.webhook(vendor, "retried");
      try {
        Thread.sleep(Math.min(5000, baseBackoffMs << Math.min(attempt - 1, 10)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void recordAttempt(String vendor, OutboundRequest out, int attempt, String outcome, int status) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("vendor", vendor);
    e.put("url", out.url());
    e.put("attempt", attempt);
    e.put("status", status);
    e.put("outcome", outcome);
    e.put("at", clock.now().toString());
    e.put("body", out.body());
    recorder.delivery(e);
  }

  /** Abandons held deliveries and stops pending retries. */
  public synchronized void reset() {
    generation.incrementAndGet();
    concurrency.clear();
    held.clear();
    heldFlush.values().forEach(f -> f.cancel(false));
    heldFlush.clear();
  }

  @PreDestroy
  void close() {
    closed = true;
    timer.shutdownNow();
    workers.shutdownNow();
    http.shutdownNow();
  }
}
