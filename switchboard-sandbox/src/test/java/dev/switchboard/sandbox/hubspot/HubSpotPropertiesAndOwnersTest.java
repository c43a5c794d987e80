package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Properties and property groups of every type (custom enumerations, unique values, archive) and the owners API. */
class HubSpotPropertiesAndOwnersTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));

  @Test
  void everyTypeListsItsPropertiesAndGroups() {
    assertThat(hub.get("/crm/v3/properties/deals").json().get("results").findValuesAsString("name"))
        .contains("dealname", "dealstage", "pipeline", "amount", "hs_lastmodifieddate", "hs_object_id", "hs_merged_object_ids");
    assertThat(hub.get("/crm/v3/properties/0-46").json().get("results").findValuesAsString("name"))
        .contains("hs_note_body", "hs_timestamp", "hs_createdate").doesNotContain("hs_merged_object_ids");
    JsonNode stage = hub.get("/crm/v3/properties/contacts/lifecyclestage").json();
    assertThat(stage.get("options").findValuesAsString("value")).contains("lead", "customer");
    JsonNode id = hub.get("/crm/properties/2026-03/companies/hs_object_id").json();
    assertThat(id.get("hasUniqueValue").asBoolean()).isTrue();
    assertThat(id.at("/modificationMetadata/readOnlyValue").asBoolean()).isTrue();
    assertThat(hub.get("/crm/v3/properties/companies/groups").json().get("results").findValuesAsString("name"))
        .contains("companyinformation");
    assertThat(hub.get("/crm/v3/properties/companies/groups").json().at("/results/0/displayOrder").isNumber()).isTrue();
  }

  @Test
  void customEnumerationOptionsAreEnforcedAndGroupsCanBeManaged() {
    Http.Res group = hub.post("/crm/v3/properties/deals/groups", Map.of("name", "partner_info", "label", "Partner info"));
    assertThat(group.status()).isEqualTo(201);
    assertThat(hub.post("/crm/v3/properties/deals/groups", Map.of("name", "partner_info", "label", "Again")).status())
        .isEqualTo(409);
    Http.Res prop = hub.post("/crm/v3/properties/deals", Map.of("name", "partner_tier", "label", "Partner tier",
        "type", "enumeration", "fieldType", "select", "groupName", "partner_info",
        "options", List.of(Map.of("label", "Gold", "value", "gold", "hidden", false),
            Map.of("label", "Silver", "value", "silver", "hidden", false))));
    assertThat(prop.status()).isEqualTo(201);
    assertThat(hub.post("/crm/v3/properties/deals", Map.of("name", "x", "groupName", "no_such_group")).status()).isEqualTo(400);

    Http.Res bronze = hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("partner_tier", "bronze")));
    assertThat(bronze.status()).isEqualTo(400);
    assertThat(bronze.json().at("/errors/0/code").asString()).isEqualTo("INVALID_OPTION");
    assertThat(hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("partner_tier", "gold"))).status()).isEqualTo(201);

    Http.Res widened = hub.patch("/crm/v3/properties/deals/partner_tier", Map.of("options", List.of(
        Map.of("label", "Gold", "value", "gold", "hidden", false), Map.of("label", "Bronze", "value", "bronze", "hidden", false))));
    assertThat(widened.status()).isEqualTo(200);
    assertThat(hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("partner_tier", "bronze"))).status()).isEqualTo(201);
    assertThat(hub.patch("/crm/v3/properties/deals/dealname", Map.of("label", "X")).status()).isEqualTo(400); // HubSpot's own

    assertThat(hub.patch("/crm/v3/properties/deals/groups/partner_info", Map.of("label", "Partners")).json().get("label")
        .asString()).isEqualTo("Partners");
    assertThat(hub.delete("/crm/v3/properties/deals/partner_tier").status()).isEqualTo(204);
    assertThat(hub.get("/crm/v3/properties/deals/partner_tier").status()).isEqualTo(404);
    assertThat(hub.get("/crm/v3/properties/deals?archived=true").json().get("results").findValuesAsString("name"))
        .containsExactly("partner_tier");
    assertThat(hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("partner_tier", "gold"))).json()
        .at("/errors/0/code").asString()).isEqualTo("PROPERTY_DOESNT_EXIST");
    assertThat(hub.delete("/crm/v3/properties/deals/groups/partner_info").status()).isEqualTo(204);
  }

  /**
   * A date property takes a calendar date (YYYY-MM-DD) or the epoch milliseconds of its midnight UTC, and answers the
   * date; a bool takes true or false: anything else is refused with the property named.
   */
  @Test
  void dateAndBoolPropertiesTakeOnlyTheirForms() {
    assertThat(hub.post("/crm/v3/properties/contacts", Map.of("name", "since", "label", "Since", "type", "date",
        "fieldType", "date", "groupName", "contactinformation")).status()).isEqualTo(201);
    assertThat(hub.post("/crm/v3/properties/contacts", Map.of("name", "vip", "label", "VIP", "type", "bool",
        "fieldType", "booleancheckbox", "groupName", "contactinformation", "options", List.of(
            Map.of("label", "Yes", "value", "true"), Map.of("label", "No", "value", "false")))).status()).isEqualTo(201);
    Http.Res ok = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "d1@example.com",
        "since", "1705276800000", "vip", "true")));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.json().at("/properties/since").asString()).isEqualTo("2024-01-15");
    assertThat(hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "d2@example.com",
        "since", "2024-01-15"))).status()).isEqualTo(201);
    Http.Res notMidnight = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "d3@example.com",
        "since", "1705280400000")));
    assertThat(notMidnight.status()).isEqualTo(400);
    assertThat(notMidnight.json().at("/errors/0/code").asString()).isEqualTo("INVALID_DATE");
    assertThat(hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "d4@example.com",
        "since", "01/15/2024"))).json().at("/errors/0/code").asString()).isEqualTo("INVALID_DATE");
    Http.Res yes = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "d5@example.com",
        "vip", "Yes")));
    assertThat(yes.status()).isEqualTo(400);
    assertThat(yes.json().at("/errors/0/code").asString()).isEqualTo("INVALID_OPTION");
  }

  @Test
  void theDateVersionedPropertiesApiRequiresOptionOrder() {
    Map<String, Object> unordered = Map.of("name", "tier", "label", "Tier", "type", "enumeration", "fieldType", "select",
        "groupName", "companyinformation", "options", List.of(Map.of("label", "A", "value", "a", "hidden", false)));
    assertThat(hub.post("/crm/properties/2026-03/companies", unordered).status()).isEqualTo(400);
    assertThat(hub.post("/crm/v3/properties/companies", unordered).status()).isEqualTo(201);
  }

  @Test
  void ownersArePagedAndFoundByEmailIdOrUserId() {
    JsonNode all = hub.get("/crm/v3/owners").json();
    assertThat(all.get("results").size()).isEqualTo(3);
    JsonNode first = all.at("/results/0");
    assertThat(first.propertyNames()).contains("id", "email", "firstName", "lastName", "userId", "createdAt", "updatedAt",
        "archived", "teams");
    assertThat(first.get("type").asString()).isEqualTo("PERSON");
    JsonNode page = hub.get("/crm/v3/owners?limit=2").json();
    assertThat(page.get("results").size()).isEqualTo(2);
    JsonNode rest = hub.get("/crm/v3/owners?limit=2&after=" + page.at("/paging/next/after").asString()).json();
    assertThat(rest.get("results").size()).isEqualTo(1);
    assertThat(rest.has("paging")).isFalse();

    String email = first.get("email").asString();
    assertThat(hub.get("/crm/v3/owners?email=" + email.toUpperCase()).json().at("/results/0/id").asString())
        .isEqualTo(first.get("id").asString());
    assertThat(hub.get("/crm/v3/owners?email=nobody@example.com").json().get("results").size()).isZero();
    assertThat(hub.get("/crm/v3/owners?archived=true").json().get("results").size()).isEqualTo(1);
    assertThat(hub.get("/crm/v3/owners/" + first.get("id").asString()).json().get("email").asString()).isEqualTo(email);
    assertThat(hub.get("/crm/owners/2026-03/" + first.get("userId").asString() + "?idProperty=userId").json().get("id")
        .asString()).isEqualTo(first.get("id").asString());
    assertThat(hub.get("/crm/v3/owners/1").status()).isEqualTo(404);
  }
}
