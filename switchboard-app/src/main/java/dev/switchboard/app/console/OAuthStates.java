package dev.switchboard.app.console;

import dev.switchboard.app.access.Member;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * The OAuth {@code state} of sign-ins under way, kept in the console session that started them: random (32 bytes),
 * single use (taken out when the vendor sends the person back, whatever comes of it), 10 minutes, and bound to the
 * session, user, tenant and vendor. A callback in another session finds nothing; a replayed one finds nothing either.
 */
@Component
class OAuthStates {
  static final Duration TTL = Duration.ofMinutes(10);
  /** Sign-ins one session may have under way (the oldest is dropped): a tab left open costs nothing. */
  private static final int MAX_PENDING = 5;
  private static final String ATTRIBUTE = OAuthStates.class.getName();

  /**
   * One sign-in under way.
   *
   * @param reconnectId the connection whose tokens it renews, or null for a new connection
   */
  record Pending(String state, String system, String tenantId, String username, Instant expiresAt, String displayName,
      Map<String, String> settings, @Nullable String reconnectId) implements Serializable {}

  /** Why a callback's state was refused (plain words for the page). */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  OAuthStates(Clock clock) {
    this.clock = clock;
  }

  /** A new state for {@code member} in {@code session}. */
  Pending begin(HttpSession session, Member member, String system, String displayName, Map<String, String> settings,
      @Nullable String reconnectId) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    Pending p = new Pending(Base64.getUrlEncoder().withoutPadding().encodeToString(b), system, member.tenantId(),
        member.getUsername(), clock.instant().plus(TTL), displayName, Map.copyOf(settings), reconnectId);
    Map<String, Pending> pending = pending(session);
    while (pending.size() >= MAX_PENDING) {
      pending.values().stream().min(java.util.Comparator.comparing(Pending::expiresAt))
          .ifPresent(oldest -> pending.remove(oldest.state()));
    }
    pending.put(p.state(), p);
    return p;
  }

  /**
   * Takes the state out of {@code session} (it can never be used again) and checks it belongs to this vendor, member
   * and tenant and has not expired.
   *
   * @throws Refused in plain words, when it does not
   */
  Pending take(@Nullable HttpSession session, @Nullable String state, String system, Member member) {
    // removed atomically: of two callbacks racing with one state, one gets it
    Pending p = session == null || state == null ? null : pending(session).remove(state);
    if (p == null) {
      throw new Refused("This sign-in was not started in this browser session, or it has already been used. Nothing "
          + "was connected; start again from this page.");
    }
    if (!p.system().equals(system) || !p.tenantId().equals(member.tenantId())
        || !p.username().equals(member.getUsername())) {
      throw new Refused("This sign-in was started for another account or organisation. Nothing was connected; start "
          + "again from this page.");
    }
    if (clock.instant().isAfter(p.expiresAt())) {
      throw new Refused("This sign-in took longer than 10 minutes and has expired. Nothing was connected; start again "
          + "from this page.");
    }
    return p;
  }

  /** The session's sign-ins under way: one concurrent map per session, made once under the session's mutex. */
  @SuppressWarnings("unchecked")
  private static Map<String, Pending> pending(HttpSession session) {
    synchronized (WebUtils.getSessionMutex(session)) {
      if (session.getAttribute(ATTRIBUTE) instanceof ConcurrentHashMap<?, ?> m) {
        return (Map<String, Pending>) m;
      }
      ConcurrentHashMap<String, Pending> m = new ConcurrentHashMap<>();
      session.setAttribute(ATTRIBUTE, m);
      return m;
    }
  }
}
