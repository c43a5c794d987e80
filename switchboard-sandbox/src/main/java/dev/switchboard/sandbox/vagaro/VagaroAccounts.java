package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The sandbox's Vagaro business groups, numbered from 1 ({@code sandbox.vagaro.accounts}, default 2), each with its
 * own client id / secret key ({@code vagaro-sandbox-client-N} / {@code vagaro-sandbox-secret-N}) and tokens.
 */
@Component
class VagaroAccounts {

  private final List<VagaroAccount> accounts = new ArrayList<>();

  VagaroAccounts(VagaroSettings settings, ChangeClock clock) {
    for (int n = 1; n <= settings.accounts; n++) {
      accounts.add(new VagaroAccount(n, settings.region,
          new OAuthGrants("vagaro" + n, Duration.ofSeconds(settings.tokenTtlSeconds), clock)));
    }
  }

  List<VagaroAccount> all() {
    return accounts;
  }

  VagaroAccount byClientId(String clientId) {
    return accounts.stream().filter(a -> a.clientId.equals(clientId)).findFirst().orElse(null);
  }

  /** The account a {@code /_sandbox} request names by client id (the first account if none). Null if unknown. */
  VagaroAccount forControl(Object clientId) {
    return clientId == null ? accounts.getFirst() : byClientId(clientId.toString());
  }

  /** The account that issued this access token (valid or expired), or null. */
  VagaroAccount byToken(String token) {
    return accounts.stream().filter(a -> a.tokens.check(token) != OAuthGrants.Status.UNKNOWN).findFirst().orElse(null);
  }

  void reset() {
    accounts.forEach(VagaroAccount::reset);
  }
}
