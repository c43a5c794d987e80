package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The instance's QuickBooks companies, numbered from 1 ({@code sandbox.quickbooks.realms}, default 2). Lookups
 * answer null for "no such realm"; callers turn that into the vendor's error.
 */
@Component
class QboRealms {

  private final List<QboRealm> realms = new ArrayList<>();

  QboRealms(QboSettings settings, ChangeClock clock, QboWebhooks webhooks) {
    for (int n = 1; n <= settings.realms; n++) {
      realms.add(new QboRealm(n, settings, clock, webhooks));
    }
  }

  List<QboRealm> all() {
    return realms;
  }

  QboRealm first() {
    return realms.getFirst();
  }

  /** The realm with this realm id, or null. */
  QboRealm byId(String realmId) {
    return realms.stream().filter(r -> r.realmId.equals(realmId)).findFirst().orElse(null);
  }

  /** The realm that knows this access token (valid or expired), or null if none does. */
  QboRealm byAccessToken(String token) {
    return token == null ? null
        : realms.stream().filter(r -> r.check(token) != OAuthGrants.Status.UNKNOWN).findFirst().orElse(null);
  }

  /** The realm whose live refresh token this is, or null. */
  QboRealm byRefreshToken(String token) {
    return realms.stream().filter(r -> r.liveRefreshToken(token)).findFirst().orElse(null);
  }

  /** Consumes an authorization code at the realm it was issued for; null if none issued it for this URI. */
  QboRealm redeem(String code, String redirectUri) {
    return realms.stream().filter(r -> r.grants.redeemCode(code, redirectUri)).findFirst().orElse(null);
  }

  /** The realm a request names: its number (1-based) or its realm id; realm 1 if null. Null if unknown. */
  QboRealm forControl(Object account) {
    if (account == null) {
      return first();
    }
    String s = String.valueOf(account).trim();
    QboRealm byId = byId(s);
    if (byId != null) {
      return byId;
    }
    try {
      int n = account instanceof Number x ? x.intValue() : Integer.parseInt(s);
      return n >= 1 && n <= realms.size() ? realms.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  void reset() {
    realms.forEach(QboRealm::reset);
  }
}
