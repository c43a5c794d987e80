package dev.switchboard.app.api;

import dev.switchboard.app.connections.ConnectionRefused;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of an API controller into a {@link Problems problem}: our own {@link ApiError}s, and what
 * Spring MVC raises before or around the controller (unreadable body, parameter of the wrong type, unsupported
 * media type…), each with an {@code error_code} and, where one input is at fault, its {@code field}.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors extends ResponseEntityExceptionHandler {

  @ExceptionHandler(ApiError.class)
  ResponseEntity<ProblemDetail> apiError(ApiError e) {
    return e.toResponse();
  }

  /** A connection change the connections module refused (bad base URL, vendor check failed, account changed…). */
  @ExceptionHandler(ConnectionRefused.class)
  ResponseEntity<ProblemDetail> connectionRefused(ConnectionRefused e) {
    return Problems.response(Problems.of(HttpStatusCode.valueOf(e.status()), e.errorCode(), e.field(), e.getMessage()),
        null);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(ex, headers, status, request, "invalid_json", null,
        "request body is not valid JSON of the expected shape");
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    return problem(ex, headers, status, request, "invalid_parameter", name, name + " has the wrong type or format");
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(ex, headers, status, request, "missing_parameter", ex.getParameterName(),
        ex.getParameterName() + " is required");
  }

  /** Everything else Spring answers (405, 406, 415, …) keeps its status and detail and gains our members. */
  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Object problem = body == null && ex instanceof ErrorResponse e
        ? e.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale()) : body;
    if (problem instanceof ProblemDetail p && (p.getProperties() == null || !p.getProperties().containsKey("error_code"))) {
      Problems.decorate(p, codeFor(status), null);
    }
    return super.handleExceptionInternal(ex, problem, headers, status, request);
  }

  /** Problems are written as such whatever the client's {@code Accept} (see {@link Problems#response}). */
  @Override
  protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail p) {
      return ResponseEntity.status(statusCode).headers(Problems.response(p, headers).getHeaders()).body(p);
    }
    return super.createResponseEntity(body, headers, statusCode, request);
  }

  private @Nullable ResponseEntity<Object> problem(Exception ex, HttpHeaders headers, HttpStatusCode status,
      WebRequest request, String code, @Nullable String field, String detail) {
    return handleExceptionInternal(ex, Problems.of(status, code, field, detail), headers, status, request);
  }

  /** The {@code error_code} of an answer Spring chose the status of. */
  static String codeFor(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    if (known == null) {
      return status.is4xxClientError() ? "bad_request" : "internal_error";
    }
    return switch (known) {
      case NOT_FOUND -> "not_found";
      case METHOD_NOT_ALLOWED -> "method_not_allowed";
      case NOT_ACCEPTABLE -> "not_acceptable";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
      case CONTENT_TOO_LARGE -> "payload_too_large";
      case SERVICE_UNAVAILABLE -> "unavailable";
      default -> status.is4xxClientError() ? "bad_request" : "internal_error";
    };
  }
}
