package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every new store belongs to one portal (records, associations, labels, pipelines, properties, owners), and the
 * controls seed and edit the new types per portal.
 */
class HubSpotCrmPortalsAndSeedTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http one = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http two = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot-2"));
  static final Http ctl = sandbox.ctl();

  @Test
  void everyNewStoreIsThePortalsOwn() {
    String company = one.post("/crm/v3/objects/companies", Map.of("properties", Map.of("name", "One Co"))).json().get("id").asString();
    String contact = one.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "o@x.com"))).json().get("id").asString();
    String companyTwo = two.post("/crm/v3/objects/companies", Map.of("properties", Map.of("name", "Two Co"))).json().get("id").asString();
    assertThat(company).isEqualTo("100001");
    assertThat(companyTwo).isEqualTo("1100001");
    assertThat(two.get("/crm/v3/objects/companies/" + company).status()).isEqualTo(404);
    assertThat(two.post("/crm/v3/objects/companies/search", Map.of()).json().get("total").asInt()).isEqualTo(1);

    one.put("/crm/v4/objects/contacts/" + contact + "/associations/default/companies/" + company, null);
    assertThat(two.get("/crm/v4/objects/companies/" + company + "/associations/contacts").json().get("results").size()).isZero();
    assertThat(two.put("/crm/v4/objects/companies/" + companyTwo + "/associations/default/contacts/" + contact, null).status())
        .isEqualTo(404); // portal 1's contact does not exist in portal 2
    assertThat(two.post("/crm/v3/objects/companies/merge", Map.of("primaryObjectId", companyTwo, "objectIdToMerge", company))
        .status()).isEqualTo(404);

    JsonNode label = two.post("/crm/v4/associations/contacts/companies/labels", Map.of("label", "Advisor", "name", "advisor"))
        .json().get("results");
    assertThat(one.get("/crm/v4/associations/contacts/companies/labels").json().toString()).doesNotContain("Advisor");
    assertThat(one.put("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company, List.of(Map.of(
        "associationCategory", "USER_DEFINED", "associationTypeId", label.get(0).get("typeId").asInt()))).status()).isEqualTo(400);

    String pipeline = two.post("/crm/v3/pipelines/deals", Map.of("label", "Two's", "displayOrder", 1, "stages", List.of(
        Map.of("label", "Only", "displayOrder", 0, "metadata", Map.of("probability", "0.5"))))).json().get("id").asString();
    assertThat(one.get("/crm/v3/pipelines/deals/" + pipeline).status()).isEqualTo(404);
    assertThat(one.get("/crm/v3/pipelines/deals").json().get("results").size()).isEqualTo(1);

    two.post("/crm/v3/properties/companies", Map.of("name", "region", "label", "Region"));
    assertThat(one.get("/crm/v3/properties/companies/region").status()).isEqualTo(404);
    two.post("/crm/v3/properties/deals/groups", Map.of("name", "twos", "label", "Two's group"));
    assertThat(one.get("/crm/v3/properties/deals/groups/twos").status()).isEqualTo(404);

    String ownerOne = one.get("/crm/v3/owners").json().at("/results/0/id").asString();
    assertThat(two.get("/crm/v3/owners/" + ownerOne).status()).isEqualTo(404);
    assertThat(two.get("/crm/v3/owners").json().at("/results/0/email").asString()).contains("1002");
  }

  @Test
  void seedFillsOnePortalWithAssociatedCompaniesDealsLineItemsAndEngagements() {
    JsonNode seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "portalId", 1002, "companies", 2, "contacts", 4,
        "deals", 3, "notes", 2, "calls", 1, "meetings", 1, "emails", 1, "tasks", 1)).json();
    assertThat(seeded.get("portalId").asLong()).isEqualTo(1002);
    assertThat(seeded.at("/objects/companies").size()).isEqualTo(2);
    assertThat(seeded.at("/objects/products").size()).isEqualTo(3); // deals without products get three
    assertThat(seeded.at("/objects/line_items").size()).isEqualTo(6);
    assertThat(seeded.get("ids").size()).isEqualTo(4); // the contacts, as before
    assertThat(seeded.get("created").asInt()).isEqualTo(2 + 4 + 3 + 3 + 6 + 6);
    assertThat(one.get("/crm/v3/objects/deals").json().get("results").size()).isZero();

    String deal = seeded.at("/objects/deals/0").asString();
    JsonNode d = two.get("/crm/v3/objects/deals/" + deal + "?associations=line_items,companies,contacts,notes").json();
    assertThat(d.at("/properties/pipeline").asString()).isEqualTo("default");
    assertThat(d.at("/associations/line_items/results").size()).isEqualTo(2); // two line items, type 19 each
    JsonNode items = two.get("/crm/v4/objects/deals/" + deal + "/associations/line_items").json().get("results");
    assertThat(items.size()).isEqualTo(2);
    JsonNode item = two.get("/crm/v3/objects/line_items/" + items.get(0).get("toObjectId").asString()
        + "?properties=hs_product_id,amount").json();
    assertThat(item.at("/properties/hs_product_id").asString()).isNotBlank();
    assertThat(d.at("/associations/companies/results").size()).isPositive();
    assertThat(d.at("/associations/contacts/results/0/type").asString()).isEqualTo("deal_to_contact");
    // a seeded person works for "Seed Co n": the company of that name is its primary company
    String contact = seeded.at("/ids/0").asString();
    JsonNode c = two.get("/crm/v3/objects/contacts/" + contact + "?properties=company&associations=companies").json();
    assertThat(c.at("/associations/companies/results").findValuesAsString("type"))
        .containsExactlyInAnyOrder("contact_to_company", "contact_to_company_unlabeled");
    JsonNode note = two.get("/crm/v4/objects/notes/" + seeded.at("/objects/notes/0").asString() + "/associations/contacts")
        .json();
    assertThat(note.get("results").size()).isEqualTo(1);

    Http.Res edit = ctl.post("/_sandbox/hubspot/deals/" + deal + "/ui-edit?portalId=1002",
        Map.of("properties", Map.of("dealstage", "closedwon")));
    assertThat(edit.json().at("/properties/dealstage").asString()).isEqualTo("closedwon");
    assertThat(ctl.post("/_sandbox/hubspot/deals/" + deal + "/ui-edit", Map.of("properties", Map.of("dealname", "x")))
        .status()).isEqualTo(404); // portal 1 has no such deal
    assertThat(ctl.post("/_sandbox/hubspot/deals/" + deal + "/ui-edit?portalId=1002",
        Map.of("properties", Map.of("dealstage", "nope"))).status()).isEqualTo(400);
  }
}
