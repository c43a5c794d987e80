package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks of the new object types: legacy {@code company.*}/{@code deal.*} events, {@code associationChange} for
 * both ends, {@code merge} with {@code mergedObjectIds}, {@code restore}, and the generic {@code object.*} events
 * with {@code objectTypeId} (the only ones engagements send).
 */
class HubSpotObjectWebhooksTest {

  static final String Q = "?hapikey=sandbox-dev-key";

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.hubspot.webhook-batch-ms", 50)).withReceiver();
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http dev = sandbox.http("/hubspot", Map.of());
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  @BeforeEach
  void target() {
    dev.put("/webhooks/v3/2001/settings" + Q, Map.of("targetUrl", receiver.url("/hooks/hubspot")));
  }

  private static void subscribe(Map<String, Object> s) {
    Map<String, Object> body = new java.util.HashMap<>(s);
    body.put("active", true);
    assertThat(dev.post("/webhooks/v3/2001/subscriptions" + Q, body).status()).isEqualTo(201);
  }

  private static List<JsonNode> events(String subscriptionType) {
    List<JsonNode> out = new ArrayList<>();
    receiver.posts().forEach(r -> Http.JSON.readTree(r.body()).forEach(e -> {
      if (subscriptionType == null || subscriptionType.equals(e.get("subscriptionType").asString())) {
        out.add(e);
      }
    }));
    return out;
  }

  private static String create(String type, Map<String, Object> props) {
    return hub.post("/crm/v3/objects/" + type, Map.of("properties", props)).json().get("id").asString();
  }

  @Test
  void associationChangeFiresForBothEnds() throws Exception {
    subscribe(Map.of("eventType", "contact.associationChange"));
    subscribe(Map.of("eventType", "company.associationChange"));
    String contact = create("contacts", Map.of("email", "a@x.com"));
    String company = create("companies", Map.of("name", "Acme"));
    hub.put("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company,
        List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 1)));
    await().atMost(Duration.ofSeconds(5)).until(() -> events(null).size() >= 4);

    List<JsonNode> fromContact = events("contact.associationChange");
    assertThat(fromContact).hasSize(2); // primary (1) and the unlabeled type (279) that comes with it
    assertThat(fromContact).allSatisfy(e -> {
      assertThat(e.get("associationType").asString()).isEqualTo("CONTACT_TO_COMPANY");
      assertThat(e.get("fromObjectId").asString()).isEqualTo(contact);
      assertThat(e.get("toObjectId").asString()).isEqualTo(company);
      assertThat(e.get("associationRemoved").asBoolean()).isFalse();
    });
    assertThat(fromContact.stream().map(e -> e.get("isPrimaryAssociation").asBoolean())).containsExactlyInAnyOrder(true, false);
    List<JsonNode> fromCompany = events("company.associationChange");
    assertThat(fromCompany).hasSize(2);
    assertThat(fromCompany).allSatisfy(e -> {
      assertThat(e.get("associationType").asString()).isEqualTo("COMPANY_TO_CONTACT");
      assertThat(e.get("fromObjectId").asString()).isEqualTo(company);
      assertThat(e.get("toObjectId").asString()).isEqualTo(contact);
    });

    receiver.received.clear();
    hub.delete("/crm/v3/objects/companies/" + company); // archiving drops the association: removal events, both ends
    await().atMost(Duration.ofSeconds(5)).until(() -> events(null).size() >= 4);
    assertThat(events(null)).allSatisfy(e -> assertThat(e.get("associationRemoved").asBoolean()).isTrue());
    assertThat(events("contact.associationChange")).hasSize(2);
  }

  @Test
  void mergeRedirectsTheOldIdAndFiresMergeWithMergedObjectIds() {
    subscribe(Map.of("eventType", "company.merge"));
    String primary = create("companies", Map.of("name", "Primary Co"));
    String other = create("companies", Map.of("name", "Other Co", "domain", "other.example.com"));
    String deal = create("deals", Map.of("dealname", "Kept"));
    hub.put("/crm/v4/objects/deals/" + deal + "/associations/default/companies/" + other, null);

    Http.Res merged = hub.post("/crm/v3/objects/companies/merge", Map.of("primaryObjectId", primary, "objectIdToMerge", other));
    assertThat(merged.status()).isEqualTo(200);
    assertThat(merged.json().get("id").asString()).isEqualTo(primary);
    assertThat(merged.json().at("/properties/name").asString()).isEqualTo("Primary Co"); // the primary's value wins
    assertThat(merged.json().at("/properties/domain").asString()).isEqualTo("other.example.com"); // an empty one is filled
    assertThat(merged.json().at("/properties/hs_merged_object_ids").asString()).isEqualTo(other);

    JsonNode old = hub.get("/crm/v3/objects/companies/" + other + "?properties=name").json();
    assertThat(old.get("id").asString()).isEqualTo(primary);
    assertThat(hub.patch("/crm/v3/objects/companies/" + other, Map.of("properties", Map.of("city", "Oslo"))).json()
        .get("id").asString()).isEqualTo(primary);
    assertThat(hub.get("/crm/v3/objects/companies").json().get("results").size()).isEqualTo(1);
    assertThat(hub.get("/crm/v4/objects/deals/" + deal + "/associations/companies").json().at("/results/0/toObjectId")
        .asString()).isEqualTo(primary); // the associations moved

    await().atMost(Duration.ofSeconds(5)).until(() -> !events("company.merge").isEmpty());
    JsonNode e = events("company.merge").getFirst();
    assertThat(e.get("objectId").asString()).isEqualTo(primary);
    assertThat(e.get("primaryObjectId").asString()).isEqualTo(primary);
    assertThat(e.get("mergedObjectIds").get(0).asString()).isEqualTo(other);
    assertThat(e.get("newObjectId").asString()).isEqualTo(primary);

    assertThat(hub.post("/crm/v3/objects/companies/merge", Map.of("primaryObjectId", primary, "objectIdToMerge", other))
        .status()).isEqualTo(400); // the old id is the primary now: a merge with itself
    String item = create("line_items", Map.of("name", "x"));
    assertThat(hub.post("/crm/v3/objects/line_items/merge", Map.of("primaryObjectId", item, "objectIdToMerge", item))
        .status()).isEqualTo(400);
  }

  @Test
  void mergedContactsKeepTheirEmailsFindingThePrimary() {
    subscribe(Map.of("eventType", "contact.merge"));
    String primary = create("contacts", Map.of("email", "keep@x.com"));
    String other = create("contacts", Map.of("email", "gone@x.com", "firstname", "Gone"));
    hub.post("/crm/objects/2026-03/contacts/merge", Map.of("primaryObjectId", primary, "objectIdToMerge", other));
    assertThat(hub.get("/crm/v3/objects/contacts/gone@x.com?idProperty=email").json().get("id").asString()).isEqualTo(primary);
    Http.Res dup = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "gone@x.com")));
    assertThat(dup.json().get("message").asString()).isEqualTo("Contact already exists. Existing ID: " + primary);
    await().atMost(Duration.ofSeconds(5)).until(() -> !events("contact.merge").isEmpty());
  }

  @Test
  void dealAndCompanyLifecycleEventsAndRestore() {
    subscribe(Map.of("eventType", "deal.creation"));
    subscribe(Map.of("eventType", "deal.propertyChange", "propertyName", "dealstage"));
    subscribe(Map.of("eventType", "deal.deletion"));
    subscribe(Map.of("eventType", "deal.restore"));
    String deal = create("deals", Map.of("dealname", "D", "dealstage", "appointmentscheduled"));
    hub.patch("/crm/v3/objects/deals/" + deal, Map.of("properties", Map.of("dealstage", "closedwon")));
    hub.delete("/crm/v3/objects/deals/" + deal);
    ctl.post("/_sandbox/hubspot/deals/" + deal + "/restore", null);
    await().atMost(Duration.ofSeconds(5)).until(() -> events(null).size() >= 5);
    // deliveries may overlap (maxConcurrentRequests), so order is checked by event id, not by arrival
    List<JsonNode> all = new ArrayList<>(events(null));
    all.sort(java.util.Comparator.comparingLong(e -> e.get("eventId").asLong())); // ids count up in event order
    assertThat(all.stream().map(e -> e.get("subscriptionType").asString())).containsExactly(
        "deal.creation", "deal.propertyChange", "deal.propertyChange", "deal.deletion", "deal.restore");
    assertThat(events("deal.propertyChange").stream().map(e -> e.get("propertyValue").asString()))
        .containsExactlyInAnyOrder("appointmentscheduled", "closedwon");
    assertThat(events("deal.restore").getFirst().get("changeSource").asString()).isEqualTo("CRM_UI");
    assertThat(events(null)).allSatisfy(e -> assertThat(e.get("objectId").asString()).isEqualTo(deal));
  }

  @Test
  void genericObjectEventsNameTheObjectTypeIdAndEngagementsSendOnlyThem() {
    assertThat(dev.post("/webhooks/v3/2001/subscriptions" + Q, Map.of("eventType", "note.creation")).status()).isEqualTo(400);
    assertThat(dev.post("/webhooks/v3/2001/subscriptions" + Q, Map.of("eventType", "object.creation")).status())
        .isEqualTo(400); // objectTypeId is required
    subscribe(Map.of("eventType", "object.creation", "objectTypeId", "0-46"));
    subscribe(Map.of("eventType", "object.propertyChange", "objectTypeId", "0-46", "propertyName", "hs_note_body"));
    subscribe(Map.of("eventType", "object.associationChange", "objectTypeId", "0-46"));
    subscribe(Map.of("eventType", "contact.creation"));
    subscribe(Map.of("eventType", "object.creation", "objectTypeId", "contact")); // a name is accepted too
    String note = create("notes", Map.of("hs_note_body", "hello"));
    String contact = create("contacts", Map.of("email", "n@x.com"));
    hub.put("/crm/v4/objects/notes/" + note + "/associations/default/contacts/" + contact, null);
    await().atMost(Duration.ofSeconds(5)).until(() -> events(null).size() >= 5);

    List<JsonNode> creations = events("object.creation");
    assertThat(creations.stream().map(e -> e.get("objectTypeId").asString())).containsExactlyInAnyOrder("0-46", "0-1");
    assertThat(events("contact.creation")).hasSize(1); // the legacy subscription gets its own event
    assertThat(events("contact.creation").getFirst().has("objectTypeId")).isFalse();
    JsonNode change = events("object.propertyChange").getFirst();
    assertThat(change.get("objectId").asString()).isEqualTo(note);
    assertThat(change.get("propertyValue").asString()).isEqualTo("hello");
    JsonNode assoc = events("object.associationChange").getFirst();
    assertThat(assoc.get("objectTypeId").asString()).isEqualTo("0-46");
    assertThat(assoc.get("fromObjectTypeId").asString()).isEqualTo("0-46");
    assertThat(assoc.get("toObjectTypeId").asString()).isEqualTo("0-1");
    assertThat(assoc.get("associationTypeId").asInt()).isEqualTo(202);
    assertThat(assoc.get("associationCategory").asString()).isEqualTo("HUBSPOT_DEFINED");
    assertThat(events(null).stream().map(e -> e.get("eventId").asLong())).doesNotHaveDuplicates();
  }
}
