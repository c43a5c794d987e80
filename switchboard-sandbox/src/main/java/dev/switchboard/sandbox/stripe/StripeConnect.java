package dev.switchboard.sandbox.stripe;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * State of Stripe Connect OAuth (https://docs.stripe.com/connect/oauth-reference): authorization codes
 * (single use, valid 5 minutes), the access and refresh tokens issued, and whether the account is
 * connected. The sandbox holds one Stripe account ({@code sandbox.stripe.account-id}); connecting it
 * lets the platform act on it with an issued access token or with its own key plus
 * {@code Stripe-Account: acct_…}. Deauthorizing revokes both.
 */
@Component
class StripeConnect {

  static final Duration CODE_TTL = Duration.ofMinutes(5);
  private final ChangeClock clock;
  private final Map<String, Instant> codes = new HashMap<>();
  private final Set<String> accessTokens = new HashSet<>();
  private final Set<String> refreshTokens = new HashSet<>();
  private boolean connected;

  StripeConnect(ChangeClock clock) {
    this.clock = clock;
  }

  synchronized String issueCode() {
    String code = StripeStore.newId("ac", 24);
    codes.put(code, clock.now().plus(CODE_TTL));
    return code;
  }

  /** Consumes the code; true if it existed and had not expired. */
  synchronized boolean redeem(String code) {
    Instant expiry = code == null ? null : codes.remove(code);
    return expiry != null && clock.now().isBefore(expiry);
  }

  /** Connects the account and issues a token pair: {@code [access, refresh]}. */
  synchronized String[] connect() {
    connected = true;
    String access = StripeStore.newId("sk_test", 24);
    String refresh = StripeStore.newId("rt", 24);
    accessTokens.add(access);
    refreshTokens.add(refresh);
    return new String[] {access, refresh};
  }

  /** A new access token for a known refresh token (which stays valid), or null. */
  synchronized String refresh(String refreshToken) {
    if (refreshToken == null || !refreshTokens.contains(refreshToken)) {
      return null;
    }
    String access = StripeStore.newId("sk_test", 24);
    accessTokens.add(access);
    return access;
  }

  synchronized boolean isAccessToken(String key) {
    return accessTokens.contains(key);
  }

  synchronized boolean isConnected() {
    return connected;
  }

  /** Disconnects the account and revokes every token; false if it was not connected. */
  synchronized boolean deauthorize() {
    boolean was = connected;
    connected = false;
    accessTokens.clear();
    refreshTokens.clear();
    return was;
  }

  synchronized void reset() {
    codes.clear();
    deauthorize();
  }
}
