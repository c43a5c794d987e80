package dev.switchboard.app.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A 4xx answer: the request was refused and nothing changed. */
class ApiError extends RuntimeException {
  final HttpStatus status;
  final String errorCode;
  final @Nullable String field;

  ApiError(HttpStatus status, String errorCode, @Nullable String field, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.field = field;
  }

  ResponseEntity<Map<String, Object>> toResponse() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "error");
    body.put("error_code", errorCode);
    body.put("field", field);
    body.put("message", getMessage());
    return ResponseEntity.status(status).body(body);
  }
}
