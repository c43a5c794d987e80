package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The instance's Salesforce orgs, numbered from 1 ({@code sandbox.salesforce.accounts}, default 2). Lookups answer
 * null for "no such org"; callers turn that into the vendor's error.
 */
@Component
class SalesforceOrgs {

  private final List<SalesforceOrg> orgs = new ArrayList<>();

  SalesforceOrgs(SalesforceSettings settings, ChangeClock clock) {
    for (int n = 1; n <= settings.accounts; n++) {
      orgs.add(new SalesforceOrg(n, settings, clock));
    }
  }

  List<SalesforceOrg> all() {
    return orgs;
  }

  SalesforceOrg first() {
    return orgs.getFirst();
  }

  /** The org whose live session (or static token) this is, extending the session; null if none. */
  SalesforceOrg use(String token) {
    return orgs.stream().filter(o -> o.tokens.use(token)).findFirst().orElse(null);
  }

  /** The org that issued this refresh token, or null. */
  SalesforceOrg byRefreshToken(String token) {
    return orgs.stream().filter(o -> o.tokens.knowsRefresh(token)).findFirst().orElse(null);
  }

  /** Consumes an authorization code at the org it was issued in; null if none issued it for this redirect URI. */
  SalesforceOrg redeem(String code, String redirectUri) {
    return orgs.stream().filter(o -> o.tokens.redeemCode(code, redirectUri)).findFirst().orElse(null);
  }

  /** Org {@code number} (1-based, as text or a number), or null if it is not one of this instance's. */
  SalesforceOrg byNumber(Object number) {
    try {
      int n = number instanceof Number x ? x.intValue() : Integer.parseInt(String.valueOf(number).trim());
      return n >= 1 && n <= orgs.size() ? orgs.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The org a {@code /_sandbox} request names: its number or org id (15 or 18 chars); org 1 if null. Null if unknown. */
  SalesforceOrg forControl(Object account) {
    if (account == null) {
      return first();
    }
    String id = SalesforceIds.normalise(String.valueOf(account));
    SalesforceOrg byId = orgs.stream().filter(o -> o.orgId.equals(id)).findFirst().orElse(null);
    return byId != null ? byId : byNumber(account);
  }

  void reset() {
    orgs.forEach(SalesforceOrg::reset);
  }
}
