package dev.switchboard.sandbox.square;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customers API: create, retrieve, update, delete, list and search. */
@RestController
@RequestMapping("/square/v2/customers")
class SquareCustomersController {


  // https://developer.squareup.com/reference/square/customers-api/create-customer
  @PostMapping
  Map<String, Object> create(@RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    return Map.of("customer", store.create(body, Sq.str(body.get("idempotency_key"))));
  }

  // https://developer.squareup.com/reference/square/customers-api/retrieve-customer
  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    return Map.of("customer", store.get(id));
  }

  // https://developer.squareup.com/reference/square/customers-api/update-customer
  @PutMapping("/{id}")
  Map<String, Object> update(@PathVariable String id, @RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    return Map.of("customer", store.update(id, body));
  }

  // https://developer.squareup.com/reference/square/customers-api/delete-customer
  @DeleteMapping("/{id}")
  Map<String, Object> delete(@PathVariable String id, @RequestParam(required = false) Long version,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    store.delete(id, version);
    return Map.of();
  }

  // https://developer.squareup.com/reference/square/customers-api/list-customers
  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) String limit,
      @RequestParam(name = "sort_field", defaultValue = "DEFAULT") String sortField,
      @RequestParam(name = "sort_order", defaultValue = "ASC") String sortOrder,
      @RequestParam(defaultValue = "false") boolean count,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    checkSort(sortField, sortOrder);
    List<Map<String, Object>> all = store.find(c -> true, sortField, "DESC".equals(sortOrder));
    Map<String, Object> page = Sq.page(all, cursor, Sq.limit(limit, 100, "limit"), "customers");
    if (count) {
      page.put("count", (long) all.size());
    }
    return page;
  }

  // https://developer.squareup.com/reference/square/customers-api/search-customers
  @PostMapping("/search")
  Map<String, Object> search(@RequestBody(required = false) Map<String, Object> raw,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    Map<String, Object> body = Sq.body(raw);
    Map<String, Object> query = Sq.body(Sq.map(body.get("query")));
    Map<String, Object> filter = Sq.body(Sq.map(query.get("filter")));
    Map<String, Object> sort = Sq.body(Sq.map(query.get("sort")));
    String field = (String) sort.getOrDefault("field", "DEFAULT");
    String order = (String) sort.getOrDefault("order", "ASC");
    checkSort(field, order);
    Predicate<Map<String, Object>> p = c -> true;
    p = p.and(text(filter, "email_address", false));
    p = p.and(text(filter, "phone_number", true));
    p = p.and(text(filter, "reference_id", false));
    p = p.and(range(filter, "created_at")).and(range(filter, "updated_at"));
    List<Map<String, Object>> all = store.find(p, field, "DESC".equals(order));
    Map<String, Object> page = Sq.page(all, Sq.str(body.get("cursor")), Sq.limit(body.get("limit"), 100, "limit"), "customers");
    if (Boolean.TRUE.equals(body.get("count"))) {
      page.put("count", (long) all.size());
    }
    return page;
  }

  private static void checkSort(String field, String order) {
    if (!List.of("DEFAULT", "CREATED_AT").contains(field)) {
      throw SquareException.invalid("INVALID_ENUM_VALUE", "Expected sort_field to be one of DEFAULT, CREATED_AT.", "sort_field");
    }
    if (!List.of("ASC", "DESC").contains(order)) {
      throw SquareException.invalid("INVALID_ENUM_VALUE", "Expected sort_order to be one of ASC, DESC.", "sort_order");
    }
  }

  /** {@code exact} (case-insensitive) or {@code fuzzy} (contains) on a text field; phones compare digits only. */
  private static Predicate<Map<String, Object>> text(Map<String, Object> filter, String field, boolean phone) {
    Map<String, Object> f = Sq.map(filter.get(field));
    if (f == null) {
      return c -> true;
    }
    String exact = norm(Sq.str(f.get("exact")), phone);
    String fuzzy = norm(Sq.str(f.get("fuzzy")), phone);
    if (exact != null && fuzzy != null) {
      throw SquareException.invalid("BAD_REQUEST", "Only one of exact or fuzzy may be set.", "query.filter." + field);
    }
    return c -> {
      String v = norm(Sq.str(c.get(field)), phone);
      if (v == null) {
        return false;
      }
      return exact != null ? v.equals(exact) : fuzzy == null || v.contains(fuzzy);
    };
  }

  private static String norm(String s, boolean phone) {
    if (s == null) {
      return null;
    }
    return phone ? s.replaceAll("[^0-9]", "") : s.trim().toLowerCase();
  }

  /** {@code start_at} inclusive, {@code end_at} exclusive. */
  private static Predicate<Map<String, Object>> range(Map<String, Object> filter, String field) {
    Map<String, Object> r = Sq.map(filter.get(field));
    if (r == null) {
      return c -> true;
    }
    Instant start = r.get("start_at") == null ? null : Sq.parseTs(r.get("start_at"), "query.filter." + field + ".start_at");
    Instant end = r.get("end_at") == null ? null : Sq.parseTs(r.get("end_at"), "query.filter." + field + ".end_at");
    return c -> {
      Instant t = Instant.parse((String) c.get(field));
      return (start == null || !t.isBefore(start)) && (end == null || t.isBefore(end));
    };
  }
}
