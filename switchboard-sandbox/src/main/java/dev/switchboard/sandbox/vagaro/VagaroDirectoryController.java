package dev.switchboard.sandbox.vagaro;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Locations, services and employees (read-only, fixed per account). Collections are read with a {@code POST} and a
 * JSON body of filters and paging, as clients of the live API call them; the reference pages behind these paths
 * are visible only to approved businesses, so paths and fields follow those clients and the webhook payloads.
 */
@RestController
@RequestMapping("/vagaro/{region}/api/v2")
class VagaroDirectoryController {

  /** Body {@code {pageNumber?, pageSize?}} → {@code data: {locations: […], paging}}. */
  // https://docs.vagaro.com/public/reference/api-introduction (Locations)
  @PostMapping("/locations")
  Map<String, Object> locations(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody(required = false) Map<String, Object> body) {
    return VagaroEnvelope.ok(VagaroPage.of("locations", account.catalog.locations(), orEmpty(body),
        l -> VagaroJson.location(account, l)));
  }

  /** Body {@code {businessId?, pageNumber?, pageSize?}} → {@code data: {services: […], paging}}. */
  // https://docs.vagaro.com/public/reference/api-introduction (Services)
  @PostMapping("/services")
  Map<String, Object> services(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody(required = false) Map<String, Object> body) {
    Map<String, Object> b = orEmpty(body);
    VagaroRequest.businessId(account, b, null);
    return VagaroEnvelope.ok(VagaroPage.of("services", account.catalog.services(), b, s -> VagaroJson.service(account, s)));
  }

  /**
   * Body {@code {businessId?, serviceProviderId?, pageNumber?, pageSize?}}: with {@code serviceProviderId} →
   * {@code data: <employee>} (404 if unknown), else {@code data: {employees: […], paging}}.
   */
  // https://docs.vagaro.com/public/reference/api-introduction (Employees)
  @PostMapping("/employees")
  Map<String, Object> employees(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody(required = false) Map<String, Object> body) {
    Map<String, Object> b = orEmpty(body);
    VagaroRequest.businessId(account, b, null);
    String id = VagaroRequest.str(b, "serviceProviderId");
    if (id != null) {
      VagaroCatalog.Employee e = account.catalog.employee(id);
      if (e == null) {
        throw VagaroException.notFound("serviceProviderId", "Service provider");
      }
      return VagaroEnvelope.ok(VagaroJson.employee(account, e));
    }
    List<VagaroCatalog.Employee> all = account.catalog.employees();
    return VagaroEnvelope.ok(VagaroPage.of("employees", all, b, e -> VagaroJson.employee(account, e)));
  }

  static Map<String, Object> orEmpty(Map<String, Object> body) {
    return body == null ? Map.of() : body;
  }
}
