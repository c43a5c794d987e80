package dev.switchboard.sandbox.acuity;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Sandbox-only simulation of a client using Acuity's own scheduling page (not the API): book, cancel and
 * reschedule with client rules (no double booking), firing the same webhooks. No auth, not rate limited. Each
 * account has its own scheduling page: {@code ?account=} names it (number or user id, default 1; unknown → 400).
 */
@RestController
class AcuityClientPageController {

  private final AcuityAccounts accounts;

  AcuityClientPageController(AcuityAccounts accounts) {
    this.accounts = accounts;
  }

  /** Body as {@code POST /appointments}. */
  @PostMapping("/acuity/_sandbox/client-book")
  Map<String, Object> book(@RequestParam(required = false) String account, @RequestBody Map<String, Object> body) {
    AcuityAccount a = account(account);
    return AcuityJson.appointment(a.bookings.create(body, false, true), a.store, a.userId);
  }

  /** Body optional: {@code {cancelNote}}. */
  @PostMapping("/acuity/_sandbox/client-cancel/{id}")
  Map<String, Object> cancel(@RequestParam(required = false) String account, @PathVariable long id,
      @RequestBody(required = false) Map<String, Object> body) {
    AcuityAccount a = account(account);
    return AcuityJson.appointment(a.bookings.cancel(id, body == null ? null : AcuityBookings.str(body, "cancelNote")),
        a.store, a.userId);
  }

  /** Body {@code {datetime, calendarID?}}. */
  @PostMapping("/acuity/_sandbox/client-reschedule/{id}")
  Map<String, Object> reschedule(@RequestParam(required = false) String account, @PathVariable long id,
      @RequestBody Map<String, Object> body) {
    AcuityAccount a = account(account);
    return AcuityJson.appointment(a.bookings.reschedule(id, body, false), a.store, a.userId);
  }

  private AcuityAccount account(String id) {
    AcuityAccount a = accounts.forControl(id);
    if (a == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown acuity account: " + id);
    }
    return a;
  }
}
