package dev.switchboard.sandbox.hubspot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One portal's custom properties and custom property groups of one object type, as the properties API creates,
 * updates and archives them. Archived properties are kept (listed with {@code archived=true}) and their names
 * stay taken, as in HubSpot. Thread-safe.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/properties/guide
 */
final class PropertyDefinitions {

  /** {@code PropertyCreate.type} values of the spec. */
  static final Set<String> TYPES = Set.of("bool", "date", "datetime", "enumeration", "number", "phone_number", "string");
  /** {@code PropertyCreate.fieldType} values of the spec. */
  static final Set<String> FIELD_TYPES = Set.of("booleancheckbox", "calculation_equation", "checkbox", "date", "file",
      "html", "number", "phonenumber", "radio", "select", "text", "textarea");

  private final ObjectType type;
  private final Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();

  PropertyDefinitions(ObjectType type) {
    this.type = type;
  }

  synchronized List<Map<String, Object>> properties(boolean archived) {
    return properties.values().stream().filter(p -> Boolean.valueOf(archived).equals(p.get("archived")))
        .map(LinkedHashMap::new).map(m -> (Map<String, Object>) m).toList();
  }

  /** A live (not archived) custom property, or null. */
  synchronized Map<String, Object> property(String name) {
    Map<String, Object> p = properties.get(name);
    return p == null || Boolean.TRUE.equals(p.get("archived")) ? null : new LinkedHashMap<>(p);
  }

  /**
   * Creates a custom property from a {@code PropertyCreate}. {@code name} is required; {@code label},
   * {@code type}, {@code fieldType} and {@code groupName} default to the name, {@code string}, {@code text} and
   * the type's information group (the sandbox's leniency: HubSpot requires them). Enumeration options need a
   * label and a value, and a {@code displayOrder} when {@code optionOrderRequired} (the 2026-03 spec's
   * {@code OptionInput}). 400 for an unknown type, field type or group, or an archived property's name.
   */
  synchronized Map<String, Object> create(Map<String, Object> body, boolean groupExists, boolean optionOrderRequired) {
    if (!(body.get("name") instanceof String name) || name.isBlank()) {
      throw HubSpotException.validation("Property name is required");
    }
    if (properties.containsKey(name)) {
      throw new HubSpotException(409, "OBJECT_ALREADY_EXISTS", "A property named '" + name + "' already exists.");
    }
    String t = String.valueOf(body.getOrDefault("type", "string"));
    String ft = String.valueOf(body.getOrDefault("fieldType", "text"));
    if (!TYPES.contains(t) || !FIELD_TYPES.contains(ft)) {
      throw HubSpotException.validation("Invalid type '" + t + "' or fieldType '" + ft + "' for property " + name);
    }
    if (!groupExists) {
      throw HubSpotException.validation("Property group " + body.get("groupName") + " does not exist for " + type.plural);
    }
    Map<String, Object> p = StandardProperties.def(name, String.valueOf(body.getOrDefault("label", name)), t, ft,
        String.valueOf(body.getOrDefault("groupName", StandardProperties.group(type))));
    p.put("hubspotDefined", false);
    p.put("description", String.valueOf(body.getOrDefault("description", "")));
    p.put("hasUniqueValue", Boolean.TRUE.equals(body.get("hasUniqueValue")));
    p.put("hidden", Boolean.TRUE.equals(body.get("hidden")));
    p.put("formField", !Boolean.FALSE.equals(body.get("formField")));
    p.put("modificationMetadata", Map.of("archivable", true, "readOnlyDefinition", false, "readOnlyValue", false));
    if (body.get("displayOrder") instanceof Number n) {
      p.put("displayOrder", n.intValue());
    }
    p.put("options", options(body.get("options"), optionOrderRequired));
    properties.put(name, p);
    return new LinkedHashMap<>(p);
  }

  /** Applies a {@code PropertyUpdate} (label, description, options, group, field type, hidden, …); 404 if unknown. */
  synchronized Map<String, Object> update(String name, Map<String, Object> body, boolean optionOrderRequired) {
    Map<String, Object> p = properties.get(name);
    if (p == null || Boolean.TRUE.equals(p.get("archived"))) {
      throw HubSpotException.notFound();
    }
    for (String k : List.of("label", "description", "groupName", "hidden", "formField", "displayOrder", "type", "fieldType")) {
      if (body.containsKey(k)) {
        p.put(k, body.get(k));
      }
    }
    if (body.containsKey("options")) {
      p.put("options", options(body.get("options"), optionOrderRequired));
    }
    return new LinkedHashMap<>(p);
  }

  /** Archives a custom property (its name stays taken); 404 if unknown or already archived. */
  synchronized void archive(String name) {
    Map<String, Object> p = properties.get(name);
    if (p == null || Boolean.TRUE.equals(p.get("archived"))) {
      throw HubSpotException.notFound();
    }
    p.put("archived", true);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> options(Object raw, boolean orderRequired) {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      throw HubSpotException.validation("options must be an array");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : list) {
      Map<String, Object> in = (Map<String, Object>) o;
      if (in.get("label") == null || in.get("value") == null || (orderRequired && in.get("displayOrder") == null)) {
        throw HubSpotException.validation("Each option needs a label and a value" + (orderRequired ? " and a displayOrder" : ""));
      }
      Map<String, Object> opt = new LinkedHashMap<>();
      opt.put("label", String.valueOf(in.get("label")));
      opt.put("value", String.valueOf(in.get("value")));
      opt.put("displayOrder", in.get("displayOrder") instanceof Number n ? n.intValue() : out.size());
      opt.put("hidden", Boolean.TRUE.equals(in.get("hidden")));
      opt.put("description", String.valueOf(in.getOrDefault("description", "")));
      out.add(opt);
    }
    return out;
  }

  synchronized List<Map<String, Object>> groups() {
    return groups.values().stream().filter(g -> !Boolean.TRUE.equals(g.get("archived")))
        .map(LinkedHashMap::new).map(m -> (Map<String, Object>) m).toList();
  }

  /** Creates a custom group ({@code PropertyGroupCreate}: name, label required); 409 if {@code taken}. */
  synchronized Map<String, Object> createGroup(Map<String, Object> body, boolean taken) {
    if (!(body.get("name") instanceof String name) || name.isBlank() || body.get("label") == null) {
      throw HubSpotException.validation("name and label are required");
    }
    if (taken) {
      throw new HubSpotException(409, "OBJECT_ALREADY_EXISTS", "A property group named '" + name + "' already exists.");
    }
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("name", name);
    g.put("label", String.valueOf(body.get("label")));
    g.put("displayOrder", body.get("displayOrder") instanceof Number n ? n.intValue() : -1);
    g.put("archived", false);
    groups.put(name, g);
    return new LinkedHashMap<>(g);
  }

  /** Updates a custom group's label or display order; null if there is no such custom group. */
  synchronized Map<String, Object> updateGroup(String name, Map<String, Object> body) {
    Map<String, Object> g = groups.get(name);
    if (g == null || Boolean.TRUE.equals(g.get("archived"))) {
      return null;
    }
    if (body.get("label") != null) {
      g.put("label", String.valueOf(body.get("label")));
    }
    if (body.get("displayOrder") instanceof Number n) {
      g.put("displayOrder", n.intValue());
    }
    return new LinkedHashMap<>(g);
  }

  /** Archives a custom group; false if there is no such custom group. */
  synchronized boolean archiveGroup(String name) {
    Map<String, Object> g = groups.get(name);
    if (g == null || Boolean.TRUE.equals(g.get("archived"))) {
      return false;
    }
    g.put("archived", true);
    return true;
  }

  synchronized void reset() {
    properties.clear();
    groups.clear();
  }
}
