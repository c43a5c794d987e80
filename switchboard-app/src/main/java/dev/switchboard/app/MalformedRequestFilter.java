package dev.switchboard.app;

import dev.switchboard.app.api.Problems;
import dev.switchboard.app.connectors.FormUrlEncoding;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every request, in front of Spring Security. Tomcat parses parameters lazily and throws
 * from whichever filter, controller or error page asks first, which used to surface as a 500 with a stack trace
 * logged two or three times. So:
 * <ul>
 *   <li>a query string Tomcat would fail on — a broken percent-escape ({@code ?a=%}, {@code ?x=%zz}), bytes that
 *       are not UTF-8, a pair without a name ({@code ?=x}), more than {@value #MAX_PARAMETERS} pairs — is answered
 *       400 here, before anything reads a parameter;</li>
 *   <li>a form body with the same faults can only be found when someone reads it (this filter must not: the
 *       webhook endpoint needs the raw body), so Tomcat's parse failure is caught on its way out and answered
 *       400 as well;</li>
 *   <li>on the error page dispatch of a request already refused (a 401, a 404), parameters Tomcat cannot parse
 *       read as absent, so rendering the error cannot fail a second time;</li>
 *   <li>a {@code Content-Type} that is a wildcard or does not parse is answered 415 (Spring MVC throws on it);</li>
 *   <li>a request for the error page itself ({@code /error}) is answered 404: it has no error to render.</li>
 * </ul>
 * Each refusal is one short INFO line naming the method and path; never the query string, which can carry a
 * secret (Mailchimp's webhook secret travels in it).
 */
@Component
class MalformedRequestFilter extends OncePerRequestFilter implements Ordered {
  /** Tomcat's default {@code maxParameterCount}: one more and its parser fails. */
  static final int MAX_PARAMETERS = 1000;
  private static final Logger log = LoggerFactory.getLogger(MalformedRequestFilter.class);

  private final String errorPath;

  MalformedRequestFilter(@Value("${server.error.path:/error}") String errorPath) {
    this.errorPath = errorPath;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getDispatcherType() == DispatcherType.ERROR) {
      chain.doFilter(new LenientParameters(request), response);
      return;
    }
    String query = request.getQueryString();
    if (query != null && (!FormUrlEncoding.isWellFormed(query) || FormUrlEncoding.pairs(query) > MAX_PARAMETERS)) {
      refuse(request, response, HttpStatus.BAD_REQUEST, "malformed_query",
          "the query string is not valid percent-encoded UTF-8 name=value pairs");
      return;
    }
    if (!concreteOrAbsent(request.getContentType())) {
      refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
          "Content-Type must be a concrete media type such as application/json");
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals(errorPath) || path.startsWith(errorPath + "/")) {
      Problems.write(response, Problems.of(HttpStatus.NOT_FOUND, "not_found", null, "no such route"));
      return;
    }
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!causedBy(e, InvalidParameterException.class) || response.isCommitted()) {
        throw e;
      }
      refuse(request, response, HttpStatus.BAD_REQUEST, "malformed_parameters",
          "the request parameters are not valid percent-encoded UTF-8 name=value pairs");
    }
  }

  /** The error dispatch of a request this filter already let through (see the class comment). */
  @Override
  protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    chain.doFilter(new LenientParameters(request), response);
  }

  /**
   * A request {@code Content-Type} that is a wildcard ({@code *}{@code /*}) or does not parse makes Spring MVC throw
   * an IllegalArgumentException (500) when it copies the header; it is no media type a body can have.
   */
  private static boolean concreteOrAbsent(@Nullable String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
      String detail) throws IOException {
    log.info("refused {}: {} ({})", describe(request), detail, status.value());
    Problems.write(response, Problems.of(status, code, null, detail));
  }

  /**
   * {@code METHOD /path} for a log line: the path cut at the first {@code ;} (matrix parameters can carry a
   * session id), at most 120 characters, anything outside a conservative set replaced, so that a hostile path
   * can neither forge log lines nor smuggle a secret into them.
   */
  static String describe(HttpServletRequest request) {
    String path = request.getRequestURI() == null ? "" : request.getRequestURI();
    int semi = path.indexOf(';');
    if (semi >= 0) {
      path = path.substring(0, semi);
    }
    if (path.length() > 120) {
      path = path.substring(0, 120) + "…";
    }
    return safe(request.getMethod(), 16) + " " + path.replaceAll("[^A-Za-z0-9/._~%+…-]", "?");
  }

  private static String safe(String s, int max) {
    String t = s == null ? "" : s.replaceAll("[^A-Za-z]", "?");
    return t.length() > max ? t.substring(0, max) : t;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
