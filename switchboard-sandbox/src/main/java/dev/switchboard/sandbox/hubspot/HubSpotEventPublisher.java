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
 * Turns CRM changes of every portal ({@link HubSpotEvents}) into HubSpot webhook events for the app's active
 * subscriptions
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

  /** A record was created: {@code creation}, then {@code propertyChange} for each property it was created with. */
  void created(long portalId, CrmObject c, String source) {
    publish(portalId, HubSpotEvents.creation(c.type, c.id, c.createdAt, source));
    c.props.forEach((k, v) -> publish(portalId, HubSpotEvents.propertyChange(c.type, c.id, k, v, c.createdAt, source)));
  }

  void propertiesChanged(long portalId, ObjectType type, long id, Map<String, String> changed, Instant at, String source) {
    changed.forEach((k, v) -> publish(portalId, HubSpotEvents.propertyChange(type, id, k, v, at, source)));
  }

  void deleted(long portalId, ObjectType type, long id, Instant at, String source) {
    publish(portalId, HubSpotEvents.deletion(type, id, at, source));
  }

  void privacyDeleted(long portalId, ObjectType type, long id, Instant at, String source) {
    publish(portalId, HubSpotEvents.privacyDeletion(type, id, at, source));
  }

  void restored(long portalId, ObjectType type, long id, Instant at, String source) {
    publish(portalId, HubSpotEvents.restore(type, id, at, source));
  }

  void merged(long portalId, ObjectType type, long primaryId, List<Long> mergedIds, int moved, Instant at, String source) {
    publish(portalId, HubSpotEvents.merge(type, primaryId, mergedIds, moved, at, source));
  }

  /** One association type added or removed, seen from {@code from} (the store reports the other end separately). */
  void associationChanged(long portalId, Associations.End from, Associations.End to, int typeId, String category,
      boolean removed, String source) {
    publish(portalId, HubSpotEvents.associationChange(from, to, typeId, category, removed, clock.now(), source));
  }

  /**
   * Queues the event once for the active legacy subscription it matches ({@code contact.creation}, where the
   * webhooks v3 enum has that event type) and once for the active generic one ({@code object.creation} with the
   * type's {@code objectTypeId}), each naming its subscription.
   */
  private synchronized void publish(long portalId, HubSpotEvents event) {
    if (config.targetUrl() == null) {
      return;
    }
    List<Map<String, Object>> subscriptions = new ArrayList<>();
    if (event.type().legacyWebhooks && HubSpotWebhookConfig.EVENT_TYPES.contains(event.legacyType())) {
      subscriptions.add(config.match(event.legacyType(), null, event.property()));
    }
    subscriptions.add(config.match(event.genericType(), event.type(), event.property()));
    for (Map<String, Object> sub : subscriptions) {
      if (sub == null) {
        continue;
      }
      if (pending.isEmpty()) {
        timer.schedule(this::flush, settings.webhookBatchMs, TimeUnit.MILLISECONDS);
      }
      pending.computeIfAbsent(portalId, k -> new ArrayList<>())
          .add(event.payload(nextEventId++, sub.get("id"), portalId, settings.appId, (String) sub.get("eventType")));
    }
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
