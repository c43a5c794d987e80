package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * References inside a record's child lines (a deal line's {@code product}) between the canonical form
 * {@code {type, id}} (a record id) and a vendor's form {@code {type, externalId}} (that vendor's object id), which is
 * all a connector can read or write: a binding never sees the spine's links.
 *
 * <p>Inbound, a line's {@code {type, externalId}} becomes {@code {type, id}} of the record its object is linked to, and
 * is left out when the object is not linked (nothing is known of it yet). Outbound, each {@code {type, id}} is given
 * the {@code externalId} of the record's object in the target when it has one, so the binding can write it (HubSpot's
 * {@code hs_product_id}).
 */
final class LineReferences {
  static final String EXTERNAL_ID = "externalId";

  private LineReferences() {}

  /** {@code record} with its lines' vendor references resolved; {@code linked}: (type, vendor id) → record id. */
  static CanonicalRecord inbound(CanonicalRecord record, BiFunction<String, String, Optional<String>> linked) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean changed = false;
    for (var f : record.fields().entrySet()) {
      Object v = f.getValue();
      if (v instanceof List<?> lines && lines.stream().anyMatch(LineReferences::hasVendorRef)) {
        List<Object> resolved = new ArrayList<>();
        for (Object l : lines) {
          resolved.add(l instanceof Map<?, ?> line ? inboundLine(line, linked) : l);
        }
        v = resolved;
        changed = true;
      }
      out.put(f.getKey(), v);
    }
    return changed ? new CanonicalRecord(record.type(), out) : record;
  }

  /** {@code fields} with the vendor id in the target added to each line reference; {@code linked}: (type, record id) → vendor id. */
  static Map<String, Object> outbound(Map<String, Object> fields, BiFunction<String, String, Optional<String>> linked) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (var f : fields.entrySet()) {
      Object v = f.getValue();
      if (v instanceof List<?> lines) {
        List<Object> with = new ArrayList<>();
        for (Object l : lines) {
          with.add(l instanceof Map<?, ?> line ? outboundLine(line, linked) : l);
        }
        v = with;
      }
      out.put(f.getKey(), v);
    }
    return out;
  }

  private static boolean hasVendorRef(Object line) {
    return line instanceof Map<?, ?> m && m.values().stream().anyMatch(LineReferences::isVendorRef);
  }

  private static boolean isVendorRef(Object v) {
    return v instanceof Map<?, ?> m && m.size() == 2 && m.get("type") != null && m.get(EXTERNAL_ID) != null;
  }

  private static Map<String, Object> inboundLine(Map<?, ?> line,
      BiFunction<String, String, Optional<String>> linked) {
    Map<String, Object> out = new LinkedHashMap<>();
    line.forEach((k, v) -> {
      if (isVendorRef(v)) {
        Map<?, ?> ref = (Map<?, ?>) v;
        String type = String.valueOf(ref.get("type"));
        linked.apply(type, String.valueOf(ref.get(EXTERNAL_ID)))
            .ifPresent(id -> out.put(String.valueOf(k), Map.of("type", type, "id", id)));
      } else {
        out.put(String.valueOf(k), v);
      }
    });
    return out;
  }

  private static Map<String, Object> outboundLine(Map<?, ?> line,
      BiFunction<String, String, Optional<String>> linked) {
    Map<String, Object> out = new LinkedHashMap<>();
    line.forEach((k, v) -> {
      if (v instanceof Map<?, ?> ref && ref.size() == 2 && ref.get("type") != null && ref.get("id") != null) {
        Map<String, Object> with = new LinkedHashMap<>();
        with.put("type", ref.get("type"));
        with.put("id", ref.get("id"));
        linked.apply(String.valueOf(ref.get("type")), String.valueOf(ref.get("id")))
            .ifPresent(x -> with.put(EXTERNAL_ID, x));
        out.put(String.valueOf(k), with);
      } else {
        out.put(String.valueOf(k), v);
      }
    });
    return out;
  }
}
