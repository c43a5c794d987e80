package dev.switchboard.app.canonical;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable bag of canonical field values for one object (for now: contacts). A field that is absent
 * is unknown to the source; a field present with the empty string was explicitly cleared by the source.
 *
 * @param type   canonical object type, e.g. {@code contact}
 * @param fields canonical field name → value ({@code String}, or {@code List<String>} for tags)
 */
public record CanonicalRecord(String type, Map<String, Object> fields) {

  public static final String CONTACT = "contact";

  public CanonicalRecord {
    fields = Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  public static CanonicalRecord contact(Map<String, Object> fields) {
    return new CanonicalRecord(CONTACT, fields);
  }

  public String string(String field) {
    Object v = fields.get(field);
    return v instanceof String s ? s : null;
  }

  @SuppressWarnings("unchecked")
  public List<String> list(String field) {
    Object v = fields.get(field);
    return v instanceof List<?> l ? (List<String>) l : List.of();
  }

  public boolean has(String field) {
    return fields.containsKey(field);
  }
}
