package dev.switchboard.sandbox.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Faults injected into one vendor's API and webhook traffic (never into {@code /_sandbox}).
 *
 * @param latencyMs added to every API call
 * @param errorRate probability (0..1) that an API call answers 503 in the vendor's error shape
 * @param rateLimitStorm every API call answers 429 with {@code Retry-After: 1}
 * @param outage every API call answers 503
 * @param dropWebhooks probability that a webhook delivery is silently dropped
 * @param duplicateWebhooks probability that a webhook payload is delivered twice
 * @param reorderWebhooks hold deliveries and release them in reverse order
 */
public record Faults(
    long latencyMs,
    double errorRate,
    boolean rateLimitStorm,
    boolean outage,
    double dropWebhooks,
    double duplicateWebhooks,
    boolean reorderWebhooks) {

  public static final Faults NONE = new Faults(0, 0, false, false, 0, 0, false);

  /** A copy with every field present in {@code patch} replaced. */
  Faults merge(Map<String, Object> patch) {
    return new Faults(
        num(patch, "latencyMs", latencyMs).longValue(),
        num(patch, "errorRate", errorRate).doubleValue(),
        bool(patch, "rateLimitStorm", rateLimitStorm),
        bool(patch, "outage", outage),
        num(patch, "dropWebhooks", dropWebhooks).doubleValue(),
        num(patch, "duplicateWebhooks", duplicateWebhooks).doubleValue(),
        bool(patch, "reorderWebhooks", reorderWebhooks));
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("latencyMs", latencyMs);
    m.put("errorRate", errorRate);
    m.put("rateLimitStorm", rateLimitStorm);
    m.put("outage", outage);
    m.put("dropWebhooks", dropWebhooks);
    m.put("duplicateWebhooks", duplicateWebhooks);
    m.put("reorderWebhooks", reorderWebhooks);
    return m;
  }

  private static Number num(Map<String, Object> m, String k, Number dflt) {
    Object v = m.get(k);
    if (v == null) {
      return dflt;
    }
    return v instanceof Number n ? n : Double.valueOf(v.toString());
  }

  private static boolean bool(Map<String, Object> m, String k, boolean dflt) {
    Object v = m.get(k);
    return v == null ? dflt : Boolean.parseBoolean(v.toString());
  }
}
