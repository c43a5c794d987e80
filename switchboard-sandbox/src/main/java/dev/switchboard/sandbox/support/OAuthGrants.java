package dev.switchboard.sandbox.support;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Authorization codes, refresh tokens and access tokens of one vendor's OAuth emulation.
 * Access tokens expire after {@code ttl} (never if null). Thread-safe; not a bean (one per vendor).
 */
public class OAuthGrants {

  /** Result of looking up an access token. */
  public enum Status { VALID, EXPIRED, UNKNOWN }

  private final String prefix;
  private final Duration ttl;
  private final ChangeClock clock;
  private final Map<String, String> codes = new HashMap<>();
  private final Map<String, Boolean> refreshTokens = new HashMap<>();
  private final Map<String, Instant> accessTokens = new HashMap<>();

  public OAuthGrants(String prefix, Duration ttl, ChangeClock clock) {
    this.prefix = prefix;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A new single-use authorization code bound to the redirect URI. */
  public synchronized String issueCode(String redirectUri) {
    String code = prefix + "-code-" + UUID.randomUUID();
    codes.put(code, redirectUri);
    return code;
  }

  /** Consumes the code; true if it existed and was issued for this redirect URI. */
  public synchronized boolean redeemCode(String code, String redirectUri) {
    String bound = code == null ? null : codes.remove(code);
    return bound != null && bound.equals(redirectUri);
  }

  public synchronized String issueRefreshToken() {
    String t = prefix + "-refresh-" + UUID.randomUUID();
    refreshTokens.put(t, true);
    return t;
  }

  public synchronized boolean knowsRefreshToken(String token) {
    return token != null && refreshTokens.containsKey(token);
  }

  /** Revokes a refresh token (HubSpot's DELETE /oauth/v1/refresh-tokens/{token}); false when it was unknown. */
  public synchronized boolean revokeRefreshToken(String token) {
    return token != null && refreshTokens.remove(token) != null;
  }

  /**
   * The redirect of a person who refused consent on the vendor's page, as RFC 6749 §4.1.2.1 has it:
   * {@code redirect_uri?error=access_denied&error_description=…&state=…}.
   */
  public static java.net.URI refusal(String redirectUri, String state) {
    org.springframework.web.util.UriComponentsBuilder b = org.springframework.web.util.UriComponentsBuilder
        .fromUriString(redirectUri).queryParam("error", "access_denied")
        .queryParam("error_description", "The user denied the request");
    if (state != null) {
      b.queryParam("state", state);
    }
    return java.net.URI.create(b.build().encode().toUriString());
  }

  public synchronized String issueAccessToken() {
    String t = prefix + "-access-" + UUID.randomUUID();
    accessTokens.put(t, ttl == null ? Instant.MAX : clock.now().plus(ttl));
    return t;
  }

  public synchronized Status check(String token) {
    Instant expiry = token == null ? null : accessTokens.get(token);
    if (expiry == null) {
      return Status.UNKNOWN;
    }
    return clock.now().isBefore(expiry) ? Status.VALID : Status.EXPIRED;
  }

  /** Seconds until expiry (0 if unknown/expired; -1 if it never expires). */
  public synchronized long secondsLeft(String token) {
    Instant expiry = accessTokens.get(token);
    if (expiry == null) {
      return 0;
    }
    return expiry == Instant.MAX ? -1 : Math.max(0, Duration.between(clock.now(), expiry).toSeconds());
  }

  public synchronized void reset() {
    codes.clear();
    refreshTokens.clear();
    accessTokens.clear();
  }
}
