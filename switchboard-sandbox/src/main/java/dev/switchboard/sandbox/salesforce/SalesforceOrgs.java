package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.support.ChangeClock;
import org.springframework.stereotype.Component;

/**
 * The instance's Salesforce orgs, numbered from 1 ({@code sandbox.salesforce.accounts}, default 2). Lookups answer
 * null for "no such org"; callers turn that into the vendor's error.
 */
@Component
class SalesforceOrgs extends AccountRegistry<SalesforceOrg> {

  SalesforceOrgs(SalesforceSettings settings, ChangeClock clock) {
    super(settings.accounts, n -> new SalesforceOrg(n, settings, clock));
  }

  /** The org whose live session (or static token) this is, extending the session; null if none. */
  SalesforceOrg use(String token) {
    return find(o -> o.tokens.use(token));
  }

  /** The org that issued this refresh token, or null. */
  SalesforceOrg byRefreshToken(String token) {
    return find(o -> o.tokens.knowsRefresh(token));
  }

  /** Consumes an authorization code at the org it was issued in; null if none issued it for this redirect URI. */
  SalesforceOrg redeem(String code, String redirectUri) {
    return find(o -> o.tokens.redeemCode(code, redirectUri));
  }

  /** The org a {@code /_sandbox} request names: its number or org id (15 or 18 chars); org 1 if null. Null if unknown. */
  SalesforceOrg forControl(Object account) {
    return named(account, (o, id) -> o.orgId.equals(SalesforceIds.normalise(id)));
  }

  void reset() {
    all().forEach(SalesforceOrg::reset);
  }
}
