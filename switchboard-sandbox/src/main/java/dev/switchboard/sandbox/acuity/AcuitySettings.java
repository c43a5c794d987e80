package dev.switchboard.sandbox.acuity;

import dev.switchboard.sandbox.support.SlidingWindowLimiter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Acuity emulator configuration ({@code sandbox.acuity.*}): the account's Basic-auth user id and API key
 * (the key also signs webhooks), OAuth2 client, rate limits (adjustable at runtime) and the optional
 * static webhook URL ("Integrations → Webhooks" in Acuity's settings).
 */
@Component
class AcuitySettings {

  final String userId;
  final String apiKey;
  final String clientId;
  final String clientSecret;
  private final int defaultPerSecond;
  private final int defaultConcurrent;
  volatile int requestsPerSecond;
  volatile int maxConcurrent;
  volatile String staticWebhookUrl;
  final SlidingWindowLimiter limiter = new SlidingWindowLimiter();

  AcuitySettings(
      @Value("${sandbox.acuity.user-id:21000001}") String userId,
      @Value("${sandbox.acuity.api-key:acuity-sandbox-api-key}") String apiKey,
      @Value("${sandbox.acuity.client-id:sandbox-acuity-client-id}") String clientId,
      @Value("${sandbox.acuity.client-secret:sandbox-acuity-client-secret}") String clientSecret,
      @Value("${sandbox.acuity.requests-per-second:10}") int perSecond,
      @Value("${sandbox.acuity.max-concurrent:20}") int concurrent) {
    this.userId = userId;
    this.apiKey = apiKey;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.defaultPerSecond = perSecond;
    this.defaultConcurrent = concurrent;
    reset();
  }

  final void reset() {
    requestsPerSecond = defaultPerSecond;
    maxConcurrent = defaultConcurrent;
    staticWebhookUrl = null;
    limiter.reset();
  }
}
