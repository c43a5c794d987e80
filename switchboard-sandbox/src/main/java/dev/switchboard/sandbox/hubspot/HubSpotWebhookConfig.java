package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The app's webhook settings (target URL, throttling — {@code maxConcurrentRequests} is enforced on
 * deliveries) and subscriptions. Thread-safe.
 */
@Component
class HubSpotWebhookConfig {

  private final ChangeClock clock;
  private final WebhookDispatcher dispatcher;
  private Map<String, Object> settings;
  private final List<Map<String, Object>> subscriptions = new ArrayList<>();
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
    String now = ContactJson.ts(clock.now());
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

  synchronized String targetUrl() {
    return settings == null ? null : (String) settings.get("targetUrl");
  }

  synchronized List<Map<String, Object>> subscriptions() {
    return subscriptions.stream().map(m -> (Map<String, Object>) new LinkedHashMap<>(m)).toList();
  }

  synchronized Map<String, Object> subscribe(Map<String, Object> body) {
    String type = String.valueOf(body.get("eventType"));
    if (!List.of("contact.creation", "contact.propertyChange", "contact.deletion").contains(type)) {
      throw HubSpotException.validation("Unsupported eventType: " + type);
    }
    if (type.equals("contact.propertyChange") && body.get("propertyName") == null) {
      throw HubSpotException.validation("propertyName is required for contact.propertyChange");
    }
    String now = ContactJson.ts(clock.now());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", nextSubscriptionId++);
    s.put("createdAt", now);
    s.put("updatedAt", now);
    s.put("eventType", type);
    if (body.get("propertyName") != null) {
      s.put("propertyName", body.get("propertyName"));
    }
    s.put("active", body.get("active") == null || Boolean.parseBoolean(body.get("active").toString()));
    subscriptions.add(s);
    return new LinkedHashMap<>(s);
  }

  synchronized boolean unsubscribe(long id) {
    return subscriptions.removeIf(s -> ((Number) s.get("id")).longValue() == id);
  }

  /** The active subscription matching an event, or null. */
  synchronized Map<String, Object> match(String eventType, String propertyName) {
    return subscriptions.stream()
        .filter(s -> Boolean.TRUE.equals(s.get("active")) && eventType.equals(s.get("eventType")))
        .filter(s -> propertyName == null || propertyName.equals(s.get("propertyName")))
        .findFirst().orElse(null);
  }

  synchronized void reset() {
    settings = null;
    subscriptions.clear();
    nextSubscriptionId = 501;
  }
}
