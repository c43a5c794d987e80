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
 * Payments API. Source {@code cnon:card-nonce-ok} (Square's sandbox test nonce) succeeds as a Visa ending
 * 1111; {@code cnon:card-nonce-declined} answers 402 {@code CARD_DECLINED}; any other source 400
 * {@code INVALID_CARD_DATA}. {@code autocomplete} (default true) gives COMPLETED, else APPROVED until
 * {@code /complete}. Same idempotency key → same payment. Fires {@code payment.created} and
 * {@code payment.updated}; a completed payment whose {@code order_id} is an unpaid invoice's pays it. Payments
 * and their idempotency keys are the calling merchant's ({@link SquareMerchant#payments}).
 */
@RestController
@RequestMapping("/square/v2/payments")
class SquarePaymentsController {

  private final SquareSettings settings;
  private final ChangeClock clock;
  private final SquareInvoicesController invoices;

  SquarePaymentsController(SquareSettings settings, ChangeClock clock, SquareInvoicesController invoices) {
    this.settings = settings;
    this.clock = clock;
    this.invoices = invoices;
  }

  // https://developer.squareup.com/reference/square/payments-api/create-payment
  @PostMapping
  synchronized Map<String, Object> create(@RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    Map<String, Map<String, Object>> payments = m.payments.byId;
    Map<String, String> idempotency = m.payments.keys;
    String key = Sq.str(body.get("idempotency_key"));
    if (key == null) {
      throw SquareException.missing("idempotency_key");
    }
    if (idempotency.containsKey(key)) {
      return Map.of("payment", new LinkedHashMap<>(payments.get(idempotency.get(key))));
    }
    String source = Sq.str(body.get("source_id"));
    if (source == null) {
      throw SquareException.missing("source_id");
    }
    Map<String, Object> amount = Sq.map(body.get("amount_money"));
    if (amount == null || !(amount.get("amount") instanceof Number n) || n.longValue() < 0) {
      throw SquareException.missing("amount_money");
    }
    if (source.equals("cnon:card-nonce-declined")) {
      throw new SquareException(402, "PAYMENT_METHOD_ERROR", "CARD_DECLINED", "Card declined.", null);
    }
    if (!source.equals("cnon:card-nonce-ok")) {
      throw SquareException.invalid("INVALID_CARD_DATA", "Invalid card data.", "source_id");
    }
    boolean autocomplete = !Boolean.FALSE.equals(body.get("autocomplete"));
    String now = Sq.ts(clock.nextChange());
    Map<String, Object> p = new LinkedHashMap<>();
    String id = Sq.id("");
    p.put("id", id);
    p.put("created_at", now);
    p.put("updated_at", now);
    p.put("amount_money", amount);
    p.put("total_money", amount);
    p.put("approved_money", amount);
    p.put("status", autocomplete ? "COMPLETED" : "APPROVED");
    p.put("delay_duration", "PT168H");
    p.put("delay_action", "CANCEL");
    p.put("source_type", "CARD");
    p.put("card_details", card(autocomplete));
    p.put("location_id", body.getOrDefault("location_id", m.locationId));
    p.put("order_id", body.get("order_id") != null ? body.get("order_id") : Sq.id("ORD"));
    for (String f : List.of("reference_id", "customer_id", "note", "buyer_email_address")) {
      if (body.get(f) != null) {
        p.put(f, body.get(f));
      }
    }
    p.put("receipt_number", id.substring(0, 4));
    p.put("receipt_url", "https://squareupsandbox.com/receipt/preview/" + id);
    p.put("application_details", Map.of("square_product", "ECOMMERCE_API", "application_id", settings.clientId));
    p.put("version_token", Sq.id("v"));
    payments.put(id, p);
    idempotency.put(key, id);
    m.webhooks.fire("payment.created", "payment", id, new LinkedHashMap<>(p));
    if (autocomplete) {
      completed(m, p);
    }
    return Map.of("payment", new LinkedHashMap<>(p));
  }

  private static Map<String, Object> card(boolean captured) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("status", captured ? "CAPTURED" : "AUTHORIZED");
    c.put("card", Map.of("card_brand", "VISA", "last_4", "1111", "exp_month", 12, "exp_year", 2030,
        "fingerprint", "sq-1-sandbox-fingerprint", "card_type", "CREDIT", "prepaid_type", "NOT_PREPAID", "bin", "411111"));
    c.put("entry_method", "KEYED");
    c.put("cvv_status", "CVV_ACCEPTED");
    c.put("avs_status", "AVS_ACCEPTED");
    c.put("statement_description", "SQ *SWITCHBOARD SANDBOX");
    return c;
  }

  private void completed(SquareMerchant m, Map<String, Object> p) {
    m.webhooks.fire("payment.updated", "payment", (String) p.get("id"), new LinkedHashMap<>(p));
    invoices.paidBy(m, (String) p.get("order_id"), (String) p.get("id"));
  }

  // https://developer.squareup.com/reference/square/payments-api/complete-payment
  @PostMapping("/{id}/complete")
  synchronized Map<String, Object> complete(@PathVariable String id,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    Map<String, Object> p = find(m, id);
    if (!"COMPLETED".equals(p.get("status"))) {
      p.put("status", "COMPLETED");
      p.put("card_details", card(true));
      p.put("updated_at", Sq.ts(clock.nextChange()));
      completed(m, p);
    }
    return Map.of("payment", new LinkedHashMap<>(p));
  }

  // https://developer.squareup.com/reference/square/payments-api/get-payment
  @GetMapping("/{id}")
  synchronized Map<String, Object> get(@PathVariable String id,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    return Map.of("payment", new LinkedHashMap<>(find(m, id)));
  }

  // https://developer.squareup.com/reference/square/payments-api/list-payments
  @GetMapping
  synchronized Map<String, Object> list(@RequestParam(required = false) String cursor,
      @RequestParam(required = false) String limit, @RequestParam(name = "sort_order", defaultValue = "DESC") String order,
      @RequestParam(name = "location_id", required = false) String locationId,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    List<Map<String, Object>> all = new ArrayList<>();
    m.payments.byId.values().stream().filter(p -> locationId == null || locationId.equals(p.get("location_id")))
        .forEach(p -> all.add(new LinkedHashMap<>(p)));
    if (!"ASC".equals(order)) {
      java.util.Collections.reverse(all);
    }
    return Sq.page(all, cursor, Sq.limit(limit, 100, "limit"), "payments");
  }

  private static Map<String, Object> find(SquareMerchant m, String id) {
    Map<String, Object> p = m.payments.byId.get(id);
    if (p == null) {
      throw SquareException.notFound("Payment", id);
    }
    return p;
  }
}
