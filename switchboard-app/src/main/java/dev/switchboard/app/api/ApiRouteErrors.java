package dev.switchboard.app.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests under {@code /api/} and {@code /integrations/} that match no API route (unknown path, wrong method or
 * media type) get a {@link Problems problem} instead of the HTML or JSON error page: these errors arise before
 * any API controller is chosen, so {@link ApiErrors}, which is scoped to API controllers, never sees them. For
 * other paths the exception is rethrown and Spring's usual handling (and the console's error page) applies.
 */
@RestControllerAdvice
class ApiRouteErrors {

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class,
      HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
      HttpMediaTypeNotAcceptableException.class})
  ResponseEntity<ProblemDetail> noApiRoute(Exception e, HttpServletRequest request) throws Exception {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!(path.startsWith("/api/") || path.startsWith("/integrations/")) || !(e instanceof ErrorResponse error)) {
      throw e;
    }
    HttpStatusCode status = error.getStatusCode();
    String detail = status.value() == 404 ? "no API route " + path.replaceAll("[^A-Za-z0-9/._~%-]", "?")
        : error.getBody().getDetail() == null ? "request refused" : error.getBody().getDetail();
    return Problems.response(Problems.of(status, ApiErrors.codeFor(status), null, detail), error.getHeaders());
  }
}
