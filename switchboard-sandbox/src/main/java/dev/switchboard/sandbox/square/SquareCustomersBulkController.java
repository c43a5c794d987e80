package dev.switchboard.sandbox.square;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk customer endpoints (1–100 items each). Results are keyed like the request (idempotency key for
 * create, customer id otherwise); a failed item carries {@code errors} instead of {@code customer}, and the
 * call as a whole still answers 200.
 */
@RestController
@RequestMapping("/square/v2/customers")
class SquareCustomersBulkController {


  // https://developer.squareup.com/reference/square/customers-api/bulk-create-customers
  @PostMapping("/bulk-create")
  Map<String, Object> bulkCreate(@RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    Map<String, Object> items = items(body.get("customers"), "customers");
    return each(items.keySet(), key -> Map.of("customer", store.create(Sq.body(Sq.map(items.get(key))), key)));
  }

  // https://developer.squareup.com/reference/square/customers-api/bulk-update-customers
  @PostMapping("/bulk-update")
  Map<String, Object> bulkUpdate(@RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    Map<String, Object> items = items(body.get("customers"), "customers");
    return each(items.keySet(), id -> Map.of("customer", store.update(id, Sq.body(Sq.map(items.get(id))))));
  }

  // https://developer.squareup.com/reference/square/customers-api/bulk-delete-customers
  @PostMapping("/bulk-delete")
  Map<String, Object> bulkDelete(@RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    return each(ids(body), id -> {
      store.delete(id, null);
      return Map.of();
    });
  }

  // https://developer.squareup.com/reference/square/customers-api/bulk-retrieve-customers
  @PostMapping("/bulk-retrieve")
  Map<String, Object> bulkRetrieve(@RequestBody Map<String, Object> body,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    SquareCustomerStore store = m.customers;
    return each(ids(body), id -> Map.of("customer", store.get(id)));
  }

  private static Map<String, Object> items(Object raw, String field) {
    Map<String, Object> m = Sq.map(raw);
    if (m == null || m.isEmpty()) {
      throw SquareException.invalid("MISSING_REQUIRED_PARAMETER", "Field must be set.", field);
    }
    if (m.size() > 100) {
      throw SquareException.invalid("VALUE_TOO_HIGH", "At most 100 items may be sent per request.", field);
    }
    return m;
  }

  private static List<String> ids(Map<String, Object> body) {
    if (!(body.get("customer_ids") instanceof List<?> l) || l.isEmpty()) {
      throw SquareException.missing("customer_ids");
    }
    if (l.size() > 100) {
      throw SquareException.invalid("VALUE_TOO_HIGH", "At most 100 items may be sent per request.", "customer_ids");
    }
    return l.stream().map(String::valueOf).toList();
  }

  private static Map<String, Object> each(Iterable<String> keys, Function<String, Map<String, Object>> op) {
    Map<String, Object> responses = new LinkedHashMap<>();
    for (String k : keys) {
      try {
        responses.put(k, op.apply(k));
      } catch (SquareException e) {
        responses.put(k, Map.of("errors", List.of(e.error())));
      }
    }
    return Map.of("responses", responses);
  }
}
