package dev.switchboard.sandbox.acuity;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Acuity appointments API, on the account the request's credential reaches (another account's appointment is
 * 404). Listing has no cursor: callers narrow by date window and {@code max} (default 100), ordered by start time,
 * {@code direction} DESC by default, as Acuity does.
 */
@RestController
@RequestMapping("/acuity/api/v1/appointments")
class AcuityAppointmentsController {

  // https://developers.acuityscheduling.com/reference/get-appointments
  @GetMapping
  List<Map<String, Object>> list(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @RequestParam Map<String, String> q) {
    AcuityStore store = account.store;
    int max = q.get("max") == null ? 100 : Integer.parseInt(q.get("max"));
    boolean asc = "ASC".equalsIgnoreCase(q.get("direction"));
    boolean showAll = "true".equalsIgnoreCase(q.get("showall"));
    boolean canceled = "true".equalsIgnoreCase(q.get("canceled"));
    Predicate<AcuityAppointment> p = a -> showAll || a.canceled == canceled;
    if (q.get("minDate") != null) {
      String min = q.get("minDate");
      p = p.and(a -> !a.start.isBefore(bound(store, min, a, false)));
    }
    if (q.get("maxDate") != null) {
      String maxDate = q.get("maxDate");
      p = p.and(a -> !a.start.isAfter(bound(store, maxDate, a, true)));
    }
    p = p.and(eqLong(q.get("calendarID"), a -> a.calendarID)).and(eqLong(q.get("appointmentTypeID"), a -> a.appointmentTypeID))
        .and(eqStr(q.get("email"), a -> a.email)).and(eqStr(q.get("firstName"), a -> a.firstName))
        .and(eqStr(q.get("lastName"), a -> a.lastName)).and(eqStr(q.get("phone"), a -> a.phone));
    Comparator<AcuityAppointment> order = Comparator.comparing((AcuityAppointment a) -> a.start.toInstant())
        .thenComparingLong(a -> a.id);
    return store.appointments().stream().filter(p).sorted(asc ? order : order.reversed()).limit(Math.max(0, max))
        .map(a -> json(account, a)).toList();
  }

  // https://developers.acuityscheduling.com/reference/get-appointments-id
  @GetMapping("/{id}")
  Map<String, Object> get(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @PathVariable long id) {
    return json(account, account.store.get(id));
  }

  // https://developers.acuityscheduling.com/reference/post-appointments
  @PostMapping
  Map<String, Object> create(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @RequestBody Map<String, Object> body,
      @RequestParam(defaultValue = "false") boolean admin) {
    return json(account, account.bookings.create(body, admin, true));
  }

  // https://developers.acuityscheduling.com/reference/put-appointments-id
  @PutMapping("/{id}")
  Map<String, Object> update(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @PathVariable long id, @RequestBody Map<String, Object> body) {
    return json(account, account.bookings.update(id, body));
  }

  // https://developers.acuityscheduling.com/reference/put-appointments-id-cancel
  @PutMapping("/{id}/cancel")
  Map<String, Object> cancel(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @PathVariable long id,
      @RequestBody(required = false) Map<String, Object> body) {
    return json(account, account.bookings.cancel(id, body == null ? null : AcuityBookings.str(body, "cancelNote")));
  }

  // https://developers.acuityscheduling.com/reference/put-appointments-id-reschedule
  @PutMapping("/{id}/reschedule")
  Map<String, Object> reschedule(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @PathVariable long id,
      @RequestBody Map<String, Object> body, @RequestParam(defaultValue = "false") boolean admin) {
    return json(account, account.bookings.reschedule(id, body, admin));
  }

  private static Map<String, Object> json(AcuityAccount account, AcuityAppointment a) {
    return AcuityJson.appointment(a, account.store, account.userId);
  }

  /** A {@code YYYY-MM-DD} bound covers the whole day in the calendar's zone; a datetime is taken as is. */
  private static ZonedDateTime bound(AcuityStore store, String value, AcuityAppointment a, boolean endOfDay) {
    AcuityStore.Calendar cal = store.calendar(a.calendarID);
    if (value.length() == 10) {
      try {
        LocalDate d = LocalDate.parse(value);
        return endOfDay ? d.plusDays(1).atStartOfDay(cal.timezone()).minusNanos(1) : d.atStartOfDay(cal.timezone());
      } catch (java.time.format.DateTimeParseException e) {
        throw AcuityException.badRequest("invalid_date", "The date \"" + value + "\" is invalid.");
      }
    }
    return AcuityBookings.parse(value, cal);
  }

  private static Predicate<AcuityAppointment> eqLong(String v, java.util.function.ToLongFunction<AcuityAppointment> f) {
    return v == null ? a -> true : a -> String.valueOf(f.applyAsLong(a)).equals(v);
  }

  private static Predicate<AcuityAppointment> eqStr(String v, java.util.function.Function<AcuityAppointment, String> f) {
    return v == null ? a -> true : a -> AcuityStore.eq(f.apply(a), v);
  }
}
