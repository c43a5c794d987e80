package dev.switchboard.sandbox.quickbooks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers over plain JSON trees ({@code Map}/{@code List}/scalars) as read by Jackson. */
final class Json {

  private Json() {}

  @SuppressWarnings("unchecked")
  static <T> T copy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k.toString(), copy(v)));
      return (T) out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(copy(v)));
      return (T) out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }

  /** Value at a dotted path ({@code MetaData.LastUpdatedTime}); a {@code *Ref} object yields its {@code value}. */
  static Object path(Map<String, Object> root, String dotted) {
    Object cur = root;
    for (String part : dotted.split("\\.")) {
      Map<String, Object> m = map(cur);
      if (m == null) {
        return null;
      }
      cur = m.get(part);
    }
    Map<String, Object> ref = map(cur);
    return ref != null && ref.containsKey("value") ? ref.get("value") : cur;
  }

  static String str(Object value) {
    return value == null ? null : value.toString().trim();
  }

  static BigDecimal dec(Object value) {
    if (value == null || value.toString().isBlank()) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      throw QboFault.validation("2010", "Request has invalid or unsupported property",
          "Property value is not a number: " + value, "");
    }
  }

  /** Money as JSON number with at most 2 decimals (Intuit prints e.g. {@code 150.0}). */
  static Double money(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP).doubleValue();
  }
}
