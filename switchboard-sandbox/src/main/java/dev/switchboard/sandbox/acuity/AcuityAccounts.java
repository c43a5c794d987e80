package dev.switchboard.sandbox.acuity;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The instance's Acuity accounts, numbered from 1 ({@code sandbox.acuity.accounts}, default 2). Lookups answer null
 * for "no such account"; callers turn that into the vendor's error.
 */
@Component
class AcuityAccounts {

  private final List<AcuityAccount> accounts = new ArrayList<>();

  AcuityAccounts(AcuitySettings settings, ChangeClock clock, WebhookDispatcher dispatcher) {
    for (int n = 1; n <= settings.accounts; n++) {
      accounts.add(new AcuityAccount(n, settings, clock, dispatcher));
    }
  }

  List<AcuityAccount> all() {
    return accounts;
  }

  AcuityAccount first() {
    return accounts.getFirst();
  }

  /** The account whose Basic-auth {@code user:key} this is, or null. */
  AcuityAccount byBasic(String userAndKey) {
    return accounts.stream().filter(a -> a.acceptsBasic(userAndKey)).findFirst().orElse(null);
  }

  /** The account whose owner granted this valid OAuth access token, or null. */
  AcuityAccount byAccessToken(String token) {
    return accounts.stream().filter(a -> a.grants.check(token) == OAuthGrants.Status.VALID).findFirst().orElse(null);
  }

  /** Account {@code number} (1-based, as text or a number), or null if it is not one of this instance's. */
  AcuityAccount byNumber(Object number) {
    try {
      int n = number instanceof Number x ? x.intValue() : Integer.parseInt(String.valueOf(number).trim());
      return n >= 1 && n <= accounts.size() ? accounts.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The account a {@code /_sandbox} request names: its number or its user id; the first account if {@code account}
   * is null. Null if unknown.
   */
  AcuityAccount forControl(Object account) {
    if (account == null) {
      return first();
    }
    AcuityAccount byUser = accounts.stream().filter(a -> a.userId.equals(String.valueOf(account))).findFirst().orElse(null);
    return byUser != null ? byUser : byNumber(account);
  }

  /** Consumes an authorization code at the account whose owner approved it; null if none issued it for this URI. */
  AcuityAccount redeem(String code, String redirectUri) {
    return accounts.stream().filter(a -> a.grants.redeemCode(code, redirectUri)).findFirst().orElse(null);
  }

  void reset() {
    accounts.forEach(AcuityAccount::reset);
  }
}
