package dev.switchboard.sandbox.acuity;

import dev.switchboard.sandbox.support.OutboundRequest;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends Acuity webhook notifications (https://developers.acuityscheduling.com/docs/webhooks):
 * {@code application/x-www-form-urlencoded} POSTs {@code action, id, calendarID, appointmentTypeID}
 * (ids only), header {@code X-Acuity-Signature: base64(HMAC-SHA256(apiKey, rawBody))}. Dynamic webhooks
 * get the events they subscribed to; the static webhook URL (if configured) gets scheduled, rescheduled
 * and canceled. Retries: the shared dispatcher's exponential backoff (Acuity documents none). One per account:
 * it notifies that account's webhooks and static URL and signs with that account's API key.
 */
final class AcuityWebhookSender {

  private final WebhookDispatcher dispatcher;
  private final AcuityStore store;
  private final String apiKey;
  /** The account's static webhook URL ("Integrations → Webhooks"), or null. */
  volatile String staticUrl;

  AcuityWebhookSender(WebhookDispatcher dispatcher, AcuityStore store, String apiKey) {
    this.dispatcher = dispatcher;
    this.store = store;
    this.apiKey = apiKey;
  }

  /** Notifies {@code action} ("scheduled", "rescheduled", "canceled") plus the catch-all "changed". */
  void appointmentEvent(String action, AcuityAppointment a) {
    send(action, a);
    if (!"changed".equals(action)) {
      send("changed", a);
    }
  }

  private void send(String action, AcuityAppointment a) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("action", action);
    form.put("id", String.valueOf(a.id));
    form.put("calendarID", String.valueOf(a.calendarID));
    form.put("appointmentTypeID", String.valueOf(a.appointmentTypeID));
    String body = encode(form);
    for (AcuityStore.Webhook w : store.webhooks()) {
      if (w.event().equals("appointment." + action)) {
        post(w.target(), body);
      }
    }
    String staticUrl = this.staticUrl;
    if (staticUrl != null && !"changed".equals(action)) {
      post(staticUrl, body);
    }
  }

  private void post(String url, String body) {
    Map<String, String> headers = Map.of("X-Acuity-Signature", sign(apiKey, body));
    dispatcher.dispatch("acuity", attempt -> new OutboundRequest(url, "application/x-www-form-urlencoded", headers, body));
  }

  static String encode(Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    form.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  static String sign(String key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
