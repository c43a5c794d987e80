package dev.switchboard.sandbox.acuity;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appointment changes shared by the API and the simulated client scheduling page: validation with
 * Acuity's error codes (https://developers.acuityscheduling.com/reference/post-appointments,
 * .../put-appointments-id-reschedule), client-record upkeep and webhook notification. Availability is
 * reduced to one rule: a non-admin booking may not overlap another live appointment on the same calendar.
 * One per account, acting on that account's store and webhooks only.
 */
final class AcuityBookings {

  /** Accepts {@code 2016-02-03T14:00:00-0800}, {@code …-08:00}, {@code …Z}, or no offset (calendar zone). */
  private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm[:ss]").optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd().toFormatter();

  private final AcuityStore store;
  private final AcuityWebhookSender webhooks;
  private final ChangeClock clock;

  AcuityBookings(AcuityStore store, AcuityWebhookSender webhooks, ChangeClock clock) {
    this.store = store;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  AcuityAppointment create(Map<String, Object> body, boolean admin, boolean notify) {
    String datetime = str(body, "datetime");
    if (datetime == null) {
      throw AcuityException.required("datetime");
    }
    Object typeId = body.get("appointmentTypeID");
    if (typeId == null) {
      throw AcuityException.required("appointmentTypeID");
    }
    AcuityStore.AppointmentType type = store.type(Long.parseLong(typeId.toString()));
    if (type == null) {
      throw AcuityException.badRequest("invalid_appointment_type", "The appointment type \"" + typeId + "\" does not exist.");
    }
    for (String p : List.of("firstName", "lastName", "email")) {
      if (str(body, p) == null) {
        throw AcuityException.required(p);
      }
    }
    AcuityStore.Calendar cal = calendar(body.get("calendarID"));
    AcuityAppointment a = new AcuityAppointment(store.nextAppointmentId(), clock.now());
    a.firstName = str(body, "firstName");
    a.lastName = str(body, "lastName");
    a.email = str(body, "email");
    a.phone = str(body, "phone") == null ? "" : str(body, "phone");
    a.notes = str(body, "notes") == null ? "" : str(body, "notes");
    a.calendarID = cal.id();
    a.appointmentTypeID = type.id();
    a.start = parse(datetime, cal);
    a.fields = fields(body.get("fields"));
    if (!admin) {
      requireFree(a, a.start);
    }
    store.put(a);
    store.upsertClientFromBooking(a.firstName, a.lastName, a.email, a.phone);
    if (notify) {
      webhooks.appointmentEvent("scheduled", a);
    }
    return a;
  }

  AcuityAppointment update(long id, Map<String, Object> body) {
    AcuityAppointment a = store.get(id);
    synchronized (store) {
      a.firstName = or(str(body, "firstName"), a.firstName);
      a.lastName = or(str(body, "lastName"), a.lastName);
      a.email = or(str(body, "email"), a.email);
      a.phone = or(str(body, "phone"), a.phone);
      a.notes = or(str(body, "notes"), a.notes);
      if (body.get("fields") != null) {
        a.fields = fields(body.get("fields"));
      }
    }
    webhooks.appointmentEvent("changed", a);
    return a;
  }

  AcuityAppointment cancel(long id, String cancelNote) {
    AcuityAppointment a = store.get(id);
    synchronized (store) {
      if (a.canceled) {
        return a; // assumption: cancelling twice is a no-op without webhooks
      }
      a.canceled = true;
      if (cancelNote != null && !cancelNote.isBlank()) {
        a.notes = a.notes.isEmpty() ? cancelNote : a.notes + "\n" + cancelNote;
      }
    }
    webhooks.appointmentEvent("canceled", a);
    return a;
  }

  AcuityAppointment reschedule(long id, Map<String, Object> body, boolean admin) {
    AcuityAppointment a = store.get(id);
    if (a.canceled) {
      throw AcuityException.badRequest("reschedule_canceled", "Canceled appointments may not be rescheduled.");
    }
    String datetime = str(body, "datetime");
    if (datetime == null) {
      throw AcuityException.required("datetime");
    }
    AcuityStore.Calendar cal = calendar(body.get("calendarID") == null ? a.calendarID : body.get("calendarID"));
    ZonedDateTime start = parse(datetime, cal);
    synchronized (store) {
      long oldCal = a.calendarID;
      a.calendarID = cal.id();
      try {
        if (!admin) {
          requireFree(a, start);
        }
      } catch (AcuityException e) {
        a.calendarID = oldCal;
        throw e;
      }
      a.start = start;
    }
    webhooks.appointmentEvent("rescheduled", a);
    return a;
  }

  private AcuityStore.Calendar calendar(Object id) {
    if (id == null) {
      return store.calendars.getFirst();
    }
    AcuityStore.Calendar cal;
    try {
      cal = store.calendar(Long.parseLong(id.toString()));
    } catch (NumberFormatException e) {
      cal = null;
    }
    if (cal == null) {
      throw AcuityException.badRequest("invalid_calendar", "The calendar \"" + id + "\" does not exist.");
    }
    return cal;
  }

  private void requireFree(AcuityAppointment a, ZonedDateTime start) {
    int minutes = store.type(a.appointmentTypeID).duration();
    for (AcuityAppointment o : store.appointments()) {
      if (o.id == a.id || o.canceled || o.calendarID != a.calendarID) {
        continue;
      }
      ZonedDateTime oEnd = o.start.plusMinutes(store.type(o.appointmentTypeID).duration());
      if (start.isBefore(oEnd) && o.start.isBefore(start.plusMinutes(minutes))) {
        throw AcuityException.badRequest("not_available",
            "The time \"" + AcuityJson.ISO.format(start) + "\" is not an available time slot.");
      }
    }
  }

  static ZonedDateTime parse(String datetime, AcuityStore.Calendar cal) {
    try {
      var parsed = INPUT.parse(datetime);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return OffsetDateTime.from(parsed).atZoneSameInstant(cal.timezone());
      }
      return java.time.LocalDateTime.from(parsed).atZone(cal.timezone());
    } catch (DateTimeParseException e) {
      throw AcuityException.badRequest("invalid_datetime", "The datetime \"" + datetime + "\" is invalid.");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> fields(Object raw) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (raw instanceof List<?> l) {
      l.forEach(f -> out.add(Map.copyOf((Map<String, Object>) f)));
    }
    return out;
  }

  static String str(Map<String, Object> body, String key) {
    Object v = body.get(key);
    return v == null ? null : v.toString();
  }

  private static String or(String v, String fallback) {
    return v == null ? fallback : v;
  }
}
