package dev.switchboard.sandbox.vagaro;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error answered in {@link VagaroEnvelope}'s error shape by {@link VagaroErrorAdvice}. */
class VagaroException extends RuntimeException {

  final int status;
  final Map<String, String> errors;

  VagaroException(int status, String message, Map<String, String> errors) {
    super(message);
    this.status = status;
    this.errors = errors;
  }

  /** An error without a field: {@code errors: {exception: message}}. */
  static VagaroException of(int status, String message) {
    return new VagaroException(status, message, Map.of("exception", message));
  }

  /** 400, one field: {@code errors: {field: reason}}. */
  static VagaroException invalid(String field, String reason) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put(field, reason);
    return new VagaroException(400, "Validation failed.", e);
  }

  static VagaroException required(String field) {
    return invalid(field, field + " is required.");
  }

  /** 404 naming the field whose id is unknown to this account. */
  static VagaroException notFound(String field, String what) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put(field, what + " not found.");
    return new VagaroException(404, what + " not found.", e);
  }

  Map<String, Object> body() {
    return VagaroEnvelope.error(status, getMessage(), errors);
  }
}
