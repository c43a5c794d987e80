package dev.switchboard.sandbox.hubspot;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps exceptions of HubSpot controllers to HubSpot's error JSON. */
@RestControllerAdvice(basePackageClasses = HubSpotErrorAdvice.class)
class HubSpotErrorAdvice {

  @ExceptionHandler(HubSpotException.class)
  ResponseEntity<Map<String, Object>> hubspot(HubSpotException e) {
    return ResponseEntity.status(e.status).body(e.body());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class, ClassCastException.class})
  ResponseEntity<Map<String, Object>> badInput(Exception e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(HubSpotException.body("VALIDATION_ERROR", "Invalid input JSON on line 1: " + e.getMessage()));
  }
}
