package dev.switchboard.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Account details and contact property definitions. */
@RestController
class HubSpotMiscController {

  private final HubSpotSettings settings;
  private final PropertyCatalog catalog;

  HubSpotMiscController(HubSpotSettings settings, PropertyCatalog catalog) {
    this.settings = settings;
    this.catalog = catalog;
  }

  // https://developers.hubspot.com/docs/api-reference/account-account-info-v3/details/get-account-info-v3-details
  @GetMapping("/hubspot/account-info/v3/details")
  Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("portalId", settings.portalId);
    m.put("accountType", "STANDARD");
    m.put("timeZone", "UTC");
    m.put("companyCurrency", "USD");
    m.put("additionalCurrencies", List.of());
    m.put("utcOffset", "+00:00");
    m.put("utcOffsetMilliseconds", 0);
    m.put("uiDomain", "app.hubspot.com");
    m.put("dataHostingLocation", "na1");
    return m;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/get-crm-v3-properties-objectType
  @GetMapping("/hubspot/crm/v3/properties/contacts")
  Map<String, Object> properties() {
    return Map.of("results", catalog.all());
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/get-crm-v3-properties-objectType-propertyName
  @GetMapping("/hubspot/crm/v3/properties/contacts/{name}")
  Map<String, Object> property(@PathVariable String name) {
    Map<String, Object> p = catalog.get(name);
    if (p == null) {
      throw HubSpotException.notFound();
    }
    return p;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/post-crm-v3-properties-objectType
  @PostMapping("/hubspot/crm/v3/properties/contacts")
  ResponseEntity<Map<String, Object>> createProperty(@RequestBody Map<String, Object> body) {
    return ResponseEntity.status(201).body(catalog.create(body));
  }
}
