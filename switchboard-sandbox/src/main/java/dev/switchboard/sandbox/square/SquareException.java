package dev.switchboard.sandbox.square;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered in Square's shape: {@code {"errors":[{"category","code","detail","field"}]}}.
 * https://developer.squareup.com/docs/build-basics/handling-errors
 */
class SquareException extends RuntimeException {

  final int status;
  final String category;
  final String code;
  final String field;

  SquareException(int status, String category, String code, String detail, String field) {
    super(detail);
    this.status = status;
    this.category = category;
    this.code = code;
    this.field = field;
  }

  static SquareException invalid(String code, String detail, String field) {
    return new SquareException(400, "INVALID_REQUEST_ERROR", code, detail, field);
  }

  static SquareException notFound(String what, String id) {
    return new SquareException(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", what + " with ID `" + id + "` not found.", null);
  }

  static SquareException missing(String field) {
    return invalid("MISSING_REQUIRED_PARAMETER", "Missing required parameter.", field);
  }

  static SquareException conflict(String detail, String field) {
    return new SquareException(409, "INVALID_REQUEST_ERROR", "CONFLICT", detail, field);
  }

  /** One error object (also used inside bulk per-item responses). */
  Map<String, Object> error() {
    return error(category, code, getMessage(), field);
  }

  Map<String, Object> body() {
    return Map.of("errors", List.of(error()));
  }

  static Map<String, Object> error(String category, String code, String detail, String field) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("category", category);
    e.put("code", code);
    e.put("detail", detail);
    if (field != null) {
      e.put("field", field);
    }
    return e;
  }

  static Map<String, Object> body(String category, String code, String detail) {
    return Map.of("errors", List.of(error(category, code, detail, null)));
  }
}
