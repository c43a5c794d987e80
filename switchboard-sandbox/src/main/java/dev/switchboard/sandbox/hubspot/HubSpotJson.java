package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders CRM records in HubSpot's object shapes ({@code SimplePublicObject} and its relatives). */
final class HubSpotJson {

  private HubSpotJson() {}

  /** HubSpot's timestamp format, {@code 2026-01-02T03:04:05.678Z}. */
  static String ts(Instant i) {
    return ChangeClock.MILLIS_Z.format(i);
  }

  /**
   * Parses a property list given as a csv string, a repeated query parameter (Spring joins it with commas) or a
   * JSON array; null or empty → {@code fallback}.
   */
  static List<String> names(Object properties, List<String> fallback) {
    List<String> out = new ArrayList<>();
    if (properties instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    } else if (properties instanceof String s && !s.isBlank()) {
      Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
    }
    return out.isEmpty() ? fallback : out;
  }

  /** The properties a read asks for; the type's defaults when it names none. */
  static List<String> requested(Object properties, ObjectType type) {
    return names(properties, type.defaultProperties);
  }

  /** {@code {id, properties, createdAt, updatedAt, archived[, archivedAt]}}; unset requested properties are null. */
  static Map<String, Object> render(CrmObject c, List<String> properties) {
    return render(c, properties, List.of());
  }

  /** As {@link #render(CrmObject, List)}, plus {@code propertiesWithHistory} for {@code withHistory} (newest first). */
  static Map<String, Object> render(CrmObject c, List<String> properties, List<String> withHistory) {
    Map<String, Object> props = new TreeMap<>();
    for (String p : properties) {
      props.put(p, c.props.get(p));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.toString(c.id));
    m.put("properties", props);
    if (!withHistory.isEmpty()) {
      Map<String, Object> history = new TreeMap<>();
      for (String p : withHistory) {
        history.put(p, c.history.getOrDefault(p, List.of()).stream().map(v -> {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("value", v.value());
          e.put("timestamp", ts(v.timestamp()));
          e.put("sourceType", v.sourceType());
          return e;
        }).toList());
      }
      m.put("propertiesWithHistory", history);
    }
    m.put("createdAt", ts(c.createdAt));
    m.put("updatedAt", ts(c.updatedAt));
    m.put("archived", c.archived);
    if (c.archived) {
      m.put("archivedAt", ts(c.archivedAt));
    }
    return m;
  }

  /** Every property the record has set: what HubSpot answers writes with. */
  static Map<String, Object> written(CrmObject c) {
    return render(c, List.copyOf(c.props.keySet()));
  }

  /** Adds {@code paging.next} when more results follow. */
  static void paging(Map<String, Object> response, boolean more, String after, String link) {
    if (more) {
      response.put("paging", Map.of("next", Map.of("after", after, "link", link)));
    }
  }
}
