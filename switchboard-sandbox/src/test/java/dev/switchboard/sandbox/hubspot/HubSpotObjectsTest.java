package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * CRM v3 objects for every emulated type: CRUD by name and by object type id, system and read-only properties per
 * type, enumeration options, property history, calculated line item amounts, and the 2026-03 paths.
 */
class HubSpotObjectsTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http ctl = sandbox.ctl();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "companies, 0-2, name, hs_lastmodifieddate, createdate, 100001",
      "deals, 0-3, dealname, hs_lastmodifieddate, createdate, 200001",
      "products, 0-7, name, hs_lastmodifieddate, createdate, 300001",
      "line_items, 0-8, name, hs_lastmodifieddate, createdate, 400001",
      "tasks, 0-27, hs_task_subject, hs_lastmodifieddate, hs_createdate, 500001",
      "notes, 0-46, hs_note_body, hs_lastmodifieddate, hs_createdate, 600001",
      "meetings, 0-47, hs_meeting_title, hs_lastmodifieddate, hs_createdate, 700001",
      "calls, 0-48, hs_call_title, hs_lastmodifieddate, hs_createdate, 800001",
      "emails, 0-49, hs_email_subject, hs_lastmodifieddate, hs_createdate, 900001",
      "contacts, 0-1, firstname, lastmodifieddate, createdate, 101"})
  void crudForEveryTypeByNameAndTypeId(String type, String typeId, String prop, String lastModified, String createDate,
      String firstId) {
    Http.Res created = hub.post("/crm/v3/objects/" + type, Map.of("properties", Map.of(prop, "First")));
    assertThat(created.status()).isEqualTo(201);
    JsonNode c = created.json();
    String id = c.get("id").asString();
    assertThat(id).isEqualTo(firstId); // each type counts from its own block of the portal's ids
    assertThat(c.at("/properties/" + prop).asString()).isEqualTo("First");
    assertThat(c.at("/properties/hs_object_id").asString()).isEqualTo(id);
    assertThat(c.at("/properties/" + lastModified).asString()).isEqualTo(c.get("updatedAt").asString());
    assertThat(c.at("/properties/" + createDate).asString()).isEqualTo(c.get("createdAt").asString());

    // the type id addresses the same records (the deals spec itself uses /crm/v3/objects/0-3)
    assertThat(hub.get("/crm/v3/objects/" + typeId + "/" + id + "?properties=" + prop).json().at("/properties/" + prop).asString())
        .isEqualTo("First");
    Http.Res patched = hub.patch("/crm/v3/objects/" + typeId + "/" + id, Map.of("properties", Map.of(prop, "Second")));
    assertThat(patched.json().at("/properties/" + prop).asString()).isEqualTo("Second");
    assertThat(patched.json().get("updatedAt").asString()).isGreaterThan(c.get("updatedAt").asString());

    Http.Res readOnly = hub.patch("/crm/v3/objects/" + type + "/" + id, Map.of("properties", Map.of(lastModified, "0")));
    assertThat(readOnly.status()).isEqualTo(400);
    assertThat(readOnly.json().at("/errors/0/code").asString()).isEqualTo("READ_ONLY_VALUE");

    JsonNode list = hub.get("/crm/v3/objects/" + type + "?properties=" + prop).json();
    assertThat(list.get("results").size()).isEqualTo(1);
    assertThat(hub.delete("/crm/v3/objects/" + type + "/" + id).status()).isEqualTo(204);
    assertThat(hub.get("/crm/v3/objects/" + type + "/" + id).status()).isEqualTo(404);
    assertThat(hub.get("/crm/v3/objects/" + type + "/" + id + "?archived=true").json().get("archived").asBoolean()).isTrue();
    assertThat(hub.get("/crm/v3/objects/" + type + "?archived=true").json().get("results").size()).isEqualTo(1);
  }

  @Test
  void defaultPropertiesFollowTheTypeAndUnknownTypesAre400() {
    String deal = hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("dealname", "D", "amount", "10"))).json()
        .get("id").asString();
    JsonNode d = hub.get("/crm/v3/objects/deals/" + deal).json().get("properties");
    assertThat(d.propertyNames()).contains("dealname", "amount", "closedate", "pipeline", "dealstage", "hs_lastmodifieddate",
        "hs_object_id", "createdate");
    String company = hub.post("/crm/v3/objects/companies", Map.of("properties", Map.of("name", "Acme", "domain", "acme.com")))
        .json().get("id").asString();
    assertThat(hub.get("/crm/v3/objects/companies/" + company).json().get("properties").propertyNames())
        .contains("name", "domain", "hs_lastmodifieddate").doesNotContain("lastmodifieddate");

    Http.Res unknown = hub.get("/crm/v3/objects/widgets");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(hub.get("/crm/v3/objects/companies/" + deal).status()).isEqualTo(404); // a deal id is no company
  }

  @Test
  void numberPropertiesRefuseTextThatIsNoNumber() {
    Http.Res bad = hub.post("/crm/v3/objects/companies", Map.of("properties", Map.of("name", "Acme",
        "numberofemployees", "many")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(bad.json().at("/errors/0/code").asString()).isEqualTo("INVALID_INTEGER");
    assertThat(bad.json().at("/errors/0/context/propertyName/0").asString()).isEqualTo("numberofemployees");
    assertThat(bad.json().get("message").asString()).contains("many was not a valid number.");
    assertThat(hub.get("/crm/v3/objects/companies").json().get("results").size()).as("nothing written").isZero();
    for (String padded : new String[] {" 12", "1,000", "1e3"}) {
      assertThat(hub.post("/crm/v3/objects/companies", Map.of("properties", Map.of("numberofemployees", padded)))
          .status()).as(padded).isEqualTo(400);
    }
    String id = hub.post("/crm/v3/objects/companies", Map.of("properties", Map.of("name", "Acme",
        "numberofemployees", "250", "annualrevenue", 1234.5))).json().get("id").asString();
    assertThat(hub.patch("/crm/v3/objects/companies/" + id, Map.of("properties", Map.of("numberofemployees", "-0.5")))
        .status()).isEqualTo(200);
    assertThat(hub.patch("/crm/v3/objects/companies/" + id, Map.of("properties", Map.of("numberofemployees", "")))
        .status()).as("empty clears").isEqualTo(200);
  }

  @Test
  void enumerationOptionsAreEnforcedOnWrite() {
    Http.Res bad = hub.post("/crm/v3/objects/calls", Map.of("properties", Map.of("hs_call_direction", "SIDEWAYS",
        "hs_call_title", "x")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(bad.json().at("/errors/0/code").asString()).isEqualTo("INVALID_OPTION");
    assertThat(bad.json().at("/errors/0/context/propertyName/0").asString()).isEqualTo("hs_call_direction");
    assertThat(hub.get("/crm/v3/objects/calls").json().get("results").size()).isZero();
    assertThat(hub.post("/crm/v3/objects/calls", Map.of("properties", Map.of("hs_call_direction", "INBOUND"))).status())
        .isEqualTo(201);
    Http.Res stage = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("lifecyclestage", "Lead")));
    assertThat(stage.status()).isEqualTo(400); // the label is not the internal value
    assertThat(hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("lifecyclestage", "lead"))).status())
        .isEqualTo(201);
  }

  @Test
  void propertiesWithHistoryListEveryValueNewestFirst() {
    String id = hub.post("/crm/v3/objects/companies", Map.of("properties", Map.of("name", "Old"))).json().get("id").asString();
    hub.patch("/crm/v3/objects/companies/" + id, Map.of("properties", Map.of("name", "Middle")));
    ctl.post("/_sandbox/hubspot/companies/" + id + "/ui-edit", Map.of("properties", Map.of("name", "New")));
    JsonNode c = hub.get("/crm/v3/objects/companies/" + id + "?properties=name&propertiesWithHistory=name,domain").json();
    JsonNode history = c.at("/propertiesWithHistory/name");
    assertThat(history.size()).isEqualTo(3);
    assertThat(history.findValuesAsString("value")).containsExactly("New", "Middle", "Old");
    assertThat(history.get(0).get("sourceType").asString()).isEqualTo("CRM_UI");
    assertThat(history.get(1).get("sourceType").asString()).isEqualTo("INTEGRATION");
    assertThat(history.get(0).get("timestamp").asString()).isGreaterThan(history.get(2).get("timestamp").asString());
    assertThat(c.at("/propertiesWithHistory/domain").size()).isZero();
    JsonNode read = hub.post("/crm/v3/objects/companies/batch/read", Map.of("inputs", List.of(Map.of("id", id)),
        "properties", List.of("name"), "propertiesWithHistory", List.of("name"))).json();
    assertThat(read.at("/results/0/propertiesWithHistory/name").size()).isEqualTo(3);
  }

  @Test
  void lineItemsTakeTheirProductAndComputeTheirAmount() {
    String product = hub.post("/crm/v3/objects/products", Map.of("properties", Map.of("name", "Widget", "price", "12.50",
        "hs_sku", "W-1"))).json().get("id").asString();
    JsonNode item = hub.post("/crm/v3/objects/line_items", Map.of("properties", Map.of("hs_product_id", product,
        "quantity", "3"))).json();
    assertThat(item.at("/properties/name").asString()).isEqualTo("Widget");
    assertThat(item.at("/properties/price").asString()).isEqualTo("12.50");
    assertThat(item.at("/properties/amount").asString()).isEqualTo("37.5");
    JsonNode more = hub.patch("/crm/v3/objects/line_items/" + item.get("id").asString(),
        Map.of("properties", Map.of("quantity", "4"))).json();
    assertThat(more.at("/properties/amount").asString()).isEqualTo("50");
    Http.Res direct = hub.post("/crm/v3/objects/line_items", Map.of("properties", Map.of("name", "x", "amount", "1")));
    assertThat(direct.json().at("/errors/0/code").asString()).isEqualTo("READ_ONLY_VALUE"); // calculated
    Http.Res noProduct = hub.post("/crm/v3/objects/line_items", Map.of("properties", Map.of("hs_product_id", "999")));
    assertThat(noProduct.status()).isEqualTo(400);
  }

  @Test
  void dateVersionedPathsServeTheSameRecordsAndCountersNameEachType() {
    Http.Res created = hub.post("/crm/objects/2026-03/companies", Map.of("properties", Map.of("name", "Dated")));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(hub.get("/crm/v3/objects/companies/" + id + "?properties=name").json().at("/properties/name").asString())
        .isEqualTo("Dated");
    assertThat(hub.get("/crm/objects/2026-03/0-2/" + id + "?properties=name").json().at("/properties/name").asString())
        .isEqualTo("Dated");
    hub.get("/crm/v3/objects/deals/200001");
    hub.get("/crm/v3/objects/0-3/200001");
    JsonNode counters = ctl.get("/_sandbox/counters").json().at("/hubspot/byEndpoint");
    assertThat(counters.get("POST /crm/objects/2026-03/companies").asLong()).isEqualTo(1);
    assertThat(counters.get("GET /crm/objects/2026-03/companies/{companyId}").asLong()).isEqualTo(1);
    assertThat(counters.get("GET /crm/v3/objects/deals/{dealId}").asLong()).isEqualTo(2);
  }
}
