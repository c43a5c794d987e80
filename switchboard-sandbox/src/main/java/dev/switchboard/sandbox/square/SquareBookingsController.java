package dev.switchboard.sandbox.square;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Bookings API: create (ACCEPTED, version 0; needs start_at, location_id, customer_id of an existing customer
 * and appointment_segments), retrieve, update ({@code booking.version} must match, else 409 {@code CONFLICT}),
 * cancel (→ CANCELLED_BY_SELLER) and list (by {@code start_at_min}/{@code start_at_max}, default window
 * now..now+31 days as Square documents, plus customer/team member/location filters). Team members and
 * service variations are not checked. Fires {@code booking.created|updated}.
 */
@RestController
@RequestMapping("/square/v2/bookings")
class SquareBookingsController {

  private static final List<String> EDITABLE = List.of("start_at", "location_id", "customer_id", "customer_note",
      "seller_note", "appointment_segments", "location_type", "address");
  private final ChangeClock clock;

  SquareBookingsController(ChangeClock clock) {
    this.clock = clock;
  }

  // https://developer.squareup.com/reference/square/bookings-api/create-booking
  @PostMapping
  synchronized Map<String, Object> create(@RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    Map<String, Map<String, Object>> bookings = m.bookings.byId;
    Map<String, String> idempotency = m.bookings.keys;
    String key = Sq.str(body.get("idempotency_key"));
    if (key != null && idempotency.containsKey(key)) {
      return Map.of("booking", new LinkedHashMap<>(bookings.get(idempotency.get(key))));
    }
    Map<String, Object> in = Sq.map(body.get("booking"));
    if (in == null) {
      throw SquareException.missing("booking");
    }
    for (String f : List.of("start_at", "location_id", "customer_id", "appointment_segments")) {
      if (in.get(f) == null) {
        throw SquareException.missing("booking." + f);
      }
    }
    Sq.parseTs(in.get("start_at"), "booking.start_at");
    m.customers.get(in.get("customer_id").toString());
    String now = Sq.ts(clock.nextChange());
    Map<String, Object> b = new LinkedHashMap<>();
    String id = Sq.id("").toLowerCase();
    b.put("id", id);
    b.put("version", 0);
    b.put("status", "ACCEPTED");
    b.put("created_at", now);
    b.put("updated_at", now);
    EDITABLE.forEach(f -> {
      if (in.get(f) != null) {
        b.put(f, in.get(f));
      }
    });
    b.putIfAbsent("location_type", "BUSINESS_LOCATION");
    b.put("transition_time_minutes", 0);
    b.put("all_day", false);
    b.put("creator_details", Map.of("creator_type", "TEAM_MEMBER"));
    b.put("source", "API");
    bookings.put(id, b);
    if (key != null) {
      idempotency.put(key, id);
    }
    m.webhooks.fire("booking.created", "booking", id, new LinkedHashMap<>(b));
    return Map.of("booking", new LinkedHashMap<>(b));
  }

  // https://developer.squareup.com/reference/square/bookings-api/retrieve-booking
  @GetMapping("/{id}")
  synchronized Map<String, Object> get(@PathVariable String id,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    return Map.of("booking", new LinkedHashMap<>(find(m, id)));
  }

  // https://developer.squareup.com/reference/square/bookings-api/update-booking
  @PutMapping("/{id}")
  synchronized Map<String, Object> update(@PathVariable String id, @RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    Map<String, Object> in = Sq.map(body.get("booking"));
    if (in == null) {
      throw SquareException.missing("booking");
    }
    Map<String, Object> b = bump(m, id, in.get("version"));
    EDITABLE.forEach(f -> {
      if (in.get(f) != null) {
        b.put(f, in.get(f));
      }
    });
    m.webhooks.fire("booking.updated", "booking", id, new LinkedHashMap<>(b));
    return Map.of("booking", new LinkedHashMap<>(b));
  }

  // https://developer.squareup.com/reference/square/bookings-api/cancel-booking
  @PostMapping("/{id}/cancel")
  synchronized Map<String, Object> cancel(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    Map<String, Object> b = bump(m, id, Sq.body(body).get("booking_version"));
    b.put("status", "CANCELLED_BY_SELLER");
    m.webhooks.fire("booking.updated", "booking", id, new LinkedHashMap<>(b));
    return Map.of("booking", new LinkedHashMap<>(b));
  }

  // https://developer.squareup.com/reference/square/bookings-api/list-bookings
  @GetMapping
  synchronized Map<String, Object> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) String limit,
      @RequestParam(name = "customer_id", required = false) String customerId,
      @RequestParam(name = "team_member_id", required = false) String teamMemberId,
      @RequestParam(name = "location_id", required = false) String locationId,
      @RequestParam(name = "start_at_min", required = false) String min,
      @RequestParam(name = "start_at_max", required = false) String max,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    Instant from = min == null ? clock.now() : Sq.parseTs(min, "start_at_min");
    Instant to = max == null ? from.plusSeconds(31L * 86400) : Sq.parseTs(max, "start_at_max");
    List<Map<String, Object>> all = new ArrayList<>();
    m.bookings.byId.values().stream()
        .filter(b -> customerId == null || customerId.equals(b.get("customer_id")))
        .filter(b -> locationId == null || locationId.equals(b.get("location_id")))
        .filter(b -> teamMemberId == null || String.valueOf(b.get("appointment_segments")).contains(teamMemberId))
        .filter(b -> {
          Instant t = Sq.parseTs(b.get("start_at"), "start_at");
          return !t.isBefore(from) && !t.isAfter(to);
        })
        .sorted(Comparator.comparing(b -> Sq.parseTs(b.get("start_at"), "start_at")))
        .forEach(b -> all.add(new LinkedHashMap<>(b)));
    return Sq.page(all, cursor, Sq.limit(limit, 10000, "limit"), "bookings");
  }

  private Map<String, Object> bump(SquareMerchant m, String id, Object version) {
    return Sq.bumpVersion(find(m, id), version, "booking", clock);
  }

  private static Map<String, Object> find(SquareMerchant m, String id) {
    Map<String, Object> b = m.bookings.byId.get(id);
    if (b == null) {
      throw SquareException.notFound("Booking", id);
    }
    return b;
  }
}
