package dev.switchboard.sandbox.stripe;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps exceptions of Stripe controllers to Stripe's error object. */
@RestControllerAdvice(basePackageClasses = StripeErrorAdvice.class)
class StripeErrorAdvice {

  @ExceptionHandler(StripeException.class)
  ResponseEntity<Map<String, Object>> stripe(StripeException e) {
    return ResponseEntity.status(e.status).body(e.body());
  }

  @ExceptionHandler({IllegalArgumentException.class, ClassCastException.class})
  ResponseEntity<Map<String, Object>> badInput(Exception e) {
    return ResponseEntity.status(400).body(StripeException.body("invalid_request_error", "parameter_invalid_string",
        "Invalid request: " + e.getMessage(), null));
  }
}
