package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.FixedWindowLimiter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Access tokens by client credentials. Vagaro has no authorization-code OAuth flow: a business's API credentials
 * (client id + client secret key from Settings → Developers → APIs &amp; Webhooks) are exchanged for an access token.
 */
@RestController
class VagaroTokenController {

  private final VagaroAccounts accounts;
  private final VagaroSettings settings;
  private final VagaroGuardFilter guard;
  private final ChangeClock clock;

  VagaroTokenController(VagaroAccounts accounts, VagaroSettings settings, VagaroGuardFilter guard, ChangeClock clock) {
    this.accounts = accounts;
    this.settings = settings;
    this.guard = guard;
    this.clock = clock;
  }

  /**
   * Body {@code {clientId, clientSecretKey, scope}} (all required; any non-empty scope is accepted) →
   * {@code data: {access_token, expires_in}} (seconds, 3600 by default). Wrong credentials, or credentials of
   * another region → 401; more than {@code tokenRequestsPerMinute} calls per client id → 429.
   */
  // https://docs.vagaro.com/public/reference/generate-access-token
  @PostMapping("/vagaro/{region}/api/v2/" + VagaroGuardFilter.TOKEN_PATH)
  Map<String, Object> token(@PathVariable String region, @RequestBody(required = false) Map<String, Object> body,
      HttpServletResponse res) {
    Map<String, Object> b = body == null ? Map.of() : body;
    String clientId = VagaroRequest.str(b, "clientId");
    FixedWindowLimiter.Quota q = guard.tokenQuota(Objects.toString(clientId), settings.tokenRequestsPerMinute,
        clock.now().toEpochMilli());
    if (VagaroGuardFilter.rateHeaders(res, q, settings.tokenRequestsPerMinute)) {
      throw VagaroGuardFilter.tooMany(q);
    }
    VagaroRequest.required(b, "clientId");
    String secret = VagaroRequest.required(b, "clientSecretKey");
    VagaroRequest.required(b, "scope");
    VagaroAccount account = accounts.byClientId(clientId);
    if (account == null || !account.clientSecretKey.equals(secret) || !account.region.equals(region)) {
      throw VagaroException.of(401, "Invalid clientId or clientSecretKey.");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("access_token", account.tokens.issueAccessToken());
    data.put("expires_in", settings.tokenTtlSeconds);
    return VagaroEnvelope.ok(data);
  }
}
