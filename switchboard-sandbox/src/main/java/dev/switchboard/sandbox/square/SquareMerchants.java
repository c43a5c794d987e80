package dev.switchboard.sandbox.square;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance's Square merchants, numbered from 1 ({@code sandbox.square.accounts}, default 2). Lookups answer
 * null for "no such merchant"; callers turn that into Square's error.
 */
@Component
class SquareMerchants {

  private final List<SquareMerchant> merchants = new ArrayList<>();

  SquareMerchants(SquareSettings settings, ChangeClock clock, WebhookDispatcher dispatcher, JsonMapper json) {
    for (int n = 1; n <= settings.accounts; n++) {
      merchants.add(new SquareMerchant(n, settings, clock, dispatcher, json));
    }
  }

  List<SquareMerchant> all() {
    return merchants;
  }

  SquareMerchant first() {
    return merchants.getFirst();
  }

  /**
   * The merchant a bearer token belongs to: its access token, or an OAuth token it granted (valid or expired, so the
   * caller can tell {@code ACCESS_TOKEN_EXPIRED} from {@code UNAUTHORIZED}); null if none.
   */
  SquareMerchant byToken(String token) {
    if (token == null) {
      return null;
    }
    return merchants.stream().filter(m -> m.accessToken.equals(token)
        || m.grants.check(token) != OAuthGrants.Status.UNKNOWN).findFirst().orElse(null);
  }

  /** Merchant {@code number} (1-based, as text or a number), or null if it is not one of this instance's. */
  SquareMerchant byNumber(Object number) {
    try {
      int n = number instanceof Number x ? x.intValue() : Integer.parseInt(String.valueOf(number).trim());
      return n >= 1 && n <= merchants.size() ? merchants.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The merchant a {@code /_sandbox} request names: number or merchant id; the first if null. Null if unknown. */
  SquareMerchant forControl(Object account) {
    if (account == null) {
      return first();
    }
    SquareMerchant byId = merchants.stream().filter(m -> m.merchantId.equals(String.valueOf(account))).findFirst()
        .orElse(null);
    return byId != null ? byId : byNumber(account);
  }

  void reset() {
    merchants.forEach(SquareMerchant::reset);
  }
}
