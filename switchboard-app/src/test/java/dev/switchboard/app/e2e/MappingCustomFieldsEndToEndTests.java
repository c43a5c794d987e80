package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Issue 12's custom fields through the sandbox: a tenant maps a HubSpot contact property and a Mailchimp merge field
 * that neither vendor has yet to one custom field. Each save creates its field at the vendor (and says so): the
 * HubSpot property as the enumeration the save asks for, the merge field as a dropdown of the same values, read from
 * the property that feeds the custom field; the Mailchimp save re-sends the members that have a value, so an existing
 * member gets it; later edits flow both ways.
 * HubSpot sends webhooks only for the properties the app subscribed to, which a tenant's own property is not: its
 * edits arrive by the reconciliation poll, run here every second.
 */
class MappingCustomFieldsEndToEndTests extends E2eSupport {
  private static final Duration SYNC = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of("switchboard.reconcile.interval-ms", 1000));
  }

  private RestClient admin() {
    return RestClient.builder().baseUrl("http://127.0.0.1:" + appPort)
        .defaultHeaders(h -> h.setBasicAuth("admin", "test-admin-password"))
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
  }

  private String connection(String system) {
    return wired.stream().filter(c -> c.system().equals(system)).findFirst().orElseThrow().id();
  }

  private ResponseEntity<Map> save(String connection, String vendorType, String canonical, String vendor) {
    return save(connection, vendorType, Map.of("canonical", canonical, "vendor", vendor, "direction", "both"));
  }

  @SuppressWarnings("unchecked")
  private ResponseEntity<Map> save(String connection, String vendorType, Map<String, Object> entry) {
    return admin().put().uri("/api/connections/{id}/mappings", connection).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("vendor_type", vendorType, "fields", List.of(entry))).retrieve().toEntity(Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> hubSpotTier(String email) {
    var res = vendors.hubspot.get().uri("/crm/v3/objects/contacts/{email}?idProperty=email&properties=loyalty_tier",
        email).retrieve().toEntity(Map.class);
    return res.getStatusCode().is2xxSuccessful()
        ? Optional.ofNullable((String) ((Map<String, Object>) res.getBody().get("properties")).get("loyalty_tier"))
        : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Object mergeField(String email, String tag) {
    return vendors.mailchimpMember(email).map(m -> ((Map<String, Object>) m.get("merge_fields")).get(tag))
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> mergeFields() {
    return (List<Map<String, Object>>) vendors.mailchimp.get().uri("/lists/{list}/merge-fields?count=1000",
        Vendors.LIST).retrieve().body(Map.class).get("merge_fields");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMappedCustomFieldIsCreatedAtBothVendorsReachesExistingMembersAndEditsFlowBothWays() {
    String hubspot = connection("hubspot");
    String mailchimp = connection("mailchimp");
    assertThat(vendors.hubspot.get().uri("/crm/v3/properties/contacts/loyalty_tier").retrieve().toBodilessEntity()
        .getStatusCode().value()).isEqualTo(404);

    // HubSpot: the property is created in the switchboard group, a select of the tiers the save names
    ResponseEntity<Map> hs = save(hubspot, "contact", Map.of("canonical", "custom.tier", "vendor", "loyalty_tier",
        "direction", "both", "create", Map.of("type", "enumeration", "options", List.of(
            Map.of("value", "gold", "label", "Gold"), Map.of("value", "silver", "label", "Silver"),
            Map.of("value", "platinum", "label", "Platinum")))));
    assertThat(hs.getStatusCode().value()).as(String.valueOf(hs.getBody())).isEqualTo(200);
    assertThat(hs.getBody()).containsEntry("created_fields", List.of("loyalty_tier"));
    Map<String, Object> property = vendors.hubspot.get().uri("/crm/v3/properties/contacts/loyalty_tier").retrieve()
        .body(Map.class);
    assertThat(property).containsEntry("groupName", "switchboard").containsEntry("type", "enumeration")
        .containsEntry("fieldType", "select");
    assertThat((List<Map<String, Object>>) property.get("options")).extracting(o -> o.get("value"))
        .containsExactly("gold", "silver", "platinum");

    // a contact with a value, synced to the audience before the audience maps the field
    String email = email("tier");
    String other = email("notier");
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Tia", "loyalty_tier", "gold"));
    vendors.createHubSpotContact(Map.of("email", other, "firstname", "Nora"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent()
        && vendors.mailchimpMember(other).isPresent());
    await().atMost(SYNC).until(() -> jdbc.sql("select count(*) from outbox_task where status in ('PENDING', "
        + "'WAITING')").query(Long.class).single() == 0);
    assertThat(mergeFields()).noneSatisfy(f -> assertThat(f.get("tag")).isEqualTo("TIER"));
    assertThat(mergeField(email, "TIER")).isNull();

    // Mailchimp: the merge field is created as a dropdown of the property's values (the save says nothing of its
    // type: the HubSpot property that feeds custom.tier does); the one record with a value is re-sent and the member
    // gets it
    ResponseEntity<Map> mc = save(mailchimp, "member", "custom.tier", "merge_fields.TIER");
    assertThat(mc.getStatusCode().value()).as(String.valueOf(mc.getBody())).isEqualTo(200);
    assertThat(mc.getBody()).containsEntry("created_fields", List.of("merge_fields.TIER"))
        .containsEntry("existing_fields", List.of())
        .containsEntry("resync", Map.of("affected", 1, "enqueued", 1));
    assertThat(mergeFields()).anySatisfy(f -> assertThat(f).containsEntry("tag", "TIER")
        .containsEntry("type", "dropdown")
        .containsEntry("options", Map.of("choices", List.of("gold", "silver", "platinum"))));
    await().atMost(SYNC).until(() -> "gold".equals(mergeField(email, "TIER")));
    assertThat(mergeField(other, "TIER")).isEqualTo("");

    // saving it again creates nothing; asked for as a number, the dropdown stays and the answer says so
    ResponseEntity<Map> again = save(mailchimp, "member", Map.of("canonical", "custom.tier", "vendor",
        "merge_fields.TIER", "direction", "both", "create", Map.of("type", "number")));
    assertThat(again.getStatusCode().value()).as(String.valueOf(again.getBody())).isEqualTo(200);
    assertThat(again.getBody()).containsEntry("created_fields", List.of());
    assertThat((List<Map<String, Object>>) again.getBody().get("existing_fields")).singleElement()
        .satisfies(f -> assertThat(f).containsEntry("vendor", "merge_fields.TIER").containsEntry("type", "enumeration")
            .containsEntry("wanted_type", "number"))
        .satisfies(f -> assertThat((String) f.get("note")).startsWith("type_mismatch"));
    assertThat(mergeFields().stream().filter(f -> "TIER".equals(f.get("tag")))).hasSize(1);

    // an edit in HubSpot reaches the member; one in Mailchimp reaches the contact
    String contactId = String.valueOf(vendors.hubSpotContactByEmail(email).orElseThrow().get("hs_object_id"));
    vendors.editInHubSpotUi(contactId, Map.of("loyalty_tier", "platinum"));
    await().atMost(SYNC).until(() -> "platinum".equals(mergeField(email, "TIER")));
    vendors.editInMailchimpUi(email, Map.of("merge_fields", Map.of("TIER", "silver")));
    await().atMost(SYNC).until(() -> hubSpotTier(email).filter("silver"::equals).isPresent());
    assertThat(mergeField(email, "TIER")).isEqualTo("silver");
  }

  @org.springframework.beans.factory.annotation.Autowired dev.switchboard.app.sync.ExternalIds externalIds;

  @SuppressWarnings("unchecked")
  private static Optional<String> hubSpotProperty(String email, String property) {
    var res = vendors.hubspot.get().uri("/crm/v3/objects/contacts/{email}?idProperty=email&properties={p}", email,
        property).retrieve().toEntity(Map.class);
    return res.getStatusCode().is2xxSuccessful()
        ? Optional.ofNullable((String) ((Map<String, Object>) res.getBody().get("properties")).get(property))
        : Optional.empty();
  }

  /** The lifecycle stage of the golden contact linked to HubSpot contact {@code id} (the projection's status). */
  private Optional<String> goldenStage(String id) {
    return jdbc.sql("select p.status from record_projection p join record_link l on l.tenant_id = p.tenant_id "
        + "and l.canonical_id = p.canonical_id where l.vendor_type = 'contact' and l.external_id = ?")
        .param(externalIds.key(id)).query(String.class).optional();
  }

  /**
   * A tenant whose portal keeps its own stage labels maps the lifecycle stage to its property through an enum table:
   * the property is created, the contacts with a stage are re-sent with the label, and the portal's edit of the label
   * comes back as the canonical stage. HubSpot's own {@code lifecyclestage} is then neither read nor written.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aLifecycleStageMappedThroughAnEnumTableIsResentAsTheLabelAndAnEditComesBackAsTheStage() {
    String hubspot = connection("hubspot");
    String email = email("stage");
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Stan", "lifecyclestage", "customer"));
    String contactId = String.valueOf(await().atMost(SYNC).until(() -> vendors.hubSpotContactByEmail(email)
        .map(p -> p.get("hs_object_id")), Optional::isPresent).orElseThrow());
    await().atMost(SYNC).until(() -> goldenStage(contactId).filter("customer"::equals).isPresent());
    await().atMost(SYNC).until(() -> jdbc.sql("select count(*) from outbox_task where status in ('PENDING', "
        + "'WAITING')").query(Long.class).single() == 0);

    Map<String, Object> stages = Map.of("enum", Map.of("map", Map.of("Prospect", "lead", "Client", "customer"),
        "unmapped", "absent"));
    ResponseEntity<Map> saved = admin().put().uri("/api/connections/{id}/mappings", hubspot)
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("vendor_type", "contact", "fields", List.of(Map.of(
            "canonical", "lifecycleStage", "vendor", "client_stage", "direction", "both", "transform", stages))))
        .retrieve().toEntity(Map.class);
    assertThat(saved.getStatusCode().value()).as(String.valueOf(saved.getBody())).isEqualTo(200);
    assertThat(saved.getBody()).containsEntry("created_fields", List.of("client_stage"))
        .containsEntry("changed_fields", List.of("lifecycleStage"));
    assertThat((Map<String, Object>) saved.getBody().get("resync")).extractingByKey("enqueued")
        .satisfies(n -> assertThat((Integer) n).isPositive());

    // re-sent with the label
    await().atMost(SYNC).until(() -> hubSpotProperty(email, "client_stage").filter("Client"::equals).isPresent());

    // the portal's edit of the label comes back through the table (by the reconciliation poll: HubSpot sends no
    // webhook for a tenant's own property)
    vendors.editInHubSpotUi(contactId, Map.of("client_stage", "Prospect"));
    await().atMost(SYNC).until(() -> goldenStage(contactId).filter("lead"::equals).isPresent());
    // HubSpot's own property is out of the mapping: neither read into the record nor written
    vendors.editInHubSpotUi(contactId, Map.of("lifecyclestage", "evangelist"));
    vendors.editInHubSpotUi(contactId, Map.of("firstname", "Stanley"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).map(m -> ((Map<String, Object>) m
        .get("merge_fields")).get("FNAME")).filter("Stanley"::equals).isPresent());
    assertThat(goldenStage(contactId)).contains("lead");
    assertThat(hubSpotProperty(email, "lifecyclestage")).contains("evangelist");
    assertThat(hubSpotProperty(email, "client_stage")).contains("Prospect");
  }
}
