package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OutboundRequest;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns contact changes of every portal into HubSpot webhook events for the app's active subscriptions
 * (webhooks belong to the app, not to a portal: one target URL and one subscription set, and every portal
 * that installed the app — in the sandbox, every portal — is subscribed; each event names its
 * {@code portalId}). Events are collected for {@code sandbox.hubspot.webhook-batch-ms} and POSTed as JSON
 * arrays of at most 100 events, one array per portal: HubSpot's docs do not say whether one request can mix
 * portals, and a receiver must route per event anyway, so the sandbox takes the conservative reading.
 * Deliveries are signed the way HubSpot signs webhooks-API deliveries:
 * {@code X-HubSpot-Signature-Version: v1} with {@code X-HubSpot-Signature} = hex(SHA-256(clientSecret +
 * body)), plus {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(clientSecret, "POST" + decodedUrl + body
 * + timestamp)) and {@code X-HubSpot-Request-Timestamp}. {@code attemptNumber} is 0 on the first attempt
 * (as HubSpot does) and increments per retry.
 * https://developers.hubspot.com/docs/api/webhooks/validating-requests
 */
@Component
class HubSpotEventPublisher {

  /** The percent-escapes HubSpot decodes in the URI before signing v3 (hex digits in either case). */
  private static final String[][] DECODED = {
      {"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"}, {"%27", "'"},
      {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}};

  private final HubSpotSettings settings;
  private final HubSpotWebhookConfig config;
  private final WebhookDispatcher dispatcher;
  private final JsonMapper json;
  private final ChangeClock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("hubspot-webhook-batcher").factory());
  /** Events waiting for the next flush, per portal id (in the order portals first produced one). */
  private final Map<Long, List<Map<String, Object>>> pending = new LinkedHashMap<>();
  private long nextEventId = 1_000_001;

  HubSpotEventPublisher(HubSpotSettings settings, HubSpotWebhookConfig config, WebhookDispatcher dispatcher,
      JsonMapper json, ChangeClock clock) {
    this.settings = settings;
    this.config = config;
    this.dispatcher = dispatcher;
    this.json = json;
    this.clock = clock;
  }

  void created(long portalId, Contact c, String source) {
    enqueue(portalId, "contact.creation", null, null, c.id, c.createdAt, source);
    c.props.forEach((k, v) -> enqueue(portalId, "contact.propertyChange", k, v, c.id, c.createdAt, source));
  }

  void propertiesChanged(long portalId, long id, Map<String, String> changed, Instant at, String source) {
    changed.forEach((k, v) -> enqueue(portalId, "contact.propertyChange", k, v, id, at, source));
  }

  void deleted(long portalId, long id, Instant at, String source) {
    enqueue(portalId, "contact.deletion", null, null, id, at, source);
  }

  void privacyDeleted(long portalId, long id, Instant at, String source) {
    enqueue(portalId, "contact.privacyDeletion", null, null, id, at, source);
  }

  private synchronized void enqueue(long portalId, String type, String prop, String value, long objectId, Instant at,
      String source) {
    Map<String, Object> sub = config.match(type, prop);
    if (sub == null || config.targetUrl() == null) {
      return;
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("eventId", nextEventId++);
    e.put("subscriptionId", sub.get("id"));
    e.put("portalId", portalId);
    e.put("appId", settings.appId);
    e.put("occurredAt", at.toEpochMilli());
    e.put("subscriptionType", type);
    e.put("attemptNumber", 0);
    e.put("objectId", objectId);
    e.put("changeSource", source);
    if (type.equals("contact.creation")) {
      e.put("changeFlag", "NEW");
    } else if (type.equals("contact.deletion")) {
      e.put("changeFlag", "DELETED");
    } else {
      e.put("propertyName", prop);
      e.put("propertyValue", value);
    }
    if (pending.isEmpty()) {
      timer.schedule(this::flush, settings.webhookBatchMs, TimeUnit.MILLISECONDS);
    }
    pending.computeIfAbsent(portalId, k -> new ArrayList<>()).add(e);
  }

  private void flush() {
    List<List<Map<String, Object>>> byPortal;
    synchronized (this) {
      byPortal = new ArrayList<>(pending.values());
      pending.clear();
    }
    String url = config.targetUrl();
    if (url == null) {
      return;
    }
    for (List<Map<String, Object>> events : byPortal) {
      for (int i = 0; i < events.size(); i += 100) {
        List<Map<String, Object>> chunk = events.subList(i, Math.min(i + 100, events.size()));
        dispatcher.dispatch("hubspot", attempt -> request(url, chunk, attempt - 1));
      }
    }
  }

  private OutboundRequest request(String url, List<Map<String, Object>> chunk, int attemptNumber) {
    List<Map<String, Object>> copy = chunk.stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>(e);
      m.put("attemptNumber", attemptNumber);
      return m;
    }).toList();
    String body = json.writeValueAsString(copy);
    String timestamp = Long.toString(clock.now().toEpochMilli());
    return new OutboundRequest(url, "application/json", Map.of(
        "X-HubSpot-Signature", signV1(settings.clientSecret, body),
        "X-HubSpot-Signature-Version", "v1",
        "X-HubSpot-Request-Timestamp", timestamp,
        "X-HubSpot-Signature-v3", signV3(settings.clientSecret, "POST", url, body, timestamp)), body);
  }

  /** HubSpot request signature v1: lower-case hex SHA-256 of {@code clientSecret + body}. */
  static String signV1(String secret, String body) {
    try {
      byte[] raw = MessageDigest.getInstance("SHA-256").digest((secret + body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(raw);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** HubSpot request signature v3, over the URL with HubSpot's listed percent-escapes decoded. */
  static String signV3(String secret, String method, String url, String body, String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] raw = mac.doFinal((method + decodeUri(url) + body + timestamp).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(raw);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String decodeUri(String url) {
    String out = url;
    for (String[] d : DECODED) {
      out = out.replace(d[0], d[1]).replace(d[0].toLowerCase(java.util.Locale.ROOT), d[1]);
    }
    return out;
  }

  synchronized void reset() {
    pending.clear();
  }

  @PreDestroy
  void close() {
    timer.shutdownNow();
  }
}
