package dev.switchboard.app;

import dev.switchboard.app.access.Member;
import dev.switchboard.app.access.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session, before anything else looks at the request, when:
 * <ul>
 *   <li>nobody has used it for {@code idle} — what the dashboard polls in the background ({@link #POLLED}) is not
 *       use, so an open tab nobody looks at does not keep it alive;</li>
 *   <li>it started more than {@code absolute} ago, used or not;</li>
 *   <li>the member's password or role changed after it started, or the membership is gone (their other sessions
 *       end: {@link Users#validSince}).</li>
 * </ul>
 * The request then goes on anonymous, marked {@link #EXPIRED}, and is answered by {@link ConsoleEntryPoint}.
 * The servlet container's own timeout should equal {@code idle}: it ends sessions nobody requests at all.
 */
final class SessionLimits extends OncePerRequestFilter {
  static final String EXPIRED = SessionLimits.class.getName() + ".expired";
  static final String LAST_USED = SessionLimits.class.getName() + ".lastUsed";
  /** Fetched by htmx polling only, never by a person's click. */
  static final Set<String> POLLED = Set.of("/console/status");

  private final Users users;
  private final Clock clock;
  private final Duration idle;
  private final Duration absolute;

  SessionLimits(Users users, Clock clock, Duration idle, Duration absolute) {
    this.users = users;
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (session != null && auth != null && auth.getPrincipal() instanceof Member member) {
      Instant now = clock.instant();
      if (over(member, session, now)) {
        session.invalidate();
        SecurityContextHolder.clearContext();
        request.setAttribute(EXPIRED, Boolean.TRUE);
      } else if (!(isGet(request) && POLLED.contains(request.getServletPath()))
          || session.getAttribute(LAST_USED) == null) {
        session.setAttribute(LAST_USED, now);
      }
    }
    chain.doFilter(request, response);
  }

  private boolean over(Member member, HttpSession session, Instant now) {
    if (now.isAfter(member.signedInAt().plus(absolute))) {
      return true;
    }
    if (session.getAttribute(LAST_USED) instanceof Instant last && now.isAfter(last.plus(idle))) {
      return true;
    }
    Optional<Instant> validSince = users.validSince(member.getUsername(), member.tenantId());
    return validSince.isEmpty() || validSince.get().isAfter(member.signedInAt());
  }

  private static boolean isGet(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
  }
}
