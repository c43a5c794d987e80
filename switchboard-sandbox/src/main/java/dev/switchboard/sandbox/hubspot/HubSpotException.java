package dev.switchboard.sandbox.hubspot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An error answered in HubSpot's JSON error shape {@code {status:"error", message, correlationId, category
 * [, context] [, errors]}}. {@code context} maps a name to string values (e.g. {@code ids}); {@code errors}
 * holds {@code {message, code, context}} details (CRM property validation).
 */
class HubSpotException extends RuntimeException {

  final int status;
  final String category;
  final Map<String, List<String>> context;
  final List<Map<String, Object>> errors;

  HubSpotException(int status, String category, String message) {
    this(status, category, message, Map.of(), List.of());
  }

  HubSpotException(int status, String category, String message, Map<String, List<String>> context,
      List<Map<String, Object>> errors) {
    super(message);
    this.status = status;
    this.category = category;
    this.context = context;
    this.errors = errors;
  }

  static HubSpotException notFound() {
    return new HubSpotException(404, "OBJECT_NOT_FOUND", "resource not found");
  }

  static HubSpotException validation(String message) {
    return new HubSpotException(400, "VALIDATION_ERROR", message);
  }

  /** The same error with {@code name → values} added to its context. */
  HubSpotException withContext(String name, List<String> values) {
    Map<String, List<String>> c = new LinkedHashMap<>(context);
    c.put(name, values);
    return new HubSpotException(status, category, getMessage(), c, errors);
  }

  /**
   * 400 VALIDATION_ERROR for property values HubSpot refuses, one {@code [name, code, message]} per
   * property: the legacy message {@code Property values were not valid: [{isValid, message, error, name}]}
   * plus {@code errors[{message, code, context:{propertyName:[name]}}]}.
   */
  static HubSpotException invalidProperties(List<String[]> problems) {
    StringBuilder legacy = new StringBuilder("Property values were not valid: [");
    List<Map<String, Object>> details = new ArrayList<>();
    for (String[] p : problems) {
      if (legacy.charAt(legacy.length() - 1) != '[') {
        legacy.append(',');
      }
      legacy.append("{\"isValid\":false,\"message\":\"").append(jsonEscape(p[2])).append("\",\"error\":\"")
          .append(p[1]).append("\",\"name\":\"").append(jsonEscape(p[0])).append("\"}");
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("message", p[2]);
      d.put("code", p[1]);
      d.put("context", Map.of("propertyName", List.of(p[0])));
      details.add(d);
    }
    legacy.append(']');
    return new HubSpotException(400, "VALIDATION_ERROR", legacy.toString(), Map.of(), details);
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  Map<String, Object> body() {
    Map<String, Object> m = body(category, getMessage());
    if (!context.isEmpty()) {
      m.put("context", context);
    }
    if (!errors.isEmpty()) {
      m.put("errors", errors);
    }
    return m;
  }

  static Map<String, Object> body(String category, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "error");
    m.put("message", message);
    m.put("correlationId", UUID.randomUUID().toString());
    m.put("category", category);
    return m;
  }
}
