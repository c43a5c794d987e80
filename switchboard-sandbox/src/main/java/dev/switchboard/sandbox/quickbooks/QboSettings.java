package dev.switchboard.sandbox.quickbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * QuickBooks Online emulator configuration ({@code sandbox.quickbooks.*}): the number of companies ({@code realms},
 * default 2), realm 1's id and fixed token (the others' derive from them, see {@link QboRealm}), the one app's
 * OAuth client and webhook verifier. Limits (each realm has its own budget) and webhook targets
 * are adjustable at runtime through {@code PUT /_sandbox/config}; {@link #reset()} restores the defaults.
 */
@Component
class QboSettings {

  /** One webhook endpoint; {@code format} is {@code legacy} (eventNotifications) or {@code cloudevents}. */
  record WebhookTarget(String url, String format) {
    boolean cloudEvents() {
      return "cloudevents".equalsIgnoreCase(format);
    }
  }

  final String realmId;
  final String clientId;
  final String clientSecret;
  final String verifierToken;
  final String accessToken;
  final int realms;
  private final int defaultPerMinute;
  private final int defaultPerSecond;
  private final String defaultWebhookUrl;
  private final String defaultWebhookFormat;
  volatile int perMinute;
  volatile int perSecond;
  volatile List<WebhookTarget> webhooks = List.of();

  QboSettings(
      @Value("${sandbox.quickbooks.realm-id:9341452000000001}") String realmId,
      @Value("${sandbox.quickbooks.client-id:sandbox-quickbooks-client-id}") String clientId,
      @Value("${sandbox.quickbooks.client-secret:sandbox-quickbooks-client-secret}") String clientSecret,
      @Value("${sandbox.quickbooks.verifier-token:sandbox-quickbooks-verifier-token}") String verifierToken,
      @Value("${sandbox.quickbooks.access-token:sandbox-quickbooks-access-token}") String accessToken,
      @Value("${sandbox.quickbooks.requests-per-minute:500}") int perMinute,
      @Value("${sandbox.quickbooks.requests-per-second:10}") int perSecond,
      @Value("${sandbox.quickbooks.webhook-url:}") String webhookUrl,
      @Value("${sandbox.quickbooks.webhook-format:legacy}") String webhookFormat,
      @Value("${sandbox.quickbooks.realms:2}") int realms) {
    this.realmId = realmId;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.verifierToken = verifierToken;
    this.accessToken = accessToken;
    this.realms = Math.max(1, realms);
    this.defaultPerMinute = perMinute;
    this.defaultPerSecond = perSecond;
    this.defaultWebhookUrl = webhookUrl;
    this.defaultWebhookFormat = webhookFormat;
    reset();
  }

  final void reset() {
    perMinute = defaultPerMinute;
    perSecond = defaultPerSecond;
    webhooks = defaultWebhookUrl.isBlank() ? List.of() : List.of(new WebhookTarget(defaultWebhookUrl, defaultWebhookFormat));
  }

  /** Applies {@code requestsPerMinute}, {@code requestsPerSecond}, {@code webhooks:[{url, format}]}. */
  @SuppressWarnings("unchecked")
  void apply(Map<String, Object> patch) {
    if (patch.get("requestsPerMinute") instanceof Number n) {
      perMinute = n.intValue();
    }
    if (patch.get("requestsPerSecond") instanceof Number n) {
      perSecond = n.intValue();
    }
    if (patch.get("webhooks") instanceof List<?> list) {
      List<WebhookTarget> targets = new ArrayList<>();
      for (Object o : list) {
        Map<String, Object> m = (Map<String, Object>) o;
        String format = m.get("format") == null ? "legacy" : m.get("format").toString();
        if (!format.equalsIgnoreCase("legacy") && !format.equalsIgnoreCase("cloudevents")) {
          throw new IllegalArgumentException("webhook format must be legacy or cloudevents");
        }
        targets.add(new WebhookTarget(String.valueOf(m.get("url")), format.toLowerCase()));
      }
      webhooks = List.copyOf(targets);
    }
  }

  Map<String, Object> view() {
    return Map.of("vendor", "quickbooks", "requestsPerMinute", perMinute, "requestsPerSecond", perSecond,
        "webhooks", webhooks.stream().map(w -> Map.of("url", w.url(), "format", w.format())).toList());
  }
}
