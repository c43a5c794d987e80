package dev.switchboard.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Account details and contact property definitions. */
@RestController
class HubSpotMiscController {

  // https://developers.hubspot.com/docs/api-reference/account-account-info-v3/details/get-account-info-v3-details
  @GetMapping("/hubspot/account-info/v3/details")
  Map<String, Object> details(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("portalId", portal.portalId);
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
  Map<String, Object> properties(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal) {
    return Map.of("results", portal.properties.all());
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/get-crm-v3-properties-objectType-propertyName
  @GetMapping("/hubspot/crm/v3/properties/contacts/{name}")
  Map<String, Object> property(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String name) {
    Map<String, Object> p = portal.properties.get(name);
    if (p == null) {
      throw HubSpotException.notFound();
    }
    return p;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/post-crm-v3-properties-objectType
  @PostMapping("/hubspot/crm/v3/properties/contacts")
  ResponseEntity<Map<String, Object>> createProperty(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    return ResponseEntity.status(201).body(portal.properties.create(body));
  }
}
