package dev.switchboard.sandbox.acuity;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox-only simulation of a client using Acuity's own scheduling page (not the API): book, cancel and
 * reschedule with client rules (no double booking), firing the same webhooks. No auth, not rate limited.
 */
@RestController
class AcuityClientPageController {

  private final AcuityBookings bookings;
  private final AcuityStore store;
  private final AcuitySettings settings;

  AcuityClientPageController(AcuityBookings bookings, AcuityStore store, AcuitySettings settings) {
    this.bookings = bookings;
    this.store = store;
    this.settings = settings;
  }

  /** Body as {@code POST /appointments}. */
  @PostMapping("/acuity/_sandbox/client-book")
  Map<String, Object> book(@RequestBody Map<String, Object> body) {
    return AcuityJson.appointment(bookings.create(body, false, true), store, settings.userId);
  }

  /** Body optional: {@code {cancelNote}}. */
  @PostMapping("/acuity/_sandbox/client-cancel/{id}")
  Map<String, Object> cancel(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return AcuityJson.appointment(bookings.cancel(id, body == null ? null : AcuityBookings.str(body, "cancelNote")), store,
        settings.userId);
  }

  /** Body {@code {datetime, calendarID?}}. */
  @PostMapping("/acuity/_sandbox/client-reschedule/{id}")
  Map<String, Object> reschedule(@PathVariable long id, @RequestBody Map<String, Object> body) {
    return AcuityJson.appointment(bookings.reschedule(id, body, false), store, settings.userId);
  }
}
