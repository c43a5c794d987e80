package dev.switchboard.sandbox.square;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OutboundRequest;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook subscriptions and event delivery. Every state change calls {@link #fire}; each enabled subscription
 * listing the event type gets one POST of {@code {"merchant_id","type","event_id","created_at","data":{"type",
 * "id","object":{TYPE:{...}}}}}, signed with {@code x-square-hmacsha256-signature =
 * base64(HMAC-SHA256(signature_key, notification_url + body))} and the legacy {@code x-square-signature}
 * (HMAC-SHA1 of the same), retried with backoff by {@link WebhookDispatcher} on non-2xx.
 * https://developer.squareup.com/docs/webhooks/step3validate
 *
 * <p>One per merchant ({@link SquareMerchant}): a merchant's subscriptions hear only its own changes, and every
 * event carries its {@code merchant_id}.
 */
final class SquareWebhooks {

  private final Map<String, Map<String, Object>> subs = new LinkedHashMap<>();
  private final Map<String, String> keys = new LinkedHashMap<>();
  private final WebhookDispatcher dispatcher;
  private final String merchantId;
  private final ChangeClock clock;
  private final JsonMapper json;

  SquareWebhooks(WebhookDispatcher dispatcher, String merchantId, ChangeClock clock, JsonMapper json) {
    this.dispatcher = dispatcher;
    this.merchantId = merchantId;
    this.clock = clock;
    this.json = json;
  }

  /** Stores a subscription; returns it with its fresh {@code signature_key}. */
  synchronized Map<String, Object> create(Map<String, Object> in, String apiVersion) {
    String url = Sq.str(in.get("notification_url"));
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw SquareException.invalid("INVALID_VALUE", "The notification_url must be an absolute http(s) URL.", "subscription.notification_url");
    }
    if (!(in.get("event_types") instanceof List<?> types) || types.isEmpty()) {
      throw SquareException.missing("subscription.event_types");
    }
    String now = Sq.ts(clock.nextChange());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", "wbhk_" + UUID.randomUUID().toString().replace("-", ""));
    s.put("name", in.getOrDefault("name", "Sandbox subscription"));
    s.put("enabled", !Boolean.FALSE.equals(in.get("enabled")));
    s.put("event_types", List.copyOf(types));
    s.put("notification_url", url);
    s.put("api_version", in.get("api_version") == null ? apiVersion : in.get("api_version"));
    s.put("created_at", now);
    s.put("updated_at", now);
    subs.put((String) s.get("id"), s);
    keys.put((String) s.get("id"), newKey());
    return withKey(s);
  }

  synchronized Map<String, Object> get(String id) {
    Map<String, Object> s = subs.get(id);
    if (s == null) {
      throw SquareException.notFound("Subscription", id);
    }
    return new LinkedHashMap<>(s);
  }

  synchronized List<Map<String, Object>> list(boolean includeDisabled, boolean desc) {
    List<Map<String, Object>> out = new ArrayList<>();
    subs.values().stream().filter(s -> includeDisabled || Boolean.TRUE.equals(s.get("enabled")))
        .forEach(s -> out.add(new LinkedHashMap<>(s)));
    if (desc) {
      java.util.Collections.reverse(out);
    }
    return out;
  }

  synchronized Map<String, Object> update(String id, Map<String, Object> in) {
    Map<String, Object> s = subs.get(id);
    if (s == null) {
      throw SquareException.notFound("Subscription", id);
    }
    for (String k : List.of("name", "enabled", "event_types", "notification_url", "api_version")) {
      if (in.get(k) != null) {
        s.put(k, in.get(k));
      }
    }
    s.put("updated_at", Sq.ts(clock.nextChange()));
    return new LinkedHashMap<>(s);
  }

  synchronized void delete(String id) {
    if (subs.remove(id) == null) {
      throw SquareException.notFound("Subscription", id);
    }
    keys.remove(id);
  }

  synchronized String rotateKey(String id) {
    get(id);
    keys.put(id, newKey());
    return keys.get(id);
  }

  private Map<String, Object> withKey(Map<String, Object> s) {
    Map<String, Object> out = new LinkedHashMap<>(s);
    out.put("signature_key", keys.get((String) s.get("id")));
    return out;
  }

  private static String newKey() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 22);
  }

  /** Sends event {@code type} about {@code object} (rendered under {@code data.object[dataType]}). */
  synchronized void fire(String type, String dataType, String id, Map<String, Object> object) {
    fireTo(type, dataType, id, object, null);
  }

  /**
   * As {@link #fire}, limited to one subscription when {@code onlySubscription} is set (test events); returns
   * the last body queued (null if none).
   */
  synchronized String fireTo(String type, String dataType, String id, Map<String, Object> object, String onlySubscription) {
    String eventId = UUID.randomUUID().toString();
    String last = null;
    String createdAt = Sq.ts(clock.now());
    for (Map<String, Object> s : subs.values()) {
      boolean match = onlySubscription != null ? s.get("id").equals(onlySubscription)
          : Boolean.TRUE.equals(s.get("enabled")) && s.get("event_types") instanceof List<?> l && l.contains(type);
      if (!match) {
        continue;
      }
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("merchant_id", merchantId);
      ev.put("type", type);
      ev.put("event_id", eventId);
      ev.put("created_at", createdAt);
      ev.put("data", Map.of("type", dataType, "id", id, "object", Map.of(dataType, object)));
      String body = json.writeValueAsString(ev);
      last = body;
      String url = (String) s.get("notification_url");
      String key = keys.get((String) s.get("id"));
      String version = String.valueOf(s.get("api_version"));
      dispatcher.dispatch("square", attempt -> {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-square-hmacsha256-signature", hmac("HmacSHA256", key, url + body));
        h.put("x-square-signature", hmac("HmacSHA1", key, url + body));
        h.put("square-version", version);
        h.put("square-environment", "Sandbox");
        h.put("square-initial-delivery-timestamp", createdAt);
        if (attempt > 1) {
          h.put("square-retry-number", Integer.toString(attempt - 1));
          h.put("square-retry-reason", "http_error");
        }
        return new OutboundRequest(url, "application/json", h, body);
      });
    }
    return last;
  }

  static String hmac(String algorithm, String key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  synchronized void reset() {
    subs.clear();
    keys.clear();
  }
}
