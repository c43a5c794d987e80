package dev.switchboard.sandbox.stripe;

import dev.switchboard.sandbox.support.OutboundRequest;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an Event for every state change, in the account acted on, and delivers it to each of that account's
 * enabled webhook endpoints whose {@code enabled_events} contain the type (or {@code *}). An account connected to the
 * platform is a Connect account (https://docs.stripe.com/connect/webhooks): its events carry
 * {@code "account": "acct_…"} and also go to the platform's endpoints created with {@code connect=true}, which get
 * nothing else; the platform's other endpoints get only its own events. A delivery is a JSON POST signed with
 * {@code Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + payload)>}, re-signed per
 * attempt; non-2xx answers are retried with backoff by the shared {@link WebhookDispatcher}.
 * See https://stripe.com/docs/api/events/object and https://stripe.com/docs/webhooks/signatures
 */
@Component
class StripeEvents {

  private final StripeStore store;
  private final StripeSettings settings;
  private final StripeAccounts accounts;
  private final StripeConnect connect;
  private final WebhookDispatcher dispatcher;
  private final JsonMapper json;

  StripeEvents(StripeStore store, StripeSettings settings, StripeAccounts accounts, StripeConnect connect,
      WebhookDispatcher dispatcher, JsonMapper json) {
    this.store = store;
    this.settings = settings;
    this.accounts = accounts;
    this.connect = connect;
    this.dispatcher = dispatcher;
    this.json = json;
  }

  /** Records event {@code type} carrying a snapshot of {@code obj}; returns the event. */
  Map<String, Object> record(String type, Map<String, Object> obj, Map<String, Object> previous, HttpServletRequest req) {
    StripeAccount account = store.current();
    boolean connected = !account.isPlatform() && connect.isConnected(account.id);
    Map<String, Object> evt = store.blank("evt", "event", false);
    if (connected) {
      evt.put("account", account.id);
    }
    evt.put("api_version", settings.apiVersion);
    evt.put("created", store.now());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("object", json.readValue(json.writeValueAsString(obj), LinkedHashMap.class));
    if (previous != null && !previous.isEmpty()) {
      data.put("previous_attributes", previous);
    }
    evt.put("data", data);
    evt.put("livemode", false);
    List<Map<String, Object>> targets = new ArrayList<>(endpoints(account, type, false));
    if (connected) {
      targets.addAll(endpoints(accounts.platform(), type, true));
    }
    evt.put("pending_webhooks", targets.size());
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("id", req == null ? null : req.getAttribute(StripeGuardFilter.REQUEST_ID_ATTR));
    request.put("idempotency_key", req == null ? null : req.getHeader("Idempotency-Key"));
    evt.put("request", request);
    evt.put("type", type);
    store.put(evt);
    String payload = json.writeValueAsString(evt);
    for (Map<String, Object> endpoint : targets) {
      String url = (String) endpoint.get("url");
      String secret = (String) endpoint.get("secret");
      dispatcher.dispatch("stripe", attempt -> {
        long t = store.now();
        String sig = "t=" + t + ",v1=" + sign(secret, t + "." + payload);
        return new OutboundRequest(url, "application/json; charset=utf-8",
            Map.of("Stripe-Signature", sig, "User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"), payload);
      });
    }
    return evt;
  }

  /** {@code owner}'s enabled endpoints listening for {@code type}: its Connect endpoints, or its account endpoints. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> endpoints(StripeAccount owner, String type, boolean connectEndpoints) {
    return owner.objects.all("webhook_endpoint", e -> "enabled".equals(e.get("status"))
        && owner.isConnectEndpoint((String) e.get("id")) == connectEndpoints
        && ((List<String>) e.get("enabled_events")).stream().anyMatch(t -> t.equals("*") || t.equals(type)));
  }

  static String sign(String secret, String signedPayload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
