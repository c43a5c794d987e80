package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The app's webhook settings (target URL, throttling — {@code maxConcurrentRequests} is enforced on
 * deliveries) and subscriptions. Subscriptions are rendered with a string {@code id} (webhooks v3
 * {@code SubscriptionResponse}); they are created paused unless {@code active:true} is sent. Without
 * settings (none yet, or deleted) nothing is delivered: subscriptions stay but are effectively paused.
 * Thread-safe.
 */
@Component
class HubSpotWebhookConfig {

  /**
   * The webhooks v3 spec's {@code eventType} enum (SubscriptionCreateRequest), all accepted; ticket, conversation
   * and {@code event.completed} subscriptions never fire (the sandbox has no such objects).
   */
  static final Set<String> EVENT_TYPES = Set.of(
      "company.associationChange", "company.creation", "company.deletion", "company.merge", "company.propertyChange",
      "company.restore", "contact.associationChange", "contact.creation", "contact.deletion", "contact.merge",
      "contact.privacyDeletion", "contact.propertyChange", "contact.restore", "conversation.creation",
      "conversation.deletion", "conversation.newMessage", "conversation.privacyDeletion", "conversation.propertyChange",
      "deal.associationChange", "deal.creation", "deal.deletion", "deal.merge", "deal.propertyChange", "deal.restore",
      "event.completed", "line_item.associationChange", "line_item.creation", "line_item.deletion", "line_item.merge",
      "line_item.propertyChange", "line_item.restore", "object.associationChange", "object.creation", "object.deletion",
      "object.merge", "object.propertyChange", "object.restore", "product.creation", "product.deletion", "product.merge",
      "product.propertyChange", "product.restore", "ticket.associationChange", "ticket.creation", "ticket.deletion",
      "ticket.merge", "ticket.propertyChange", "ticket.restore");

  private final ChangeClock clock;
  private final WebhookDispatcher dispatcher;
  private Map<String, Object> settings;
  private final Map<Long, Map<String, Object>> subscriptions = new LinkedHashMap<>();
  private long nextSubscriptionId = 501;

  HubSpotWebhookConfig(ChangeClock clock, WebhookDispatcher dispatcher) {
    this.clock = clock;
    this.dispatcher = dispatcher;
  }

  synchronized Optional<Map<String, Object>> settings() {
    return Optional.ofNullable(settings).map(LinkedHashMap::new);
  }

  synchronized Map<String, Object> putSettings(Map<String, Object> body) {
    Object url = body.get("targetUrl");
    if (!(url instanceof String s) || !(s.startsWith("http://") || s.startsWith("https://"))) {
      throw HubSpotException.validation("targetUrl must be an absolute http(s) URL");
    }
    String now = HubSpotJson.ts(clock.now());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("targetUrl", url);
    Map<String, Object> throttling = new LinkedHashMap<>(Map.of("period", "SECONDLY", "maxConcurrentRequests", 10));
    if (body.get("throttling") instanceof Map<?, ?> t) {
      t.forEach((k, v) -> throttling.put(String.valueOf(k), v));
    }
    m.put("throttling", throttling);
    if (throttling.get("maxConcurrentRequests") instanceof Number n) {
      dispatcher.limitConcurrency("hubspot", n.intValue());
    }
    m.put("createdAt", settings == null ? now : settings.get("createdAt"));
    m.put("updatedAt", now);
    settings = m;
    return new LinkedHashMap<>(m);
  }

  /** Removes the settings; false if there were none. Subscriptions are kept. */
  synchronized boolean deleteSettings() {
    boolean had = settings != null;
    settings = null;
    return had;
  }

  synchronized String targetUrl() {
    return settings == null ? null : (String) settings.get("targetUrl");
  }

  synchronized List<Map<String, Object>> subscriptions() {
    return subscriptions.values().stream().map(HubSpotWebhookConfig::render).toList();
  }

  /** One subscription, or empty. */
  synchronized Optional<Map<String, Object>> subscription(long id) {
    return Optional.ofNullable(subscriptions.get(id)).map(HubSpotWebhookConfig::render);
  }

  /**
   * Creates a subscription ({@code SubscriptionCreateRequest}). {@code propertyChange} types need
   * {@code propertyName}; the generic {@code object.*} types need {@code objectTypeId} (an id such as {@code 0-3}
   * or a name such as {@code deal}, as the spec's description allows). {@code active} defaults to false; the 2026-03
   * spec requires it ({@code activeRequired}).
   */
  synchronized Map<String, Object> subscribe(Map<String, Object> body, boolean activeRequired) {
    String type = String.valueOf(body.get("eventType"));
    if (!EVENT_TYPES.contains(type)) {
      throw HubSpotException.validation("Unsupported eventType: " + type);
    }
    if (type.endsWith(".propertyChange") && body.get("propertyName") == null) {
      throw HubSpotException.validation("propertyName is required for " + type);
    }
    if (type.startsWith("object.") && body.get("objectTypeId") == null) {
      throw HubSpotException.validation("objectTypeId is required for " + type);
    }
    if (activeRequired && !(body.get("active") instanceof Boolean)) {
      throw HubSpotException.validation("active is required");
    }
    String now = HubSpotJson.ts(clock.now());
    Map<String, Object> s = new LinkedHashMap<>();
    long id = nextSubscriptionId++;
    s.put("id", id);
    s.put("createdAt", now);
    s.put("updatedAt", now);
    s.put("eventType", type);
    if (body.get("propertyName") != null) {
      s.put("propertyName", body.get("propertyName"));
    }
    if (body.get("objectTypeId") != null) {
      s.put("objectTypeId", String.valueOf(body.get("objectTypeId")));
    }
    if (body.get("eventTypeName") != null) {
      s.put("eventTypeName", String.valueOf(body.get("eventTypeName")));
    }
    s.put("active", body.get("active") != null && Boolean.parseBoolean(body.get("active").toString()));
    subscriptions.put(id, s);
    return render(s);
  }

  /** Sets {@code active} of one subscription; empty if there is no such subscription. */
  synchronized Optional<Map<String, Object>> setActive(long id, boolean active) {
    Map<String, Object> s = subscriptions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (!Boolean.valueOf(active).equals(s.get("active"))) {
      s.put("active", active);
      s.put("updatedAt", HubSpotJson.ts(clock.now()));
    }
    return Optional.of(render(s));
  }

  synchronized boolean unsubscribe(long id) {
    return subscriptions.remove(id) != null;
  }

  /**
   * The active subscription of {@code eventType} matching an event (its numeric {@code id} as events carry it), or
   * null: for a property change, the one for that property; for a generic {@code object.*} type ({@code objectType}
   * non-null), the one whose {@code objectTypeId} names the event's object type.
   */
  synchronized Map<String, Object> match(String eventType, ObjectType objectType, String propertyName) {
    return subscriptions.values().stream()
        .filter(s -> Boolean.TRUE.equals(s.get("active")) && eventType.equals(s.get("eventType")))
        .filter(s -> propertyName == null || !eventType.endsWith(".propertyChange") || propertyName.equals(s.get("propertyName")))
        .filter(s -> objectType == null || ObjectType.find((String) s.get("objectTypeId")) == objectType)
        .findFirst().map(LinkedHashMap::new).orElse(null);
  }

  synchronized void reset() {
    settings = null;
    subscriptions.clear();
    nextSubscriptionId = 501;
  }

  private static Map<String, Object> render(Map<String, Object> s) {
    Map<String, Object> m = new LinkedHashMap<>(s);
    m.put("id", String.valueOf(s.get("id")));
    return m;
  }
}
