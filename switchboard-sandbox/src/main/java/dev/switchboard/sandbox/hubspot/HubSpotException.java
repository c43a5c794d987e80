package dev.switchboard.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An error answered in HubSpot's JSON error shape {@code {status, message, correlationId, category}}. */
class HubSpotException extends RuntimeException {

  final int status;
  final String category;

  HubSpotException(int status, String category, String message) {
    super(message);
    this.status = status;
    this.category = category;
  }

  static HubSpotException notFound() {
    return new HubSpotException(404, "OBJECT_NOT_FOUND", "resource not found");
  }

  static HubSpotException validation(String message) {
    return new HubSpotException(400, "VALIDATION_ERROR", message);
  }

  Map<String, Object> body() {
    return body(category, getMessage());
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
