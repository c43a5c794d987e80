package dev.switchboard.sandbox.vagaro;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer of a business group (mutable; guarded by its {@link VagaroAccount}). The text fields are kept under
 * the names of Vagaro's customer payload (https://docs.vagaro.com/public/docs/customer-events).
 */
final class VagaroCustomer {

  /** Writable text fields, in payload order. */
  static final List<String> FIELDS = List.of("customerFirstName", "customerLastName", "email", "mobilePhone",
      "dayPhone", "nightPhone", "streetAddress", "city", "regionCode", "regionName", "countryCode", "countryName",
      "postalCode");

  final String customerId;
  final Instant createdDate;
  Instant modifiedDate;
  final Map<String, String> fields = new LinkedHashMap<>();
  List<String> businessIds = new ArrayList<>();

  VagaroCustomer(String customerId, Instant createdDate) {
    this.customerId = customerId;
    this.createdDate = createdDate;
    this.modifiedDate = createdDate;
    FIELDS.forEach(f -> fields.put(f, null));
  }

  String email() {
    return fields.get("email");
  }
}
