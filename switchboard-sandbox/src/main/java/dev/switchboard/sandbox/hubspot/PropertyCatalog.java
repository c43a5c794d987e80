package dev.switchboard.sandbox.hubspot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Contact property definitions: the standard ones plus custom ones created through the API.
 * Writing a property that is not defined is a 400 (HubSpot's PROPERTY_DOESNT_EXIST).
 */
@Component
class PropertyCatalog {

  /** Properties HubSpot maintains itself; values sent for them are ignored. */
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
