package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders contacts in HubSpot's CRM v3 object shape. */
final class ContactJson {

  /** Returned when the caller does not ask for specific properties. */
  static final List<String> DEFAULT_PROPERTIES =
      List.of("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname");

  private ContactJson() {}

  static String ts(Instant i) {
    return ChangeClock.MILLIS_Z.format(i);
  }

  /** Parses {@code properties} given as csv string or JSON array; null → default set. */
  static List<String> requested(Object properties) {
    List<String> out = new ArrayList<>();
    if (properties instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    } else if (properties instanceof String s && !s.isBlank()) {
      Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
    }
    return out.isEmpty() ? DEFAULT_PROPERTIES : out;
  }

  /** {@code {id, properties, createdAt, updatedAt, archived[, archivedAt]}}; unset requested props are null. */
  static Map<String, Object> render(Contact c, List<String> properties) {
    Map<String, Object> props = new TreeMap<>();
    for (String p : properties) {
      props.put(p, c.props.get(p));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.toString(c.id));
    m.put("properties", props);
    m.put("createdAt", ts(c.createdAt));
    m.put("updatedAt", ts(c.updatedAt));
    m.put("archived", c.archived);
    if (c.archived) {
      m.put("archivedAt", ts(c.archivedAt));
    }
    return m;
  }

  static List<Map<String, Object>> render(List<Contact> cs, List<String> properties) {
    return cs.stream().map(c -> render(c, properties)).toList();
  }

  /** Adds {@code paging.next} when more results follow. */
  static void paging(Map<String, Object> response, boolean more, String after, String link) {
    if (more) {
      response.put("paging", Map.of("next", Map.of("after", after, "link", link)));
    }
  }
}
