package dev.switchboard.sandbox.stripe;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stripe emulator configuration ({@code sandbox.stripe.*}): account 1's secret key (also the Connect platform's key),
 * id and publishable key, the default API version, the per-key request rate (Stripe's test mode allows 25
 * requests/s), the platform's Connect OAuth client id, and how many accounts the instance holds ({@code accounts},
 * default 2, at least 1; see {@link StripeAccounts}).
 */
@Component
class StripeSettings {

  final String apiKey;
  final String apiVersion;
  final String accountId;
  final String clientId;
  final String publishableKey;
  final int accounts;
  private final int defaultRatePerSecond;
  volatile int ratePerSecond;

  StripeSettings(
      @Value("${sandbox.stripe.api-key:sk_test_sandbox}") String apiKey,
      @Value("${sandbox.stripe.api-version:2023-08-16}") String apiVersion,
      @Value("${sandbox.stripe.rate-limit-per-second:25}") int ratePerSecond,
      @Value("${sandbox.stripe.account-id:acct_1SandboxStripe0}") String accountId,
      @Value("${sandbox.stripe.client-id:ca_sandbox}") String clientId,
      @Value("${sandbox.stripe.publishable-key:pk_test_sandbox}") String publishableKey,
      @Value("${sandbox.stripe.accounts:2}") int accounts) {
    this.accounts = Math.max(1, accounts);
    this.accountId = accountId;
    this.clientId = clientId;
    this.publishableKey = publishableKey;
    this.apiKey = apiKey;
    this.apiVersion = apiVersion;
    this.defaultRatePerSecond = ratePerSecond;
    this.ratePerSecond = ratePerSecond;
  }

  /** Accepts {@code rateLimitPerSecond}; returns the resulting config. */
  Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("rateLimitPerSecond") instanceof Number n) {
      ratePerSecond = Math.max(1, n.intValue());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vendor", "stripe");
    m.put("rateLimitPerSecond", ratePerSecond);
    m.put("apiVersion", apiVersion);
    return m;
  }

  void reset() {
    ratePerSecond = defaultRatePerSecond;
  }
}
