package dev.switchboard.sandbox.acuity;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Maps exceptions of the Acuity controllers to Acuity's error JSON. */
@RestControllerAdvice(basePackageClasses = AcuityErrorAdvice.class)
class AcuityErrorAdvice {

  @ExceptionHandler(AcuityException.class)
  ResponseEntity<Map<String, Object>> acuity(AcuityException e) {
    return ResponseEntity.status(e.status).body(e.body());
  }

  // https://developers.acuityscheduling.com/reference/api-errors ("Expected a JSON object.")
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(Exception e) {
    return ResponseEntity.status(400).body(AcuityException.body(400, "Expected a JSON object.", "bad_request"));
  }

  /** A non-numeric id in the path is an unknown resource (404), a bad query/body value a 400. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
    if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
      return ResponseEntity.status(404).body(AcuityException.body(404, "Not Found", "not_found"));
    }
    return badInput(e);
  }

  @ExceptionHandler({IllegalArgumentException.class, ClassCastException.class})
  ResponseEntity<Map<String, Object>> badInput(Exception e) {
    return ResponseEntity.status(400).body(AcuityException.body(400, "Bad Request", "bad_request"));
  }
}
