package dev.switchboard.sandbox.acuity;

import dev.switchboard.sandbox.support.SlidingWindowLimiter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Acuity emulator configuration ({@code sandbox.acuity.*}): the number of accounts ({@code accounts}, default 2),
 * account 1's Basic-auth user id and API key (the others' derive from them, see {@link AcuityAccount}), the one
 * OAuth2 client (the app's, which any account may authorize) and the rate limits (adjustable at runtime), which
 * every account has a budget of its own.
 */
@Component
class AcuitySettings {

  final String userId;
  final String apiKey;
  final String clientId;
  final String clientSecret;
  final int accounts;
  private final int defaultPerSecond;
  private final int defaultConcurrent;
  volatile int requestsPerSecond;
  volatile int maxConcurrent;
  final SlidingWindowLimiter limiter = new SlidingWindowLimiter();

  AcuitySettings(
      @Value("${sandbox.acuity.user-id:21000001}") String userId,
      @Value("${sandbox.acuity.api-key:acuity-sandbox-api-key}") String apiKey,
      @Value("${sandbox.acuity.client-id:sandbox-acuity-client-id}") String clientId,
      @Value("${sandbox.acuity.client-secret:sandbox-acuity-client-secret}") String clientSecret,
      @Value("${sandbox.acuity.requests-per-second:10}") int perSecond,
      @Value("${sandbox.acuity.max-concurrent:20}") int concurrent,
      @Value("${sandbox.acuity.accounts:2}") int accounts) {
    this.userId = userId;
    this.apiKey = apiKey;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.defaultPerSecond = perSecond;
    this.defaultConcurrent = concurrent;
    this.accounts = Math.max(1, accounts);
    reset();
  }

  final void reset() {
    requestsPerSecond = defaultPerSecond;
    maxConcurrent = defaultConcurrent;
    limiter.reset();
  }
}
