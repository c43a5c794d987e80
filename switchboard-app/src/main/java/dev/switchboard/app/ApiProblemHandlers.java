package dev.switchboard.app;

import dev.switchboard.app.api.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;

/** Spring Security's refusals on API routes, as {@link Problems problems} like every other API error. */
final class ApiProblemHandlers {
  private ApiProblemHandlers() {}

  /** {@code /api/tokens} without the admin login (a bearer token included): 401, or 429 while the login is locked. */
  static void adminRequired(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof ThrottledAuthenticationProvider.LoginLocked locked) {
      response.setHeader("Retry-After", String.valueOf(locked.retryAfterSeconds()));
      Problems.write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "login_locked", null,
          "too many failed logins; retry after " + locked.retryAfterSeconds() + " s"));
      return;
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard\"");
    Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "admin_login_required", null,
        "API tokens are issued, listed and revoked with the admin login (HTTP Basic or the console session); an API "
            + "token cannot do it"));
  }

  /** {@code /api/tokens}: a session-authenticated change without the console's CSRF token. */
  static void csrfOrForbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    if (e instanceof CsrfException) {
      Problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "csrf_token_required", null,
          "a change made with the console's session needs its CSRF token (header X-CSRF-TOKEN)"));
    } else {
      Problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", null, "not allowed"));
    }
  }

  /**
   * A token whose scope does not cover the request: a {@code read} token asking for a change, a {@code metrics}
   * token asking for the API, or an API token asking for the metrics.
   */
  static void insufficientScope(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
    boolean metricsToken = auth != null && auth.getAuthorities().stream()
        .anyMatch(a -> ApiTokenFilter.ROLE_METRICS.equals(a.getAuthority()));
    String detail = request.getRequestURI().startsWith(request.getContextPath() + "/actuator/")
        ? "the metrics need a token with the metrics scope, which an owner issues"
        : metricsToken ? "this token has the metrics scope: it reads the metrics (/actuator) and nothing else"
            : "this API token has the read scope; " + request.getMethod() + " needs a token with the write scope";
    Problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "insufficient_scope", null, detail));
  }
}
