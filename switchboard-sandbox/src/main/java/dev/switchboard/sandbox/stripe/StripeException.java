package dev.switchboard.sandbox.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Stripe API error: rendered as {@code {"error":{type, code, message, param, doc_url}}} with the
 * HTTP status Stripe uses (400 invalid params, 401 auth, 402 card, 404 missing, 429 rate limit).
 * See https://stripe.com/docs/api/errors
 */
class StripeException extends RuntimeException {

  final int status;
  final String type;
  final String code;
  final String param;

  StripeException(int status, String type, String code, String message, String param) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  /** 404 resource_missing, e.g. "No such customer: 'cus_x'". */
  static StripeException missing(String what, String id, String param) {
    return new StripeException(404, "invalid_request_error", "resource_missing", "No such " + what + ": '" + id + "'", param);
  }

  /** 400 parameter_missing. */
  static StripeException paramMissing(String param) {
    return new StripeException(400, "invalid_request_error", "parameter_missing", "Missing required param: " + param + ".", param);
  }

  /** 400 parameter_invalid_*. */
  static StripeException invalid(String code, String message, String param) {
    return new StripeException(400, "invalid_request_error", code, message, param);
  }

  Map<String, Object> body() {
    return body(type, code, getMessage(), param);
  }

  static Map<String, Object> body(String type, String code, String message, String param) {
    Map<String, Object> e = new LinkedHashMap<>();
    if (code != null) {
      e.put("code", code);
      e.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
    }
    e.put("message", message);
    if (param != null) {
      e.put("param", param);
    }
    e.put("type", type);
    return Map.of("error", e);
  }
}
