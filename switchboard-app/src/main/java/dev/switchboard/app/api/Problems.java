package dev.switchboard.app.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one error shape of the API (and of requests refused before any controller runs): an RFC 9457 problem,
 * {@code application/problem+json}, with {@code type} {@code urn:switchboard:problem:<error_code>}, {@code title}
 * (the HTTP reason phrase), {@code status} and {@code detail}, plus the extension members the seed-2 contract
 * promises — {@code error_code}, {@code field} (null when no single input is at fault) — and {@code message}
 * (the same text as {@code detail}, kept for clients written against the earlier shape).
 */
public final class Problems {
  static final String TYPE_PREFIX = "urn:switchboard:problem:";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  /** A problem with the members described in the class comment. */
  public static ProblemDetail of(HttpStatusCode status, String errorCode, @Nullable String field, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create(TYPE_PREFIX + errorCode));
    decorate(p, errorCode, field);
    return p;
  }

  /** Adds the extension members to a problem Spring built (keeps its status, title and detail). */
  static ProblemDetail decorate(ProblemDetail p, String errorCode, @Nullable String field) {
    p.setType(URI.create(TYPE_PREFIX + errorCode));
    p.setProperty("error_code", errorCode);
    p.setProperty("field", field);
    p.setProperty("message", p.getDetail());
    return p;
  }

  /**
   * A problem as a Spring MVC answer, with its Content-Type set: that skips content negotiation, so the problem is
   * written even when the client's {@code Accept} is unparseable or names no JSON type (it would otherwise get an
   * empty body).
   */
  static ResponseEntity<ProblemDetail> response(ProblemDetail problem, @Nullable HttpHeaders headers) {
    HttpHeaders h = new HttpHeaders();
    if (headers != null) {
      h.putAll(headers);
    }
    h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return ResponseEntity.status(problem.getStatus()).headers(h).body(problem);
  }

  /**
   * Writes a problem straight to a servlet response, for code that runs outside Spring MVC (filters, Spring
   * Security handlers). Does nothing when the response is already committed.
   */
  public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(toMap(problem)));
    response.flushBuffer();
  }

  private static Map<String, Object> toMap(ProblemDetail p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", p.getType().toString());
    m.put("title", p.getTitle());
    m.put("status", p.getStatus());
    m.put("detail", p.getDetail());
    if (p.getInstance() != null) {
      m.put("instance", p.getInstance().toString());
    }
    if (p.getProperties() != null) {
      m.putAll(p.getProperties());
    }
    return m;
  }
}
