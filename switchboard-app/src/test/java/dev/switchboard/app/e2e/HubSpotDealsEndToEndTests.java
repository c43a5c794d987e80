package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Deals with their lines through the whole spine, between two HubSpot portals of one tenant (the sandbox's 1001 and
 * 1002, one app): a company and a deal with two line items made in portal A are golden records with their edges
 * (read through the records API) and are made in portal B with their lines and associations; a stage change and a
 * line item removed in A reach the golden record and B; a deal whose contact cannot be made in B yet goes to B, its
 * contact edge waits, and is written once the contact is linked there; an association added in A is written to B once
 * and causes no write back.
 */
class HubSpotDealsEndToEndTests extends E2eSupport {
  static final Duration SYNC = Duration.ofSeconds(30);
  static final String APP_SECRET = "sandbox-hubspot-client-secret";

  RestClient portalA;
  RestClient portalB;
  static String connectionA;
  static String connectionB;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    // the sandbox's HubSpot app signs every portal's deliveries with its client secret
    configure(r, TestDatabases.freshH2Url(), Map.of("switchboard.connectors.hubspot.client-secret", APP_SECRET));
  }

  /** Portal B is connected to the same tenant the way a user does it, through the API. */
  @BeforeEach
  @SuppressWarnings("unchecked")
  void connectPortalB() {
    portalA = portal(Vendors.HUBSPOT_TOKEN);
    portalB = portal("pat-sandbox-hubspot-2");
    if (connectionB != null) {
      return;
    }
    connectionA = wired.stream().filter(c -> c.system().equals("hubspot")).findFirst().orElseThrow().id();
    Map<String, Object> b = api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "hubspot", "display_name", "HubSpot B", "credentials",
            Map.of("accessToken", "pat-sandbox-hubspot-2", "clientSecret", APP_SECRET)))
        .retrieve().body(Map.class);
    assertThat(b).containsEntry("accountId", "1002");
    connectionB = String.valueOf(b.get("id"));
    quietStart();
  }

  private RestClient portal(String token) {
    return RestClient.builder().baseUrl(sandbox.baseUrl() + "/hubspot").defaultHeader("Authorization", "Bearer " + token)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
  }

  @SuppressWarnings("unchecked")
  private static String create(RestClient portal, String path, Map<String, Object> properties,
      List<Map<String, Object>> associations) {
    Map<String, Object> r = portal.post().uri("/crm/v3/objects/{type}", path).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", properties, "associations", associations)).retrieve().body(Map.class);
    assertThat(r).containsKey("id");
    return String.valueOf(r.get("id"));
  }

  private static Map<String, Object> to(String id, int typeId) {
    return Map.of("to", Map.of("id", id), "types",
        List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", typeId)));
  }

  /** The first object at {@code path} of the portal whose {@code property} is {@code value}. */
  @SuppressWarnings("unchecked")
  private static Optional<String> find(RestClient portal, String path, String property, String value) {
    Map<String, Object> r = portal.post().uri("/crm/v3/objects/{type}/search", path)
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("filterGroups", List.of(Map.of("filters",
            List.of(Map.of("propertyName", property, "operator", "EQ", "value", value))))))
        .retrieve().body(Map.class);
    List<Map<String, Object>> results = r == null ? List.of() : (List<Map<String, Object>>) r.get("results");
    return results == null || results.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(results.getFirst()
        .get("id")));
  }

  /** The ids of what {@code id} (at {@code path}) is associated with at {@code toPath}, with their type ids. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<Integer>> associated(RestClient portal, String path, String id, String toPath) {
    Map<String, Object> r = portal.get().uri("/crm/v4/objects/{p}/{id}/associations/{to}", path, id, toPath)
        .retrieve().body(Map.class);
    Map<String, List<Integer>> out = new java.util.LinkedHashMap<>();
    for (Map<String, Object> a : (List<Map<String, Object>>) r.getOrDefault("results", List.of())) {
      List<Integer> types = new ArrayList<>();
      ((List<Map<String, Object>>) a.get("associationTypes")).forEach(t -> types.add((Integer) t.get("typeId")));
      out.put(String.valueOf(a.get("toObjectId")), types);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> property(RestClient portal, String path, String id, String names) {
    return (Map<String, Object>) portal.get().uri("/crm/v3/objects/{p}/{id}?properties={n}", path, id, names)
        .retrieve().body(Map.class).get("properties");
  }

  /** The golden record of the deal named {@code name}, through the records API. */
  @SuppressWarnings("unchecked")
  private Optional<Map<String, Object>> goldenDeal(String name) {
    Map<String, Object> page = api.get().uri("/api/records?type=deal&limit=200").retrieve().body(Map.class);
    return ((List<Map<String, Object>>) page.get("records")).stream()
        .filter(r -> name.equals(((Map<String, Object>) r.get("fields")).get("name")))
        .findFirst().map(r -> api.get().uri("/api/records/{id}", r.get("id")).retrieve().body(Map.class));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> lines(Map<String, Object> record) {
    Object l = ((Map<String, Object>) record.get("fields")).get("lines");
    return l instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> edges(Map<String, Object> record, String label) {
    return ((List<Map<String, Object>>) record.get("edges")).stream()
        .filter(e -> "out".equals(e.get("direction")) && label.equals(e.get("label"))).toList();
  }

  private long pendingWork() {
    return jdbc.sql("select count(*) from sync_job where status = 'PENDING'").query(Long.class).single()
        + jdbc.sql("select count(*) from outbox_task where status in ('PENDING', 'IN_FLIGHT')").query(Long.class)
            .single()
        + jdbc.sql("select count(*) from outbox_edge_task where status in ('PENDING', 'IN_FLIGHT')").query(Long.class)
            .single();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDealWithTwoLinesMadeInOnePortalIsGoldenWithItsEdgesAndFollowsItsChangesIntoTheOther() {
    String company = create(portalA, "companies", Map.of("name", "Deal Co", "domain", "dealco.example"), List.of());
    String contact = create(portalA, "contacts", Map.of("email", email("buyer"), "firstname", "Bea"),
        List.of(to(company, 1)));
    String deal = create(portalA, "deals", Map.of("dealname", "E2E anvils", "amount", "2250",
        "dealstage", "qualifiedtobuy", "closedate", "2026-09-30T00:00:00Z"), List.of(to(company, 5), to(contact, 3)));
    String anvil = create(portalA, "line_items", Map.of("name", "Anvil", "price", "1000", "quantity", "2",
        "hs_position_on_quote", "0"), List.of(to(deal, 20)));
    String setup = create(portalA, "line_items", Map.of("name", "Setup", "price", "250", "quantity", "1",
        "hs_position_on_quote", "1"), List.of(to(deal, 20)));

    // a golden deal with both lines, its primary company and its contact, visible through the records API
    await().atMost(SYNC).untilAsserted(() -> {
      Map<String, Object> golden = goldenDeal("E2E anvils").orElseThrow();
      assertThat((Map<String, Object>) golden.get("fields")).containsEntry("stage", "qualified_to_buy")
          .containsEntry("closeDate", "2026-09-30");
      assertThat(lines(golden)).extracting(l -> l.get("name")).containsExactly("Anvil", "Setup");
      assertThat(edges(golden, "company")).singleElement().satisfies(e -> assertThat(e).containsEntry("primary", true));
      assertThat(edges(golden, "contact")).hasSize(1);
    });
    Map<String, Object> golden = goldenDeal("E2E anvils").orElseThrow();
    String companyRecord = String.valueOf(edges(golden, "company").getFirst().get("record_id"));
    assertThat((Map<String, Object>) api.get().uri("/api/records/{id}", companyRecord).retrieve().body(Map.class)
        .get("fields")).containsEntry("name", "Deal Co");

    // portal B holds the deal, its two line items, its primary company and its contact
    // (search has its own few-per-second budget: the found id is kept, not searched for again)
    String dealB = await().atMost(SYNC).until(() -> find(portalB, "deals", "dealname", "E2E anvils"),
        Optional::isPresent).orElseThrow();
    await().atMost(SYNC).untilAsserted(() -> {
      assertThat(associated(portalB, "deals", dealB, "line_items")).hasSize(2);
      assertThat(associated(portalB, "deals", dealB, "companies")).hasSize(1).allSatisfy((id, types) ->
          assertThat(types).contains(5));
      assertThat(associated(portalB, "deals", dealB, "contacts")).hasSize(1);
    });
    assertThat(property(portalB, "deals", dealB, "dealstage,amount")).containsEntry("dealstage", "qualifiedtobuy")
        .containsEntry("amount", "2250.00");

    // a stage change and a removed line item in A reach the golden record and B
    portalA.patch().uri("/crm/v3/objects/deals/{id}", deal).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", Map.of("dealstage", "closedwon"))).retrieve().toBodilessEntity();
    portalA.delete().uri("/crm/v3/objects/line_items/{id}", setup).retrieve().toBodilessEntity();
    await().atMost(SYNC).untilAsserted(() -> {
      Map<String, Object> g = goldenDeal("E2E anvils").orElseThrow();
      assertThat((Map<String, Object>) g.get("fields")).containsEntry("stage", "closed_won");
      assertThat(lines(g)).extracting(l -> l.get("name")).containsExactly("Anvil");
    });
    await().atMost(SYNC).untilAsserted(() -> {
      assertThat(property(portalB, "deals", dealB, "dealstage")).containsEntry("dealstage", "closedwon");
      assertThat(associated(portalB, "deals", dealB, "line_items")).hasSize(1);
    });

    // a line item's own change in A (its deal unchanged) is a change of the deal: golden record and B follow
    portalA.patch().uri("/crm/v3/objects/line_items/{id}", anvil).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", Map.of("quantity", "3"))).retrieve().toBodilessEntity();
    await().atMost(SYNC).untilAsserted(() -> assertThat(lines(goldenDeal("E2E anvils").orElseThrow()))
        .extracting(l -> l.get("quantity")).containsExactly("3"));
    await().atMost(SYNC).untilAsserted(() -> {
      String itemB = associated(portalB, "deals", dealB, "line_items").keySet().iterator().next();
      assertThat(property(portalB, "line_items", itemB, "quantity")).containsEntry("quantity", "3");
    });
    assertThat(jdbc.sql("select count(*) from record_link where vendor_type = 'line_item'").query(Long.class)
        .single()).as("a line item is no record of its own").isZero();

    // an association added in A: written to B once, nothing written back to either portal
    String second = create(portalA, "contacts", Map.of("email", email("second"), "firstname", "Sid"), List.of());
    await().atMost(SYNC).until(() -> jdbc.sql("select count(*) from record_link where connection_id = ? "
        + "and vendor_type = 'contact'").param(connectionB).query(Long.class).single() >= 2);
    await().atMost(SYNC).until(() -> pendingWork() == 0);
    long writesBefore = vendors.writes("hubspot");
    portalA.put().uri("/crm/v4/objects/deals/{d}/associations/contacts/{c}", deal, second)
        .contentType(MediaType.APPLICATION_JSON)
        .body(List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 3)))
        .retrieve().toBodilessEntity();
    long madeByTest = 1; // the PUT above
    await().atMost(SYNC).untilAsserted(() -> assertThat(associated(portalB, "deals", dealB, "contacts")).hasSize(2));
    await().atMost(SYNC).until(() -> pendingWork() == 0);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> pendingWork() == 0);
    assertThat(vendors.writes("hubspot") - writesBefore - madeByTest)
        .as("the association written to B once, and no echo to either portal").isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDealWhoseContactIsNotLinkedInTheOtherPortalYetGoesOutAndItsEdgeWaitsForTheContact() {
    // portal B maps a custom contact property it does not have yet: the contact's create there is refused
    portalA.post().uri("/crm/v3/properties/contacts").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("name", "tier", "label", "Tier", "type", "string", "fieldType", "text", "groupName",
            "contactinformation")).retrieve().toBodilessEntity();
    for (String c : List.of(connectionA, connectionB)) {
      assertThat(api.patch().uri("/api/connections/{id}", c).contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("settings", Map.of("customProperties", "tier=tier"))).retrieve().toBodilessEntity()
          .getStatusCode().is2xxSuccessful()).isTrue();
    }
    String contact = create(portalA, "contacts", Map.of("email", email("waiter"), "firstname", "Wai", "tier", "gold"),
        List.of());
    create(portalA, "deals", Map.of("dealname", "E2E waiting deal", "dealstage", "appointmentscheduled"),
        List.of(to(contact, 3)));

    await().atMost(SYNC).until(() -> goldenDeal("E2E waiting deal").isPresent());
    String dealRecord = String.valueOf(goldenDeal("E2E waiting deal").orElseThrow().get("id"));
    String dealB = await().atMost(SYNC).until(() -> find(portalB, "deals", "dealname", "E2E waiting deal"),
        Optional::isPresent).orElseThrow();
    await().atMost(SYNC).untilAsserted(() -> {
      List<Map<String, Object>> waiting = (List<Map<String, Object>>) api.get().uri("/api/status").retrieve()
          .body(Map.class).get("waiting_edges");
      assertThat(waiting).as("the contact edge waits for the contact in B, shown by /api/status").anySatisfy(w ->
          assertThat(w).containsEntry("connectionId", connectionB).containsEntry("fromId", dealRecord)
              .containsEntry("label", "contact"));
    });
    assertThat(associated(portalB, "deals", dealB, "contacts")).isEmpty();

    // B gets the property; the contact's dead letter is replayed: the contact is made and the edge goes out
    portalB.post().uri("/crm/v3/properties/contacts").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("name", "tier", "label", "Tier", "type", "string", "fieldType", "text", "groupName",
            "contactinformation")).retrieve().toBodilessEntity();
    // the edge waits from the moment the contact is not linked in B; its create there is refused and dead-lettered,
    // then replayed. On a loaded machine the create can still be held back when B gets the property (likely: a create waits
    // for B's first sync of contacts, FirstSyncGate, looking again every 5 s): it is then made without a refusal, as
    // seen twice in full runs. Either way the edge goes out once the contact is linked, which is what is tested here.
    await().atMost(SYNC.multipliedBy(2)).until(() -> !deadLetters().isEmpty()
        || !associated(portalB, "deals", dealB, "contacts").isEmpty());
    deadLetters().forEach(d -> api.post().uri("/api/dead-letters/{id}/replay", d.get("id")).retrieve()
        .toBodilessEntity());
    await().atMost(SYNC).untilAsserted(() -> assertThat(associated(portalB, "deals", dealB, "contacts")).hasSize(1));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> deadLetters() {
    return (List<Map<String, Object>>) api.get().uri("/api/dead-letters").retrieve().body(List.class);
  }
}
