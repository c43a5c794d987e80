package dev.switchboard.sandbox.square;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoices API: create (DRAFT, version 0), get, list by location, publish (→ UNPAID, needs the current
 * {@code version}), cancel (published only → CANCELED). A stale version answers 409 {@code CONFLICT}.
 * Unlike Square, {@code order_id} is not checked against an Orders API (the sandbox has none) and is
 * generated when absent. Fires {@code invoice.created|published|canceled|payment_made}.
 */
@RestController
@RequestMapping("/square/v2/invoices")
class SquareInvoicesController {

  private final ChangeClock clock;

  SquareInvoicesController(ChangeClock clock) {
    this.clock = clock;
  }

  // https://developer.squareup.com/reference/square/invoices-api/create-invoice
  @PostMapping
  synchronized Map<String, Object> create(@RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    Map<String, Map<String, Object>> invoices = m.invoices.byId;
    Map<String, String> idempotency = m.invoices.keys;
    String key = Sq.str(body.get("idempotency_key"));
    if (key != null && idempotency.containsKey(key)) {
      return Map.of("invoice", new LinkedHashMap<>(invoices.get(idempotency.get(key))));
    }
    Map<String, Object> in = Sq.map(body.get("invoice"));
    if (in == null) {
      throw SquareException.missing("invoice");
    }
    if (in.get("location_id") == null) {
      throw SquareException.missing("invoice.location_id");
    }
    Map<String, Object> recipient = Sq.map(in.get("primary_recipient"));
    if (recipient == null || recipient.get("customer_id") == null) {
      throw SquareException.missing("invoice.primary_recipient.customer_id");
    }
    Map<String, Object> customer = m.customers.get(recipient.get("customer_id").toString());
    if (!(in.get("payment_requests") instanceof List<?> reqs) || reqs.isEmpty()) {
      throw SquareException.missing("invoice.payment_requests");
    }
    String now = Sq.ts(clock.nextChange());
    Map<String, Object> inv = new LinkedHashMap<>();
    String id = "inv:0-" + Sq.id("Ch");
    inv.put("id", id);
    inv.put("version", 0);
    inv.put("location_id", in.get("location_id"));
    inv.put("order_id", in.get("order_id") != null ? in.get("order_id") : Sq.id("ORD"));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("customer_id", customer.get("id"));
    for (String f : List.of("given_name", "family_name", "email_address", "phone_number", "company_name")) {
      if (customer.get(f) != null) {
        r.put(f, customer.get(f));
      }
    }
    inv.put("primary_recipient", r);
    List<Map<String, Object>> prs = new ArrayList<>();
    for (Object o : reqs) {
      Map<String, Object> pr = new LinkedHashMap<>(Sq.body(Sq.map(o)));
      pr.putIfAbsent("uid", java.util.UUID.randomUUID().toString());
      pr.putIfAbsent("request_type", "BALANCE");
      pr.putIfAbsent("tipping_enabled", false);
      prs.add(pr);
    }
    inv.put("payment_requests", prs);
    inv.put("delivery_method", in.getOrDefault("delivery_method", "EMAIL"));
    inv.put("invoice_number", in.get("invoice_number") != null ? in.get("invoice_number") : String.format("%06d", ++m.invoices.number));
    for (String f : List.of("title", "description", "scheduled_at", "sale_or_service_date")) {
      if (in.get(f) != null) {
        inv.put(f, in.get(f));
      }
    }
    inv.put("status", "DRAFT");
    inv.put("timezone", "America/Los_Angeles");
    inv.put("created_at", now);
    inv.put("updated_at", now);
    inv.put("accepted_payment_methods", in.getOrDefault("accepted_payment_methods",
        Map.of("card", true, "square_gift_card", false, "bank_account", false, "buy_now_pay_later", false, "cash_app_pay", false)));
    inv.put("store_payment_method_enabled", false);
    invoices.put(id, inv);
    if (key != null) {
      idempotency.put(key, id);
    }
    m.webhooks.fire("invoice.created", "invoice", id, new LinkedHashMap<>(inv));
    return Map.of("invoice", new LinkedHashMap<>(inv));
  }

  // https://developer.squareup.com/reference/square/invoices-api/get-invoice
  @GetMapping("/{id}")
  synchronized Map<String, Object> get(@PathVariable String id,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    return Map.of("invoice", new LinkedHashMap<>(find(m, id)));
  }

  // https://developer.squareup.com/reference/square/invoices-api/list-invoices
  @GetMapping
  synchronized Map<String, Object> list(@RequestParam(name = "location_id", required = false) String locationId,
      @RequestParam(required = false) String cursor, @RequestParam(required = false) String limit,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    if (locationId == null) {
      throw SquareException.missing("location_id");
    }
    List<Map<String, Object>> all = new ArrayList<>();
    m.invoices.byId.values().stream().filter(i -> locationId.equals(i.get("location_id"))).forEach(i -> all.add(new LinkedHashMap<>(i)));
    return Sq.page(all, cursor, Sq.limit(limit, 200, "limit"), "invoices");
  }

  // https://developer.squareup.com/reference/square/invoices-api/publish-invoice
  @PostMapping("/{id}/publish")
  synchronized Map<String, Object> publish(@PathVariable String id, @RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    Map<String, Object> inv = change(m, id, body.get("version"));
    if (!"DRAFT".equals(inv.get("status"))) {
      throw SquareException.invalid("BAD_REQUEST", "Only a DRAFT invoice can be published.", null);
    }
    inv.put("status", "UNPAID");
    inv.put("public_url", "https://squareupsandbox.com/pay-invoice/" + id);
    List<?> prs = (List<?>) inv.get("payment_requests");
    Object amount = prs.isEmpty() ? null : Sq.body(Sq.map(prs.getFirst())).get("fixed_amount_requested_money");
    if (amount != null) {
      inv.put("next_payment_amount_money", amount);
    }
    m.webhooks.fire("invoice.published", "invoice", id, new LinkedHashMap<>(inv));
    return Map.of("invoice", new LinkedHashMap<>(inv));
  }

  // https://developer.squareup.com/reference/square/invoices-api/cancel-invoice
  @PostMapping("/{id}/cancel")
  synchronized Map<String, Object> cancel(@PathVariable String id, @RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    Map<String, Object> inv = change(m, id, body.get("version"));
    if (!List.of("UNPAID", "SCHEDULED", "PARTIALLY_PAID").contains(inv.get("status"))) {
      throw SquareException.invalid("BAD_REQUEST", "Only a published, unpaid invoice can be canceled.", null);
    }
    inv.put("status", "CANCELED");
    m.webhooks.fire("invoice.canceled", "invoice", id, new LinkedHashMap<>(inv));
    return Map.of("invoice", new LinkedHashMap<>(inv));
  }

  /** Marks {@code m}'s unpaid invoice of {@code orderId} PAID and fires {@code invoice.payment_made}. */
  synchronized void paidBy(SquareMerchant m, String orderId, String paymentId) {
    for (Map<String, Object> inv : m.invoices.byId.values()) {
      if (orderId.equals(inv.get("order_id")) && List.of("UNPAID", "PARTIALLY_PAID").contains(inv.get("status"))) {
        inv.put("status", "PAID");
        inv.put("version", (Integer) inv.get("version") + 1);
        inv.put("updated_at", Sq.ts(clock.nextChange()));
        inv.remove("next_payment_amount_money");
        m.webhooks.fire("invoice.payment_made", "invoice", (String) inv.get("id"), new LinkedHashMap<>(inv));
      }
    }
  }

  private Map<String, Object> change(SquareMerchant m, String id, Object version) {
    Map<String, Object> inv = find(m, id);
    if (version == null) {
      throw SquareException.missing("version"); // invoices, unlike bookings, require it
    }
    return Sq.bumpVersion(inv, version, "invoice", clock);
  }

  private static Map<String, Object> find(SquareMerchant m, String id) {
    Map<String, Object> inv = m.invoices.byId.get(id);
    if (inv == null) {
      throw SquareException.notFound("Invoice", id);
    }
    return inv;
  }
}
