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

  /**
   * Writes a canonical address as a vendor's six two-street-line fields, each trimmed text ("" for a part it lacks):
   * {@code names} are the vendor's field names for street line 1, street line 2, city, region, postal code and
   * country, in that order (HubSpot's {@code address, address2, city, state, zip, country}; Mailchimp's {@code addr1,
   * addr2, city, state, zip, country}). Lines past the second go with the second ({@link #folded}).
   */
  public static void writeTwoLines(Map<?, ?> address, java.util.function.BiConsumer<String, String> put,
      String... names) {
    if (names.length != 6) {
      throw new IllegalArgumentException("six field names: line 1, line 2, city, region, postal code, country");
    }
    Object folded = folded(address, 2);
    List<?> lines = folded instanceof Map<?, ?> f && f.get("lines") instanceof List<?> l ? l : List.of();
    put.accept(names[0], lines.isEmpty() ? "" : text(lines.get(0)));
    put.accept(names[1], lines.size() < 2 ? "" : text(lines.get(1)));
    put.accept(names[2], text(address.get("city")));
    put.accept(names[3], text(address.get("region")));
    put.accept(names[4], text(address.get("postalCode")));
    put.accept(names[5], text(address.get("country")));
  }

  private static String text(Object v) {
    return v == null ? "" : String.valueOf(v).trim();
  }
}
