package dev.switchboard.sandbox.square;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions API, per merchant (the caller's); {@code /test} queues one test event to that subscription and reports status 200. {@code signature_key} is only returned by create and by the signature-key rotation. */
@RestController
@RequestMapping("/square/v2/webhooks/subscriptions")
class SquareWebhookSubscriptionsController {


  // https://developer.squareup.com/reference/square/webhook-subscriptions-api/create-webhook-subscription
  @PostMapping
  synchronized Map<String, Object> create(@RequestBody Map<String, Object> body,
      @RequestHeader(name = "Square-Version", required = false) String version,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareWebhooks webhooks = m.webhooks;
    Map<String, Object> sub = Sq.map(body.get("subscription"));
    if (sub == null) {
      throw SquareException.missing("subscription");
    }
    String key = Sq.str(body.get("idempotency_key"));
    if (key != null && m.subscriptionKeys.containsKey(key)) {
      return Map.of("subscription", m.subscriptionKeys.get(key));
    }
    Map<String, Object> s = webhooks.create(sub, version == null ? SquareSettings.DEFAULT_VERSION : version);
    if (key != null) {
      m.subscriptionKeys.put(key, s);
    }
    return Map.of("subscription", s);
  }

  // https://developer.squareup.com/reference/square/webhook-subscriptions-api/list-webhook-subscriptions
  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) String limit,
      @RequestParam(name = "include_disabled", defaultValue = "false") boolean includeDisabled,
      @RequestParam(name = "sort_order", defaultValue = "ASC") String sortOrder,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareWebhooks webhooks = m.webhooks;
    List<Map<String, Object>> all = webhooks.list(includeDisabled, "DESC".equals(sortOrder));
    return Sq.page(all, cursor, Sq.limit(limit, 100, "limit"), "subscriptions");
  }

  // https://developer.squareup.com/reference/square/webhook-subscriptions-api/retrieve-webhook-subscription
  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareWebhooks webhooks = m.webhooks;
    return Map.of("subscription", webhooks.get(id));
  }

  // https://developer.squareup.com/reference/square/webhook-subscriptions-api/update-webhook-subscription
  @PutMapping("/{id}")
  Map<String, Object> update(@PathVariable String id, @RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareWebhooks webhooks = m.webhooks;
    Map<String, Object> sub = Sq.map(body.get("subscription"));
    return Map.of("subscription", webhooks.update(id, sub == null ? Map.of() : sub));
  }

  // https://developer.squareup.com/reference/square/webhook-subscriptions-api/delete-webhook-subscription
  @DeleteMapping("/{id}")
  Map<String, Object> delete(@PathVariable String id,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareWebhooks webhooks = m.webhooks;
    webhooks.delete(id);
    return Map.of();
  }

  // https://developer.squareup.com/reference/square/webhook-subscriptions-api/update-webhook-subscription-signature-key
  @PostMapping("/{id}/signature-key")
  Map<String, Object> rotate(@PathVariable String id,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareWebhooks webhooks = m.webhooks;
    return Map.of("signature_key", webhooks.rotateKey(id));
  }

  // https://developer.squareup.com/reference/square/webhook-subscriptions-api/test-webhook-subscription
  @PostMapping("/{id}/test")
  Map<String, Object> test(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareWebhooks webhooks = m.webhooks;
    Map<String, Object> s = webhooks.get(id);
    String type = body != null && body.get("event_type") != null ? body.get("event_type").toString()
        : ((List<?>) s.get("event_types")).getFirst().toString();
    String payload = webhooks.fireTo(type, "test", "test-" + id, Map.of("id", "test-" + id), id);
    Map<String, Object> result = new LinkedHashMap<>();
    String now = Sq.ts(java.time.Instant.now());
    result.put("id", java.util.UUID.randomUUID().toString());
    result.put("status_code", 200); // delivery is asynchronous: the receiver's real status is in the request log
    result.put("payload", payload);
    result.put("created_at", now);
    result.put("updated_at", now);
    return Map.of("subscription_test_result", result);
  }
}
