package dev.switchboard.app.api;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A 4xx answer: the request was refused and nothing changed. Rendered as a {@link Problems problem}. */
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

  /** A 400 {@code invalid_parameter} naming the query or path parameter at fault. */
  static ApiError invalidParameter(String name, String message) {
    return new ApiError(HttpStatus.BAD_REQUEST, "invalid_parameter", name, message);
  }

  ResponseEntity<ProblemDetail> toResponse() {
    return Problems.response(Problems.of(status, errorCode, field, getMessage()), null);
  }
}
