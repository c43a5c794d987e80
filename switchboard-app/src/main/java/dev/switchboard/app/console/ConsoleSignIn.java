package dev.switchboard.app.console;

import dev.switchboard.app.access.Member;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/** Signing a member in from a controller (after setup, after a password change) the way a login does. */
final class ConsoleSignIn {
  private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

  private ConsoleSignIn() {}

  /**
   * Makes {@code member} (freshly loaded: its {@link Member#signedInAt()} is now) this session's user, on a new
   * session id, so that a session id known before cannot ride on the sign-in.
   */
  static void signIn(Member member, HttpServletRequest request, HttpServletResponse response) {
    member.eraseCredentials();
    request.getSession(true);
    request.changeSessionId();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(member, null,
        member.getAuthorities()));
    SecurityContextHolder.setContext(context);
    CONTEXTS.saveContext(context, request, response);
  }
}
