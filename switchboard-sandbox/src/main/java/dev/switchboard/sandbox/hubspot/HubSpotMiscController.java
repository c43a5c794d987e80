package dev.switchboard.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account details, on v3 and the 2026-03 path: the two specs' {@code PortalInformationResponse} are the same (fields,
 * required list), compared in HubSpot's spec collection.
 */
@RestController
class HubSpotMiscController {

  // https://developers.hubspot.com/docs/api-reference/account-account-info-v3/details/get-account-info-v3-details
  @GetMapping({"/hubspot/account-info/v3/details", "/hubspot/account-info/2026-03/details"})
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
}
