package dev.switchboard.sandbox.square;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance's Square merchants, numbered from 1 ({@code sandbox.square.accounts}, default 2). Lookups answer
 * null for "no such merchant"; callers turn that into Square's error.
 */
@Component
class SquareMerchants extends AccountRegistry<SquareMerchant> {

  SquareMerchants(SquareSettings settings, ChangeClock clock, WebhookDispatcher dispatcher, JsonMapper json) {
    super(settings.accounts, n -> new SquareMerchant(n, settings, clock, dispatcher, json));
  }

  /**
   * The merchant a bearer token belongs to: its access token, or an OAuth token it granted (valid or expired, so the
   * caller can tell {@code ACCESS_TOKEN_EXPIRED} from {@code UNAUTHORIZED}); null if none.
   */
  SquareMerchant byToken(String token) {
    if (token == null) {
      return null;
    }
    return find(m -> m.accessToken.equals(token) || m.grants.check(token) != OAuthGrants.Status.UNKNOWN);
  }

  /** The merchant a {@code /_sandbox} request names: number or merchant id; the first if null. Null if unknown. */
  SquareMerchant forControl(Object account) {
    return named(account, (m, id) -> m.merchantId.equals(id));
  }

  void reset() {
    all().forEach(SquareMerchant::reset);
  }
}
