package dev.switchboard.sandbox.mailchimp;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps exceptions of Mailchimp controllers to problem JSON. */
@RestControllerAdvice(basePackageClasses = MailchimpErrorAdvice.class)
class MailchimpErrorAdvice {

  static final MediaType PROBLEM = MediaType.parseMediaType("application/problem+json");

  @ExceptionHandler(MailchimpException.class)
  ResponseEntity<Map<String, Object>> mailchimp(MailchimpException e) {
    return ResponseEntity.status(e.status).contentType(PROBLEM).body(e.body());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class, ClassCastException.class})
  ResponseEntity<Map<String, Object>> badInput(Exception e) {
    return ResponseEntity.status(400).contentType(PROBLEM).body(MailchimpException.body(400, "JSON Schema Validation Failed",
        "The submitted JSON is invalid: " + e.getMessage()));
  }
}
