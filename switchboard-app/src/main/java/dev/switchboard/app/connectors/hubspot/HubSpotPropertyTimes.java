package dev.switchboard.app.connectors.hubspot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * When each canonical field's current value was set at HubSpot, from an object read with {@code propertiesWithHistory}
 * ({@code {"propertiesWithHistory": {"firstname": [{"value", "timestamp", "sourceType", …}, …]}}}, newest first). Pure.
 *
 * <p>A property's time is when its current value was set: the oldest entry of the newest run of entries holding that
 * value (a write of the same value again — our own echo, an import — does not make it newer). A property whose newest
 * entry does not hold its current value, or without history, has no time. A canonical field read from several
 * properties (a company's address from six) takes the newest of theirs.
 */
final class HubSpotPropertyTimes {

  private HubSpotPropertyTimes() {}

  /**
   * Canonical field → time, for the fields in {@code present} that have one; null when the object carries no
   * {@code propertiesWithHistory} (the read did not ask for it).
   *
   * @param sources canonical field → the HubSpot properties it is read from
   */
  static @Nullable Map<String, Instant> of(JsonNode object, Map<String, List<String>> sources, Set<String> present) {
    JsonNode history = object.path("propertiesWithHistory");
    if (!history.isObject()) {
      return null;
    }
    JsonNode props = object.path("properties");
    Map<String, Instant> out = new LinkedHashMap<>();
    sources.forEach((field, properties) -> {
      if (!present.contains(field)) {
        return;
      }
      Instant newest = null;
      for (String p : properties) {
        Instant t = since(HubSpotMapper.text(props.get(p)), history.path(p));
        if (t != null && (newest == null || t.isAfter(newest))) {
          newest = t;
        }
      }
      if (newest != null) {
        out.put(field, newest);
      }
    });
    return out;
  }

  /** When {@code current} was set, per the property's history (newest first); null when it cannot tell. */
  static @Nullable Instant since(String current, JsonNode entries) {
    if (!entries.isArray() || entries.isEmpty()) {
      return null;
    }
    Instant since = null;
    for (JsonNode e : entries) {
      if (!HubSpotMapper.text(e.path("value")).equals(current)) {
        break;
      }
      Instant t = HubSpotMapper.instant(e.path("timestamp"));
      if (t == null) {
        break;
      }
      since = t;
    }
    return since;
  }
}
