package dev.switchboard.sandbox.control;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Request log (last {@value #MAX_LOG} vendor API calls), per-vendor counters and webhook delivery
 * statistics. Never records headers (so never credentials). Thread-safe.
 */
@Component
public class TrafficRecorder {

  static final int MAX_LOG = 2000;

  private final Deque<Map<String, Object>> log = new ArrayDeque<>();
  private final Map<String, VendorCounters> counters = new TreeMap<>();
  private final Map<String, Map<String, Long>> webhookStats = new TreeMap<>();
  private final Deque<Map<String, Object>> deliveries = new ArrayDeque<>();

  private static final class VendorCounters {
    long total;
    final Map<String, Long> byEndpoint = new TreeMap<>();
    final Map<String, Long> byStatus = new TreeMap<>();
  }

  /** Records one vendor API call; {@code endpoint} is e.g. {@code POST /crm/v3/objects/contacts}. */
  public synchronized void api(String vendor, String method, String path, String endpoint, int status, Instant at) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("vendor", vendor);
    e.put("method", method);
    e.put("path", path);
    e.put("status", status);
    e.put("at", at.toString());
    push(log, e);
    VendorCounters c = counters.computeIfAbsent(vendor, k -> new VendorCounters());
    c.total++;
    c.byEndpoint.merge(endpoint, 1L, Long::sum);
    c.byStatus.merge("status" + status, 1L, Long::sum);
  }

  /** Increments a webhook statistic: delivered, failed, dropped, duplicated, attempts, retried. */
  public synchronized void webhook(String vendor, String stat) {
    webhookStats.computeIfAbsent(vendor, k -> newStats()).merge(stat, 1L, Long::sum);
  }

  /** Records one delivery attempt. */
  public synchronized void delivery(Map<String, Object> entry) {
    push(deliveries, entry);
  }

  private static Map<String, Long> newStats() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String s : List.of("delivered", "failed", "dropped", "duplicated", "attempts", "retried")) {
      m.put(s, 0L);
    }
    return m;
  }

  private static void push(Deque<Map<String, Object>> q, Map<String, Object> e) {
    q.addLast(e);
    while (q.size() > MAX_LOG) {
      q.removeFirst();
    }
  }

  synchronized List<Map<String, Object>> requests(String vendor, int limit) {
    return newestFirst(log, vendor, limit);
  }

  synchronized List<Map<String, Object>> deliveries(String vendor, int limit) {
    return newestFirst(deliveries, vendor, limit);
  }

  private static List<Map<String, Object>> newestFirst(Deque<Map<String, Object>> q, String vendor, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    var it = q.descendingIterator();
    while (it.hasNext() && out.size() < limit) {
      Map<String, Object> e = it.next();
      if (vendor == null || vendor.equals(e.get("vendor"))) {
        out.add(e);
      }
    }
    return out;
  }

  synchronized Map<String, Object> counters(Iterable<String> vendors) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> hooks = new LinkedHashMap<>();
    for (String v : vendors) {
      VendorCounters c = counters.getOrDefault(v, new VendorCounters());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("total", c.total);
      m.put("byEndpoint", new TreeMap<>(c.byEndpoint));
      m.putAll(c.byStatus);
      m.putIfAbsent("status429", 0L);
      out.put(v, m);
      hooks.put(v, new LinkedHashMap<>(webhookStats.getOrDefault(v, newStats())));
    }
    out.put("webhooks", hooks);
    return out;
  }

  synchronized void reset(String vendor) {
    if (vendor == null) {
      log.clear();
      counters.clear();
      webhookStats.clear();
      deliveries.clear();
      return;
    }
    log.removeIf(e -> vendor.equals(e.get("vendor")));
    deliveries.removeIf(e -> vendor.equals(e.get("vendor")));
    counters.remove(vendor);
    webhookStats.remove(vendor);
  }
}
