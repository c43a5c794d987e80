package dev.switchboard.app.mapping;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which records of a type sync with a system at all: a canonical field that must be present (not absent, not empty),
 * optionally with one of the listed values ({@code only contacts with a lifecycle stage}, {@code only deals of one
 * pipeline}). A record the filter does not match is neither written to the system nor deleted there.
 *
 * @param field  the canonical field tested
 * @param values the values it must have; empty: any non-empty value
 */
public record RecordFilter(String field, List<String> values) {
  public RecordFilter {
    values = List.copyOf(values);
  }

  /** Whether a record with these canonical fields passes. */
  public boolean matches(Map<String, ?> fields) {
    Object v = fields.get(field);
    if (v == null || (v instanceof String s && s.isBlank()) || (v instanceof Collection<?> c && c.isEmpty())
        || (v instanceof Map<?, ?> m && m.isEmpty())) {
      return false;
    }
    return values.isEmpty() || values.contains(String.valueOf(v).trim());
  }
}
