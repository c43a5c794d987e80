package dev.switchboard.sandbox.acuity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Acuity account, calendars, appointment types and clients. */
@RestController
class AcuityAccountController {

  private static final String BASE = "/acuity/api/v1";
  private final AcuityStore store;
  private final AcuitySettings settings;

  AcuityAccountController(AcuityStore store, AcuitySettings settings) {
    this.store = store;
    this.settings = settings;
  }

  // https://developers.acuityscheduling.com/reference/get-me
  @GetMapping(BASE + "/me")
  Map<String, Object> me() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.parseLong(settings.userId));
    m.put("email", "owner@example.com");
    m.put("name", "Sandbox Scheduling");
    m.put("timezone", store.calendars.getFirst().timezone().getId());
    m.put("currency", "USD");
    m.put("plan", "Powerhouse");
    m.put("schedulingPage", "https://app.acuityscheduling.com/schedule.php?owner=" + settings.userId);
    m.put("embedCode", "");
    return m;
  }

  // https://developers.acuityscheduling.com/reference/get-calendars
  @GetMapping(BASE + "/calendars")
  List<Map<String, Object>> calendars() {
    return store.calendars.stream().map(AcuityJson::calendar).toList();
  }

  // https://developers.acuityscheduling.com/reference/appointment-types
  @GetMapping(BASE + "/appointment-types")
  List<Map<String, Object>> types() {
    List<Long> calendarIDs = store.calendars.stream().map(AcuityStore.Calendar::id).toList();
    return store.types.stream().map(t -> AcuityJson.type(t, calendarIDs)).toList();
  }

  // https://developers.acuityscheduling.com/reference/get-clients
  @GetMapping(BASE + "/clients")
  List<Map<String, Object>> clients(@RequestParam(required = false) String search) {
    String s = search == null ? null : search.toLowerCase(Locale.ROOT);
    return store.clients().stream()
        .filter(c -> s == null || (c.firstName + " " + c.lastName + " " + c.email + " " + c.phone).toLowerCase(Locale.ROOT).contains(s))
        .map(AcuityJson::client).toList();
  }

  // https://developers.acuityscheduling.com/reference/post-clients
  @PostMapping(BASE + "/clients")
  Map<String, Object> createClient(@RequestBody Map<String, Object> body) {
    for (String p : List.of("firstName", "lastName")) {
      if (AcuityBookings.str(body, p) == null) {
        throw AcuityException.required(p);
      }
    }
    return AcuityJson.client(store.addClient(AcuityBookings.str(body, "firstName"), AcuityBookings.str(body, "lastName"),
        AcuityBookings.str(body, "email"), AcuityBookings.str(body, "phone"), AcuityBookings.str(body, "notes")));
  }

  /** Identifies the client by query {@code firstName, lastName} (+ {@code phone} if given); body holds new values. */
  // https://developers.acuityscheduling.com/reference/put-clients
  @PutMapping(BASE + "/clients")
  Map<String, Object> updateClient(@RequestParam String firstName, @RequestParam String lastName,
      @RequestParam(required = false) String phone, @RequestBody Map<String, Object> body) {
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
