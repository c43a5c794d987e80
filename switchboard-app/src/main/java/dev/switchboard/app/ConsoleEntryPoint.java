package dev.switchboard.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

/**
 * How the console answers a request without a (live) session: an htmx request gets {@code 204} with
 * {@code HX-Redirect: /login} — htmx then loads the login page as a whole page, never into a panel, and the browser
 * logs no error —, a browser page {@code 302} to it, anything else a plain {@code 401} (no HTTP Basic challenge: the
 * console takes no Basic credentials). After {@link SessionLimits} ended the session the login page says so
 * ({@code /login?expired}). It is also the access-denied handler, so that an htmx change whose session (and so CSRF
 * token) is gone is sent to the login page too instead of being answered 403.
 */
final class ConsoleEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {
  private final AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    String login = request.getContextPath() + "/login" + (request.getAttribute(SessionLimits.EXPIRED) != null
        ? "?expired" : "");
    if (isHtmx(request)) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      response.setHeader("HX-Redirect", login);
    } else if (acceptsHtml(request)) {
      response.sendRedirect(login);
    } else {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().println("Sign in at " + login);
    }
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException, jakarta.servlet.ServletException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    boolean signedIn = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    if (!signedIn && isHtmx(request)) {
      commence(request, response, new org.springframework.security.authentication.InsufficientAuthenticationException("no session"));
    } else {
      forbidden.handle(request, response, denied);
    }
  }

  static boolean isHtmx(HttpServletRequest request) {
    return "true".equals(request.getHeader("HX-Request"));
  }

  private static boolean acceptsHtml(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }
}
