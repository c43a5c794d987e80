package dev.switchboard.sandbox.calendly;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps exceptions of the Calendly controllers to Calendly's error JSON. */
@RestControllerAdvice(basePackageClasses = CalendlyErrorAdvice.class)
class CalendlyErrorAdvice {

  @ExceptionHandler(CalendlyException.class)
  ResponseEntity<Map<String, Object>> calendly(CalendlyException e) {
    return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON).body(e.body());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class, ClassCastException.class,
      java.time.format.DateTimeParseException.class})
  ResponseEntity<Map<String, Object>> badInput(Exception e) {
    return ResponseEntity.status(400).contentType(MediaType.APPLICATION_JSON)
        .body(CalendlyException.body("Invalid Argument", "The supplied parameters are invalid.",
            java.util.List.of(Map.of("message", String.valueOf(e.getMessage())))));
  }
}
