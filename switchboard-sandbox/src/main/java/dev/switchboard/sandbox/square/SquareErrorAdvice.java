package dev.switchboard.sandbox.square;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Maps exceptions of the Square controllers to Square's error JSON. */
@RestControllerAdvice(basePackageClasses = SquareErrorAdvice.class)
class SquareErrorAdvice {

  @ExceptionHandler(SquareException.class)
  ResponseEntity<Map<String, Object>> square(SquareException e) {
    return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON).body(e.body());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class, ClassCastException.class,
      MethodArgumentTypeMismatchException.class})
  ResponseEntity<Map<String, Object>> badInput(Exception e) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
        .body(SquareException.body("INVALID_REQUEST_ERROR", "BAD_REQUEST", "Invalid request: " + e.getMessage()));
  }
}
