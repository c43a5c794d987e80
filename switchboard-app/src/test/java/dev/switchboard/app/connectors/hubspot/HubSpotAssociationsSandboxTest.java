package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.EdgeWrite;
import dev.switchboard.app.connectors.EdgeWriteResult;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.sandbox.SandboxServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Associations are table-driven ({@link HubSpotObjectKind}): any pair a type declares is read and written by the
 * pair's label catalogue, against the HubSpot emulator — here a deal's contacts (plain only), its companies (with
 * HubSpot's "Primary" label) and its tasks (an engagement: canonical {@code activity}, so the association names its
 * vendor type), by the v4 batch APIs and the v3 object read alike.
 */
class HubSpotAssociationsSandboxTest {

  /** A deal type declaring contacts, companies and tasks: only its path and associated types matter here. */
  static final HubSpotObjectType DEALS = new HubSpotObjectType() {
    @Override
    public String canonicalType() {
      return "deal";
    }

    @Override
    public String vendorType() {
      return "deal";
    }

    @Override
    public String path() {
      return "deals";
    }

    @Override
    public String lastModifiedProperty() {
      return "hs_lastmodifieddate";
    }

    @Override
    public List<String> readProperties(Map<String, String> custom) {
      return List.of("dealname");
    }

    @Override
    public Map<String, List<String>> fieldSources(Map<String, String> custom) {
      return Map.of();
    }

    @Override
    public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
      return new CanonicalRecord("deal", Map.of());
    }

    @Override
    public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
      return HubSpotClient.JSON.createObjectNode();
    }

    @Override
    public List<String> associatedTypes() {
      return List.of("contacts", "companies", "tasks", "notes");
    }
  };

  static SandboxServer sandbox;
  static RestClient ctl;
  RestClient api;
  HubSpotConnector connector;
  HubSpotAssociations associations;
  ConnectionContext conn;

  @BeforeAll
  static void start() {
    sandbox = SandboxServer.start(0, Map.of());
    ctl = RestClient.create(sandbox.baseUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void setUp() {
    ctl.post().uri("/_sandbox/reset").retrieve().toBodilessEntity();
    api = RestClient.builder().baseUrl(sandbox.baseUrl() + "/hubspot")
        .defaultHeader("Authorization", "Bearer pat-sandbox-hubspot").build();
    connector = new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(sandbox.baseUrl() + "/hubspot", 100, ""));
    associations = connector.associations();
    conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "1001", Map.of(),
        Map.of("accessToken", "pat-sandbox-hubspot", "clientSecret", "s"));
  }

  @SuppressWarnings("unchecked")
  private String create(String path, Map<String, Object> properties) {
    Map<String, Object> r = api.post().uri("/crm/v3/objects/{type}", path).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", properties)).retrieve().body(Map.class);
    return String.valueOf(r.get("id"));
  }

  private List<SourceRecord.Association> read(String deal) {
    return associations.read(conn, DEALS, List.of(deal)).get(deal);
  }

  @Test
  void kindsAreLabelledByCanonicalTypeAndTheEngagementsAreOneKind() {
    assertThat(HubSpotAssociations.kinds(DEALS)).containsExactly(new AssociationKind("contact", "contact", false),
        new AssociationKind("company", "company", false), new AssociationKind("activity", "activity", false));
  }

  @Test
  void aDealsContactsCompaniesAndTasksAreWrittenAndReadByTheirPairsCatalogue() {
    String deal = create("deals", Map.of("dealname", "Assoc deal"));
    String contact = create("contacts", Map.of("email", "assoc@example.com"));
    String acme = create("companies", Map.of("name", "Acme"));
    String other = create("companies", Map.of("name", "Other"));
    String task = create("tasks", Map.of("hs_task_subject", "Call back", "hs_timestamp", "2026-01-01T00:00:00Z"));

    List<EdgeWriteResult> made = associations.write(conn, DEALS, List.of(
        new EdgeWrite(1, "deal", deal, "contact", "contact", contact, false),
        new EdgeWrite(2, "deal", deal, "company", "company", acme, true),
        new EdgeWrite(3, "deal", deal, "company", "company", other, false),
        new EdgeWrite(4, "deal", deal, "activity", "task", task, false),
        new EdgeWrite(5, "deal", deal, "product", "product", "1", false),
        new EdgeWrite(6, "deal", deal, "company", "contact", contact, false)), false);
    assertThat(made).contains(new EdgeWriteResult.Done(1), new EdgeWriteResult.Done(2), new EdgeWriteResult.Done(3),
        new EdgeWriteResult.Done(4));
    assertThat(made).as("a pair the type does not declare, a label not the target's type: no call")
        .filteredOn(r -> r.ref() >= 5).hasSize(2).allSatisfy(r -> assertThat(r)
            .isInstanceOfSatisfying(EdgeWriteResult.Rejected.class, x -> assertThat(x.errorCode())
                .isEqualTo("unsupported")));

    List<SourceRecord.Association> expected = List.of(
        new SourceRecord.Association("contact", "contact", contact, false),
        new SourceRecord.Association("company", "company", acme, true),
        new SourceRecord.Association("company", "company", other, false),
        new SourceRecord.Association("activity", "activity", task, false, "task"));
    assertThat(read(deal)).containsExactlyInAnyOrderElementsOf(expected);
    JsonNode v3 = HubSpotClient.JSON.readTree(api.get()
        .uri("/crm/v3/objects/deals/{id}?associations=contacts,companies,tasks,notes", deal).retrieve()
        .body(String.class));
    assertThat(HubSpotAssociations.fromV3(DEALS, v3)).as("the v3 read agrees")
        .containsExactlyInAnyOrderElementsOf(expected);

    // the deal's primary company made plain loses HubSpot's Primary label, as a contact's does
    assertThat(associations.write(conn, DEALS, List.of(new EdgeWrite(7, "deal", deal, "company", "company", acme,
        false)), false)).containsExactly(new EdgeWriteResult.Done(7));
    assertThat(read(deal)).contains(new SourceRecord.Association("company", "company", acme, false));

    assertThat(associations.write(conn, DEALS, List.of(new EdgeWrite(8, "deal", deal, "activity", "task", task,
        false), new EdgeWrite(9, "deal", deal, "contact", "contact", contact, false)), true))
        .containsExactly(new EdgeWriteResult.Done(8), new EdgeWriteResult.Done(9));
    assertThat(read(deal)).containsExactlyInAnyOrder(new SourceRecord.Association("company", "company", acme, false),
        new SourceRecord.Association("company", "company", other, false));
  }

  @Test
  void aPlainOnlyPairNeedsNoPrimaryLabelAndAPrimaryWriteToItIsWrittenPlain() {
    assertThat(connector.associations()).isNotNull();
    String deal = create("deals", Map.of("dealname", "Plain deal"));
    String contact = create("contacts", Map.of("email", "plain@example.com"));
    assertThat(associations.write(conn, DEALS, List.of(new EdgeWrite(1, "deal", deal, "contact", "contact", contact,
        true)), false)).containsExactly(new EdgeWriteResult.Done(1));
    assertThat(read(deal)).containsExactly(new SourceRecord.Association("contact", "contact", contact, false));
  }
}
