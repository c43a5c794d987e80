package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps exceptions of the QuickBooks controllers to Intuit fault JSON. */
@RestControllerAdvice(basePackageClasses = QboErrorAdvice.class)
class QboErrorAdvice {

  private final ChangeClock clock;

  QboErrorAdvice(ChangeClock clock) {
    this.clock = clock;
  }

  @ExceptionHandler(QboFault.class)
  ResponseEntity<Map<String, Object>> fault(QboFault f) {
    return ResponseEntity.status(f.status).contentType(MediaType.APPLICATION_JSON).body(f.body(QboStore.MILLIS.format(clock.now())));
  }

  @ExceptionHandler({MissingServletRequestParameterException.class, IllegalArgumentException.class, ClassCastException.class,
      NullPointerException.class})
  ResponseEntity<Map<String, Object>> badInput(Exception e) {
    return fault(QboFault.validation("2010", "Request has invalid or unsupported property",
        "Request has invalid or unsupported property: " + e.getMessage(), ""));
  }
}
