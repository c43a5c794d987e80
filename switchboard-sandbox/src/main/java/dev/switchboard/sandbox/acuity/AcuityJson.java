package dev.switchboard.sandbox.acuity;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders store objects in Acuity's JSON shapes
 * (https://developers.acuityscheduling.com/reference/get-appointments-id): human dates ("July 2, 2013"),
 * times ("10:15am"), {@code datetime} as ISO with a {@code -0700}-style offset, prices as decimal strings.
 */
final class AcuityJson {

  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma", Locale.US);

  private AcuityJson() {}

  static String time(ZonedDateTime t) {
    return TIME.format(t).toLowerCase(Locale.ROOT);
  }

  static Map<String, Object> appointment(AcuityAppointment a, AcuityStore store, String userId) {
    AcuityStore.Calendar cal = store.calendar(a.calendarID);
    AcuityStore.AppointmentType type = store.type(a.appointmentTypeID);
    ZonedDateTime created = a.created.atZone(cal.timezone());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id);
    m.put("firstName", a.firstName);
    m.put("lastName", a.lastName);
    m.put("phone", a.phone);
    m.put("email", a.email);
    m.put("date", DATE.format(a.start));
    m.put("time", time(a.start));
    m.put("endTime", time(a.start.plusMinutes(type.duration())));
    m.put("dateCreated", DATE.format(created));
    m.put("datetimeCreated", ISO.format(created));
    m.put("datetime", ISO.format(a.start));
    m.put("price", type.price());
    m.put("priceSold", type.price());
    m.put("paid", "no");
    m.put("amountPaid", "0.00");
    m.put("type", type.name());
    m.put("appointmentTypeID", type.id());
    m.put("classID", null);
    m.put("addonIDs", List.of());
    m.put("category", type.category());
    m.put("duration", String.valueOf(type.duration()));
    m.put("calendar", cal.name());
    m.put("calendarID", cal.id());
    m.put("certificate", null);
    m.put("confirmationPage", "https://app.acuityscheduling.com/schedule.php?owner=" + userId + "&id[]=" + a.id + "&action=appt");
    m.put("location", "");
    m.put("notes", a.notes);
    m.put("timezone", cal.timezone().getId());
    m.put("calendarTimezone", cal.timezone().getId());
    m.put("canceled", a.canceled);
    m.put("canClientCancel", !a.canceled);
    m.put("canClientReschedule", !a.canceled);
    if (a.canceled) {
      m.put("noShow", false);
    }
    m.put("labels", null);
    m.put("forms", forms(a));
    m.put("formsText", "");
    return m;
  }

  private static List<Map<String, Object>> forms(AcuityAppointment a) {
    if (a.fields.isEmpty()) {
      return List.of();
    }
    List<Map<String, Object>> values = new ArrayList<>();
    for (Map<String, Object> f : a.fields) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", a.id * 100 + values.size());
      v.put("fieldID", f.get("id"));
      v.put("value", String.valueOf(f.get("value")));
      v.put("name", "Field " + f.get("id"));
      values.add(v);
    }
    return List.of(Map.of("id", 6001, "name", "Intake Form", "values", values));
  }

  static Map<String, Object> client(AcuityStore.Client c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("firstName", c.firstName);
    m.put("lastName", c.lastName);
    m.put("email", c.email);
    m.put("phone", c.phone);
    m.put("notes", c.notes);
    return m;
  }

  static Map<String, Object> calendar(AcuityStore.Calendar c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("name", c.name());
    m.put("email", c.email());
    m.put("replyTo", c.email());
    m.put("description", "");
    m.put("location", "");
    m.put("timezone", c.timezone().getId());
    m.put("thumbnail", "");
    m.put("image", "");
    return m;
  }

  static Map<String, Object> type(AcuityStore.AppointmentType t, List<Long> calendarIDs, String userId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("active", true);
    m.put("description", "");
    m.put("duration", t.duration());
    m.put("price", t.price());
    m.put("category", t.category());
    m.put("color", "#6FCF97");
    m.put("private", false);
    m.put("type", "service");
    m.put("classSize", null);
    m.put("paddingAfter", 0);
    m.put("paddingBefore", 0);
    m.put("calendarIDs", calendarIDs);
    m.put("addonIDs", List.of());
    m.put("formIDs", List.of(6001));
    m.put("image", "");
    m.put("schedulingUrl", "https://app.acuityscheduling.com/schedule.php?owner=" + userId + "&appointmentType=" + t.id());
    return m;
  }
}
