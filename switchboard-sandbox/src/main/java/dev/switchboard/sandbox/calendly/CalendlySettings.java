package dev.switchboard.sandbox.calendly;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calendly emulator configuration ({@code sandbox.calendly.*}); token and ids are organization 1's. The rate limit and the webhook retry
 * window can be changed at runtime through {@code PUT /_sandbox/config} (for every organization alike);
 * {@link #reset()} restores them.
 */
@Component
class CalendlySettings {

  final String personalAccessToken;
  final String clientId;
  final String clientSecret;
  final String defaultSigningKey;
  final String userUuid;
  final String orgUuid;
  /** How many isolated organizations the instance holds ({@link CalendlyOrgs}); at least 1. */
  final int accounts;
  private final int defaultRateLimit;
  private final long defaultRetryWindowMs;
  volatile int rateLimitPerMinute;
  volatile long webhookRetryWindowMs;

  CalendlySettings(
      @Value("${sandbox.calendly.personal-access-token:calendly-sandbox-pat}") String pat,
      @Value("${sandbox.calendly.client-id:calendly-sandbox-client}") String clientId,
      @Value("${sandbox.calendly.client-secret:calendly-sandbox-secret}") String clientSecret,
      @Value("${sandbox.calendly.webhook-signing-key:calendly-sandbox-signing-key}") String signingKey,
      @Value("${sandbox.calendly.rate-limit-per-minute:500}") int rateLimit,
      @Value("${sandbox.calendly.webhook-retry-window-ms:3000}") long retryWindowMs,
      @Value("${sandbox.calendly.accounts:2}") int accounts) {
    this.personalAccessToken = pat;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.defaultSigningKey = signingKey;
    this.userUuid = "SANDBOXUSER00001";
    this.orgUuid = "SANDBOXORG000001";
    this.accounts = Math.max(1, accounts);
    this.defaultRateLimit = rateLimit;
    this.defaultRetryWindowMs = retryWindowMs;
    reset();
  }

  final void reset() {
    rateLimitPerMinute = defaultRateLimit;
    webhookRetryWindowMs = defaultRetryWindowMs;
  }
}
