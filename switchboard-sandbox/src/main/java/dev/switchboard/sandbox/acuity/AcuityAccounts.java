package dev.switchboard.sandbox.acuity;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import org.springframework.stereotype.Component;

/**
 * The instance's Acuity accounts, numbered from 1 ({@code sandbox.acuity.accounts}, default 2). Lookups answer null
 * for "no such account"; callers turn that into the vendor's error.
 */
@Component
class AcuityAccounts extends AccountRegistry<AcuityAccount> {

  AcuityAccounts(AcuitySettings settings, ChangeClock clock, WebhookDispatcher dispatcher) {
    super(settings.accounts, n -> new AcuityAccount(n, settings, clock, dispatcher));
  }

  /** The account whose Basic-auth {@code user:key} this is, or null. */
  AcuityAccount byBasic(String userAndKey) {
    return find(a -> a.acceptsBasic(userAndKey));
  }

  /** The account whose owner granted this valid OAuth access token, or null. */
  AcuityAccount byAccessToken(String token) {
    return find(a -> a.grants.check(token) == OAuthGrants.Status.VALID);
  }

  /**
   * The account a {@code /_sandbox} request names: its number or its user id; the first account if {@code account}
   * is null. Null if unknown.
   */
  AcuityAccount forControl(Object account) {
    return named(account, (a, id) -> a.userId.equals(id));
  }

  /** Consumes an authorization code at the account whose owner approved it; null if none issued it for this URI. */
  AcuityAccount redeem(String code, String redirectUri) {
    return find(a -> a.grants.redeemCode(code, redirectUri));
  }

  void reset() {
    all().forEach(AcuityAccount::reset);
  }
}
