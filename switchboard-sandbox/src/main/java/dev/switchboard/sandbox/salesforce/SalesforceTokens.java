package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sessions (access tokens), refresh tokens and authorization codes. A session expires after
 * {@code sessionTimeoutSeconds} of inactivity (each valid use extends it), like Salesforce's session timeout.
 * One per org: sessions start with the org's 15-char id, as Salesforce session ids do.
 */
final class SalesforceTokens {

  private final ChangeClock clock;
  private final SalesforceSettings settings;
  private final String orgId;
  private final String staticToken;
  private final Map<String, Instant> lastUsed = new HashMap<>();
  private final Set<String> refresh = new HashSet<>();
  private final Map<String, String> codes = new HashMap<>();

  SalesforceTokens(ChangeClock clock, SalesforceSettings settings, String orgId, String staticToken) {
    this.clock = clock;
    this.settings = settings;
    this.orgId = orgId;
    this.staticToken = staticToken;
  }

  synchronized String issueAccess() {
    String t = orgId.substring(0, 15) + "!AQ" + UUID.randomUUID().toString().replace("-", "");
    lastUsed.put(t, clock.now());
    return t;
  }

  synchronized String issueRefresh() {
    String t = "5Aep" + UUID.randomUUID().toString().replace("-", "");
    refresh.add(t);
    return t;
  }

  synchronized boolean knowsRefresh(String t) {
    return t != null && refresh.contains(t);
  }

  synchronized void revoke(String t) {
    refresh.remove(t);
    lastUsed.remove(t);
  }

  synchronized String issueCode(String redirectUri) {
    String c = "aPrx" + UUID.randomUUID().toString().replace("-", "");
    codes.put(c, redirectUri);
    return c;
  }

  synchronized boolean redeemCode(String code, String redirectUri) {
    String bound = code == null ? null : codes.remove(code);
    return bound != null && bound.equals(redirectUri);
  }

  /** True (and the session is extended) if the token is a live session or the static token. */
  synchronized boolean use(String token) {
    if (token == null) {
      return false;
    }
    if (token.equals(staticToken)) {
      return true;
    }
    Instant last = lastUsed.get(token);
    Instant now = clock.now();
    if (last == null || !now.isBefore(last.plusSeconds(settings.sessionTimeoutSeconds))) {
      return false;
    }
    lastUsed.put(token, now);
    return true;
  }

  synchronized void reset() {
    lastUsed.clear();
    refresh.clear();
    codes.clear();
  }
}
