package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Live-path latency and vendor-call cost, HubSpot → Mailchimp and Mailchimp → HubSpot, through the real app
 * (webhooks over HTTP, real workers) and the in-JVM sandbox.
 *
 * <ul>
 *   <li>H→M: {@value #N} contacts created through HubSpot's API one every {@value #PACE_MS} ms; for each, the time
 *       from the create call returning until a GET of the Mailchimp member answers 200. Polled every
 *       {@value #POLL_MS} ms per contact on virtual threads, at most {@value #POLL_SLOTS} GETs in flight (Mailchimp
 *       allows 10 simultaneous connections per key and the app needs its share). The sample is taken when the
 *       successful GET returns, so it over-states the latency by up to one poll interval plus one GET.</li>
 *   <li>M→H: {@value #EDITS} admin edits of FNAME in Mailchimp (one every {@value #EDIT_PACE_MS} ms, distinct
 *       members); for each, HubSpot's {@code updatedAt} of the contact (millisecond stamp of the app's write)
 *       minus the wall-clock time the edit call returned. Completion is polled with one batch read every
 *       250 ms, so polling does not add to the samples.</li>
 * </ul>
 * Before both, {@value #WARMUP} contacts go through unmeasured (JIT, connection pools), and each phase starts
 * {@value #REST_MS} ms after the previous one so that HubSpot's rolling 10 s window is fresh.
 */
class LiveSyncLatencyBenchmark extends AbstractSyncBenchmark {
  static final int WARMUP = 10;
  static final int N = 100;
  static final long PACE_MS = 50;
  static final long POLL_MS = 10;
  static final int POLL_SLOTS = 2;
  static final int EDITS = 50;
  static final long EDIT_PACE_MS = 100;
  static final long REST_MS = 10_500;
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static final String CREATE = "POST /crm/v3/objects/contacts";
  static final String MEMBER_GET = "GET /lists/{listId}/members/{hash}";
  static final String BATCH_READ = "POST /crm/v3/objects/contacts/batch/read";

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, h2("bench-live"), Map.of());
  }

  /**
   * The benchmark's HubSpot credentials, used round-robin. One create per 50 ms is 200 per 10 s, over HubSpot's
   * 100 per 10 s per credential; three OAuth tokens (three "users") keep the benchmark's own creates under it.
   * The app keeps its private-app token and its whole budget to itself.
   */
  private final List<String> tokens = new ArrayList<>();
  private String token;
  private final Semaphore pollSlots = new Semaphore(POLL_SLOTS);
  private final AtomicLong memberGets = new AtomicLong();

  record Created(List<String> emails, List<String> ids, List<Long> latencies, int timeouts, int createFailures) {}

  @Test
  void liveLatencyAndCallsPerContact() throws Exception {
    for (int i = 0; i < 3; i++) {
      tokens.add(hubspotBenchToken());
    }
    token = tokens.getFirst();
    line("## Live sync latency and vendor calls per contact (`LiveSyncLatencyBenchmark`)");
    line("");
    line("Machine: " + machine());
    line("");

    long warmStart = System.nanoTime();
    createAndAwait(WARMUP, "warm");
    awaitQuiescence(Duration.ofSeconds(1), Duration.ofSeconds(60));
    // Let HubSpot's rolling 10 s window forget the warm-up calls, so that the measured run starts with the app's
    // full budget.
    long rest = warmStart + Duration.ofMillis(10_500).toNanos() - System.nanoTime();
    if (rest > 0) {
      Thread.sleep(rest / 1_000_000);
    }

    // ---- HubSpot → Mailchimp
    Map<String, Map<String, Long>> before = counters();
    memberGets.set(0);
    long t0 = System.nanoTime();
    Created live = createAndAwait(N, "live");
    double createPhase = (System.nanoTime() - t0) / 1e9;
    awaitQuiescence(Duration.ofSeconds(1), Duration.ofSeconds(60));
    Map<String, Map<String, Long>> afterHm = counters();

    // ---- Mailchimp → HubSpot. The H→M phase spent the app's HubSpot budget (one contact GET per contact, 100 in
    // 5 s = HubSpot's 100 per 10 s); back to back, the app's own limiter would make these edits wait for the window.
    // Rest so that this phase measures the sync path, not the leftover of the previous phase.
    Thread.sleep(REST_MS);
    List<Long> mh = new ArrayList<>();
    int mhMissing = editInMailchimpAndAwait(live, mh);
    awaitQuiescence(Duration.ofSeconds(1), Duration.ofSeconds(60));
    Map<String, Map<String, Long>> afterMh = counters();

    line("### Latency");
    line("");
    line("| direction | samples | p50 ms | p95 ms | max ms |");
    line("|---|---:|---:|---:|---:|");
    line("| HubSpot → Mailchimp (create, 1 per " + PACE_MS + " ms) " + latencyCells(live.latencies()));
    line("| Mailchimp → HubSpot (FNAME admin edit, 1 per " + EDIT_PACE_MS + " ms) " + latencyCells(mh));
    line("");
    line("H→M: " + N + " creates issued over " + f2(createPhase) + " s (incl. waiting for the last one), "
        + live.timeouts() + " not synced within " + TIMEOUT.toSeconds() + " s, " + live.createFailures()
        + " create failures; " + memberGets.get() + " polling GETs by the benchmark. M→H: "
        + EDITS + " edits, " + mhMissing + " not synced within " + TIMEOUT.toSeconds() + " s.");
    line("");

    callTable("HubSpot → Mailchimp, " + N + " created contacts", before, afterHm, N,
        Map.of("hubspot", Map.of(CREATE, (long) N), "mailchimp", Map.of(MEMBER_GET, memberGets.get())));
    callTable("Mailchimp → HubSpot, " + EDITS + " edited members", afterHm, afterMh, EDITS,
        Map.of("hubspot", Map.of(BATCH_READ, editReads.get())));
    writeReport("live-sync");

    assertThat(live.latencies()).hasSize(N);
    assertThat(mh).hasSize(EDITS);
  }

  /** Creates {@code n} contacts through HubSpot's API at the pace, and times each until it is a Mailchimp member. */
  private Created createAndAwait(int n, String prefix) throws InterruptedException {
    List<String> emails = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    long[] latency = new long[n];
    List<Thread> pollers = new ArrayList<>();
    int failures = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long wait = start + i * PACE_MS * 1_000_000 - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String email = prefix + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      Res r = postJson(hubspot() + "/crm/v3/objects/contacts", tokens.get(i % tokens.size()), json(Map.of("properties",
          Map.of("email", email, "firstname", "First" + i, "lastname", "Last" + i))));
      long created = System.nanoTime();
      if (r.status() != 201) {
        failures++;
        line("> create " + i + " answered " + r.status() + " " + r.body());
        continue;
      }
      emails.add(email);
      ids.add(r.json().get("id").asString());
      int idx = i;
      latency[idx] = -1;
      pollers.add(Thread.ofVirtual().start(() -> latency[idx] = pollMember(email, created)));
    }
    for (Thread t : pollers) {
      t.join();
    }
    List<Long> samples = new ArrayList<>();
    int timeouts = 0;
    for (int i = 0; i < n; i++) {
      if (latency[i] > 0) {
        samples.add(latency[i]);
      } else if (latency[i] < 0) {
        timeouts++;
      }
    }
    return new Created(emails, ids, samples, timeouts, failures);
  }

  /** Nanoseconds from {@code created} until the member GET answers 200, or -1 after the timeout. */
  private long pollMember(String email, long created) {
    String url = mailchimp() + "/lists/" + Vendors.LIST + "/members/" + Vendors.md5(email);
    while (System.nanoTime() - created < TIMEOUT.toNanos()) {
      LockSupport.parkNanos(POLL_MS * 1_000_000);
      pollSlots.acquireUninterruptibly();
      try {
        Res r = get(url, MAILCHIMP_AUTH);
        memberGets.incrementAndGet();
        if (r.status() == 200) {
          return System.nanoTime() - created;
        }
      } finally {
        pollSlots.release();
      }
    }
    return -1;
  }

  private final AtomicLong editReads = new AtomicLong();

  /** Edits FNAME of the first {@value #EDITS} members in Mailchimp's UI; returns how many never reached HubSpot. */
  private int editInMailchimpAndAwait(Created live, List<Long> samples) throws InterruptedException {
    int n = Math.min(EDITS, live.emails().size());
    long[] editedAtMs = new long[n];
    Map<String, Integer> byId = new LinkedHashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long wait = start + i * EDIT_PACE_MS * 1_000_000 - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Res r = postJson(control() + "/mailchimp/members/" + live.emails().get(i) + "/ui-edit", null,
          json(Map.of("merge_fields", Map.of("FNAME", "Edited" + i))));
      editedAtMs[i] = System.currentTimeMillis();
      assertThat(r.status()).as("ui-edit %s", r.body()).isLessThan(300);
      byId.put(live.ids().get(i), i);
    }
    List<Map<String, String>> inputs = byId.keySet().stream().map(id -> Map.of("id", id)).toList();
    String body = json(Map.of("properties", List.of("firstname"), "inputs", inputs));
    Map<Integer, Long> done = new TreeMap<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (done.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(250);
      Res r = postJson(hubspot() + "/crm/v3/objects/contacts/batch/read", token, body);
      editReads.incrementAndGet();
      if (r.status() != 200) {
        continue;
      }
      for (JsonNode c : r.json().get("results")) {
        int i = byId.get(c.get("id").asString());
        if (("Edited" + i).equals(c.get("properties").get("firstname").asString(""))) {
          long updatedMs = Instant.parse(c.get("updatedAt").asString()).toEpochMilli();
          done.put(i, (updatedMs - editedAtMs[i]) * 1_000_000);
        }
      }
    }
    samples.addAll(done.values());
    return n - done.size();
  }

  /** Vendor calls in a phase: raw counter delta minus the benchmark's own calls, per contact, by endpoint. */
  private void callTable(String title, Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after,
      int contacts, Map<String, Map<String, Long>> own) {
    line("### Vendor calls by the app: " + title);
    line("");
    line("| vendor | endpoint | calls | per contact |");
    line("|---|---|---:|---:|");
    for (String vendor : List.of("hubspot", "mailchimp")) {
      Map<String, Long> d = diff(after.get(vendor), before.get(vendor));
      Map<String, Long> mine = own.getOrDefault(vendor, Map.of());
      for (var e : mine.entrySet()) {
        if (e.getValue() > 0 && !d.containsKey(e.getKey())) {
          line("> WARNING: own endpoint `" + e.getKey() + "` not found in the " + vendor + " counters " + d.keySet());
        }
        d.computeIfPresent(e.getKey(), (k, v) -> v - e.getValue());
      }
      d.values().removeIf(v -> v == 0);
      for (var e : d.entrySet()) {
        line("| " + vendor + " | `" + e.getKey() + "` | " + e.getValue() + " | " + f2((double) e.getValue() / contacts) + " |");
      }
      line("| **" + vendor + "** | **total** | **" + sum(d) + "** | **" + f2((double) sum(d) / contacts) + "** |");
    }
    for (String vendor : List.of("hubspot", "mailchimp")) {
      Map<String, Long> w = diff(after.get("webhooks." + vendor), before.get("webhooks." + vendor));
      line("| " + vendor + " → app | webhook deliveries " + w + " | " + w.getOrDefault("delivered", 0L) + " | "
          + f2((double) w.getOrDefault("delivered", 0L) / contacts) + " |");
    }
    line("");
    line("Responses by status in this phase (app and benchmark together): hubspot "
        + diff(after.get("status.hubspot"), before.get("status.hubspot")) + ", mailchimp "
        + diff(after.get("status.mailchimp"), before.get("status.mailchimp")) + ".");
    line("Benchmark's own calls, subtracted above: " + own + ".");
    line("");
  }
}
