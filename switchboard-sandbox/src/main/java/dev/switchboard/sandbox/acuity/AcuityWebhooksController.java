package dev.switchboard.sandbox.acuity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Acuity dynamic webhooks of the account the request's credential reaches: at most 25 per account (the 26th answers
 * 400); another account's webhook is 404.
 */
@RestController
class AcuityWebhooksController {

  static final Set<String> EVENTS = Set.of("appointment.scheduled", "appointment.rescheduled", "appointment.canceled",
      "appointment.changed", "order.completed");
  private static final String BASE = "/acuity/api/v1/webhooks";
  // https://developers.acuityscheduling.com/page/webhooks-webhooks-webhooks
  @GetMapping(BASE)
  List<Map<String, Object>> list(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account) {
    return account.store.webhooks().stream().map(AcuityWebhooksController::json).toList();
  }

  // https://developers.acuityscheduling.com/page/webhooks-webhooks-webhooks
  @PostMapping(BASE)
  Map<String, Object> create(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @RequestBody Map<String, Object> body) {
    String event = AcuityBookings.str(body, "event");
    String target = AcuityBookings.str(body, "target");
    if (event == null) {
      throw AcuityException.required("event");
    }
    if (target == null) {
      throw AcuityException.required("target");
    }
    if (!EVENTS.contains(event)) {
      throw AcuityException.badRequest("invalid_event", "The event \"" + event + "\" is invalid.");
    }
    if (!target.startsWith("http://") && !target.startsWith("https://")) {
      throw AcuityException.badRequest("invalid_target", "The target \"" + target + "\" is invalid.");
    }
    return json(account.store.addWebhook(event, target));
  }

  // https://developers.acuityscheduling.com/page/webhooks-webhooks-webhooks
  @DeleteMapping(BASE + "/{id}")
  ResponseEntity<Void> delete(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @PathVariable long id) {
    if (!account.store.removeWebhook(id)) {
      throw AcuityException.notFound("Webhook not found.");
    }
    return ResponseEntity.noContent().build();
  }

  static Map<String, Object> json(AcuityStore.Webhook w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", w.id());
    m.put("event", w.event());
    m.put("target", w.target());
    m.put("status", "active");
    return m;
  }
}
