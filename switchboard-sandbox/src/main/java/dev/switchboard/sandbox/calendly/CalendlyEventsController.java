package dev.switchboard.sandbox.calendly;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

/** Scheduled events, invitees, cancellation and no-shows of the caller's organization (others' are not found). */
@RestController
class CalendlyEventsController {

  // https://developer.calendly.com/api-docs/calendly-api/scheduled-events/list-scheduled-events
  @GetMapping("/calendly/scheduled_events")
  Map<String, Object> list(@RequestParam(required = false) String user, @RequestParam(required = false) String organization,
      @RequestParam(name = "min_start_time", required = false) String min,
      @RequestParam(name = "max_start_time", required = false) String max,
      @RequestParam(required = false) String status, @RequestParam(name = "invitee_email", required = false) String email,
      @RequestParam(required = false) String sort, @RequestParam(required = false) Integer count,
      @RequestParam(name = "page_token", required = false) String pageToken,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    if (user == null && organization == null) {
      throw CalendlyException.invalid("organization", "user or organization is required");
    }
    if (status != null && !List.of("active", "canceled").contains(status)) {
      throw CalendlyException.invalid("status", "must be one of active, canceled");
    }
    String s = sort == null ? "start_time:asc" : sort;
    if (!List.of("start_time:asc", "start_time:desc").contains(s)) {
      throw CalendlyException.invalid("sort", "must be start_time:asc or start_time:desc");
    }
    CalendlyPaging.count(count);
    Instant from = min == null ? null : CalendlyUris.parse(min, "min_start_time");
    Instant to = max == null ? null : CalendlyUris.parse(max, "max_start_time");
    boolean owner = org.isUserOrNull(user) && org.isOrgOrNull(organization);
    Comparator<Map<String, Object>> byStart = Comparator.comparing(e -> Instant.parse((String) e.get("start_time")));
    List<Map<String, Object>> all = !owner ? List.of() : org.store.events().stream()
        .filter(e -> status == null || status.equals(e.get("status")))
        .filter(e -> from == null || !Instant.parse((String) e.get("start_time")).isBefore(from))
        .filter(e -> to == null || Instant.parse((String) e.get("start_time")).isBefore(to))
        .filter(e -> email == null || org.store.invitees(CalendlyUris.id(e.get("uri"))).stream()
            .anyMatch(i -> email.equalsIgnoreCase((String) i.get("email"))))
        .sorted(s.endsWith("desc") ? byStart.reversed() : byStart).toList();
    return CalendlyPaging.page(all, count, pageToken);
  }

  // https://developer.calendly.com/api-docs/calendly-api/scheduled-events/get-event
  @GetMapping("/calendly/scheduled_events/{uuid}")
  Map<String, Object> get(@PathVariable String uuid,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    return Map.of("resource", org.store.event(uuid));
  }

  // https://developer.calendly.com/api-docs/calendly-api/scheduled-events/list-event-invitees
  @GetMapping("/calendly/scheduled_events/{uuid}/invitees")
  Map<String, Object> invitees(@PathVariable String uuid, @RequestParam(required = false) String status,
      @RequestParam(required = false) String email, @RequestParam(required = false) String sort,
      @RequestParam(required = false) Integer count, @RequestParam(name = "page_token", required = false) String pageToken,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    String s = sort == null ? "created_at:asc" : sort;
    if (!List.of("created_at:asc", "created_at:desc").contains(s)) {
      throw CalendlyException.invalid("sort", "must be created_at:asc or created_at:desc");
    }
    CalendlyPaging.count(count);
    Comparator<Map<String, Object>> c = Comparator.comparing(i -> (String) i.get("created_at"));
    List<Map<String, Object>> all = org.store.invitees(uuid).stream()
        .filter(i -> status == null || status.equals(i.get("status")))
        .filter(i -> email == null || email.equalsIgnoreCase((String) i.get("email")))
        .sorted(s.endsWith("desc") ? c.reversed() : c).toList();
    return CalendlyPaging.page(all, count, pageToken);
  }

  // https://developer.calendly.com/api-docs/calendly-api/scheduled-events/get-event-invitee
  @GetMapping("/calendly/scheduled_events/{uuid}/invitees/{invitee}")
  Map<String, Object> invitee(@PathVariable String uuid, @PathVariable String invitee,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    return Map.of("resource", org.store.invitee(uuid, invitee));
  }

  // https://developer.calendly.com/api-docs/calendly-api/scheduled-events/cancel-event
  @PostMapping("/calendly/scheduled_events/{uuid}/cancellation")
  ResponseEntity<Map<String, Object>> cancel(@PathVariable String uuid, @RequestBody(required = false) Map<String, Object> body,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    Object reason = body == null ? null : body.get("reason");
    List<Map<String, Object>> canceled = org.store.cancelEvent(uuid, reason == null ? null : reason.toString(),
        org.userName, "host");
    Map<String, Object> event = org.store.event(uuid);
    canceled.forEach(inv -> org.webhooks.fire("invitee.canceled", CalendlySandboxController.payload(inv, event)));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("resource", event.get("cancellation")));
  }

  // https://developer.calendly.com/api-docs/calendly-api/scheduled-events/create-invitee-no-show
  @PostMapping("/calendly/invitee_no_shows")
  ResponseEntity<Map<String, Object>> noShow(@RequestBody Map<String, Object> body,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    if (body.get("invitee") == null) {
      throw CalendlyException.invalid("invitee", "is required");
    }
    Map<String, Object> ns = org.store.markNoShow(CalendlyUris.id(body.get("invitee")));
    Map<String, Object> inv = org.store.inviteeByUuid(CalendlyUris.id(body.get("invitee")));
    org.webhooks.fire("invitee_no_show.created", CalendlySandboxController.payload(inv, org.store.event(CalendlyUris.id(inv.get("event")))));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("resource", ns));
  }

  // https://developer.calendly.com/api-docs/calendly-api/scheduled-events/get-invitee-no-show
  @GetMapping("/calendly/invitee_no_shows/{uuid}")
  Map<String, Object> getNoShow(@PathVariable String uuid,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    return Map.of("resource", org.store.noShow(uuid));
  }

  // https://developer.calendly.com/api-docs/calendly-api/scheduled-events/delete-invitee-no-show
  @DeleteMapping("/calendly/invitee_no_shows/{uuid}")
  ResponseEntity<Void> deleteNoShow(@PathVariable String uuid,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    Map<String, Object> inv = org.store.unmarkNoShow(uuid);
    org.webhooks.fire("invitee_no_show.deleted", CalendlySandboxController.payload(inv, org.store.event(CalendlyUris.id(inv.get("event")))));
    return ResponseEntity.noContent().build();
  }
}
