package dev.switchboard.sandbox.vagaro;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers: search (read), create, update. Vagaro publishes the customer object only as a webhook payload
 * (https://docs.vagaro.com/public/docs/customer-events); these endpoints use its field names. Paths are assumptions
 * in the style of the collection endpoints ({@code POST /customers} reads; actions are a last path segment).
 */
@RestController
@RequestMapping("/vagaro/{region}/api/v2/customers")
class VagaroCustomersController {

  private final VagaroCustomers customers;

  VagaroCustomersController(VagaroCustomers customers) {
    this.customers = customers;
  }

  // https://docs.vagaro.com/public/reference/api-introduction (Customers)
  @PostMapping
  Map<String, Object> search(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody(required = false) Map<String, Object> body) {
    return VagaroEnvelope.ok(customers.search(account, VagaroDirectoryController.orEmpty(body)));
  }

  // https://docs.vagaro.com/public/reference/api-introduction (Customers)
  @PostMapping("/create")
  Map<String, Object> create(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody Map<String, Object> body) {
    return VagaroEnvelope.ok(customers.create(account, body));
  }

  // https://docs.vagaro.com/public/reference/api-introduction (Customers)
  @PostMapping("/update")
  Map<String, Object> update(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody Map<String, Object> body) {
    return VagaroEnvelope.ok(customers.update(account, body));
  }
}
