package dev.switchboard.app.api;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps API errors and unreadable bodies to {@code {error_code, field, message}}. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

  @ExceptionHandler(ApiError.class)
  ResponseEntity<Map<String, Object>> apiError(ApiError e) {
    return e.toResponse();
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return new ApiError(HttpStatus.BAD_REQUEST, "invalid_json", null, "request body is not valid JSON of the expected shape")
        .toResponse();
  }
}
