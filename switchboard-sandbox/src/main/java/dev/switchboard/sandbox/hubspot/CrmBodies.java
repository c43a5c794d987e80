package dev.switchboard.sandbox.hubspot;

import java.util.List;
import java.util.Map;

/** Reading the parts of CRM request bodies that every object endpoint shares. */
final class CrmBodies {

  private CrmBodies() {}

  /** The {@code properties} object of a body or input (empty when absent); 400 when it is not an object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> props(Map<String, Object> body) {
    Object p = body == null ? null : body.get("properties");
    if (p != null && !(p instanceof Map)) {
      throw HubSpotException.validation("properties must be an object");
    }
    return p == null ? Map.of() : (Map<String, Object>) p;
  }

  /** The {@code associations} array of a create ({@code PublicAssociationsForObject}: to.id, types), or empty. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> associations(Map<String, Object> body) {
    Object a = body == null ? null : body.get("associations");
    if (a != null && !(a instanceof List)) {
      throw HubSpotException.validation("associations must be an array");
    }
    return a == null ? List.of() : (List<Map<String, Object>>) a;
  }

  /** A string field of an input (numbers allowed), or null. */
  static String string(Map<String, Object> body, String field) {
    Object v = body == null ? null : body.get(field);
    return v == null ? null : v.toString();
  }
}
