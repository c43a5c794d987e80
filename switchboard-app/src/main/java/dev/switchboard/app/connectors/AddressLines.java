package dev.switchboard.app.connectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vendors that keep a fixed number of street lines (HubSpot's {@code address}/{@code address2}, Mailchimp's
 * {@code addr1}/{@code addr2}) take the lines past the last one into it, joined by ", ". This is the one place that
 * folding is defined, so a write and its read-back agree ({@link Connector#heldAs}).
 */
public final class AddressLines {
  private AddressLines() {}

  /**
   * {@code value} (a canonical address: {@code {lines, city, region, postalCode, country}}) with at most {@code max}
   * street lines, the extra ones joined onto the last; any other value as it is.
   */
  public static Object folded(Object value, int max) {
    if (!(value instanceof Map<?, ?> address) || !(address.get("lines") instanceof List<?> lines)
        || lines.size() <= max) {
      return value;
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < max - 1; i++) {
      kept.add(String.valueOf(lines.get(i)).trim());
    }
    kept.add(String.join(", ", lines.subList(max - 1, lines.size()).stream().map(o -> String.valueOf(o).trim())
        .toList()));
    Map<String, Object> out = new LinkedHashMap<>();
    address.forEach((k, v) -> out.put(String.valueOf(k), v));
    out.put("lines", kept);
    return out;
  }
}
