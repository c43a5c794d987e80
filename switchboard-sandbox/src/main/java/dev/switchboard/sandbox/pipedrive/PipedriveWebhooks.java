package dev.switchboard.sandbox.pipedrive;

import dev.switchboard.sandbox.control.FaultRegistry;
import dev.switchboard.sandbox.control.TrafficRecorder;
import dev.switchboard.sandbox.support.ChangeClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook registrations and deliveries, per Pipedrive's webhook guide and webhooks policy: JSON POST, no
 * signature, optional HTTP Basic auth; 10 s timeout; a failed delivery (non-2xx or timeout) is retried
 * {@code webhookRetries} times (default 3) after {@code base}, {@code 10·base}, {@code 50·base} (Pipedrive:
 * 3 s, 30 s, 150 s). Every delivery whose first attempt fails adds a ban point; at {@code webhookBanPoints}
 * (default 10) the webhook is banned for 30 minutes (no deliveries, {@code is_active: 0}); a successful
 * delivery clears the points. One per company: its registrations, and deliveries naming that company.
 */
final class PipedriveWebhooks {

  static final int MAX_PER_USER = 40;
  private static final long[] BACKOFF_FACTORS = {1, 10, 50};

  private final PipedriveSettings settings;
  private final PipedriveCompany company;
  private final ChangeClock clock;
  private final TrafficRecorder recorder;
  private final FaultRegistry faults;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<Long, PipedriveWebhook> hooks = new TreeMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong generation = new AtomicLong();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http = HttpClient.newBuilder().executor(workers).connectTimeout(Duration.ofSeconds(5)).build();

  PipedriveWebhooks(PipedriveSettings settings, PipedriveCompany company, ChangeClock clock, TrafficRecorder recorder,
      FaultRegistry faults) {
    this.settings = settings;
    this.company = company;
    this.clock = clock;
    this.recorder = recorder;
    this.faults = faults;
  }

  synchronized PipedriveWebhook add(String url, String action, String object, String user, String password, String version) {
    if (hooks.size() >= MAX_PER_USER) {
      throw PipedriveException.bad("Maximum number of webhooks (" + MAX_PER_USER + ") reached for this user");
    }
    PipedriveWebhook h = new PipedriveWebhook(ids.incrementAndGet(), url, action, object, user, password, version, clock.now());
    hooks.put(h.id, h);
    return h;
  }

  synchronized List<PipedriveWebhook> all() {
    return new ArrayList<>(hooks.values());
  }

  synchronized boolean remove(long id) {
    return hooks.remove(id) != null;
  }

  private final ThreadLocal<Boolean> mute = ThreadLocal.withInitial(() -> false);

  /** Runs {@code r} without publishing any event (seeding without {@code fireWebhooks}). */
  void muted(Runnable r) {
    mute.set(true);
    try {
      r.run();
    } finally {
      mute.set(false);
    }
  }

  /** Sends one event to every matching, non-banned webhook ({@code data}/{@code previous} in v2 shape). */
  void publish(String action, String entity, long entityId, Map<String, Object> data, Map<String, Object> previous, String source) {
    if (mute.get()) {
      return;
    }
    String correlation = UUID.randomUUID().toString();
    long gen = generation.get();
    for (PipedriveWebhook h : all()) {
      if (!h.matches(action, entity)) {
        continue;
      }
      if (h.banned(clock.now())) {
        recorder.webhook("pipedrive", "banned");
        continue;
      }
      if (FaultRegistry.chance(faults.of("pipedrive").dropWebhooks())) {
        recorder.webhook("pipedrive", "dropped");
        continue;
      }
      String eventId = UUID.randomUUID().toString();
      String ts = clock.now().toString();
      workers.execute(() -> deliver(h, gen, attempt -> h.version.equals("2.0")
          ? PipedrivePayloads.v2(company, h, action, entity, entityId, data, previous, source, correlation, eventId, ts, attempt)
          : PipedrivePayloads.v1(company, h, action, entity, entityId, data, previous, source, attempt)));
    }
  }

  private void deliver(PipedriveWebhook h, long gen, java.util.function.IntFunction<Map<String, Object>> payload) {
    for (int attempt = 1; attempt <= 1 + settings.webhookRetries && gen == generation.get(); attempt++) {
      String body = json.writeValueAsString(payload.apply(attempt));
      HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(h.url)).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").header("User-Agent", "Pipedrive Webhooks")
          .POST(HttpRequest.BodyPublishers.ofString(body));
      if (h.authUser != null && !h.authUser.isEmpty()) {
        String basic = h.authUser + ":" + (h.authPassword == null ? "" : h.authPassword);
        rb.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
      }
      int status = 0;
      try {
        status = http.send(rb.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        status = 0;
      }
      boolean ok = status >= 200 && status < 300;
      h.lastDelivery = clock.now();
      h.lastStatus = status == 0 ? null : status;
      recorder.webhook("pipedrive", "attempts");
      record(h, attempt, status, ok ? "delivered" : attempt > settings.webhookRetries ? "failed" : "retrying", body);
      if (ok) {
        h.banPoints = 0;
        recorder.webhook("pipedrive", "delivered");
        return;
      }
      if (attempt == 1 && ++h.banPoints >= settings.banPoints) {
        h.bannedUntil = clock.now().plus(Duration.ofMinutes(30));
        recorder.webhook("pipedrive", "banned");
      }
      if (attempt > settings.webhookRetries) {
        recorder.webhook("pipedrive", "failed");
        return;
      }
      recorder.webhook("pipedrive", "retried");
      try {
        Thread.sleep(settings.webhookBackoffMs * BACKOFF_FACTORS[Math.min(attempt - 1, BACKOFF_FACTORS.length - 1)]);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void record(PipedriveWebhook h, int attempt, int status, String outcome, String body) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("vendor", "pipedrive");
    e.put("url", h.url);
    e.put("attempt", attempt);
    e.put("status", status);
    e.put("outcome", outcome);
    e.put("at", clock.now().toString());
    e.put("body", body);
    recorder.delivery(e);
  }

  synchronized void reset() {
    generation.incrementAndGet();
    hooks.clear();
    ids.set(0);
  }

  /** Stops deliveries and the delivery threads (at shutdown). */
  void close() {
    generation.incrementAndGet();
    workers.shutdownNow();
    http.shutdownNow();
  }
}
