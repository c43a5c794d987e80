package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.support.FakeVendor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class HubSpotMapperTest {

  private static JsonNode fixture(String name) {
    return HubSpotClient.JSON.readTree(FakeVendor.fixture("hubspot/contacts/" + name));
  }

  @Test
  void mapsAFullContactWithCustomProperties() {
    // the shorthand typed at connect time, as the connection's effective mapping carries it
    var connection = new dev.switchboard.app.connectors.ConnectionContext("c1", "t1", "hubspot", null,
        Map.of("customProperties", "loyalty_tier=loyalty_tier, custom.vip=HS_VIP"), Map.of());
    JsonNode c = fixture("full.json");

    CanonicalRecord r = HubSpotContactType.INSTANCE.at(connection).toCanonical(c, Map.of());

    assertThat(r.fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "email", "bcooper@biglytics.net", "firstName", "Bryan", "lastName", "Cooper",
        "phone", "(877) 929-0687", "company", "Biglytics", "lifecycleStage", "customer",
        "custom.loyalty_tier", "gold", "custom.vip", "true"));
    assertThat(HubSpotMapper.modifiedAt(c)).isEqualTo(Instant.parse("2024-05-02T08:30:12.345Z"));
  }

  @Test
  void nullOrEmptyPropertiesAreClearedAndOptOutIsUnsubscribed() {
    CanonicalRecord r = HubSpotMapper.toCanonical(fixture("cleared_and_optout.json"), Map.of());

    assertThat(r.string("company")).isEmpty();
    assertThat(r.string("phone")).isEmpty();
    assertThat(r.string("lastName")).isEmpty();
    assertThat(r.string("marketingStatus")).isEqualTo("unsubscribed");
    assertThat(r.has("tags")).isFalse();
  }

  @Test
  void propertiesNotReturnedAreAbsent() {
    ObjectNode c = HubSpotClient.JSON.createObjectNode();
    c.put("id", "1").putObject("properties").put("email", "a@b.co").put("hs_email_optout", "false");
    CanonicalRecord r = HubSpotMapper.toCanonical(c, Map.of("tier", "loyalty_tier"));
    assertThat(r.fields()).containsOnlyKeys("email");
  }

  @Test
  void writesOnlyPresentMappedFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("email", " x@y.com ");
    fields.put("firstName", "");
    fields.put("marketingStatus", "subscribed");
    fields.put("tags", List.of("a"));
    fields.put("custom.vip", "true");
    fields.put("custom.unmapped", "zzz");
    ObjectNode props = HubSpotMapper.toProperties(CanonicalRecord.contact(fields), Map.of("vip", "hs_vip"));

    assertThat(props.propertyNames()).containsExactlyInAnyOrder("email", "firstname", "hs_vip");
    assertThat(props.path("email").asString()).isEqualTo("x@y.com");
    assertThat(props.path("firstname").asString()).isEmpty();
  }

  @Test
  void readPropertiesIncludeCustomOnes() {
    assertThat(HubSpotMapper.readProperties(Map.of("vip", "hs_vip")))
        .contains("email", "lifecyclestage", "hs_email_optout", "lastmodifieddate", "hs_vip");
  }
}
