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
 * State of Stripe Connect OAuth (https://docs.stripe.com/connect/oauth-reference) between the platform (account 1)
 * and the accounts connected to it: authorization codes (single use, valid 5 minutes, each bound to the account whose
 * user approved it), the access and refresh tokens issued (each reaching that one account), and which accounts are
 * connected. A connected account can be acted on with one of its access tokens, or with the platform's key plus
 * {@code Stripe-Account: acct_…}. Deauthorizing an account disconnects it and revokes its tokens only. Accounts are
 * named by id here; {@link StripeAccounts} maps ids to accounts.
 */
@Component
class StripeConnect {

  static final Duration CODE_TTL = Duration.ofMinutes(5);

  private record Code(String accountId, Instant expiry) {}

  private final ChangeClock clock;
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, String> accessTokens = new HashMap<>();
  private final Map<String, String> refreshTokens = new HashMap<>();
  private final Set<String> connected = new HashSet<>();

  StripeConnect(ChangeClock clock) {
    this.clock = clock;
  }

  /** A code that connects {@code accountId} once redeemed. */
  synchronized String issueCode(String accountId) {
    String code = StripeStore.newId("ac", 24);
    codes.put(code, new Code(accountId, clock.now().plus(CODE_TTL)));
    return code;
  }

  /** Consumes the code; the id of the account it was issued for, or null if unknown or expired. */
  synchronized String redeem(String code) {
    Code c = code == null ? null : codes.remove(code);
    return c != null && clock.now().isBefore(c.expiry()) ? c.accountId() : null;
  }

  /** Connects the account and issues it a token pair: {@code [access, refresh]}. */
  synchronized String[] connect(String accountId) {
    connected.add(accountId);
    String access = StripeStore.newId("sk_test", 24);
    String refresh = StripeStore.newId("rt", 24);
    accessTokens.put(access, accountId);
    refreshTokens.put(refresh, accountId);
    return new String[] {access, refresh};
  }

  /** A new access token for the account of a known refresh token (which stays valid), or null. */
  synchronized String refresh(String refreshToken) {
    String accountId = refreshToken == null ? null : refreshTokens.get(refreshToken);
    if (accountId == null) {
      return null;
    }
    String access = StripeStore.newId("sk_test", 24);
    accessTokens.put(access, accountId);
    return access;
  }

  /** The id of the account this access token reaches, or null if it is not a live access token. */
  synchronized String accountOf(String accessToken) {
    return accessTokens.get(accessToken);
  }

  synchronized boolean isConnected(String accountId) {
    return connected.contains(accountId);
  }

  synchronized Set<String> connectedIds() {
    return Set.copyOf(connected);
  }

  /** Disconnects the account and revokes its tokens; false if it was not connected. */
  synchronized boolean deauthorize(String accountId) {
    accessTokens.values().removeIf(accountId::equals);
    refreshTokens.values().removeIf(accountId::equals);
    return connected.remove(accountId);
  }

  synchronized void reset() {
    codes.clear();
    accessTokens.clear();
    refreshTokens.clear();
    connected.clear();
  }
}
