package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One QuickBooks company (realm): its entities, SyncTokens, CDC tombstones, the OAuth grants made for it (access
 * and rotating refresh tokens) and its fixed sandbox access token. Nothing is shared between realms: an Intuit grant
 * is for one company, so a token of one realm is refused on another's path.
 *
 * <p>Realm 1 is the configured one ({@code sandbox.quickbooks.realm-id}, access token
 * {@code sandbox.quickbooks.access-token}). Realm N ≥ 2 is derived from N: realm id = realm 1's + N − 1, fixed
 * access token = realm 1's + {@code -N}, company name "Sandbox Company N".
 */
final class QboRealm {

  final int number;
  final String realmId;
  final String companyName;
  final String accessToken;
  final QboStore store;
  final OAuthGrants grants;
  /** Refresh tokens of this realm's grants and their expiry (they rotate, see {@link QboOAuthController}). */
  private final Map<String, Instant> refreshTokens = new HashMap<>();
  private final ChangeClock clock;
  private int seeded;

  QboRealm(int number, QboSettings settings, ChangeClock clock, QboWebhooks webhooks) {
    this.number = number;
    boolean first = number == 1;
    this.realmId = first ? settings.realmId : String.valueOf(Long.parseLong(settings.realmId) + number - 1);
    this.companyName = first ? "Sandbox Company" : "Sandbox Company " + number;
    this.accessToken = first ? settings.accessToken : settings.accessToken + "-" + number;
    this.clock = clock;
    this.store = new QboStore(clock, webhooks, realmId);
    // realm 1 keeps the token prefix it always had; the others' prefixes tell a token's realm at a glance
    this.grants = new OAuthGrants(first ? "qbo" : "qbo" + number, Duration.ofHours(1), clock);
  }

  /** How this realm knows {@code token}: VALID (live grant or the fixed token), EXPIRED, or UNKNOWN. */
  OAuthGrants.Status check(String token) {
    return accessToken.equals(token) ? OAuthGrants.Status.VALID : grants.check(token);
  }

  /** Issues a refresh token living {@code ttlSeconds}. */
  synchronized String issueRefreshToken(long ttlSeconds) {
    String refresh = "qbo-refresh-" + UUID.randomUUID();
    refreshTokens.put(refresh, clock.now().plusSeconds(ttlSeconds));
    return refresh;
  }

  /** True if {@code token} is one of this realm's refresh tokens and has not expired. */
  synchronized boolean liveRefreshToken(String token) {
    Instant expiry = refreshTokens.get(token);
    return expiry != null && clock.now().isBefore(expiry);
  }

  synchronized void revokeRefreshToken(String token) {
    refreshTokens.remove(token);
  }

  /** The realm's running number for generated seed people (so repeated seeds do not collide). */
  synchronized int nextSeed() {
    return ++seeded;
  }

  /** Clears entities, tombstones, grants and the seed counter. */
  synchronized void reset() {
    store.reset();
    grants.reset();
    refreshTokens.clear();
    seeded = 0;
  }
}
