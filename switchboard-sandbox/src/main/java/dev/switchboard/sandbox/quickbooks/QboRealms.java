package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import org.springframework.stereotype.Component;

/**
 * The instance's QuickBooks companies, numbered from 1 ({@code sandbox.quickbooks.realms}, default 2). Lookups
 * answer null for "no such realm"; callers turn that into the vendor's error.
 */
@Component
class QboRealms extends AccountRegistry<QboRealm> {

  QboRealms(QboSettings settings, ChangeClock clock, QboWebhooks webhooks) {
    super(settings.realms, n -> new QboRealm(n, settings, clock, webhooks));
  }

  /** The realm with this realm id, or null. */
  QboRealm byId(String realmId) {
    return find(r -> r.realmId.equals(realmId));
  }

  /** The realm that knows this access token (valid or expired), or null if none does. */
  QboRealm byAccessToken(String token) {
    return token == null ? null
        : find(r -> r.check(token) != OAuthGrants.Status.UNKNOWN);
  }

  /** The realm whose live refresh token this is, or null. */
  QboRealm byRefreshToken(String token) {
    return find(r -> r.liveRefreshToken(token));
  }

  /** Consumes an authorization code at the realm it was issued for; null if none issued it for this URI. */
  QboRealm redeem(String code, String redirectUri) {
    return find(r -> r.grants.redeemCode(code, redirectUri));
  }

  /** The realm a request names: its number (1-based) or its realm id; realm 1 if null. Null if unknown. */
  QboRealm forControl(Object account) {
    return named(account, (r, id) -> r.realmId.equals(id.trim()));
  }

  void reset() {
    all().forEach(QboRealm::reset);
  }
}
