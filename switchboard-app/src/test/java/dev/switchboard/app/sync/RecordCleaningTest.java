package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.model.IdentityKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every type but contact is cleaned by the type registry; values come out in their canonical JSON form. */
class RecordCleaningTest {

  @Test
  void aCompanyIsCleanedByItsDeclaredTypesAndIdentifiedByItsDomain() {
    CanonicalRecord raw = new CanonicalRecord("company", Map.of("name", "  Acme   Bikes, Inc. ",
        "domain", "WWW.Acme-Bikes.COM", "phone", "(415) 555-0100", "employeeCount", "25",
        "address", Map.of("lines", List.of(" 1 Main St "), "city", "Atlanta", "state", "ga", "zip", "30308",
            "country", "United States")));
    CanonicalRecord clean = RecordCleaning.clean("US", raw);
    assertThat(clean.fields()).containsEntry("name", "Acme Bikes, Inc.").containsEntry("domain", "acme-bikes.com")
        .containsEntry("phone", "+14155550100").containsEntry("employeeCount", 25L)
        .containsEntry("address", Map.of("lines", List.of("1 Main St"), "city", "Atlanta", "region", "GA",
            "postalCode", "30308", "country", "US"));
    assertThat(RecordCleaning.identityKeys("company", clean.fields())).extracting(IdentityKey::rule)
        .startsWith("domain");
    assertThat(RecordCleaning.clean("US", clean)).as("cleaning is idempotent").isEqualTo(clean);
  }

  @Test
  void aValueItsTypeRefusesIsKeptAsTypedWhenTextAndIdentifiesNothing() {
    CanonicalRecord clean = RecordCleaning.clean("US", new CanonicalRecord("company", Map.of("name", "Acme",
        "employeeCount", "many", "domain", "not a domain", "address", Map.of("country", "Atlantis"))));
    assertThat(clean.fields()).containsEntry("employeeCount", "many").containsEntry("domain", "not a domain")
        .doesNotContainKey("address");
    assertThat(RecordCleaning.identityKeys("company", clean.fields())).extracting(IdentityKey::rule)
        .doesNotContain("domain");
  }

  @Test
  void aContactsAddressIsStructuredAndItsOtherFieldsCleanedAsBefore() {
    CanonicalRecord clean = RecordCleaning.clean("US", CanonicalRecord.contact(Map.of("email", " Ann@Example.COM ",
        "phone", "415 555 0100", "address", Map.of("line1", "9 Elm Rd", "city", "Boston", "state", "MA"))));
    assertThat(clean.fields()).containsEntry("email", "ann@example.com").containsEntry("phone", "+14155550100")
        .containsEntry("address", Map.of("lines", List.of("9 Elm Rd"), "city", "Boston", "region", "MA"));
  }
}
