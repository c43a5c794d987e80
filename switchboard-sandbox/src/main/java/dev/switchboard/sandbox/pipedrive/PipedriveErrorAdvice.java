package dev.switchboard.sandbox.pipedrive;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps exceptions of Pipedrive controllers to Pipedrive's error envelope. */
@RestControllerAdvice(basePackageClasses = PipedriveErrorAdvice.class)
class PipedriveErrorAdvice {

  @ExceptionHandler(PipedriveException.class)
  ResponseEntity<Map<String, Object>> pipedrive(PipedriveException e) {
    return ResponseEntity.status(e.status).body(e.body());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class, ClassCastException.class})
  ResponseEntity<Map<String, Object>> badInput(Exception e) {
    return ResponseEntity.status(400).body(PipedriveException.body(400, "Validation failed: " + e.getMessage()));
  }
}
