package dev.switchboard.sandbox.acuity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Acuity account, calendars, appointment types and clients, of the account the request's credential reaches. */
@RestController
class AcuityAccountController {

  private static final String BASE = "/acuity/api/v1";

  // https://developers.acuityscheduling.com/reference/get-me
  @GetMapping(BASE + "/me")
  Map<String, Object> me(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account) {
    AcuityStore store = account.store;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.parseLong(account.userId));
    m.put("email", account.email);
    m.put("name", account.name);
    m.put("timezone", store.calendars.getFirst().timezone().getId());
    m.put("currency", "USD");
    m.put("plan", "Powerhouse");
    m.put("schedulingPage", "https://app.acuityscheduling.com/schedule.php?owner=" + account.userId);
    m.put("embedCode", "");
    return m;
  }

  // https://developers.acuityscheduling.com/reference/get-calendars
  @GetMapping(BASE + "/calendars")
  List<Map<String, Object>> calendars(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account) {
    return account.store.calendars.stream().map(AcuityJson::calendar).toList();
  }

  // https://developers.acuityscheduling.com/reference/appointment-types
  @GetMapping(BASE + "/appointment-types")
  List<Map<String, Object>> types(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account) {
    AcuityStore store = account.store;
    List<Long> calendarIDs = store.calendars.stream().map(AcuityStore.Calendar::id).toList();
    return store.types.stream().map(t -> AcuityJson.type(t, calendarIDs, account.userId)).toList();
  }

  // https://developers.acuityscheduling.com/reference/get-clients
  @GetMapping(BASE + "/clients")
  List<Map<String, Object>> clients(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @RequestParam(required = false) String search) {
    String s = search == null ? null : search.toLowerCase(Locale.ROOT);
    return account.store.clients().stream()
        .filter(c -> s == null || (c.firstName + " " + c.lastName + " " + c.email + " " + c.phone).toLowerCase(Locale.ROOT).contains(s))
        .map(AcuityJson::client).toList();
  }

  // https://developers.acuityscheduling.com/reference/post-clients
  @PostMapping(BASE + "/clients")
  Map<String, Object> createClient(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @RequestBody Map<String, Object> body) {
    for (String p : List.of("firstName", "lastName")) {
      if (AcuityBookings.str(body, p) == null) {
        throw AcuityException.required(p);
      }
    }
    return AcuityJson.client(account.store.addClient(AcuityBookings.str(body, "firstName"), AcuityBookings.str(body, "lastName"),
        AcuityBookings.str(body, "email"), AcuityBookings.str(body, "phone"), AcuityBookings.str(body, "notes")));
  }

  /** Identifies the client by query {@code firstName, lastName} (+ {@code phone} if given); body holds new values. */
  // https://developers.acuityscheduling.com/reference/put-clients
  @PutMapping(BASE + "/clients")
  Map<String, Object> updateClient(@RequestAttribute(AcuityGuardFilter.ACCOUNT) AcuityAccount account, @RequestParam String firstName, @RequestParam String lastName,
      @RequestParam(required = false) String phone, @RequestBody Map<String, Object> body) {
    AcuityStore store = account.store;
    AcuityStore.Client c = store.findClient(firstName, lastName, phone);
    if (c == null) {
      throw AcuityException.notFound("Client not found.");
    }
    synchronized (store) {
      if (body.get("firstName") != null) c.firstName = body.get("firstName").toString();
      if (body.get("lastName") != null) c.lastName = body.get("lastName").toString();
      if (body.get("email") != null) c.email = body.get("email").toString();
      if (body.get("phone") != null) c.phone = body.get("phone").toString();
      if (body.get("notes") != null) c.notes = body.get("notes").toString();
    }
    return AcuityJson.client(c);
  }
}
