package dev.switchboard.sandbox.square;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Locations API (read-only): one seeded, ACTIVE location of the sandbox merchant. */
@RestController
class SquareLocationsController {

  private final SquareSettings settings;

  SquareLocationsController(SquareSettings settings) {
    this.settings = settings;
  }

  Map<String, Object> location() {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("id", settings.locationId);
    l.put("name", "Switchboard Sandbox");
    l.put("address", Map.of("address_line_1", "1 Sandbox Way", "locality", "San Francisco",
        "administrative_district_level_1", "CA", "postal_code", "94103", "country", "US"));
    l.put("timezone", "America/Los_Angeles");
    l.put("capabilities", List.of("CREDIT_CARD_PROCESSING", "AUTOMATIC_TRANSFERS"));
    l.put("status", "ACTIVE");
    l.put("created_at", "2024-01-01T00:00:00.000Z");
    l.put("merchant_id", settings.merchantId);
    l.put("country", "US");
    l.put("language_code", "en-US");
    l.put("currency", "USD");
    l.put("business_name", "Switchboard Sandbox");
    l.put("type", "PHYSICAL");
    l.put("business_email", "sandbox-merchant@example.com");
    l.put("mcc", "7299");
    return l;
  }

  // https://developer.squareup.com/reference/square/locations-api/list-locations
  @GetMapping("/square/v2/locations")
  Map<String, Object> list() {
    return Map.of("locations", List.of(location()));
  }

  // https://developer.squareup.com/reference/square/locations-api/retrieve-location
  @GetMapping("/square/v2/locations/{id}")
  Map<String, Object> get(@PathVariable String id) {
    if (!id.equals(settings.locationId) && !id.equals("main")) {
      throw SquareException.notFound("Location", id);
    }
    return Map.of("location", location());
  }
}
