package dev.switchboard.sandbox.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** Current faults per vendor name ({@code hubspot}, {@code mailchimp}). Thread-safe. */
@Component
public class FaultRegistry {

  private final Map<String, Faults> faults = new ConcurrentHashMap<>();

  /** Faults in force for a vendor ({@link Faults#NONE} if none). */
  public Faults of(String vendor) {
    return faults.getOrDefault(vendor, Faults.NONE);
  }

  /** Returns true with the given probability (0 never, 1 always). */
  public static boolean chance(double p) {
    return p >= 1 || (p > 0 && ThreadLocalRandom.current().nextDouble() < p);
  }

  Faults merge(String vendor, Map<String, Object> patch) {
    return faults.compute(vendor, (k, old) -> (old == null ? Faults.NONE : old).merge(patch));
  }

  void clear(String vendor) {
    if (vendor == null) {
      faults.clear();
    } else {
      faults.remove(vendor);
    }
  }

  Map<String, Object> toJson(Iterable<String> vendors) {
    Map<String, Object> m = new LinkedHashMap<>();
    vendors.forEach(v -> m.put(v, of(v).toJson()));
    return m;
  }
}
