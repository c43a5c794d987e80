package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.EdgeWrite;
import dev.switchboard.app.connectors.EdgeWriteResult;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.support.FakeVendor;
import dev.switchboard.app.sync.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Association type ids come from the portal's label catalogue ({@code GET /crm/v4/associations/{from}/{to}/labels}),
 * not from literals: reads tell primary from plain by its ids and ignore user-defined labels, writes send its ids, a
 * type it lacks rejects the write without a guess, it is read once per connection for a bounded time, and a refused
 * read fails the check.
 */
class HubSpotAssociationLabelsTest {

  static final String LABELS_PATH = "/hubspot/crm/associations/2026-03/contacts/companies/labels";
  static final String GROUP = HubSpotConnectorTest.GROUP_CREATED;
  static final String PROPERTY = HubSpotConnectorTest.PROPERTY_CREATED;

  private FakeVendor fake;
  private MutableClock clock;
  private HubSpotConnector connector;
  private ConnectionContext conn;

  @BeforeEach
  void setUp() {
    fake = new FakeVendor();
    clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    connector = new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(fake.url("/hubspot"), 100, ""), AllowedVendorHosts.none(), clock);
    conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "62515", Map.of(),
        Map.of("accessToken", "pat-na1-secret", "clientSecret", "s"));
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private static JsonNode json(String s) {
    return HubSpotClient.JSON.readTree(s);
  }

  private long labelReads() {
    return fake.requests.stream().filter(r -> r.method().equals("GET") && r.path().equals(LABELS_PATH)).count();
  }

  /** A catalogue whose ids are deliberately not HubSpot's 279/1: only reading the catalogue gets them right. */
  static final String OTHER_IDS = "{\"results\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":9279,\"label\":null},"
      + "{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":9001,\"label\":\"Primary\"},"
      + "{\"category\":\"USER_DEFINED\",\"typeId\":279,\"label\":\"Looks like the unlabeled id\"}]}";

  @Test
  void theCatalogueReadsHubSpotsShape() {
    HubSpotAssociationLabels.Catalogue c = HubSpotAssociationLabels.parse("contacts", "companies",
        json("{\"results\":[{\"category\":\"USER_DEFINED\",\"typeId\":37,\"label\":\"Billing contact\"},"
            + "{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":279},"
            + "{\"category\":\"INTEGRATOR_DEFINED\",\"typeId\":41,\"label\":\"Synced\"},"
            + "{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":1,\"label\":\"Primary\"}]}"));
    assertThat(c.plain()).as("HUBSPOT_DEFINED without a label (absent or null)").isEqualTo(279);
    assertThat(c.primary()).isEqualTo(1);
    assertThat(c.others()).containsExactlyInAnyOrder(37, 41);
    assertThat(c.missing()).isNull();
    assertThat(c.isPrimary("USER_DEFINED", 1)).as("the category counts, not the id alone").isFalse();
    assertThat(HubSpotAssociationLabels.parse("contacts", "companies", json("{\"results\":[]}")).missing())
        .isEqualTo("unlabeled");
  }

  /**
   * A company associated only by a portal's own label is no edge (the model has no user-defined labels yet); one with
   * a user label and the unlabeled type is plain; "Primary" is primary. The catalogue is read before the batch read.
   */
  @Test
  void aReadIgnoresUserDefinedLabelsAndTellsPrimaryByTheCatalogue() {
    fake.respondFixture(200, "hubspot/associations/labels_contacts_companies.json")
        .respondFixture(200, "hubspot/associations/batch_read_with_user_label.json");
    Map<String, List<SourceRecord.Association>> found = connector.fetchAssociations(conn, "contact", List.of("1"));
    assertThat(found.get("1")).containsExactlyInAnyOrder(
        new SourceRecord.Association("company", "company", "12", true),
        new SourceRecord.Association("company", "company", "13", false));
    assertThat(fake.requests.getFirst().path()).isEqualTo(LABELS_PATH);
    assertThat(fake.requests.getFirst().header("Authorization")).isEqualTo("Bearer pat-na1-secret");
  }

  @Test
  void readsAndWritesUseTheCataloguesTypeIdsNotLiterals() {
    fake.respond(200, OTHER_IDS)
        .respond(200, "{\"status\":\"COMPLETE\",\"results\":[{\"from\":{\"id\":\"1\"},\"to\":["
            + "{\"toObjectId\":11,\"associationTypes\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":9001,"
            + "\"label\":\"Primary\"},{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":9279,\"label\":null}]},"
            + "{\"toObjectId\":12,\"associationTypes\":[{\"category\":\"USER_DEFINED\",\"typeId\":279,"
            + "\"label\":\"Looks like the unlabeled id\"}]}]}]}");
    assertThat(connector.fetchAssociations(conn, "contact", List.of("1")).get("1"))
        .containsExactly(new SourceRecord.Association("company", "company", "11", true));

    fake.respond(201, "{\"status\":\"COMPLETE\",\"results\":[{\"fromObjectTypeId\":\"0-1\",\"fromObjectId\":1,"
            + "\"toObjectTypeId\":\"0-2\",\"toObjectId\":11,\"labels\":[\"Primary\"]},{\"fromObjectTypeId\":\"0-1\","
            + "\"fromObjectId\":1,\"toObjectTypeId\":\"0-2\",\"toObjectId\":12,\"labels\":[]}]}")
        .respond(204, "");
    List<EdgeWriteResult> out = connector.associate(conn, List.of(
        new EdgeWrite(1, "contact", "1", "company", "company", "11", true),
        new EdgeWrite(2, "contact", "1", "company", "company", "12", false)));
    assertThat(out).containsExactly(new EdgeWriteResult.Done(1), new EdgeWriteResult.Done(2));
    JsonNode create = json(fake.requests.get(2).body()).path("inputs");
    assertThat(create.path(0).path("types").path(0).path("associationTypeId").asInt()).isEqualTo(9001);
    assertThat(create.path(1).path("types").path(0).path("associationTypeId").asInt()).isEqualTo(9279);
    assertThat(create.path(1).path("types").path(0).path("associationCategory").asString())
        .isEqualTo("HUBSPOT_DEFINED");
    FakeVendor.Request demote = fake.requests.get(3);
    assertThat(demote.path()).isEqualTo("/hubspot/crm/associations/2026-03/contacts/companies/batch/labels/archive");
    assertThat(json(demote.body()).path("inputs").path(0).path("types").path(0).path("associationTypeId").asInt())
        .as("the plain one loses the catalogue's Primary label").isEqualTo(9001);
    assertThat(labelReads()).as("one catalogue read for the read and the write").isEqualTo(1);
  }

  /** No guess: a write whose type the catalogue lacks is rejected with the reason, and sends nothing for it. */
  @Test
  void aTypeTheCatalogueLacksRejectsTheWriteWithoutACall() {
    fake.respond(200, "{\"results\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":279,\"label\":null}]}")
        .respond(201, "{\"status\":\"COMPLETE\",\"results\":[{\"fromObjectId\":1,\"toObjectId\":12,\"labels\":[]}]}");
    List<EdgeWriteResult> out = connector.associate(conn, List.of(
        new EdgeWrite(1, "contact", "1", "company", "company", "11", true),
        new EdgeWrite(2, "contact", "1", "company", "company", "12", false)));
    assertThat(out).contains(new EdgeWriteResult.Done(2));
    assertThat(out).filteredOn(r -> r.ref() == 1).singleElement().isInstanceOfSatisfying(
        EdgeWriteResult.Rejected.class, r -> {
          assertThat(r.errorCode()).isEqualTo("association_type_unknown");
          assertThat(r.message()).contains("contacts -> companies").contains("Primary");
        });
    assertThat(fake.requests).hasSize(2);
    JsonNode inputs = json(fake.requests.get(1).body()).path("inputs");
    assertThat(inputs.size()).as("only the plain one is sent").isEqualTo(1);
    assertThat(inputs.path(0).path("types").path(0).path("associationTypeId").asInt()).isEqualTo(279);

    assertThatThrownBy(() -> connector.fetchAssociations(conn, "contact", List.of("1")))
        .as("a read cannot tell primary from plain without it").isInstanceOfSatisfying(VendorException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.errorCode()).isEqualTo("association_labels_incomplete");
        });
  }

  @Test
  void theCatalogueIsReadOncePerConnectionUntilItsLifetimeEnds() {
    String none = "{\"status\":\"COMPLETE\",\"results\":[{\"from\":{\"id\":\"1\"},\"to\":[]}]}";
    fake.respondFixture(200, "hubspot/associations/labels_contacts_companies.json").respond(200, none)
        .respond(200, none);
    connector.fetchAssociations(conn, "contact", List.of("1"));
    connector.fetchAssociations(conn, "contact", List.of("1"));
    assertThat(labelReads()).isEqualTo(1);

    ConnectionContext other = new ConnectionContext("conn-other", "t1", "hubspot", "62516", Map.of(),
        Map.of("accessToken", "pat-na1-other"));
    fake.respondFixture(200, "hubspot/associations/labels_contacts_companies.json").respond(200, none);
    connector.fetchAssociations(other, "contact", List.of("1"));
    assertThat(labelReads()).as("another connection (portal) has its own").isEqualTo(2);

    clock.advance(HubSpotAssociationLabels.TTL.plus(Duration.ofSeconds(1)));
    fake.respondFixture(200, "hubspot/associations/labels_contacts_companies.json").respond(200, none);
    connector.fetchAssociations(conn, "contact", List.of("1"));
    assertThat(labelReads()).as("read again after its lifetime").isEqualTo(3);
  }

  /** A token without the scope to read the catalogue fails at connect time, not at the first association write. */
  @Test
  void aRefusedCatalogueFailsTheCheck() {
    fake.respondFixture(200, "hubspot/account_details.json").respond(201, GROUP).respond(201, PROPERTY)
        .respond(201, GROUP).respond(201, PROPERTY)
        .respond(403, "{\"status\":\"error\",\"message\":\"This app hasn't been granted all required scopes to make "
            + "this call. Read more about required scopes here: https://developers.hubspot.com/scopes.\","
            + "\"correlationId\":\"c1\",\"errors\":[{\"message\":\"One or more of the following scopes are required.\","
            + "\"context\":{\"requiredScopes\":[\"crm.objects.contacts.read\"]}}],"
            + "\"links\":{\"scopes\":\"https://developers.hubspot.com/scopes\"},\"category\":\"MISSING_SCOPES\"}");
    assertThatThrownBy(() -> connector.check(conn)).isInstanceOfSatisfying(VendorException.class, e -> {
      assertThat(e.retryable()).isFalse();
      assertThat(e.errorCode()).isEqualTo("MISSING_SCOPES");
      assertThat(e.getMessage()).contains("association labels contacts -> companies").contains("403");
    });
    assertThat(fake.requests.getLast().path()).isEqualTo(LABELS_PATH);
  }

  /** The check reads the catalogue afresh and refuses one without the types the edge model needs. */
  @Test
  void aCatalogueWithoutPrimaryFailsTheCheck() {
    fake.respondFixture(200, "hubspot/account_details.json").respond(201, GROUP).respond(201, PROPERTY)
        .respond(201, GROUP).respond(201, PROPERTY)
        .respond(200, "{\"results\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":279,\"label\":null}]}");
    assertThatThrownBy(() -> connector.check(conn)).isInstanceOfSatisfying(VendorException.class, e -> {
      assertThat(e.errorCode()).isEqualTo("association_labels_incomplete");
      assertThat(e.getMessage()).contains("no HUBSPOT_DEFINED Primary type");
    });
  }
}
