package dev.switchboard.sandbox.stripe;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events (list, retrieve) and webhook endpoints (create, retrieve, list, delete) of the account acted on.
 * {@code connect=true} on create makes a Connect endpoint ({@link StripeEvents}); the object does not show the flag,
 * as at Stripe.
 */
@RestController
class StripeEventsController {

  private final StripeStore store;

  StripeEventsController(StripeStore store) {
    this.store = store;
  }

  // https://stripe.com/docs/api/events/list (filters: type, types[])
  @GetMapping("/stripe/v1/events")
  Map<String, Object> events(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String type = p.str("type");
    List<Object> types = p.list("types");
    return store.list("event", "/v1/events", p, e -> (type == null || matches(type, (String) e.get("type")))
        && (types.isEmpty() || types.contains(e.get("type"))));
  }

  private static boolean matches(String pattern, String type) {
    return pattern.endsWith(".*") ? type.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(type);
  }

  // https://stripe.com/docs/api/events/retrieve
  @GetMapping("/stripe/v1/events/{id}")
  Map<String, Object> event(@PathVariable String id) {
    return store.get("event", "event", id);
  }

  // https://stripe.com/docs/api/webhook_endpoints/create
  @PostMapping("/stripe/v1/webhook_endpoints")
  Map<String, Object> createEndpoint(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String url = p.required("url");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw StripeException.invalid("url_invalid", "Invalid URL: " + url, "url");
    }
    List<Object> enabled = p.list("enabled_events");
    if (enabled.isEmpty()) {
      throw StripeException.paramMissing("enabled_events");
    }
    Map<String, Object> w = store.blank("we", "webhook_endpoint", false);
    w.put("api_version", p.str("api_version"));
    w.put("application", null);
    w.put("created", store.now());
    w.put("description", p.str("description"));
    w.put("enabled_events", enabled.stream().map(String::valueOf).toList());
    w.put("livemode", false);
    w.put("metadata", new LinkedHashMap<String, Object>());
    StripeStore.mergeMetadata(w, p);
    w.put("secret", StripeStore.newId("whsec", 32));
    w.put("status", "enabled");
    w.put("url", url);
    store.put(w);
    if (p.bool("connect", false)) {
      store.current().markConnectEndpoint((String) w.get("id"));
    }
    return w;
  }

  // https://stripe.com/docs/api/webhook_endpoints/retrieve (secret is only returned on create)
  @GetMapping("/stripe/v1/webhook_endpoints/{id}")
  Map<String, Object> endpoint(@PathVariable String id) {
    return withoutSecret(store.get("webhook_endpoint", "webhook endpoint", id));
  }

  // https://stripe.com/docs/api/webhook_endpoints/list
  @GetMapping("/stripe/v1/webhook_endpoints")
  @SuppressWarnings("unchecked")
  Map<String, Object> endpoints(HttpServletRequest req) {
    Map<String, Object> l = store.list("webhook_endpoint", "/v1/webhook_endpoints", StripeParams.of(req), e -> true);
    l.put("data", ((List<Map<String, Object>>) l.get("data")).stream().map(StripeEventsController::withoutSecret).toList());
    return l;
  }

  // https://stripe.com/docs/api/webhook_endpoints/delete
  @DeleteMapping("/stripe/v1/webhook_endpoints/{id}")
  Map<String, Object> deleteEndpoint(@PathVariable String id) {
    store.get("webhook_endpoint", "webhook endpoint", id);
    store.remove(id);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", id);
    d.put("object", "webhook_endpoint");
    d.put("deleted", true);
    return d;
  }

  private static Map<String, Object> withoutSecret(Map<String, Object> w) {
    Map<String, Object> copy = new LinkedHashMap<>(w);
    copy.remove("secret");
    return copy;
  }
}
