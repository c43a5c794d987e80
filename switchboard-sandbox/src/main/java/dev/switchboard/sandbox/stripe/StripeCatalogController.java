package dev.switchboard.sandbox.stripe;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Products and prices (create, retrieve, update, list). Records product.created/updated and
 * price.created/updated; an update that changes nothing records no event.
 */
@RestController
class StripeCatalogController {

  private final StripeStore store;
  private final StripeEvents events;

  StripeCatalogController(StripeStore store, StripeEvents events) {
    this.store = store;
    this.events = events;
  }

  // https://stripe.com/docs/api/products/create
  @PostMapping("/stripe/v1/products")
  Map<String, Object> createProduct(HttpServletRequest req) {
    return createProduct(StripeParams.of(req), req);
  }

  Map<String, Object> createProduct(StripeParams p, HttpServletRequest req) {
    String name = p.required("name");
    Map<String, Object> o = store.blank("prod", "product", false);
    o.put("active", p.bool("active", true));
    o.put("created", store.now());
    o.put("default_price", null);
    o.put("description", p.str("description"));
    o.put("features", List.of());
    o.put("images", p.list("images"));
    o.put("livemode", false);
    o.put("metadata", new LinkedHashMap<String, Object>());
    StripeStore.mergeMetadata(o, p);
    o.put("name", name);
    o.put("package_dimensions", null);
    o.put("shippable", null);
    o.put("statement_descriptor", null);
    o.put("tax_code", null);
    o.put("unit_label", null);
    o.put("updated", store.now());
    o.put("url", null);
    store.put(o);
    events.record("product.created", o, null, req);
    return o;
  }

  // https://stripe.com/docs/api/products/retrieve
  @GetMapping("/stripe/v1/products/{id}")
  Map<String, Object> product(@PathVariable String id) {
    return store.get("product", "product", id);
  }

  // https://stripe.com/docs/api/products/update
  @PostMapping("/stripe/v1/products/{id}")
  Map<String, Object> updateProduct(@PathVariable String id, HttpServletRequest req) {
    Map<String, Object> o = product(id);
    StripeParams p = StripeParams.of(req);
    if (p.root.containsKey("name") && (p.str("name") == null || p.str("name").isEmpty())) {
      throw StripeException.invalid("parameter_invalid_empty", "You passed an empty string for 'name'. We assume empty values are an "
          + "attempt to unset a parameter; however 'name' cannot be unset. You should remove 'name' from your request or supply a "
          + "non-empty value.", "name");
    }
    Map<String, Object> previous = StripeStore.update(o, p, List.of("name", "description", "statement_descriptor", "unit_label", "url"),
        List.of("active"));
    if (!previous.isEmpty()) {
      previous.put("updated", o.get("updated"));
      o.put("updated", store.now());
      events.record("product.updated", o, previous, req);
    }
    return o;
  }

  // https://stripe.com/docs/api/products/list
  @GetMapping("/stripe/v1/products")
  Map<String, Object> products(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String active = p.str("active");
    return store.list("product", "/v1/products", p, o -> active == null || active.equals(String.valueOf(o.get("active"))));
  }

  // https://stripe.com/docs/api/prices/create (product or product_data[name]; recurring[interval])
  @PostMapping("/stripe/v1/prices")
  Map<String, Object> createPrice(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String currency = p.required("currency").toLowerCase();
    String productId = p.str("product");
    if (productId == null) {
      Map<String, Object> data = p.map("product_data");
      if (data == null) {
        throw StripeException.paramMissing("product");
      }
      StripeParams pd = StripeParams.parse("name=" + java.net.URLEncoder.encode(String.valueOf(data.get("name")), java.nio.charset.StandardCharsets.UTF_8));
      productId = (String) createProduct(pd, req).get("id");
    } else if (store.find("product", productId) == null) {
      throw StripeException.missing("product", productId, "product");
    }
    Long unitAmount = p.longOr("unit_amount", null);
    if (unitAmount == null) {
      throw StripeException.paramMissing("unit_amount");
    }
    Map<String, Object> recurringIn = p.map("recurring");
    Map<String, Object> o = store.blank("price", "price", false);
    o.put("active", p.bool("active", true));
    o.put("billing_scheme", "per_unit");
    o.put("created", store.now());
    o.put("currency", currency);
    o.put("custom_unit_amount", null);
    o.put("livemode", false);
    o.put("lookup_key", p.str("lookup_key"));
    o.put("metadata", new LinkedHashMap<String, Object>());
    StripeStore.mergeMetadata(o, p);
    o.put("nickname", p.str("nickname"));
    o.put("product", productId);
    Map<String, Object> recurring = null;
    if (recurringIn != null) {
      String interval = Objects.toString(recurringIn.get("interval"), null);
      if (!List.of("day", "week", "month", "year").contains(interval)) {
        throw StripeException.invalid("parameter_invalid_string", "Invalid recurring[interval]: must be one of day, week, month, or year",
            "recurring[interval]");
      }
      recurring = new LinkedHashMap<>();
      recurring.put("aggregate_usage", null);
      recurring.put("interval", interval);
      recurring.put("interval_count", Long.parseLong(Objects.toString(recurringIn.get("interval_count"), "1")));
      recurring.put("usage_type", "licensed");
    }
    o.put("recurring", recurring);
    o.put("tax_behavior", "unspecified");
    o.put("tiers_mode", null);
    o.put("transform_quantity", null);
    o.put("type", recurring == null ? "one_time" : "recurring");
    o.put("unit_amount", unitAmount);
    o.put("unit_amount_decimal", unitAmount.toString());
    store.put(o);
    events.record("price.created", o, null, req);
    return o;
  }

  // https://stripe.com/docs/api/prices/retrieve
  @GetMapping("/stripe/v1/prices/{id}")
  Map<String, Object> price(@PathVariable String id) {
    return store.get("price", "price", id);
  }

  // https://stripe.com/docs/api/prices/update (amounts are immutable; only these fields change)
  @PostMapping("/stripe/v1/prices/{id}")
  Map<String, Object> updatePrice(@PathVariable String id, HttpServletRequest req) {
    Map<String, Object> o = price(id);
    StripeParams p = StripeParams.of(req);
    for (String immutable : List.of("unit_amount", "currency", "product", "recurring")) {
      if (p.root.containsKey(immutable)) {
        throw StripeException.invalid("parameter_unknown", "Received unknown parameter: " + immutable, immutable);
      }
    }
    Map<String, Object> previous = StripeStore.update(o, p, List.of("nickname", "lookup_key"), List.of("active"));
    if (!previous.isEmpty()) {
      events.record("price.updated", o, previous, req);
    }
    return o;
  }

  // https://stripe.com/docs/api/prices/list
  @GetMapping("/stripe/v1/prices")
  Map<String, Object> prices(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String product = p.str("product");
    return store.list("price", "/v1/prices", p, o -> product == null || product.equals(o.get("product")));
  }
}
