package dev.switchboard.sandbox.stripe;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscriptions (create with {@code items[n][price]} / {@code items[n][quantity]}, retrieve, cancel,
 * list). Creating one bills the first period at once: an invoice is created, finalized and paid (as
 * for a customer with a default test card), and the subscription is {@code active}.
 */
@RestController
class StripeSubscriptionsController {

  private final StripeStore store;
  private final StripeEvents events;
  private final StripeInvoiceFactory factory;
  private final StripeInvoicesController invoices;

  StripeSubscriptionsController(StripeStore store, StripeEvents events, StripeInvoiceFactory factory, StripeInvoicesController invoices) {
    this.store = store;
    this.events = events;
    this.factory = factory;
    this.invoices = invoices;
  }

  // https://stripe.com/docs/api/subscriptions/create
  @PostMapping("/stripe/v1/subscriptions")
  Map<String, Object> create(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String customerId = p.required("customer");
    Map<String, Object> customer = store.find("customer", customerId);
    if (customer == null) {
      throw StripeException.missing("customer", customerId, "customer");
    }
    List<Object> itemParams = p.list("items");
    if (itemParams.isEmpty()) {
      throw StripeException.paramMissing("items");
    }
    Map<String, Object> sub = store.blank("sub", "subscription", false);
    long now = store.now();
    List<Map<String, Object>> items = new ArrayList<>();
    String interval = "month";
    long intervalCount = 1;
    for (int i = 0; i < itemParams.size(); i++) {
      Map<?, ?> ip = itemParams.get(i) instanceof Map<?, ?> m ? m : Map.of();
      String priceId = ip.get("price") == null ? null : ip.get("price").toString();
      if (priceId == null) {
        throw StripeException.paramMissing("items[" + i + "][price]");
      }
      Map<String, Object> price = store.find("price", priceId);
      if (price == null) {
        throw StripeException.missing("price", priceId, "items[" + i + "][price]");
      }
      if (!(price.get("recurring") instanceof Map<?, ?> rec)) {
        throw StripeException.invalid("parameter_invalid_string", "The price specified is set to `type=one_time` but this field only "
            + "accepts prices with `type=recurring`.", "items[" + i + "][price]");
      } else {
        interval = (String) rec.get("interval");
        intervalCount = ((Number) rec.get("interval_count")).longValue();
      }
      Map<String, Object> si = store.blank("si", "subscription_item", true);
      si.put("metadata", new LinkedHashMap<String, Object>());
      si.put("price", price);
      si.put("quantity", ip.get("quantity") == null ? 1L : Long.parseLong(ip.get("quantity").toString()));
      si.put("subscription", sub.get("id"));
      si.put("tax_rates", List.of());
      items.add(si);
    }
    ZonedDateTime start = Instant.ofEpochSecond(now).atZone(ZoneOffset.UTC);
    ZonedDateTime endAt = switch (interval) {
      case "day" -> start.plusDays(intervalCount);
      case "week" -> start.plusWeeks(intervalCount);
      case "year" -> start.plusYears(intervalCount);
      default -> start.plusMonths(intervalCount);
    };
    long end = endAt.toEpochSecond();
    sub.put("application", null);
    sub.put("automatic_tax", Map.of("enabled", false));
    sub.put("billing_cycle_anchor", now);
    sub.put("cancel_at", null);
    sub.put("cancel_at_period_end", false);
    sub.put("canceled_at", null);
    sub.put("collection_method", "charge_automatically");
    sub.put("created", now);
    sub.put("currency", ((Map<?, ?>) items.getFirst().get("price")).get("currency"));
    sub.put("current_period_end", end);
    sub.put("current_period_start", now);
    sub.put("customer", customerId);
    sub.put("days_until_due", null);
    sub.put("default_payment_method", null);
    sub.put("description", p.str("description"));
    sub.put("discount", null);
    sub.put("ended_at", null);
    sub.put("items", StripeStore.listObject(items, false, "/v1/subscription_items?subscription=" + sub.get("id")));
    sub.put("latest_invoice", null);
    sub.put("livemode", false);
    sub.put("metadata", new LinkedHashMap<String, Object>());
    StripeStore.mergeMetadata(sub, p);
    sub.put("pending_setup_intent", null);
    sub.put("start_date", now);
    sub.put("status", "active");
    sub.put("trial_end", null);
    sub.put("trial_start", null);
    store.put(sub);
    items.forEach(store::put);
    events.record("customer.subscription.created", sub, null, req);

    Map<String, Object> inv = factory.invoice(customer, (String) sub.get("currency"), null, (String) sub.get("id"));
    inv.put("period_start", now);
    inv.put("period_end", now);
    store.put(inv);
    for (Map<String, Object> si : items) {
      @SuppressWarnings("unchecked")
      Map<String, Object> price = (Map<String, Object>) si.get("price");
      long qty = (Long) si.get("quantity");
      Map<String, Object> ii = factory.item(customerId, (Long) price.get("unit_amount") * qty, (String) price.get("currency"), qty, price,
          qty + " × " + price.get("product"), (String) sub.get("id"));
      ii.put("period", Map.of("end", end, "start", now));
      factory.attach(inv, ii);
    }
    events.record("invoice.created", inv, null, req);
    factory.finalizeInvoice(inv);
    events.record("invoice.finalized", inv, null, req);
    invoices.pay(inv, "pm_card_visa", false, req);
    sub.put("latest_invoice", inv.get("id"));
    return sub;
  }

  // https://stripe.com/docs/api/subscriptions/retrieve
  @GetMapping("/stripe/v1/subscriptions/{id}")
  Map<String, Object> retrieve(@PathVariable String id) {
    return store.get("subscription", "subscription", id);
  }

  // https://stripe.com/docs/api/subscriptions/update (description, metadata, cancel_at_period_end)
  @PostMapping("/stripe/v1/subscriptions/{id}")
  Map<String, Object> update(@PathVariable String id, HttpServletRequest req) {
    Map<String, Object> sub = retrieve(id);
    if ("canceled".equals(sub.get("status"))) {
      throw StripeException.invalid(null, "A canceled subscription can only update its cancellation_details and metadata.", null);
    }
    StripeParams p = StripeParams.of(req);
    Map<String, Object> previous = StripeStore.update(sub, p, List.of("description"), List.of("cancel_at_period_end"));
    if (previous.containsKey("cancel_at_period_end")) {
      previous.put("cancel_at", sub.get("cancel_at"));
      previous.put("canceled_at", sub.get("canceled_at"));
      boolean cancel = Boolean.TRUE.equals(sub.get("cancel_at_period_end"));
      sub.put("cancel_at", cancel ? sub.get("current_period_end") : null);
      sub.put("canceled_at", cancel ? store.now() : null);
    }
    if (!previous.isEmpty()) {
      events.record("customer.subscription.updated", sub, previous, req);
    }
    return sub;
  }

  // https://stripe.com/docs/api/subscriptions/cancel
  @DeleteMapping("/stripe/v1/subscriptions/{id}")
  Map<String, Object> cancel(@PathVariable String id, HttpServletRequest req) {
    Map<String, Object> sub = retrieve(id);
    if ("canceled".equals(sub.get("status"))) {
      throw StripeException.invalid("resource_missing", "No such subscription: '" + id + "'", "id");
    }
    long now = store.now();
    sub.put("canceled_at", now);
    sub.put("ended_at", now);
    sub.put("status", "canceled");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("comment", null);
    details.put("feedback", null);
    details.put("reason", "cancellation_requested");
    sub.put("cancellation_details", details);
    events.record("customer.subscription.deleted", sub, null, req);
    return sub;
  }

  // https://stripe.com/docs/api/subscriptions/list (customer, price, status; canceled only with status=canceled|all)
  @GetMapping("/stripe/v1/subscriptions")
  Map<String, Object> list(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String customer = p.str("customer");
    String status = p.str("status");
    return store.list("subscription", "/v1/subscriptions", p, s -> (customer == null || customer.equals(s.get("customer")))
        && (status == null ? !"canceled".equals(s.get("status")) && !"incomplete_expired".equals(s.get("status"))
            : "all".equals(status) || status.equals(s.get("status"))));
  }
}
