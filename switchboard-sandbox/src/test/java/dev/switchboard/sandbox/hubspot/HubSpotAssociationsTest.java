package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Associations v4: default and labeled associations seen from both ends, HubSpot's type ids and user-defined
 * labels, the batch endpoints, the v3 {@code associations} parameter, creates with associations, and what archive
 * and restore do to a record's associations.
 */
class HubSpotAssociationsTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http ctl = sandbox.ctl();

  static String create(String type, Map<String, Object> props) {
    Http.Res r = hub.post("/crm/v3/objects/" + type, Map.of("properties", props));
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private static List<Integer> typeIds(JsonNode associationTypes) {
    List<Integer> out = new ArrayList<>();
    associationTypes.forEach(t -> out.add(t.get("typeId").asInt()));
    return out;
  }

  @Test
  void labelsListHubSpotsTypeIdsPerPair() {
    JsonNode contactToCompany = hub.get("/crm/v4/associations/contacts/companies/labels").json().get("results");
    assertThat(typeIds(contactToCompany)).containsExactlyInAnyOrder(279, 1);
    assertThat(contactToCompany.findValuesAsString("category")).containsOnly("HUBSPOT_DEFINED");
    assertThat(typeIds(hub.get("/crm/v4/associations/companies/contacts/labels").json().get("results")))
        .containsExactlyInAnyOrder(280, 2);
    assertThat(typeIds(hub.get("/crm/v4/associations/deals/contacts/labels").json().get("results"))).containsExactly(3);
    assertThat(typeIds(hub.get("/crm/v4/associations/deals/companies/labels").json().get("results")))
        .containsExactlyInAnyOrder(341, 5);
    assertThat(typeIds(hub.get("/crm/v4/associations/deals/line_items/labels").json().get("results"))).containsExactly(19);
    assertThat(typeIds(hub.get("/crm/v4/associations/line_items/deals/labels").json().get("results"))).containsExactly(20);
    assertThat(typeIds(hub.get("/crm/v4/associations/notes/contacts/labels").json().get("results"))).containsExactly(202);
    // the schema rollout's path and the date-versioned one answer the same
    assertThat(hub.get("/crm/associations/v4/contacts/companies/labels").json()).isEqualTo(
        hub.get("/crm/associations/2026-03/0-1/0-2/labels").json());
  }

  /**
   * A private-app token granted none of the scopes the spec lists for reading labels gets HubSpot's 403
   * MISSING_SCOPES (on every labels path); one of them is enough; other calls are not scope-checked; reset grants all.
   */
  @Test
  void readingLabelsNeedsOneOfTheSpecsScopes() {
    assertThat(ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "privateAppScopes",
        List.of("crm.schemas.contacts.write"))).status()).isEqualTo(200);
    for (String path : List.of("/crm/v4/associations/contacts/companies/labels",
        "/crm/associations/v4/contacts/companies/labels", "/crm/associations/2026-03/0-1/0-2/labels")) {
      Http.Res refused = hub.get(path);
      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.json().get("category").asString()).isEqualTo("MISSING_SCOPES");
      assertThat(refused.json().at("/errors/0/context/requiredScopes").toString())
          .contains("crm.objects.contacts.read");
    }
    assertThat(hub.get("/crm/v3/objects/contacts").status()).as("not scope-checked").isEqualTo(200);

    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "privateAppScopes", List.of("crm.objects.companies.read")));
    assertThat(hub.get("/crm/v4/associations/contacts/companies/labels").status()).isEqualTo(200);

    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "privateAppScopes", List.of()));
    assertThat(hub.get("/crm/v4/associations/contacts/companies/labels").status()).isEqualTo(403);
    ctl.post("/_sandbox/reset", Map.of());
    assertThat(hub.get("/crm/v4/associations/contacts/companies/labels").status()).as("reset").isEqualTo(200);
  }

  /** A record has one primary company: a new primary takes the label off the old one, whose unlabeled link stays. */
  @Test
  void aNewPrimaryCompanyDemotesThePreviousOne() {
    String contact = create("contacts", Map.of("email", "p@x.com"));
    String first = create("companies", Map.of("name", "First"));
    String second = create("companies", Map.of("name", "Second"));
    List<Map<String, Object>> primary = List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 1));
    assertThat(hub.put("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + first, primary).status())
        .isEqualTo(201);
    assertThat(hub.put("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + second, primary).status())
        .isEqualTo(201);

    JsonNode results = hub.get("/crm/v4/objects/contacts/" + contact + "/associations/companies").json().get("results");
    Map<String, List<Integer>> byCompany = new java.util.HashMap<>();
    results.forEach(r -> byCompany.put(r.get("toObjectId").asString(), typeIds(r.get("associationTypes"))));
    assertThat(byCompany.get(first)).containsExactly(279);
    assertThat(byCompany.get(second)).containsExactlyInAnyOrder(1, 279);
    // seen from the first company, it is no longer the contact's primary either
    JsonNode fromFirst = hub.get("/crm/v4/objects/companies/" + first + "/associations/contacts").json();
    assertThat(typeIds(fromFirst.at("/results/0/associationTypes"))).containsExactly(280);
  }

  @Test
  void defaultAssociationIsBidirectionalAndFiresNothingWithoutSubscriptions() {
    String contact = create("contacts", Map.of("email", "a@x.com"));
    String company = create("companies", Map.of("name", "Acme"));
    Http.Res put = hub.put("/crm/v4/objects/contacts/" + contact + "/associations/default/companies/" + company, null);
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("status").asString()).isEqualTo("COMPLETE");
    assertThat(put.json().at("/results/0/associationSpec/associationTypeId").asInt()).isEqualTo(279);
    assertThat(put.json().at("/results/1/associationSpec/associationTypeId").asInt()).isEqualTo(280);

    JsonNode fromContact = hub.get("/crm/v4/objects/contacts/" + contact + "/associations/companies").json();
    assertThat(fromContact.at("/results/0/toObjectId").asString()).isEqualTo(company);
    assertThat(typeIds(fromContact.at("/results/0/associationTypes"))).containsExactly(279);
    JsonNode fromCompany = hub.get("/crm/v4/objects/companies/" + company + "/associations/contacts").json();
    assertThat(fromCompany.at("/results/0/toObjectId").asString()).isEqualTo(contact);
    assertThat(typeIds(fromCompany.at("/results/0/associationTypes"))).containsExactly(280);

    // v3 objects report it too, one AssociatedId per type
    JsonNode v3 = hub.get("/crm/v3/objects/companies/" + company + "?associations=contacts,deals").json();
    assertThat(v3.at("/associations/contacts/results/0/id").asString()).isEqualTo(contact);
    assertThat(v3.at("/associations/contacts/results/0/type").asString()).isEqualTo("company_to_contact_unlabeled");
    assertThat(v3.at("/associations").has("deals")).isFalse();

    assertThat(hub.delete("/crm/v4/objects/companies/" + company + "/associations/contacts/" + contact).status()).isEqualTo(204);
    assertThat(hub.get("/crm/v4/objects/contacts/" + contact + "/associations/companies").json().get("results").size()).isZero();
  }

  @Test
  void labeledAssociationsCarryTheirLabelAndTheUnlabeledType() {
    String contact = create("contacts", Map.of("email", "b@x.com"));
    String company = create("companies", Map.of("name", "Bolt"));
    Http.Res put = hub.put("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company,
        List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 1)));
    assertThat(put.status()).isEqualTo(201);
    assertThat(put.json().get("fromObjectTypeId").asString()).isEqualTo("0-1");
    assertThat(put.json().get("toObjectTypeId").asString()).isEqualTo("0-2");
    assertThat(put.json().get("labels").get(0).asString()).isEqualTo("Primary");
    JsonNode back = hub.get("/crm/v4/objects/companies/" + company + "/associations/contacts").json();
    assertThat(typeIds(back.at("/results/0/associationTypes"))).containsExactlyInAnyOrder(2, 280);

    Http.Res wrongPair = hub.put("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company,
        List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 3)));
    assertThat(wrongPair.status()).isEqualTo(400); // 3 is deal → contact
    Http.Res missing = hub.put("/crm/v4/objects/contacts/" + contact + "/associations/companies/9999",
        List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 1)));
    assertThat(missing.status()).isEqualTo(404);

    // a user-defined label: both directions get a type id, usable and deletable
    JsonNode created = hub.post("/crm/v4/associations/contacts/companies/labels",
        Map.of("label", "Billing contact", "name", "billing_contact", "inverseLabel", "Billed company")).json().get("results");
    assertThat(created.findValuesAsString("category")).containsOnly("USER_DEFINED");
    int forward = created.get(0).get("typeId").asInt();
    int backward = created.get(1).get("typeId").asInt();
    assertThat(hub.put("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company,
        List.of(Map.of("associationCategory", "USER_DEFINED", "associationTypeId", forward))).json().get("labels").toString())
        .contains("Billing contact");
    JsonNode fromCompany = hub.get("/crm/v4/objects/companies/" + company + "/associations/contacts").json();
    assertThat(typeIds(fromCompany.at("/results/0/associationTypes"))).contains(backward);
    assertThat(fromCompany.at("/results/0/associationTypes").toString()).contains("Billed company");
    assertThat(hub.put("/crm/v4/associations/contacts/companies/labels", Map.of("associationTypeId", forward,
        "label", "Invoice contact")).status()).isEqualTo(204);
    assertThat(hub.get("/crm/v4/associations/contacts/companies/labels").json().toString()).contains("Invoice contact");
    assertThat(hub.delete("/crm/v4/associations/contacts/companies/labels/" + forward).status()).isEqualTo(204);
    assertThat(typeIds(hub.get("/crm/v4/objects/contacts/" + contact + "/associations/companies").json()
        .at("/results/0/associationTypes"))).containsExactlyInAnyOrder(1, 279);
    assertThat(hub.delete("/crm/v4/associations/contacts/companies/labels/1").status()).isEqualTo(404); // HubSpot's own
  }

  @Test
  void batchCreateReadLabelsArchiveAndArchive() {
    String deal = create("deals", Map.of("dealname", "Big"));
    String c1 = create("contacts", Map.of("email", "c1@x.com"));
    String c2 = create("contacts", Map.of("email", "c2@x.com"));
    Http.Res batch = hub.post("/crm/v4/associations/deals/contacts/batch/create", Map.of("inputs", List.of(
        Map.of("from", Map.of("id", deal), "to", Map.of("id", c1), "types", List.of(Map.of("associationCategory",
            "HUBSPOT_DEFINED", "associationTypeId", 3))),
        Map.of("from", Map.of("id", deal), "to", Map.of("id", "9999"), "types", List.of(Map.of("associationCategory",
            "HUBSPOT_DEFINED", "associationTypeId", 3))))));
    assertThat(batch.status()).isEqualTo(207);
    assertThat(batch.json().at("/results/0/toObjectId").asString()).isEqualTo(c1);
    assertThat(batch.json().at("/errors/0").propertyNames()).contains("status", "category", "message", "errors", "context", "links");
    assertThat(hub.post("/crm/v4/associations/deals/contacts/batch/associate/default", Map.of("inputs", List.of(
        Map.of("from", Map.of("id", deal), "to", Map.of("id", c2))))).status()).isEqualTo(200);

    JsonNode read = hub.post("/crm/v4/associations/contacts/deals/batch/read", Map.of("inputs", List.of(
        Map.of("id", c1), Map.of("id", c2)))).json();
    assertThat(read.get("results").size()).isEqualTo(2);
    assertThat(read.at("/results/0/to/0/toObjectId").asString()).isEqualTo(deal);
    assertThat(typeIds(read.at("/results/0/to/0/associationTypes"))).containsExactly(4);

    assertThat(hub.post("/crm/v4/associations/deals/contacts/batch/archive", Map.of("inputs", List.of(
        Map.of("from", Map.of("id", deal), "to", List.of(Map.of("id", c1)))))).status()).isEqualTo(204);
    Http.Res after = hub.post("/crm/v4/associations/contacts/deals/batch/read", Map.of("inputs", List.of(Map.of("id", c1))));
    assertThat(after.status()).isEqualTo(207); // c1 has no deal any more
    assertThat(after.json().at("/errors/0/context/fromObjectId/0").asString()).isEqualTo(c1);

    // labels/archive of the unlabeled type removes everything between the two; 2026-03 answers 200 with a body
    Http.Res dated = hub.post("/crm/associations/2026-03/deals/contacts/batch/labels/archive", Map.of("inputs", List.of(
        Map.of("from", Map.of("id", deal), "to", Map.of("id", c2), "types", List.of(Map.of("associationCategory",
            "HUBSPOT_DEFINED", "associationTypeId", 3))))));
    assertThat(dated.status()).isEqualTo(200);
    assertThat(dated.json().get("status").asString()).isEqualTo("COMPLETE");
    assertThat(hub.get("/crm/v4/objects/deals/" + deal + "/associations/contacts").json().get("results").size()).isZero();
  }

  @Test
  void archivingARecordRemovesItsAssociationsAndRestoringBringsThemBack() {
    String contact = create("contacts", Map.of("email", "z@x.com"));
    String company = create("companies", Map.of("name", "Zed"));
    String note = create("notes", Map.of("hs_note_body", "called"));
    hub.put("/crm/v4/objects/contacts/" + contact + "/associations/default/companies/" + company, null);
    hub.put("/crm/v4/objects/notes/" + note + "/associations/default/contacts/" + contact, null);

    assertThat(hub.delete("/crm/v3/objects/contacts/" + contact).status()).isEqualTo(204);
    assertThat(hub.get("/crm/v4/objects/companies/" + company + "/associations/contacts").json().get("results").size()).isZero();
    assertThat(hub.get("/crm/v4/objects/notes/" + note + "/associations/contacts").json().get("results").size()).isZero();

    Http.Res restored = ctl.post("/_sandbox/hubspot/contacts/" + contact + "/restore", null);
    assertThat(restored.status()).isEqualTo(200);
    assertThat(restored.json().get("archived").asBoolean()).isFalse();
    assertThat(hub.get("/crm/v4/objects/companies/" + company + "/associations/contacts").json().at("/results/0/toObjectId")
        .asString()).isEqualTo(contact);
    assertThat(hub.get("/crm/v4/objects/notes/" + note + "/associations/contacts").json().get("results").size()).isEqualTo(1);
    assertThat(ctl.post("/_sandbox/hubspot/contacts/" + contact + "/restore", null).status()).isEqualTo(404); // not archived
  }

  @Test
  void createWithAssociationsIsAllOrNothing() {
    String company = create("companies", Map.of("name", "Parent"));
    Http.Res ok = hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("dealname", "With company"),
        "associations", List.of(Map.of("to", Map.of("id", company), "types", List.of(Map.of("associationCategory",
            "HUBSPOT_DEFINED", "associationTypeId", 5))))));
    assertThat(ok.status()).isEqualTo(201);
    String deal = ok.json().get("id").asString();
    assertThat(typeIds(hub.get("/crm/v4/objects/companies/" + company + "/associations/deals").json()
        .at("/results/0/associationTypes"))).containsExactlyInAnyOrder(6, 342);

    Http.Res bad = hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("dealname", "Orphan"),
        "associations", List.of(Map.of("to", Map.of("id", "77777"), "types", List.of(Map.of("associationCategory",
            "HUBSPOT_DEFINED", "associationTypeId", 5))))));
    assertThat(bad.status()).isEqualTo(404);
    assertThat(hub.get("/crm/v3/objects/deals").json().get("results").size()).isEqualTo(1); // the deal was not kept
    assertThat(hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("dealname", "Next"))).json().get("id").asString())
        .isEqualTo(Long.toString(Long.parseLong(deal) + 1));
  }

  @Test
  void listingPagesByTheNextRecordsId() {
    String company = create("companies", Map.of("name", "Many"));
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      inputs.add(Map.of("from", Map.of("id", company), "to", Map.of("id", create("contacts", Map.of()))));
    }
    hub.post("/crm/v4/associations/companies/contacts/batch/associate/default", Map.of("inputs", inputs));
    JsonNode page = hub.get("/crm/v4/objects/companies/" + company + "/associations/contacts?limit=2").json();
    assertThat(page.get("results").size()).isEqualTo(2);
    String after = page.at("/paging/next/after").asString();
    JsonNode rest = hub.get("/crm/v4/objects/companies/" + company + "/associations/contacts?limit=10&after=" + after).json();
    assertThat(rest.get("results").size()).isEqualTo(3);
    assertThat(rest.has("paging")).isFalse();
  }
}
