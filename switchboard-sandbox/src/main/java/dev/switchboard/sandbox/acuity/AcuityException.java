package dev.switchboard.sandbox.acuity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered in Acuity's shape {@code {"status_code":400,"message":"…","error":"…"}}
 * (https://developers.acuityscheduling.com/reference/api-errors).
 */
class AcuityException extends RuntimeException {

  final int status;
  final String error;

  AcuityException(int status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  static AcuityException badRequest(String error, String message) {
    return new AcuityException(400, error, message);
  }

  static AcuityException notFound(String message) {
    return new AcuityException(404, "not_found", message);
  }

  static AcuityException required(String param) {
    return badRequest("required_" + param.toLowerCase(), "The parameter \"" + param + "\" is required.");
  }

  Map<String, Object> body() {
    return body(status, getMessage(), error);
  }

  static Map<String, Object> body(int status, String message, String error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status_code", status);
    m.put("message", message);
    m.put("error", error);
    return m;
  }
}
