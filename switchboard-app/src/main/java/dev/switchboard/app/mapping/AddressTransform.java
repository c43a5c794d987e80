package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canonical structured address ({@code lines, city, region, postalCode, country}) ⇄ a vendor's two-street-line
 * address: six flat fields (HubSpot's {@code address, address2, city, state, zip, country}) or one object field with
 * six keys ({@code address: {parts: [addr1, addr2, city, state, zip, country]}}: Mailchimp's {@code ADDRESS}). A read
 * that carries none of the parts is absent, all parts empty is cleared ({@code ""}); a write sets every part, so a
 * part the address lacks is cleared rather than left over, and lines past the second go with the second. A cleared
 * address clears the six flat fields, or the object field as a whole.
 *
 * @param parts the keys inside the vendor's object field, or empty for six flat vendor fields
 */
record AddressTransform(List<String> parts) implements Transform {
  static final String[] CANONICAL = {"city", "region", "postalCode", "country"};

  AddressTransform {
    parts = List.copyOf(parts);
  }

  @Override
  public String name() {
    return "address";
  }

  @Override
  public List<String> vendorKeys() {
    return parts;
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    List<@Nullable Object> values = new ArrayList<>();
    if (parts.isEmpty()) {
      values.addAll(vendor);
    } else if (vendor.get(0) instanceof Map<?, ?> object) {
      parts.forEach(k -> values.add(object.containsKey(k) ? object.get(k) : null));
    } else {
      values.add(vendor.get(0) == null ? null : "");
    }
    List<@Nullable Object> out = new ArrayList<>();
    if (values.stream().allMatch(v -> v == null)) {
      out.add(null);
      return out;
    }
    if (values.size() < 6) {
      out.add("");
      return out;
    }
    Map<String, Object> address = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String line = Transform.text(values.get(i));
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    if (!lines.isEmpty()) {
      address.put("lines", lines);
    }
    for (int i = 0; i < CANONICAL.length; i++) {
      String v = Transform.text(values.get(i + 2));
      if (!v.isEmpty()) {
        address.put(CANONICAL[i], v);
      }
    }
    out.add(address.isEmpty() ? "" : address);
    return out;
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    Object v = canonical.get(0);
    List<@Nullable Object> out = new ArrayList<>();
    if (v == null) {
      for (int i = 0; i < (parts.isEmpty() ? 6 : 1); i++) {
        out.add(null);
      }
      return out;
    }
    if (!parts.isEmpty() && !(v instanceof Map<?, ?>)) {
      out.add(""); // clears the object field as a whole
      return out;
    }
    List<@Nullable Object> six = new ArrayList<>();
    Map<?, ?> a = v instanceof Map<?, ?> m ? m : Map.of();
    List<?> lines = a.get("lines") instanceof List<?> l ? l : List.of();
    six.add(lines.isEmpty() ? "" : Transform.text(lines.get(0)));
    // two street lines: the lines past the second go with it rather than being lost
    six.add(lines.size() < 2 ? "" : String.join(", ", lines.subList(1, lines.size()).stream().map(Transform::text)
        .toList()));
    for (String key : CANONICAL) {
      six.add(Transform.text(a.get(key)));
    }
    if (parts.isEmpty()) {
      return six;
    }
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      object.put(parts.get(i), six.get(i));
    }
    out.add(object);
    return out;
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    if (!parts.isEmpty() && parts.size() != 6) {
      return "address parts are six keys: line 1, line 2, city, region, postal code, country";
    }
    int expected = parts.isEmpty() ? 6 : 1;
    if (types.size() != 1 || vendorCount != expected) {
      return parts.isEmpty() ? "address maps one canonical field to six vendor fields (line 1, line 2, city, region,"
          + " postal code, country) or one object field with six parts" : "address with parts maps one vendor field";
    }
    ValueType t = types.get(0);
    return t == null || t instanceof ValueType.AddressType ? null : "address maps onto an address field, not "
        + t.name();
  }
}
