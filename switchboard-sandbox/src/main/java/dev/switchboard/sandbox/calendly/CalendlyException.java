package dev.switchboard.sandbox.calendly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered in Calendly's shape: {@code {"title": …, "message": …, "details": [{"parameter", "message"}]}}.
 * Shapes per the error sections of each endpoint in https://developer.calendly.com/api-docs (texts used here: README).
 */
class CalendlyException extends RuntimeException {

  final int status;
  final String title;
  final List<Map<String, String>> details;

  CalendlyException(int status, String title, String message, List<Map<String, String>> details) {
    super(message);
    this.status = status;
    this.title = title;
    this.details = details;
  }

  static CalendlyException notFound() {
    return new CalendlyException(404, "Resource Not Found", "The server could not find the requested resource.", null);
  }

  static CalendlyException invalid(String parameter, String message) {
    return new CalendlyException(400, "Invalid Argument", "The supplied parameters are invalid.",
        List.of(Map.of("parameter", parameter, "message", message)));
  }

  static CalendlyException forbidden(String message) {
    return new CalendlyException(403, "Permission Denied", message, null);
  }

  Map<String, Object> body() {
    return body(title, getMessage(), details);
  }

  static Map<String, Object> body(String title, String message, List<Map<String, String>> details) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("message", message);
    if (details != null) {
      m.put("details", details);
    }
    return m;
  }
}
