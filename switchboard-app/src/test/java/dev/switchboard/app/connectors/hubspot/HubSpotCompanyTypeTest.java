package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.support.FakeVendor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** HubSpot company ⇄ canonical company, from a company object as HubSpot's CRM API returns it. */
class HubSpotCompanyTypeTest {
  static final HubSpotCompanyType TYPE = HubSpotCompanyType.INSTANCE;

  private static JsonNode fixture() {
    return HubSpotClient.JSON.readTree(FakeVendor.fixture("hubspot/companies/full.json"));
  }

  @Test
  void mapsEveryPropertyAndTheSixAddressPropertiesToOneStructuredAddress() {
    SourceRecord r = TYPE.source(fixture(), Map.of());
    assertThat(r.objectType()).isEqualTo("company");
    assertThat(r.externalId()).isEqualTo("512");
    assertThat(r.modifiedAt()).isEqualTo(Instant.parse("2024-05-02T08:30:12.345Z"));
    assertThat(r.record().fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "name", "HubSpot", "domain", "www.HubSpot.com", "website", "https://www.hubspot.com",
        "phone", "(877) 929-0687", "industry", "COMPUTER_SOFTWARE", "description", "Inbound marketing software",
        "employeeCount", "7000",
        "address", Map.of("lines", List.of("2 Canal Park", "Floor 5"), "city", "Cambridge", "region", "MA",
            "postalCode", "02141", "country", "United States")));
  }

  @Test
  void anAddressWhosePartsAreAllEmptyIsClearedAndOneNotReadIsAbsent() {
    ObjectNode empty = HubSpotClient.JSON.createObjectNode();
    ObjectNode props = empty.putObject("properties");
    props.put("name", "Acme").put("address", "").putNull("city").put("zip", "");
    assertThat(TYPE.toCanonical(empty, Map.of()).fields()).containsEntry("address", "");
    ObjectNode none = HubSpotClient.JSON.createObjectNode();
    none.putObject("properties").put("name", "Acme");
    assertThat(TYPE.toCanonical(none, Map.of()).fields()).doesNotContainKey("address");
  }

  @Test
  void writesSetAllSixAddressPropertiesSoNoPartOfAnOlderAddressIsLeftOver() {
    CanonicalRecord desired = new CanonicalRecord("company", Map.of("name", "Acme", "employeeCount", 25,
        "address", Map.of("lines", List.of("1 Main St", "Unit 4", "Back door"), "city", "Atlanta", "country", "US")));
    ObjectNode p = TYPE.toProperties(desired, Map.of());
    assertThat(p.path("name").asString()).isEqualTo("Acme");
    assertThat(p.path("numberofemployees").asString()).isEqualTo("25");
    assertThat(p.path("address").asString()).isEqualTo("1 Main St");
    assertThat(p.path("address2").asString()).as("HubSpot has two street lines").isEqualTo("Unit 4, Back door");
    assertThat(p.path("city").asString()).isEqualTo("Atlanta");
    assertThat(p.path("state").asString()).isEmpty();
    assertThat(p.path("zip").asString()).isEmpty();
    assertThat(p.path("country").asString()).isEqualTo("US");
    assertThat(p.has("domain")).as("a field the write does not name is not sent").isFalse();
    ObjectNode cleared = TYPE.toProperties(new CanonicalRecord("company", Map.of("address", "")), Map.of());
    assertThat(cleared.properties()).extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("address", "address2", "city", "state", "zip", "country");
    cleared.properties().forEach(e -> assertThat(e.getValue().asString()).isEmpty());
  }

  @Test
  void readsAskForTheMappedPropertiesAndTheLastModifiedOne() {
    assertThat(TYPE.readProperties(Map.of())).contains("name", "domain", "address", "address2", "zip",
        "numberofemployees", "hs_lastmodifieddate");
    assertThat(TYPE.path()).isEqualTo("companies");
    assertThat(TYPE.naturalKeyProperty()).as("a domain is not unique in HubSpot").isNull();
  }
}
