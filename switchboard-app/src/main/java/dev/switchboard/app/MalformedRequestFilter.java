package dev.switchboard.app;

import dev.switchboard.app.api.Problems;
import dev.switchboard.app.connectors.FormUrlEncoding;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every request, in front of Spring Security. A query string whose percent-encoding is
 * broken ({@code ?a=%}, {@code ?x=%zz}) or whose decoded bytes are not UTF-8 is answered 400 here, before
 * anything reads a parameter: Tomcat parses parameters lazily and throws from whichever filter, controller or
 * error page asks first, which used to surface as a 500 with a stack trace logged two or three times. A form
 * body with a bad escape can only be found when someone reads it (this filter must not: the webhook endpoint
 * needs the raw body), so Tomcat's parse failure is caught on its way out and answered 400 as well.
 *
 * <p>Each refusal is one short INFO line naming the method and path; never the query string, which can carry a
 * secret (Mailchimp's webhook secret travels in it).
 */
@Component
class MalformedRequestFilter extends OncePerRequestFilter implements Ordered {
  private static final Logger log = LoggerFactory.getLogger(MalformedRequestFilter.class);

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    if (query != null && !FormUrlEncoding.isWellFormed(query)) {
      refuse(request, response, "malformed_query", "the query string is not valid percent-encoded UTF-8");
      return;
    }
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!causedBy(e, InvalidParameterException.class) || response.isCommitted()) {
        throw e;
      }
      refuse(request, response, "malformed_parameters", "the request parameters are not valid percent-encoded UTF-8");
    }
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, String code, String detail)
      throws IOException {
    log.info("refused {}: {} (400)", describe(request), detail);
    Problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, code, null, detail));
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
