package dev.switchboard.sandbox.salesforce;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps exceptions of Salesforce controllers to Salesforce's error array. */
@RestControllerAdvice(basePackageClasses = SalesforceErrorAdvice.class)
class SalesforceErrorAdvice {

  @ExceptionHandler(SalesforceException.class)
  ResponseEntity<List<Map<String, Object>>> salesforce(SalesforceException e) {
    return ResponseEntity.status(e.status).body(List.of(e.error()));
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, ClassCastException.class})
  ResponseEntity<List<Map<String, Object>>> badJson(Exception e) {
    return ResponseEntity.status(400).body(List.of(SalesforceException.error("JSON_PARSER_ERROR",
        "The request body is not valid JSON: " + e.getClass().getSimpleName(), null)));
  }
}
