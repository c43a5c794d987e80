package dev.switchboard.sandbox.calendly;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscription CRUD, on the caller's organization's subscriptions only. */
@RestController
class CalendlyWebhooksController {

  // https://developer.calendly.com/api-docs/calendly-api/webhooks/create-webhook-subscription
  @PostMapping("/calendly/webhook_subscriptions")
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("resource", org.webhooks.create(body)));
  }

  // https://developer.calendly.com/api-docs/calendly-api/webhooks/list-webhook-subscriptions
  @GetMapping("/calendly/webhook_subscriptions")
  Map<String, Object> list(@RequestParam(required = false) String organization, @RequestParam(required = false) String scope,
      @RequestParam(required = false) String user, @RequestParam(required = false) Integer count,
      @RequestParam(name = "page_token", required = false) String pageToken,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    if (organization == null) {
      throw CalendlyException.invalid("organization", "is required");
    }
    if (!"user".equals(scope) && !"organization".equals(scope)) {
      throw CalendlyException.invalid("scope", "must be one of user, organization");
    }
    if ("user".equals(scope) && user == null) {
      throw CalendlyException.invalid("user", "is required for user scope");
    }
    return CalendlyPaging.page(org.webhooks.list(organization, scope, user), count, pageToken);
  }

  // https://developer.calendly.com/api-docs/calendly-api/webhooks/get-webhook-subscription
  @GetMapping("/calendly/webhook_subscriptions/{uuid}")
  Map<String, Object> get(@PathVariable String uuid,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    return Map.of("resource", org.webhooks.get(uuid));
  }

  // https://developer.calendly.com/api-docs/calendly-api/webhooks/delete-webhook-subscription
  @DeleteMapping("/calendly/webhook_subscriptions/{uuid}")
  ResponseEntity<Void> delete(@PathVariable String uuid,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    org.webhooks.delete(uuid);
    return ResponseEntity.noContent().build();
  }
}
