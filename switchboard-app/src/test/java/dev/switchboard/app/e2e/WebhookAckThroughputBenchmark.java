package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * How fast the app acknowledges signed HubSpot webhook batches at {@code /webhooks/crm/hubspot}: {@value #CLIENTS}
 * closed-loop virtual-thread clients, each POSTing a batch of {@value #EVENTS_PER_BATCH} {@code contact.propertyChange}
 * events (unique eventIds) and sending the next one as soon as the previous was answered. {@value #WARMUP_S} s of
 * warm-up, then {@value #MEASURE_S} s measured.
 *
 * <p>The events point at contacts that do not exist (objectIds far above the sandbox's), so the workers' fetches
 * answer 404 quickly and the background processing stays cheap; the number measures the ingest path (signature
 * check, dedupe, inbox + job insert, 200) while the workers run beside it.
 */
class WebhookAckThroughputBenchmark extends AbstractSyncBenchmark {
  static final int CLIENTS = 12;
  static final int EVENTS_PER_BATCH = 10;
  static final int WARMUP_S = 3;
  static final int MEASURE_S = 15;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, h2("bench-webhooks"), Map.of());
  }

  @Test
  void signedBatchesAcknowledgedPerSecond() throws Exception {
    String url = "http://127.0.0.1:" + appPort + "/webhooks/crm/hubspot";
    AtomicLong eventIds = new AtomicLong(5_000_000_000L);
    long warmEnd = System.nanoTime() + Duration.ofSeconds(WARMUP_S).toNanos();
    long end = warmEnd + Duration.ofSeconds(MEASURE_S).toNanos();
    LongAdder ok = new LongAdder();
    LongAdder accepted = new LongAdder();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    List<List<Long>> latencies = new ArrayList<>();
    List<Thread> clients = new ArrayList<>();
    long jobsBefore = jobs();
    for (int c = 0; c < CLIENTS; c++) {
      List<Long> mine = new ArrayList<>();
      latencies.add(mine);
      clients.add(Thread.ofVirtual().name("bench-client-" + c).start(() -> {
        while (true) {
          long now = System.nanoTime();
          if (now >= end) {
            return;
          }
          String body = batch(eventIds);
          long ts = System.currentTimeMillis();
          HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("X-HubSpot-Request-Timestamp", Long.toString(ts))
              .header("X-HubSpot-Signature-v3", SyncScenarios.sign("POST" + url + body + ts))
              .header("X-HubSpot-Signature-Version", "v3")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build();
          long t0 = System.nanoTime();
          Res r = send(req);
          long t1 = System.nanoTime();
          if (t0 < warmEnd) {
            continue;
          }
          statuses.computeIfAbsent(r.status(), k -> new LongAdder()).increment();
          if (r.status() == 200) {
            ok.increment();
            accepted.add(r.json().path("accepted").asLong(0));
            mine.add(t1 - t0);
          }
        }
      }));
    }
    for (Thread t : clients) {
      t.join();
    }
    List<Long> all = new ArrayList<>();
    latencies.forEach(all::addAll);
    long jobsAfter = jobs();
    long pending = pendingJobs();

    line("## Webhook acknowledgement throughput (`WebhookAckThroughputBenchmark`)");
    line("");
    line("Machine: " + machine());
    line("");
    line("| clients | events/batch | measured s | batches 200 | req/s (200) | events/s accepted | p50 ack ms | p95 ack ms | max ack ms |");
    line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    line("| " + CLIENTS + " | " + EVENTS_PER_BATCH + " | " + MEASURE_S + " | " + ok.sum() + " | "
        + f2(ok.sum() / (double) MEASURE_S) + " | " + f2(accepted.sum() / (double) MEASURE_S) + " | "
        + ms(pct(all, 50)) + " | " + ms(pct(all, 95)) + " | " + ms(pct(all, 100)) + " |");
    line("");
    Map<Integer, Long> byStatus = new TreeMap<>();
    statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
    line("Responses by status (measured window): " + byStatus + "; events reported `accepted`: " + accepted.sum()
        + "; sync jobs created during the run (incl. warm-up): " + (jobsAfter - jobsBefore)
        + "; still pending when the clients stopped: " + pending + ".");
    line("");
    writeReport("webhook-ack");

    assertThat(ok.sum()).isPositive();
  }

  /** A batch of propertyChange events for contacts the sandbox does not have, each with a fresh eventId. */
  private static String batch(AtomicLong eventIds) {
    StringBuilder b = new StringBuilder("[");
    long occurredAt = System.currentTimeMillis();
    for (int i = 0; i < EVENTS_PER_BATCH; i++) {
      if (i > 0) {
        b.append(',');
      }
      long objectId = 900_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
      b.append("{\"eventId\":").append(eventIds.incrementAndGet())
          .append(",\"subscriptionId\":1,\"portalId\":1001,\"appId\":2001,\"occurredAt\":").append(occurredAt)
          .append(",\"subscriptionType\":\"contact.propertyChange\",\"attemptNumber\":0,\"objectId\":").append(objectId)
          .append(",\"changeSource\":\"CRM_UI\",\"propertyName\":\"firstname\",\"propertyValue\":\"x\"}");
    }
    return b.append(']').toString();
  }

  private long jobs() {
    return db.sql("select count(*) from sync_job").query(Long.class).single();
  }
}
