package dev.switchboard.sandbox.calendly;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox-only actions standing in for people using Calendly's booking pages (no auth, not rate limited):
 * {@code POST /_sandbox/calendly/book}, {@code POST /_sandbox/calendly/invitees/{uuid}/cancel},
 * {@code POST /_sandbox/calendly/invitees/{uuid}/reschedule}. Each fires the webhooks Calendly would. Each acts in
 * the organization that owns the event type or invitee named (ids are unique across organizations); an unknown one
 * answers 404.
 */
@RestController
class CalendlySandboxController {

  private final CalendlyOrgs orgs;

  CalendlySandboxController(CalendlyOrgs orgs) {
    this.orgs = orgs;
  }

  private CalendlyOrg owner(CalendlyOrg org) {
    if (org == null) {
      throw CalendlyException.notFound();
    }
    return org;
  }

  /** Webhook payload: the invitee plus the scheduled event it belongs to. */
  static Map<String, Object> payload(Map<String, Object> invitee, Map<String, Object> event) {
    Map<String, Object> p = new LinkedHashMap<>(invitee);
    p.put("scheduled_event", event);
    return p;
  }

  /** Body {@code {event_type, invitee:{email, name, timezone?, text_reminder_number?}, start_time, questions_and_answers?}}. */
  @PostMapping("/_sandbox/calendly/book")
  ResponseEntity<Map<String, Object>> book(@RequestBody Map<String, Object> body) {
    if (!(body.get("invitee") instanceof Map<?, ?> who)) {
      throw CalendlyException.invalid("invitee", "is required");
    }
    if (body.get("start_time") == null || body.get("event_type") == null) {
      throw CalendlyException.invalid("start_time", "event_type and start_time are required");
    }
    Instant start = CalendlyUris.parse(body.get("start_time").toString(), "start_time");
    CalendlyOrg org = owner(orgs.byEventType(body.get("event_type")));
    CalendlyStore store = org.store;
    Map<String, Object> inv = store.book(CalendlyUris.id(body.get("event_type")), str(who.get("email")), str(who.get("name")),
        start, str(who.get("timezone")), str(who.get("text_reminder_number")), body.get("questions_and_answers"));
    Map<String, Object> event = store.event(CalendlyUris.id(inv.get("event")));
    org.webhooks.fire("invitee.created", payload(inv, event));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("resource", inv, "scheduled_event", event));
  }

  /** The invitee cancels (body {@code {reason?}}): invitee and event canceled, {@code invitee.canceled} fired. */
  @PostMapping("/_sandbox/calendly/invitees/{uuid}/cancel")
  Map<String, Object> cancel(@PathVariable String uuid, @RequestBody(required = false) Map<String, Object> body) {
    CalendlyOrg org = owner(orgs.byInvitee(uuid));
    CalendlyStore store = org.store;
    Map<String, Object> inv = store.inviteeByUuid(uuid);
    String eventUuid = CalendlyUris.id(inv.get("event"));
    List<Map<String, Object>> canceled = store.cancelEvent(eventUuid, body == null ? null : str(body.get("reason")),
        (String) inv.get("name"), "invitee");
    Map<String, Object> event = store.event(eventUuid);
    canceled.forEach(i -> org.webhooks.fire("invitee.canceled", payload(i, event)));
    return Map.of("resource", store.inviteeByUuid(uuid));
  }

  /**
   * The invitee reschedules to {@code start_time}: the old invitee is canceled with {@code rescheduled: true} and
   * {@code new_invitee}; a new event + invitee (with {@code old_invitee}) is created. Fires canceled, then created.
   */
  @PostMapping("/_sandbox/calendly/invitees/{uuid}/reschedule")
  Map<String, Object> reschedule(@PathVariable String uuid, @RequestBody Map<String, Object> body) {
    CalendlyOrg org = owner(orgs.byInvitee(uuid));
    CalendlyStore store = org.store;
    Map<String, Object> old = store.inviteeByUuid(uuid);
    if (!"active".equals(old.get("status"))) {
      throw CalendlyException.forbidden("Invitee is already canceled");
    }
    Map<String, Object> oldEvent = store.event(CalendlyUris.id(old.get("event")));
    Instant start = CalendlyUris.parse(str(body.get("start_time")), "start_time");
    Map<String, Object> fresh = store.book(CalendlyUris.id(oldEvent.get("event_type")), (String) old.get("email"),
        (String) old.get("name"), start, (String) old.get("timezone"), (String) old.get("text_reminder_number"),
        old.get("questions_and_answers"));
    store.cancelEvent(CalendlyUris.id(oldEvent.get("uri")), "Rescheduled", (String) old.get("name"), "invitee");
    store.linkReschedule(uuid, (String) fresh.get("uri"));
    Map<String, Object> canceled = store.inviteeByUuid(uuid);
    Map<String, Object> created = store.inviteeByUuid(CalendlyUris.id(fresh.get("uri")));
    org.webhooks.fire("invitee.canceled", payload(canceled, store.event(CalendlyUris.id(canceled.get("event")))));
    org.webhooks.fire("invitee.created", payload(created, store.event(CalendlyUris.id(created.get("event")))));
    return Map.of("old_invitee", canceled, "new_invitee", created);
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
