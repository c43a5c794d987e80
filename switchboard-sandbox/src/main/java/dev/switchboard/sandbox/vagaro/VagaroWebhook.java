package dev.switchboard.sandbox.vagaro;

import java.util.Set;

/**
 * A webhook as a business creates it in Vagaro's settings (https://docs.vagaro.com/public/docs/getting-started):
 * name, endpoint URL, event types and the locations whose events it gets. {@code verificationToken} is what Vagaro
 * hands out at creation and then sends in {@code X-Vagaro-Signature}
 * (https://docs.vagaro.com/public/docs/securing-webhook-endpoint).
 */
record VagaroWebhook(String webhookId, String name, String url, Set<String> eventTypes, Set<String> businessIds,
    String verificationToken) {

  /** Event types a webhook can subscribe to (https://docs.vagaro.com/public/docs/webhook-events). */
  static final Set<String> EVENT_TYPES = Set.of("appointment", "customer", "formResponse", "transaction");

  /** Vagaro allows ten webhooks per business (support.vagaro.com, "Set Up Webhooks From Vagaro"). */
  static final int MAX_PER_ACCOUNT = 10;
}
