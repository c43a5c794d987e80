package dev.switchboard.sandbox.stripe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One account's Stripe objects, kept as JSON-shaped maps keyed by id, in creation order per object type. Ids are
 * random and never reused, so one map serves every type. Thread-safe.
 */
final class StripeObjects {

  private final Map<String, Map<String, Object>> byId = new HashMap<>();
  private final Map<String, List<String>> order = new HashMap<>();

  synchronized Map<String, Object> put(Map<String, Object> obj) {
    String id = (String) obj.get("id");
    if (byId.put(id, obj) == null) {
      order.computeIfAbsent((String) obj.get("object"), k -> new ArrayList<>()).add(id);
    }
    return obj;
  }

  /** The object, or null if absent or of another type. */
  synchronized Map<String, Object> find(String object, String id) {
    Map<String, Object> o = id == null ? null : byId.get(id);
    return o != null && object.equals(o.get("object")) ? o : null;
  }

  synchronized void remove(String id) {
    Map<String, Object> o = byId.remove(id);
    if (o != null) {
      order.get((String) o.get("object")).remove(id);
    }
  }

  /** All objects of a type matching {@code filter}, newest first. */
  synchronized List<Map<String, Object>> all(String object, Predicate<Map<String, Object>> filter) {
    List<String> ids = order.getOrDefault(object, List.of());
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = ids.size() - 1; i >= 0; i--) {
      Map<String, Object> o = byId.get(ids.get(i));
      if (filter.test(o)) {
        out.add(o);
      }
    }
    return out;
  }

  synchronized void reset() {
    byId.clear();
    order.clear();
  }
}
