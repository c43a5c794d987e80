package dev.switchboard.sandbox.vagaro;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps exceptions of the Vagaro controllers to Vagaro's error envelope. */
@RestControllerAdvice(basePackageClasses = VagaroErrorAdvice.class)
class VagaroErrorAdvice {

  @ExceptionHandler(VagaroException.class)
  ResponseEntity<Map<String, Object>> vagaro(VagaroException e) {
    return ResponseEntity.status(e.status).body(e.body());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(Exception e) {
    return vagaro(VagaroException.of(400, "The request body is not valid JSON."));
  }
}
