package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The sandbox's Vagaro business groups, numbered from 1 ({@code sandbox.vagaro.accounts}, default 2), each with its
 * own client id / secret key ({@code vagaro-sandbox-client-N} / {@code vagaro-sandbox-secret-N}) and tokens.
 */
@Component
class VagaroAccounts extends AccountRegistry<VagaroAccount> {

  VagaroAccounts(VagaroSettings settings, ChangeClock clock) {
    super(settings.accounts, n -> new VagaroAccount(n, settings.region,
        new OAuthGrants("vagaro" + n, Duration.ofSeconds(settings.tokenTtlSeconds), clock)));
  }

  VagaroAccount byClientId(String clientId) {
    return find(a -> a.clientId.equals(clientId));
  }

  /** The account a {@code /_sandbox} request names by client id (the first account if none). Null if unknown. */
  VagaroAccount forControl(Object clientId) {
    return clientId == null ? first() : byClientId(clientId.toString());
  }

  /** The account that issued this access token (valid or expired), or null. */
  VagaroAccount byToken(String token) {
    return find(a -> a.tokens.check(token) != OAuthGrants.Status.UNKNOWN);
  }

  void reset() {
    all().forEach(VagaroAccount::reset);
  }
}
