package dev.switchboard.sandbox.pipedrive;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory Pipedrive objects (one id sequence per type, like Pipedrive). Every create/change/delete is
 * published to {@link PipedriveWebhooks} with the change source ({@code api} or {@code app} for UI edits).
 * Deleted objects are removed (GET answers 404). Thread-safe. One per company, owned by its user.
 */
final class PipedriveStore {

  private final ChangeClock clock;
  private final long ownerId;
  private final PipedriveWebhooks webhooks;
  private final Map<String, TreeMap<Long, PipedriveEntity>> byType = new HashMap<>();
  private final Map<String, AtomicLong> ids = new HashMap<>();

  PipedriveStore(ChangeClock clock, long ownerId, PipedriveWebhooks webhooks) {
    this.clock = clock;
    this.ownerId = ownerId;
    this.webhooks = webhooks;
  }

  private TreeMap<Long, PipedriveEntity> table(String type) {
    return byType.computeIfAbsent(type, k -> new TreeMap<>());
  }

  synchronized PipedriveEntity get(String type, long id) {
    PipedriveEntity e = table(type).get(id);
    if (e == null) {
      throw PipedriveException.notFound(PipedriveTypes.label(type));
    }
    return e;
  }

  synchronized List<PipedriveEntity> all(String type) {
    return new ArrayList<>(table(type).values());
  }

  /** Creates an object from a v2 POST body; 400 on a missing required or unknown/invalid field. */
  synchronized PipedriveEntity create(String type, Map<String, Object> body, String source) {
    for (String r : PipedriveTypes.required(type)) {
      if (!(body.get(r) instanceof String s) || s.isBlank()) {
        throw PipedriveException.bad("Validation failed: " + r + ": Required");
      }
    }
    long id = ids.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
    PipedriveEntity e = new PipedriveEntity(type, id, clock.nextChange());
    e.fields.putAll(PipedriveTypes.defaults(type, ownerId));
    apply(e, body);
    table(type).put(id, e);
    webhooks.publish("create", type, id, e.render(), null, source);
    return e;
  }

  /** Applies a v2 PATCH body; publishes the changed fields' previous values. */
  synchronized PipedriveEntity update(String type, long id, Map<String, Object> body, String source) {
    PipedriveEntity e = get(type, id);
    Map<String, Object> before = e.render();
    apply(e, body);
    Map<String, Object> previous = new LinkedHashMap<>();
    e.fields.forEach((k, v) -> {
      if (!Objects.equals(before.get(k), v)) {
        previous.put(k, before.get(k));
      }
    });
    if (!previous.isEmpty()) {
      e.updated = clock.nextChange();
      webhooks.publish("change", type, id, e.render(), previous, source);
    }
    return e;
  }

  synchronized void delete(String type, long id, String source) {
    PipedriveEntity e = get(type, id);
    table(type).remove(id);
    Map<String, Object> last = e.render();
    last.put("is_deleted", true);
    webhooks.publish("delete", type, id, null, last, source);
  }

  private void apply(PipedriveEntity e, Map<String, Object> body) {
    for (Map.Entry<String, Object> f : body.entrySet()) {
      if (!e.fields.containsKey(f.getKey()) || f.getKey().equals("is_deleted")) {
        throw PipedriveException.bad("Validation failed: Parameter '" + f.getKey() + "' is not allowed for this request");
      }
      PipedriveTypes.check(e.type, f.getKey(), f.getValue());
    }
    for (Map.Entry<String, Object> f : body.entrySet()) {
      Object v = f.getValue();
      if (v instanceof Number n && !(f.getKey().equals("value"))) {
        v = n.longValue();
      }
      if (f.getKey().equals("emails") || f.getKey().equals("phones")) {
        v = contacts((List<?>) v);
      }
      if (f.getKey().equals("custom_fields")) {
        Map<String, Object> merged = new LinkedHashMap<>(castMap(e.fields.get("custom_fields")));
        merged.putAll(castMap(v));
        v = merged;
      }
      e.fields.put(f.getKey(), v);
    }
    if (e.type.equals("person") && body.containsKey("name") && !body.containsKey("first_name")) {
      String name = (String) e.fields.get("name");
      int sp = name.indexOf(' ');
      e.fields.put("first_name", sp < 0 ? name : name.substring(0, sp));
      e.fields.put("last_name", sp < 0 ? null : name.substring(sp + 1));
    }
    if (e.type.equals("deal") && body.containsKey("status")) {
      String now = PipedriveEntity.TIME.format(clock.now());
      String status = (String) e.fields.get("status");
      e.fields.put("won_time", status.equals("won") ? now : null);
      e.fields.put("lost_time", status.equals("lost") ? now : null);
      e.fields.put("close_time", status.equals("open") ? null : now);
    }
  }

  /** Normalizes {@code [{value, primary, label}]}: label defaults to "work", the first is primary if none is. */
  private static List<Map<String, Object>> contacts(List<?> in) {
    List<Map<String, Object>> out = new ArrayList<>();
    boolean anyPrimary = in.stream().anyMatch(o -> Boolean.TRUE.equals(((Map<?, ?>) o).get("primary")));
    for (int i = 0; i < in.size(); i++) {
      Map<?, ?> src = (Map<?, ?>) in.get(i);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("value", src.get("value"));
      c.put("primary", anyPrimary ? Boolean.TRUE.equals(src.get("primary")) : i == 0);
      c.put("label", src.get("label") instanceof String l ? l : "work");
      out.add(c);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  synchronized void reset() {
    byType.clear();
    ids.clear();
  }
}
