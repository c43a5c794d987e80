package dev.switchboard.sandbox.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One portal's property definitions of one object type: the {@link StandardProperties} plus custom ones created
 * through the properties API (the portal's own, as in HubSpot), and the check of written values against them.
 * A written property that is not defined ({@code PROPERTY_DOESNT_EXIST}), read-only ({@code READ_ONLY_VALUE}),
 * for an enumeration not one of its options ({@code INVALID_OPTION}) or for a number property text that is no
 * number ({@code INVALID_INTEGER}, "many was not a valid number.", as HubSpot words it) is a 400 naming every such
 * property; nothing is written. Custom properties and groups live in {@link PropertyDefinitions}. Thread-safe.
 */
final class PropertyCatalog {

  /** HubSpot's documented maximum of unique-value properties per object type. */
  static final int MAX_UNIQUE = 10;

  final ObjectType type;
  final PropertyDefinitions custom;
  private final List<Map<String, Object>> standard;

  PropertyCatalog(ObjectType type) {
    this.type = type;
    this.standard = StandardProperties.of(type);
    this.custom = new PropertyDefinitions(type);
  }

  /** Standard then custom properties; with {@code archived}, only the archived custom ones (as HubSpot lists them). */
  List<Map<String, Object>> all(boolean archived) {
    List<Map<String, Object>> out = new ArrayList<>(archived ? List.of() : standard);
    out.addAll(custom.properties(archived));
    return out;
  }

  /** The live definition of {@code name}, or null. */
  Map<String, Object> get(String name) {
    return standard.stream().filter(p -> p.get("name").equals(name)).findFirst().orElseGet(() -> custom.property(name));
  }

  boolean exists(String name) {
    return get(name) != null;
  }

  /** The property's {@code type} ({@code string}, {@code number}, {@code datetime}, …), or null if undefined. */
  String typeOf(String name) {
    Map<String, Object> p = get(name);
    return p == null ? null : (String) p.get("type");
  }

  /** Whether values of {@code name} are unique per portal ({@code hasUniqueValue}; {@code hs_object_id} is). */
  boolean unique(String name) {
    Map<String, Object> p = get(name);
    return p != null && Boolean.TRUE.equals(p.get("hasUniqueValue"));
  }

  /** Custom properties with unique values: the values the object store indexes besides contact emails. */
  List<String> uniqueCustom() {
    return custom.properties(false).stream().filter(p -> Boolean.TRUE.equals(p.get("hasUniqueValue")))
        .map(p -> (String) p.get("name")).toList();
  }

  private boolean readOnly(String name) {
    Map<String, Object> p = get(name);
    return p != null && p.get("modificationMetadata") instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("readOnlyValue"));
  }

  /** A number property's value given as text: plain decimal notation, no grouping, exponent or padding. */
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

  /**
   * Converts JSON property values (strings, numbers, booleans, null) to HubSpot's string values and checks them:
   * emails are trimmed and lower-cased, datetime values (epoch millis or ISO-8601) become ISO millis, enumeration
   * values must be options (several, {@code ;}-separated, for checkbox fields), text for a number property must be a
   * plain decimal number (HubSpot refuses padding since its 2025 validation of non-string properties; JSON numbers
   * are taken as they are). The create date is writable on
   * create only. An empty string (or null) clears a property and is always allowed. Throws one 400 listing every
   * refused property.
   */
  Map<String, String> normalize(Map<String, ?> raw, boolean creating) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    List<String[]> problems = new ArrayList<>();
    raw.forEach((k, v) -> {
      String s = v == null ? "" : v.toString();
      Map<String, Object> def = get(k);
      if (def == null) {
        problems.add(new String[] {k, "PROPERTY_DOESNT_EXIST", "Property \"" + k + "\" does not exist"});
      } else if (readOnly(k) && !(creating && k.equals(type.createDate))) {
        problems.add(new String[] {k, "READ_ONLY_VALUE", "\"" + k + "\" is a read only property; its value cannot be set."});
      } else if (!s.isEmpty() && "datetime".equals(def.get("type"))) {
        Long millis = millisOrNull(s);
        if (millis == null) {
          problems.add(new String[] {k, "INVALID_DATE", s + " is not a valid datetime (epoch milliseconds or ISO-8601)"});
        } else {
          out.put(k, HubSpotJson.ts(Instant.ofEpochMilli(millis)));
        }
      } else if (!s.isEmpty() && "date".equals(def.get("type")) && dateOrNull(s) == null) {
        problems.add(new String[] {k, "INVALID_DATE", s + " is not a valid date: a date is YYYY-MM-DD or the epoch "
            + "milliseconds of its midnight UTC"});
      } else if (!s.isEmpty() && "date".equals(def.get("type"))) {
        out.put(k, dateOrNull(s));
      } else if (!s.isEmpty() && "bool".equals(def.get("type")) && !s.equalsIgnoreCase("true")
          && !s.equalsIgnoreCase("false")) {
        problems.add(new String[] {k, "INVALID_OPTION", s + " was not one of the allowed options: [true, false]"});
      } else if (!s.isEmpty() && "number".equals(def.get("type")) && !(v instanceof Number)
          && !NUMBER.matcher(s).matches()) {
        problems.add(new String[] {k, "INVALID_INTEGER", s + " was not a valid number."});
      } else if (!s.isEmpty() && !validOption(def, s)) {
        problems.add(new String[] {k, "INVALID_OPTION", s + " was not one of the allowed options: " + optionValues(def)});
      } else {
        out.put(k, k.equals("email") ? s.trim().toLowerCase(Locale.ROOT) : s);
      }
    });
    if (!problems.isEmpty()) {
      throw HubSpotException.invalidProperties(problems);
    }
    return out;
  }

  /** Whether {@code value} is allowed for an enumeration with fixed options (always true for other properties). */
  static boolean validOption(Map<String, Object> def, String value) {
    if (!"enumeration".equals(def.get("type")) || Boolean.TRUE.equals(def.get("externalOptions"))) {
      return true;
    }
    List<String> allowed = optionValues(def);
    if (allowed.isEmpty()) {
      return true; // no fixed options: pipeline and dealstage, whose options are pipelines (DealStageRule checks them)
    }
    String[] values = "checkbox".equals(def.get("fieldType")) ? value.split(";") : new String[] {value};
    for (String v : values) {
      if (!allowed.contains(v)) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  static List<String> optionValues(Map<String, Object> def) {
    return ((List<Map<String, Object>>) def.getOrDefault("options", List.of())).stream()
        .map(o -> String.valueOf(o.get("value"))).toList();
  }

  /** Epoch millis of a datetime value given as millis or ISO-8601, or null. */
  /**
   * A date property's value as HubSpot stores and answers it ({@code YYYY-MM-DD}): given so, or as the epoch
   * milliseconds of its midnight UTC; null for anything else (another time of day, another format).
   */
  static String dateOrNull(String v) {
    try {
      return java.time.LocalDate.parse(v.trim()).toString();
    } catch (java.time.format.DateTimeParseException e) {
      // not a calendar date: epoch milliseconds at midnight UTC, perhaps
    }
    try {
      long ms = Long.parseLong(v.trim());
      return ms % 86_400_000L == 0 ? Instant.ofEpochMilli(ms).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()
          : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Long millisOrNull(String v) {
    try {
      return ObjectSearch.millis(v);
    } catch (HubSpotException e) {
      return null;
    }
  }

  /** The standard groups then the custom ones ({@code PropertyGroup}: name, label, displayOrder, archived). */
  List<Map<String, Object>> groups() {
    List<Map<String, Object>> out = new ArrayList<>();
    List<String> names = StandardProperties.groups(type);
    for (int i = 0; i < names.size(); i++) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("name", names.get(i));
      g.put("label", type.label() + (names.get(i).startsWith("email") ? " email information" : " information"));
      g.put("displayOrder", i);
      g.put("archived", false);
      out.add(g);
    }
    out.addAll(custom.groups());
    return out;
  }

  /** One group by name, or null. */
  Map<String, Object> group(String name) {
    return groups().stream().filter(g -> g.get("name").equals(name)).findFirst().orElse(null);
  }

  /** Creates a custom property (see {@link PropertyDefinitions#create}); 409 if the name is taken. */
  Map<String, Object> create(Map<String, Object> body, boolean optionOrderRequired) {
    Object name = body.get("name");
    if (name != null && exists(name.toString())) {
      throw new HubSpotException(409, "OBJECT_ALREADY_EXISTS", "A property named '" + name + "' already exists.");
    }
    if (Boolean.TRUE.equals(body.get("hasUniqueValue")) && uniqueCustom().size() >= MAX_UNIQUE) {
      throw HubSpotException.validation("The maximum of " + MAX_UNIQUE + " unique value properties for " + type.plural
          + " has been reached.");
    }
    return custom.create(body, group(String.valueOf(body.getOrDefault("groupName", StandardProperties.group(type)))) != null,
        optionOrderRequired);
  }

  /** Updates a custom property; a HubSpot-defined one is read-only here (400), an unknown one 404. */
  Map<String, Object> update(String name, Map<String, Object> body, boolean optionOrderRequired) {
    if (custom.property(name) == null && get(name) != null) {
      throw HubSpotException.validation("The property " + name + " is HubSpot-defined and cannot be modified.");
    }
    return custom.update(name, body, optionOrderRequired);
  }

  /** Archives a custom property; a HubSpot-defined one is a 400, an unknown one 404. */
  void archive(String name) {
    if (custom.property(name) == null && get(name) != null) {
      throw HubSpotException.validation("The property " + name + " is HubSpot-defined and cannot be archived.");
    }
    custom.archive(name);
  }

  void reset() {
    custom.reset();
  }
}
