package dev.switchboard.sandbox.hubspot;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The unique values of one object store: property → value → record id, for live (not archived) records. Which
 * properties are unique: a contact's {@code email} (case-insensitively, as HubSpot dedupes contacts by email)
 * and every custom property created with {@code hasUniqueValue: true}. Values of merged-away records stay
 * indexed to the record they were merged into, so that an old email still finds the contact it became.
 * Used only under the portal's lock (see {@link Journal}).
 */
final class UniqueIndex {

  private final ObjectType type;
  private final PropertyCatalog catalog;
  private final Map<String, Map<String, Long>> byValue = new HashMap<>();

  UniqueIndex(ObjectType type, PropertyCatalog catalog) {
    this.type = type;
    this.catalog = catalog;
  }

  /** The properties whose values are unique now. */
  List<String> properties() {
    List<String> custom = catalog.uniqueCustom();
    if (type != ObjectType.CONTACTS) {
      return custom;
    }
    return java.util.stream.Stream.concat(java.util.stream.Stream.of("email"), custom.stream()).toList();
  }

  /** Whether {@code property} can identify a record ({@code idProperty}): a unique property or {@code hs_object_id}. */
  boolean identifies(String property) {
    return property.equals("hs_object_id") || properties().contains(property);
  }

  /** The live record holding {@code value} for {@code property}, or null. */
  Long find(String property, String value) {
    return byValue.getOrDefault(property, Map.of()).get(key(property, value));
  }

  /**
   * Refuses values that another record (not {@code self}) already holds: for a contact's email 409 CONFLICT
   * {@code Contact already exists. Existing ID: n} (HubSpot's answer), for a custom unique property a 400
   * VALIDATION_ERROR naming the property.
   */
  void check(Map<String, String> values, Long self) {
    for (String p : properties()) {
      String v = values.get(p);
      Long holder = v == null || v.isEmpty() ? null : find(p, v);
      if (holder == null || holder.equals(self)) {
        continue;
      }
      if (p.equals("email")) {
        throw new HubSpotException(409, "CONFLICT", "Contact already exists. Existing ID: " + holder);
      }
      throw HubSpotException.invalidProperties(List.<String[]>of(new String[] {p, "DUPLICATE_VALUE",
          "A " + type.singular + " with " + p + " \"" + v + "\" already exists. Existing ID: " + holder}));
    }
  }

  /** Indexes the unique values of {@code props} to {@code id}. */
  void add(Map<String, String> props, long id) {
    for (String p : properties()) {
      String v = props.get(p);
      if (v != null && !v.isEmpty()) {
        byValue.computeIfAbsent(p, k -> new HashMap<>()).put(key(p, v), id);
      }
    }
  }

  /** Drops the unique values of {@code props} that are indexed to {@code id}. */
  void remove(Map<String, String> props, long id) {
    for (String p : properties()) {
      String v = props.get(p);
      Map<String, Long> m = byValue.get(p);
      if (v != null && m != null && Long.valueOf(id).equals(m.get(key(p, v)))) {
        m.remove(key(p, v));
      }
    }
  }

  /** Points every value indexed to {@code from} at {@code to} (a merge). */
  void redirect(long from, long to) {
    byValue.values().forEach(m -> m.replaceAll((v, id) -> id == from ? to : id));
  }

  void clear() {
    byValue.clear();
  }

  private static String key(String property, String value) {
    return property.equals("email") ? value.trim().toLowerCase(Locale.ROOT) : value;
  }
}
