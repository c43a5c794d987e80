package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OutboundRequest;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends Vagaro webhook events (https://docs.vagaro.com/public/docs/webhook-events): a JSON POST
 * {@code {id, createdDate, type, action, payload}} to every webhook of the account that subscribed to the event
 * type and to one of the event's locations, with header {@code X-Vagaro-Signature: <the webhook's verification
 * token>} (https://docs.vagaro.com/public/docs/securing-webhook-endpoint). Retries follow
 * https://docs.vagaro.com/public/docs/retry-policy: at most {@code sandbox.vagaro.webhook-max-attempts} (5) attempts,
 * none after 400/401/403/404/406; the backoff is the shared dispatcher's (scaled down from Vagaro's 15 minutes).
 * The event {@code id} stays the same across retries of one delivery.
 */
@Component
class VagaroWebhooks {

  private final WebhookDispatcher dispatcher;
  private final WebhookDispatcher.RetryPolicy retry;
  private final ChangeClock clock;
  private final JsonMapper json;

  VagaroWebhooks(WebhookDispatcher dispatcher, VagaroSettings settings, ChangeClock clock, JsonMapper json) {
    this.dispatcher = dispatcher;
    this.retry = new WebhookDispatcher.RetryPolicy(settings.webhookMaxAttempts, VagaroSettings.WEBHOOK_FINAL_STATUSES);
    this.clock = clock;
    this.json = json;
  }

  /**
   * @param type      {@code appointment} or {@code customer}
   * @param action    {@code created}, {@code updated} or {@code deleted}
   * @param locations the business ids the event concerns
   * @param payload   the rendered object (taken while the account's lock was held)
   */
  void send(VagaroAccount account, String type, String action, Collection<String> locations, Map<String, Object> payload) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
    event.put("createdDate", VagaroJson.millis(clock.now()));
    event.put("type", type);
    event.put("action", action);
    event.put("payload", payload);
    String body = json.writeValueAsString(event);
    for (VagaroWebhook w : account.webhooks()) {
      if (w.eventTypes().contains(type) && locations.stream().anyMatch(w.businessIds()::contains)) {
        Map<String, String> headers = Map.of("X-Vagaro-Signature", w.verificationToken());
        dispatcher.dispatch("vagaro", retry, attempt -> new OutboundRequest(w.url(), "application/json", headers, body));
      }
    }
  }
}
