package dev.switchboard.sandbox.square;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Locations API (read-only): one seeded, ACTIVE location per merchant; the caller sees its own only. */
@RestController
class SquareLocationsController {

  static Map<String, Object> location(SquareMerchant m) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("id", m.locationId);
    l.put("name", m.businessName);
    l.put("address", Map.of("address_line_1", "1 Sandbox Way", "locality", "San Francisco",
        "administrative_district_level_1", "CA", "postal_code", "94103", "country", "US"));
    l.put("timezone", "America/Los_Angeles");
    l.put("capabilities", List.of("CREDIT_CARD_PROCESSING", "AUTOMATIC_TRANSFERS"));
    l.put("status", "ACTIVE");
    l.put("created_at", "2024-01-01T00:00:00.000Z");
    l.put("merchant_id", m.merchantId);
    l.put("country", "US");
    l.put("language_code", "en-US");
    l.put("currency", "USD");
    l.put("business_name", m.businessName);
    l.put("type", "PHYSICAL");
    l.put("business_email", "sandbox-merchant@example.com");
    l.put("mcc", "7299");
    return l;
  }

  // https://developer.squareup.com/reference/square/locations-api/list-locations
  @GetMapping("/square/v2/locations")
  Map<String, Object> list(@RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    return Map.of("locations", List.of(location(m)));
  }

  // https://developer.squareup.com/reference/square/locations-api/retrieve-location
  @GetMapping("/square/v2/locations/{id}")
  Map<String, Object> get(@PathVariable String id,
      @RequestAttribute(SquareGuardFilter.MERCHANT) SquareMerchant m) {
    if (!id.equals(m.locationId) && !id.equals("main")) {
      throw SquareException.notFound("Location", id);
    }
    return Map.of("location", location(m));
  }
}
