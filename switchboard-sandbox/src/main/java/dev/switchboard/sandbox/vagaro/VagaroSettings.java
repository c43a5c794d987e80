package dev.switchboard.sandbox.vagaro;

import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Vagaro emulator configuration ({@code sandbox.vagaro.*}): the region every sandbox account lives in, how many
 * accounts (business groups) exist, access-token lifetime, webhook attempts and the limits. The limits can be changed
 * at runtime through {@code PUT /_sandbox/config}; {@link #reset()} restores them.
 */
@Component
class VagaroSettings {

  /**
   * Statuses after which Vagaro does not retry a webhook call
   * (https://docs.vagaro.com/public/docs/retry-policy).
   */
  static final Set<Integer> WEBHOOK_FINAL_STATUSES = Set.of(400, 401, 403, 404, 406);

  final String region;
  final int accounts;
  final int webhookMaxAttempts;
  final long tokenTtlSeconds;
  private final int defaultPerMinute;
  private final int defaultTokenPerMinute;
  volatile int requestsPerMinute;
  volatile int tokenRequestsPerMinute;

  VagaroSettings(
      @Value("${sandbox.vagaro.region:us02}") String region,
      @Value("${sandbox.vagaro.accounts:2}") int accounts,
      @Value("${sandbox.vagaro.requests-per-minute:300}") int perMinute,
      @Value("${sandbox.vagaro.token-requests-per-minute:30}") int tokenPerMinute,
      @Value("${sandbox.vagaro.token-ttl-seconds:3600}") long tokenTtlSeconds,
      @Value("${sandbox.vagaro.webhook-max-attempts:5}") int webhookMaxAttempts) {
    this.region = region;
    this.accounts = Math.max(1, accounts);
    this.webhookMaxAttempts = webhookMaxAttempts;
    this.defaultPerMinute = perMinute;
    this.defaultTokenPerMinute = tokenPerMinute;
    this.tokenTtlSeconds = tokenTtlSeconds;
    reset();
  }

  final void reset() {
    requestsPerMinute = defaultPerMinute;
    tokenRequestsPerMinute = defaultTokenPerMinute;
  }
}
