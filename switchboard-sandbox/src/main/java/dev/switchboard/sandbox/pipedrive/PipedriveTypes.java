package dev.switchboard.sandbox.pipedrive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per object type: v2 path segment, writable fields with their defaults, required fields, list filters and
 * validation. Unknown body fields are rejected with 400 as Pipedrive v2 does for unknown parameters.
 */
final class PipedriveTypes {

  private PipedriveTypes() {}

  /** Object type for a v2 path segment ({@code persons} → {@code person}), or null. */
  static String ofPath(String segment) {
    return switch (segment) {
      case "persons" -> "person";
      case "organizations" -> "organization";
      case "deals" -> "deal";
      case "activities" -> "activity";
      default -> null;
    };
  }

  static String label(String type) {
    return Character.toUpperCase(type.charAt(0)) + type.substring(1);
  }

  /** Writable fields in v2 response order, with defaults (null when absent). */
  static Map<String, Object> defaults(String type, long ownerId) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (type) {
      case "person" -> {
        m.put("name", null);
        m.put("first_name", null);
        m.put("last_name", null);
        m.put("owner_id", ownerId);
        m.put("org_id", null);
        m.put("emails", new ArrayList<>());
        m.put("phones", new ArrayList<>());
        m.put("label_ids", new ArrayList<>());
        m.put("picture_id", null);
      }
      case "organization" -> {
        m.put("name", null);
        m.put("owner_id", ownerId);
        m.put("address", null);
        m.put("label_ids", new ArrayList<>());
      }
      case "deal" -> {
        m.put("title", null);
        m.put("owner_id", ownerId);
        m.put("person_id", null);
        m.put("org_id", null);
        m.put("pipeline_id", 1L);
        m.put("stage_id", 1L);
        m.put("value", 0);
        m.put("currency", "USD");
        m.put("status", "open");
        m.put("probability", null);
        m.put("expected_close_date", null);
        m.put("won_time", null);
        m.put("lost_time", null);
        m.put("close_time", null);
        m.put("lost_reason", null);
        m.put("label_ids", new ArrayList<>());
      }
      default -> {
        m.put("subject", null);
        m.put("type", "call");
        m.put("owner_id", ownerId);
        m.put("due_date", null);
        m.put("due_time", null);
        m.put("duration", null);
        m.put("done", false);
        m.put("busy", false);
        m.put("deal_id", null);
        m.put("person_id", null);
        m.put("org_id", null);
        m.put("note", null);
        m.put("public_description", null);
        m.put("location", null);
      }
    }
    m.put("is_deleted", false);
    m.put("visible_to", 3);
    m.put("custom_fields", new LinkedHashMap<>());
    return m;
  }

  static Set<String> required(String type) {
    return switch (type) {
      case "person", "organization" -> Set.of("name");
      case "deal" -> Set.of("title");
      default -> Set.of("subject");
    };
  }

  /** Query parameters that filter a list by equality on the field of the same name. */
  static List<String> filters(String type) {
    return switch (type) {
      case "person" -> List.of("owner_id", "org_id");
      case "organization" -> List.of("owner_id");
      case "deal" -> List.of("owner_id", "person_id", "org_id", "pipeline_id", "stage_id", "status");
      default -> List.of("owner_id", "deal_id", "person_id", "org_id", "done");
    };
  }

  /** Validates one written field value; throws 400 like Pipedrive's schema validation. */
  static void check(String type, String field, Object value) {
    if (value == null) {
      return;
    }
    switch (field) {
      case "emails", "phones", "label_ids" -> {
        if (!(value instanceof List<?> l)) {
          throw PipedriveException.bad("Validation failed: " + field + ": Expected array, received " + kind(value));
        }
        if (!field.equals("label_ids")) {
          for (Object o : l) {
            if (!(o instanceof Map<?, ?> e) || !(e.get("value") instanceof String)) {
              throw PipedriveException.bad("Validation failed: " + field + ": Expected object with string value");
            }
          }
        }
      }
      case "status" -> {
        if (!Set.of("open", "won", "lost").contains(value)) {
          throw PipedriveException.bad("Validation failed: status: Invalid enum value. Expected 'open' | 'won' | 'lost', received '" + value + "'");
        }
      }
      case "owner_id", "org_id", "person_id", "deal_id", "pipeline_id", "stage_id", "visible_to" -> {
        if (!(value instanceof Number)) {
          throw PipedriveException.bad("Validation failed: " + field + ": Expected number, received " + kind(value));
        }
      }
      case "done", "busy" -> {
        if (!(value instanceof Boolean)) {
          throw PipedriveException.bad("Validation failed: " + field + ": Expected boolean, received " + kind(value));
        }
      }
      case "custom_fields" -> {
        if (!(value instanceof Map<?, ?>)) {
          throw PipedriveException.bad("Validation failed: custom_fields: Expected object, received " + kind(value));
        }
      }
      default -> { }
    }
  }

  private static String kind(Object v) {
    return v instanceof String ? "string" : v instanceof Number ? "number" : v instanceof Boolean ? "boolean"
        : v instanceof List<?> ? "array" : "object";
  }
}
