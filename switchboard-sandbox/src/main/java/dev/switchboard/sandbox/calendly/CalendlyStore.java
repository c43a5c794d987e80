package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scheduled events, their invitees and invitee no-shows. Resources are kept as JSON-ready maps in
 * Calendly's field names; callers get copies. One invitee per event (one-on-one event types). One per organization
 * ({@link CalendlyOrg}): it books that organization's event types only, with its user as host.
 */
final class CalendlyStore {

  private final CalendlyOrg org;
  private final CalendlyDirectory dir;
  private final ChangeClock clock;
  private final Map<String, Map<String, Object>> events = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> invitees = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> noShows = new LinkedHashMap<>();

  CalendlyStore(CalendlyOrg org, CalendlyDirectory dir, ChangeClock clock) {
    this.org = org;
    this.dir = dir;
    this.clock = clock;
  }

  /** A person books {@code eventTypeUuid} at {@code start}: creates the scheduled event and its invitee. */
  synchronized Map<String, Object> book(String eventTypeUuid, String email, String name, Instant start,
      String timezone, String textReminderNumber, Object questions) {
    Map<String, Object> et = org.eventType(eventTypeUuid);
    if (!Boolean.TRUE.equals(et.get("active"))) {
      throw CalendlyException.invalid("event_type", "is not active");
    }
    if (email == null || !email.contains("@")) {
      throw CalendlyException.invalid("email", "is invalid");
    }
    String now = CalendlyUris.ts(clock.nextChange());
    String eventUuid = UUID.randomUUID().toString();
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("uri", dir.base() + "/scheduled_events/" + eventUuid);
    ev.put("name", et.get("name"));
    ev.put("meeting_notes_plain", null);
    ev.put("meeting_notes_html", null);
    ev.put("status", "active");
    ev.put("start_time", CalendlyUris.ts(start));
    ev.put("end_time", CalendlyUris.ts(start.plus(Duration.ofMinutes(((Number) et.get("duration")).longValue()))));
    ev.put("event_type", et.get("uri"));
    ev.put("location", Map.of("type", "physical", "location", "Sandbox HQ"));
    ev.put("invitees_counter", counter(1, 1));
    ev.put("created_at", now);
    ev.put("updated_at", now);
    ev.put("event_memberships", List.of(Map.of("user", org.userUri(), "user_email", org.email,
        "user_name", org.userName)));
    ev.put("event_guests", List.of());
    events.put(eventUuid, ev);

    String invUuid = UUID.randomUUID().toString();
    String n = name == null || name.isBlank() ? email.substring(0, email.indexOf('@')) : name.trim();
    int sp = n.indexOf(' ');
    Map<String, Object> inv = new LinkedHashMap<>();
    inv.put("uri", ev.get("uri") + "/invitees/" + invUuid);
    inv.put("email", email);
    inv.put("first_name", sp < 0 ? n : n.substring(0, sp));
    inv.put("last_name", sp < 0 ? null : n.substring(sp + 1));
    inv.put("name", n);
    inv.put("status", "active");
    inv.put("questions_and_answers", questions == null ? List.of() : questions);
    inv.put("timezone", timezone == null ? "UTC" : timezone);
    inv.put("event", ev.get("uri"));
    inv.put("created_at", now);
    inv.put("updated_at", now);
    Map<String, Object> tracking = new LinkedHashMap<>();
    for (String k : List.of("utm_campaign", "utm_source", "utm_medium", "utm_content", "utm_term", "salesforce_uuid")) {
      tracking.put(k, null);
    }
    inv.put("tracking", tracking);
    inv.put("text_reminder_number", textReminderNumber);
    inv.put("rescheduled", false);
    inv.put("old_invitee", null);
    inv.put("new_invitee", null);
    inv.put("cancel_url", "https://calendly.com/cancellations/" + invUuid);
    inv.put("reschedule_url", "https://calendly.com/reschedulings/" + invUuid);
    inv.put("routing_form_submission", null);
    inv.put("payment", null);
    inv.put("no_show", null);
    inv.put("reconfirmation", null);
    inv.put("scheduling_method", null);
    inv.put("invitee_scheduled_by", null);
    invitees.put(invUuid, inv);
    return copy(inv);
  }

  private static Map<String, Object> counter(int total, int active) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("total", total);
    c.put("active", active);
    c.put("limit", 1);
    return c;
  }

  synchronized Map<String, Object> event(String uuid) {
    Map<String, Object> ev = events.get(uuid);
    if (ev == null) {
      throw CalendlyException.notFound();
    }
    return copy(ev);
  }

  synchronized List<Map<String, Object>> events() {
    return events.values().stream().map(CalendlyStore::copy).toList();
  }

  synchronized Map<String, Object> invitee(String eventUuid, String invUuid) {
    Map<String, Object> inv = invitees.get(invUuid);
    if (inv == null || !CalendlyUris.id(inv.get("event")).equals(eventUuid)) {
      throw CalendlyException.notFound();
    }
    return copy(inv);
  }

  synchronized List<Map<String, Object>> invitees(String eventUuid) {
    event(eventUuid);
    return invitees.values().stream().filter(i -> CalendlyUris.id(i.get("event")).equals(eventUuid))
        .map(CalendlyStore::copy).toList();
  }

  /** The host cancels the event: the event and all its active invitees are canceled; returns those invitees. */
  synchronized List<Map<String, Object>> cancelEvent(String uuid, String reason, String canceledBy, String cancelerType) {
    Map<String, Object> ev = events.get(uuid);
    if (ev == null) {
      throw CalendlyException.notFound();
    }
    if (!"active".equals(ev.get("status"))) {
      throw CalendlyException.forbidden("Event is already canceled");
    }
    Map<String, Object> cancellation = cancellation(reason, canceledBy, cancelerType);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> inv : invitees.values()) {
      if (CalendlyUris.id(inv.get("event")).equals(uuid) && "active".equals(inv.get("status"))) {
        inv.put("status", "canceled");
        inv.put("cancellation", cancellation);
        inv.put("updated_at", cancellation.get("created_at"));
        out.add(copy(inv));
      }
    }
    ev.put("status", "canceled");
    ev.put("cancellation", cancellation);
    ev.put("updated_at", cancellation.get("created_at"));
    ev.put("invitees_counter", counter(((Number) ((Map<?, ?>) ev.get("invitees_counter")).get("total")).intValue(), 0));
    return out;
  }

  Map<String, Object> cancellation(String reason, String canceledBy, String cancelerType) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("canceled_by", canceledBy);
    c.put("reason", reason);
    c.put("canceler_type", cancelerType);
    c.put("created_at", CalendlyUris.ts(clock.nextChange()));
    return c;
  }

  /** Links a rescheduled invitee to its successor (after both exist). */
  synchronized void linkReschedule(String oldInvUuid, String newInvUri) {
    Map<String, Object> old = invitees.get(oldInvUuid);
    old.put("rescheduled", true);
    old.put("new_invitee", newInvUri);
    invitees.get(CalendlyUris.id(newInvUri)).put("old_invitee", old.get("uri"));
  }

  synchronized boolean hasInvitee(String invUuid) {
    return invitees.containsKey(invUuid);
  }

  /** Finds an invitee of this organization by UUID, whatever its event (sandbox controls, no-shows). */
  synchronized Map<String, Object> inviteeByUuid(String invUuid) {
    Map<String, Object> inv = invitees.get(invUuid);
    if (inv == null) {
      throw CalendlyException.notFound();
    }
    return copy(inv);
  }

  /** Marks the invitee as a no-show; returns the no-show resource. */
  synchronized Map<String, Object> markNoShow(String invUuid) {
    Map<String, Object> inv = invitees.get(invUuid);
    if (inv == null) {
      throw CalendlyException.invalid("invitee", "is invalid");
    }
    if (inv.get("no_show") != null) {
      throw CalendlyException.invalid("invitee", "is already marked as no show");
    }
    String uuid = UUID.randomUUID().toString();
    Map<String, Object> ns = new LinkedHashMap<>();
    ns.put("uri", dir.base() + "/invitee_no_shows/" + uuid);
    ns.put("invitee", inv.get("uri"));
    ns.put("created_at", CalendlyUris.ts(clock.nextChange()));
    noShows.put(uuid, ns);
    inv.put("no_show", Map.of("uri", ns.get("uri"), "created_at", ns.get("created_at")));
    return copy(ns);
  }

  synchronized Map<String, Object> noShow(String uuid) {
    Map<String, Object> ns = noShows.get(uuid);
    if (ns == null) {
      throw CalendlyException.notFound();
    }
    return copy(ns);
  }

  /** Removes the no-show; returns the invitee as it was while marked (for the webhook). */
  synchronized Map<String, Object> unmarkNoShow(String uuid) {
    Map<String, Object> ns = noShows.remove(uuid);
    if (ns == null) {
      throw CalendlyException.notFound();
    }
    Map<String, Object> inv = invitees.get(CalendlyUris.id(ns.get("invitee")));
    Map<String, Object> before = copy(inv);
    inv.put("no_show", null);
    return before;
  }

  static Map<String, Object> copy(Map<String, Object> m) {
    return new LinkedHashMap<>(m);
  }

  synchronized void reset() {
    events.clear();
    invitees.clear();
    noShows.clear();
  }
}
