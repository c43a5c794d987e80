package dev.switchboard.sandbox.stripe;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Customers: https://stripe.com/docs/api/customers. Each change records customer.created/updated/deleted. */
@RestController
@RequestMapping("/stripe/v1/customers")
class StripeCustomersController {

  static final List<String> FIELDS = List.of("email", "name", "phone", "description");

  private final StripeStore store;
  private final StripeEvents events;

  StripeCustomersController(StripeStore store, StripeEvents events) {
    this.store = store;
    this.events = events;
  }

  // https://stripe.com/docs/api/customers/create
  @PostMapping
  Map<String, Object> create(HttpServletRequest req) {
    return create(StripeParams.of(req), req);
  }

  /** Creates a customer from form-encoded params outside an API request (seeding). */
  Map<String, Object> createFrom(String encoded) {
    return create(StripeParams.parse(encoded), null);
  }

  private Map<String, Object> create(StripeParams p, HttpServletRequest req) {
    Map<String, Object> c = store.blank("cus", "customer", false);
    c.put("address", null);
    c.put("balance", p.longOr("balance", 0L));
    c.put("created", store.now());
    c.put("currency", null);
    c.put("default_source", null);
    c.put("delinquent", false);
    c.put("description", p.str("description"));
    c.put("discount", null);
    c.put("email", p.str("email"));
    c.put("invoice_prefix", c.get("id").toString().substring(4, 12).toUpperCase());
    Map<String, Object> invoiceSettings = new LinkedHashMap<>();
    invoiceSettings.put("custom_fields", null);
    invoiceSettings.put("default_payment_method", null);
    invoiceSettings.put("footer", null);
    invoiceSettings.put("rendering_options", null);
    c.put("invoice_settings", invoiceSettings);
    c.put("livemode", false);
    c.put("metadata", new LinkedHashMap<String, Object>());
    StripeStore.mergeMetadata(c, p);
    c.put("name", p.str("name"));
    c.put("next_invoice_sequence", 1);
    c.put("phone", p.str("phone"));
    c.put("preferred_locales", p.list("preferred_locales"));
    c.put("shipping", null);
    c.put("tax_exempt", Objects.requireNonNullElse(p.str("tax_exempt"), "none"));
    c.put("test_clock", null);
    store.put(c);
    events.record("customer.created", c, null, req);
    return c;
  }

  // https://stripe.com/docs/api/customers/retrieve
  @GetMapping("/{id}")
  Map<String, Object> retrieve(@PathVariable String id) {
    return get(id);
  }

  Map<String, Object> get(String id) {
    Map<String, Object> c = store.find("customer", id);
    if (c == null) {
      throw StripeException.missing("customer", id, "id");
    }
    return c;
  }

  // https://stripe.com/docs/api/customers/update
  @PostMapping("/{id}")
  Map<String, Object> update(@PathVariable String id, HttpServletRequest req) {
    Map<String, Object> c = get(id);
    Map<String, Object> previous = StripeStore.update(c, StripeParams.of(req), FIELDS, List.of());
    if (!previous.isEmpty()) {
      events.record("customer.updated", c, previous, req);
    }
    return c;
  }

  // https://stripe.com/docs/api/customers/delete
  @DeleteMapping("/{id}")
  Map<String, Object> delete(@PathVariable String id, HttpServletRequest req) {
    Map<String, Object> c = get(id);
    store.remove(id);
    events.record("customer.deleted", c, null, req);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", id);
    d.put("object", "customer");
    d.put("deleted", true);
    return d;
  }

  // https://stripe.com/docs/api/customers/list
  @GetMapping
  Map<String, Object> list(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String email = p.str("email");
    return store.list("customer", "/v1/customers", p, c -> email == null || email.equals(c.get("email")));
  }

  // https://stripe.com/docs/api/customers/search
  @GetMapping("/search")
  Map<String, Object> search(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    return StripeSearch.page(store.all("customer", StripeSearch.parse(p.str("query"))), p, "/v1/customers/search");
  }
}
