package dev.switchboard.app;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The admin password check (form login and HTTP Basic alike) behind {@link LoginThrottle}: while the account or
 * the client address is locked, every attempt, the right password included, fails with {@link LoginLocked}
 * without the password being looked at.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {
  private final AuthenticationProvider passwords;
  private final LoginThrottle throttle;

  ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
    this.passwords = passwords;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    String username = attempt.getName();
    String address = attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
        ? web.getRemoteAddress() : "unknown";
    Optional<Duration> wait = throttle.begin(username, address);
    if (wait.isPresent()) {
      throw new LoginLocked(wait.get());
    }
    Authentication result;
    try {
      result = passwords.authenticate(attempt);
    } catch (BadCredentialsException | AccountStatusException wrong) {
      throw wrong; // counted by begin()
    } catch (RuntimeException unchecked) { // e.g. the database is down: not a guess
      throttle.notChecked(username, address);
      throw unchecked;
    }
    if (result == null) {
      throttle.notChecked(username, address);
      throw new BadCredentialsException("not a password login");
    }
    throttle.succeeded(username, address);
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /**
   * Too many failed logins for this account or from this address: try again after {@link #retryAfterSeconds()}.
   * A {@link LockedException}, so that a {@code ProviderManager} stops at it instead of asking another provider.
   */
  static final class LoginLocked extends LockedException {
    private final Duration retryAfter;

    LoginLocked(Duration retryAfter) {
      super("Too many failed logins; retry after " + retryAfter.toSeconds() + " s");
      this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, at least 1 (for {@code Retry-After} and the login page). */
    long retryAfterSeconds() {
      long s = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
      return Math.max(1, s);
    }
  }
}
