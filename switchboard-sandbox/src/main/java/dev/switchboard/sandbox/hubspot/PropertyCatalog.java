package dev.switchboard.sandbox.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One portal's contact property definitions: the standard ones plus custom ones created through the API,
 * and the validation of written values against them: a property that is not defined (PROPERTY_DOESNT_EXIST)
 * or read-only (READ_ONLY_VALUE) is a 400. Custom properties are the portal's own, as in HubSpot.
 */
final class PropertyCatalog {

  /** Properties HubSpot maintains itself; writing them is a 400 ({@code createdate} may be set on create). */
  static final Set<String> READ_ONLY = Set.of("createdate", "lastmodifieddate", "hs_object_id");

  private final Map<String, Map<String, Object>> custom = new LinkedHashMap<>();

  private static final List<Map<String, Object>> STANDARD =
      List.of(
          def("email", "Email", "string", "text", "contactinformation"),
          def("firstname", "First Name", "string", "text", "contactinformation"),
          def("lastname", "Last Name", "string", "text", "contactinformation"),
          def("phone", "Phone Number", "string", "phonenumber", "contactinformation"),
          def("company", "Company Name", "string", "text", "contactinformation"),
          def("lifecyclestage", "Lifecycle Stage", "enumeration", "radio", "contactinformation"),
          def("hs_email_optout", "Unsubscribed from all email", "bool", "booleancheckbox", "emailinformation"),
          def("createdate", "Create Date", "datetime", "date", "contactinformation"),
          def("lastmodifieddate", "Last Modified Date", "datetime", "date", "contactinformation"),
          def("hs_object_id", "Record ID", "number", "number", "contactinformation"));

  private static Map<String, Object> def(String name, String label, String type, String fieldType, String group) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("label", label);
    m.put("type", type);
    m.put("fieldType", fieldType);
    m.put("groupName", group);
    m.put("description", "");
    m.put("options", List.of());
    m.put("displayOrder", -1);
    m.put("calculated", false);
    m.put("externalOptions", false);
    m.put("hasUniqueValue", name.equals("hs_object_id"));
    m.put("hidden", false);
    m.put("formField", !READ_ONLY.contains(name));
    m.put("modificationMetadata", Map.of("archivable", true, "readOnlyDefinition", true, "readOnlyValue", READ_ONLY.contains(name)));
    m.put("archived", false);
    return Collections.unmodifiableMap(m);
  }

  synchronized List<Map<String, Object>> all() {
    List<Map<String, Object>> out = new ArrayList<>(STANDARD);
    out.addAll(custom.values());
    return out;
  }

  synchronized Map<String, Object> get(String name) {
    return STANDARD.stream().filter(p -> p.get("name").equals(name)).findFirst().orElse(custom.get(name));
  }

  synchronized boolean exists(String name) {
    return get(name) != null;
  }

  /**
   * Converts JSON property values (strings, numbers, booleans, null) to HubSpot's string values; emails
   * are trimmed and lower-cased, a {@code createdate} given on create is normalised to ISO millis. Throws
   * one 400 listing every unknown ({@code PROPERTY_DOESNT_EXIST}) and read-only ({@code READ_ONLY_VALUE})
   * property.
   */
  synchronized Map<String, String> normalize(Map<String, ?> raw, boolean creating) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    List<String[]> problems = new ArrayList<>();
    raw.forEach(
        (k, v) -> {
          if (!exists(k)) {
            problems.add(new String[] {k, "PROPERTY_DOESNT_EXIST", "Property \"" + k + "\" does not exist"});
          } else if (READ_ONLY.contains(k) && !(creating && k.equals("createdate"))) {
            problems.add(new String[] {k, "READ_ONLY_VALUE", "\"" + k + "\" is a read only property; its value cannot be set."});
          } else {
            String s = v == null ? "" : v.toString();
            out.put(k, k.equals("email") ? s.trim().toLowerCase(Locale.ROOT) : s);
          }
        });
    if (!problems.isEmpty()) {
      throw HubSpotException.invalidProperties(problems);
    }
    if (out.get("createdate") != null && !out.get("createdate").isBlank()) {
      out.put("createdate", ContactJson.ts(Instant.ofEpochMilli(ContactSearch.millis(out.get("createdate")))));
    }
    return out;
  }

  /** Creates a custom property; 409 if the name is taken. */
  synchronized Map<String, Object> create(Map<String, Object> body) {
    String name = String.valueOf(body.get("name"));
    if (body.get("name") == null || name.isBlank()) {
      throw HubSpotException.validation("Property name is required");
    }
    if (exists(name)) {
      throw new HubSpotException(409, "OBJECT_ALREADY_EXISTS", "A property named '" + name + "' already exists.");
    }
    Map<String, Object> p = new LinkedHashMap<>(def(name, String.valueOf(body.getOrDefault("label", name)),
        String.valueOf(body.getOrDefault("type", "string")), String.valueOf(body.getOrDefault("fieldType", "text")),
        String.valueOf(body.getOrDefault("groupName", "contactinformation"))));
    p.put("hubspotDefined", false);
    custom.put(name, p);
    return p;
  }

  synchronized void reset() {
    custom.clear();
  }
}
