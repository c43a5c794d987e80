package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.support.FakeVendor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HubSpotConnectorTest {

  private FakeVendor fake;
  private HubSpotConnector connector;
  private ConnectionContext conn;

  @BeforeEach
  void setUp() {
    fake = new FakeVendor();
    connector = new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(fake.url("/hubspot"), 100, ""));
    // the scripted answers are the contact calls' only: opt-in reads are HubSpotOptInsSandboxTest's
    conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "62515",
        Map.of("customProperties", "vip=hs_vip", "optInSubscription", "none"),
        Map.of("accessToken", "pat-na1-secret", "clientSecret", "s"));
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private static JsonNode json(String s) {
    return HubSpotClient.JSON.readTree(s);
  }

  private static CanonicalRecord contact(Map<String, Object> f) {
    return CanonicalRecord.contact(f);
  }

  static final String LABELS = "hubspot/associations/labels_contacts_companies.json";
  static final String GROUP_CREATED = "{\"name\":\"switchboard\",\"label\":\"Switchboard\",\"displayOrder\":-1,"
      + "\"archived\":false}";
  static final String PROPERTY_CREATED = "{\"name\":\"switchboard_id\",\"label\":\"Switchboard ID\",\"type\":\"string\","
      + "\"fieldType\":\"text\",\"groupName\":\"switchboard\",\"hasUniqueValue\":true,\"formField\":false}";

  @Test
  void checkReadsThePortalIdWithBearerAuthAndSetsUpTheSwitchboardIdProperty() {
    fake.respondFixture(200, "hubspot/account_details.json").respond(201, GROUP_CREATED).respond(201, PROPERTY_CREATED)
        .respond(201, GROUP_CREATED).respond(201, PROPERTY_CREATED).respondFixture(200, LABELS);
    dealSetup(fake);
    assertThat(connector.check(conn)).isEqualTo("62515");
    FakeVendor.Request r = fake.requests.getFirst();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.path()).isEqualTo("/hubspot/account-info/2026-03/details");
    assertThat(r.header("Authorization")).isEqualTo("Bearer pat-na1-secret");

    FakeVendor.Request group = fake.requests.get(1);
    assertThat(group.method()).isEqualTo("POST");
    assertThat(group.path()).isEqualTo("/hubspot/crm/properties/2026-03/contacts/groups");
    assertThat(group.header("Authorization")).isEqualTo("Bearer pat-na1-secret");
    assertThat(json(group.body()).path("name").asString()).isEqualTo("switchboard");
    assertThat(json(group.body()).path("label").asString()).isEqualTo("Switchboard");
    FakeVendor.Request property = fake.requests.get(2);
    assertThat(property.method()).isEqualTo("POST");
    assertThat(property.path()).isEqualTo("/hubspot/crm/properties/2026-03/contacts");
    JsonNode p = json(property.body());
    assertThat(p.path("name").asString()).isEqualTo("switchboard_id");
    assertThat(p.path("label").asString()).isEqualTo("Switchboard ID");
    assertThat(p.path("type").asString()).isEqualTo("string");
    assertThat(p.path("fieldType").asString()).isEqualTo("text");
    assertThat(p.path("groupName").asString()).isEqualTo("switchboard");
    assertThat(p.path("hasUniqueValue").asBoolean()).isTrue();
    assertThat(p.path("formField").asBoolean(true)).as("not offered on forms").isFalse();
    // companies are created by the same key
    assertThat(fake.requests.get(3).path()).isEqualTo("/hubspot/crm/properties/2026-03/companies/groups");
    assertThat(fake.requests.get(4).path()).isEqualTo("/hubspot/crm/properties/2026-03/companies");
    assertThat(json(fake.requests.get(4).body()).path("hasUniqueValue").asBoolean()).isTrue();
    assertThat(fake.requests.get(5).path()).as("the association label catalogue, so a missing scope shows now")
        .isEqualTo("/hubspot/crm/associations/2026-03/contacts/companies/labels");
    assertThat(fake.requests).hasSize(6 + 9); // and the setup of products, deals and line items
  }

  /** Another node (or an earlier check) made them: HubSpot's 409 is success once the property is seen to be unique. */
  /**
   * What the check asks after the contacts' catalogue: the key property of products, deals and line items (group and
   * property each), then the catalogues of a deal's pairs and of line items → deals.
   */
  static void dealSetup(FakeVendor fake) {
    for (int i = 0; i < 3; i++) {
      fake.respond(201, GROUP_CREATED).respond(201, PROPERTY_CREATED);
    }
    fake.respond(200, "{\"results\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":3,\"label\":null}]}")
        .respond(200, "{\"results\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":341,\"label\":null},"
            + "{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":5,\"label\":\"Primary\"}]}")
        .respond(200, "{\"results\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":20,\"label\":null}]}");
  }

  @Test
  void propertyBootstrapTakesAConflictAsAlreadyThere() {
    fake.respondFixture(200, "hubspot/account_details.json")
        .respond(409, "{\"status\":\"error\",\"message\":\"A property group named 'switchboard' already exists.\","
            + "\"category\":\"OBJECT_ALREADY_EXISTS\"}")
        .respond(409, "{\"status\":\"error\",\"message\":\"A property named 'switchboard_id' already exists.\","
            + "\"category\":\"OBJECT_ALREADY_EXISTS\"}")
        .respond(200, PROPERTY_CREATED)
        .respond(201, GROUP_CREATED).respond(201, PROPERTY_CREATED).respondFixture(200, LABELS);
    dealSetup(fake);
    assertThat(connector.check(conn)).isEqualTo("62515");
    assertThat(fake.requests).hasSize(7 + 9);
    assertThat(fake.requests.get(3).method()).isEqualTo("GET");
    assertThat(fake.requests.get(3).path()).isEqualTo("/hubspot/crm/properties/2026-03/contacts/switchboard_id");
  }

  /** A switchboard_id someone made without unique values cannot key an upsert: the check says so, plainly. */
  @Test
  void anExistingSwitchboardIdWithoutUniqueValuesFailsTheCheck() {
    fake.respondFixture(200, "hubspot/account_details.json").respond(201, GROUP_CREATED)
        .respond(409, "{\"status\":\"error\",\"message\":\"exists\",\"category\":\"OBJECT_ALREADY_EXISTS\"}")
        .respond(200, PROPERTY_CREATED.replace("\"hasUniqueValue\":true", "\"hasUniqueValue\":false"));
    assertThatThrownBy(() -> connector.check(conn)).isInstanceOfSatisfying(VendorException.class, e -> {
      assertThat(e.retryable()).isFalse();
      assertThat(e.errorCode()).isEqualTo("switchboard_id_not_unique");
    });
  }

  /** An override to a host the operator allows (SWITCHBOARD_ALLOWED_VENDOR_HOSTS, e.g. the sandbox) is honoured. */
  @Test
  void connectionSettingOverridesTheBaseUrl() {
    fake.respondFixture(200, "hubspot/account_details.json");
    HubSpotConnector other = new HubSpotConnector(
        new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties("http://127.0.0.1:1/unused", 100, ""),
        AllowedVendorHosts.of(fake.url("").substring("http://".length())));
    ConnectionContext c = new ConnectionContext("c-o", "t1", "hubspot", null,
        Map.of("baseUrl", fake.url("/hubspot/")), Map.of("accessToken", "x"));
    fake.respond(201, GROUP_CREATED).respond(201, PROPERTY_CREATED).respond(201, GROUP_CREATED)
        .respond(201, PROPERTY_CREATED).respondFixture(200, LABELS);
    dealSetup(fake);
    assertThat(other.check(c)).isEqualTo("62515");
    assertThat(fake.requests.getFirst().path()).isEqualTo("/hubspot/account-info/2026-03/details");
    assertThat(fake.requests.get(2).path()).isEqualTo("/hubspot/crm/properties/2026-03/contacts");
  }

  @Test
  void fetchRequestsMappedPropertiesAndMapsTheContact() {
    fake.respondFixture(200, "hubspot/contacts/full.json");
    Optional<SourceRecord> r = connector.fetch(conn, "contact", "51");
    assertThat(r).isPresent();
    assertThat(r.get().externalId()).isEqualTo("51");
    assertThat(r.get().modifiedAt()).isEqualTo(Instant.parse("2024-05-02T08:30:12.345Z"));
    assertThat(r.get().record().string("custom.vip")).isEqualTo("true");
    FakeVendor.Request req = fake.requests.getFirst();
    assertThat(req.path()).isEqualTo("/hubspot/crm/objects/2026-03/contacts/51");
    assertThat(req.query()).contains(
        "properties=email,firstname,lastname,phone,company,lifecyclestage,hubspot_owner_id,hs_email_optout,"
            + "hs_vip,lastmodifieddate");
    assertThat(req.query()).as("the contact's companies in the same call").contains("associations=companies");
    assertThat(r.get().associations()).as("the fixture has none").isEmpty();
  }

  @Test
  void fetchIsEmptyFor404AndArchived() {
    fake.respondFixture(404, "hubspot/contacts/not_found.json").respondFixture(200, "hubspot/contacts/archived.json");
    assertThat(connector.fetch(conn, "contact", "999")).isEmpty();
    assertThat(connector.fetch(conn, "contact", "77")).isEmpty();
  }

  @Test
  void listModifiedWithoutSincePagesTheListEndpoint() {
    fake.respondFixture(200, "hubspot/contacts/list_page1.json").respondFixture(200, "hubspot/contacts/list_page2.json");
    RecordPage p1 = connector.listModified(conn, "contact", null, null);
    assertThat(p1.records()).extracting(SourceRecord::externalId).containsExactly("1", "2");
    assertThat(p1.nextCursor()).isNotNull();
    RecordPage p2 = connector.listModified(conn, "contact", null, p1.nextCursor());
    assertThat(p2.records()).extracting(SourceRecord::externalId).containsExactly("3");
    assertThat(p2.nextCursor()).isNull();
    assertThat(fake.requests.get(0).method()).isEqualTo("GET");
    assertThat(fake.requests.get(0).path()).isEqualTo("/hubspot/crm/objects/2026-03/contacts");
    assertThat(fake.requests.get(0).query()).contains("limit=100").doesNotContain("after=");
    assertThat(fake.requests.get(1).query()).contains("after=2");
  }

  @Test
  void listModifiedSinceSearchesAscendingByLastModified() {
    fake.respondFixture(200, "hubspot/contacts/search_page1.json")
        .respondFixture(200, "hubspot/contacts/search_page2.json");
    Instant since = Instant.parse("2024-05-01T00:00:00Z");
    RecordPage p1 = connector.listModified(conn, "contact", since, null);
    RecordPage p2 = connector.listModified(conn, "contact", since, p1.nextCursor());
    assertThat(p1.records()).hasSize(2);
    assertThat(p2.records()).hasSize(1);
    assertThat(p2.nextCursor()).isNull();
    FakeVendor.Request r1 = fake.requests.get(0);
    assertThat(r1.method()).isEqualTo("POST");
    assertThat(r1.path()).isEqualTo("/hubspot/crm/objects/2026-03/contacts/search");
    JsonNode body = json(r1.body());
    JsonNode filter = body.path("filterGroups").path(0).path("filters").path(0);
    assertThat(filter.path("propertyName").asString()).isEqualTo("lastmodifieddate");
    assertThat(filter.path("operator").asString()).isEqualTo("GTE");
    assertThat(filter.path("value").asString()).isEqualTo(Long.toString(since.toEpochMilli()));
    assertThat(body.path("sorts").path(0).path("direction").asString()).isEqualTo("ASCENDING");
    assertThat(body.path("limit").asInt()).isEqualTo(200);
    assertThat(body.has("after")).isFalse();
    // keyset: the next page starts at the newest contact of this one (read again there), not at an offset
    JsonNode second = json(fake.requests.get(1).body());
    assertThat(second.has("after")).isFalse();
    assertThat(second.path("filterGroups").path(0).path("filters").path(0).path("value").asString())
        .isEqualTo(Long.toString(Instant.parse("2024-05-01T00:00:01Z").toEpochMilli()));
  }

  @Test
  void searchPagesByKeyAndReadsAMillisecondOfBulkChangesById() {
    long ms = Instant.parse("2024-05-03T10:00:00Z").toEpochMilli();
    fake.respond(200, searchPage(ms, 1, 200, true))   // a full page, all in one millisecond
        .respond(200, searchPage(ms, 201, 50, false))  // the rest of that millisecond, by id
        .respondFixture(200, "hubspot/contacts/search_page2.json");
    RecordPage p1 = connector.listModified(conn, "contact", Instant.ofEpochMilli(ms), null);
    assertThat(p1.nextCursor()).isEqualTo("group:" + ms + ":0");
    RecordPage p2 = connector.listModified(conn, "contact", null, p1.nextCursor());
    JsonNode group = json(fake.requests.get(1).body());
    JsonNode filters = group.path("filterGroups").path(0).path("filters");
    assertThat(filters.path(0).path("propertyName").asString()).isEqualTo("lastmodifieddate");
    assertThat(filters.path(0).path("operator").asString()).isEqualTo("EQ");
    assertThat(filters.path(0).path("value").asString()).isEqualTo(Long.toString(ms));
    assertThat(filters.path(1).path("propertyName").asString()).isEqualTo("hs_object_id");
    assertThat(filters.path(1).path("operator").asString()).isEqualTo("GT");
    assertThat(filters.path(1).path("value").asString()).isEqualTo("0");
    assertThat(group.path("sorts").path(0).path("propertyName").asString()).isEqualTo("hs_object_id");
    assertThat(group.has("after")).as("never an offset: it skips when a contact moves").isFalse();
    // the millisecond is done: on by time, after it
    assertThat(p2.nextCursor()).isEqualTo("search:" + (ms + 1));
    connector.listModified(conn, "contact", null, p2.nextCursor());
    JsonNode after = json(fake.requests.get(2).body());
    assertThat(after.path("filterGroups").path(0).path("filters").path(0).path("value").asString())
        .isEqualTo(Long.toString(ms + 1));
  }

  /** A search answer of {@code n} contacts with ids from {@code firstId}, all modified at {@code ms}. */
  private static String searchPage(long ms, int firstId, int n, boolean more) {
    String at = Instant.ofEpochMilli(ms).toString();
    StringBuilder sb = new StringBuilder("{\"total\":9999,\"results\":[");
    for (int i = 0; i < n; i++) {
      int id = firstId + i;
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"properties\":{\"email\":\"u")
          .append(id).append("@example.com\",\"lastmodifieddate\":\"").append(at).append("\"},\"updatedAt\":\"")
          .append(at).append("\",\"archived\":false}");
    }
    sb.append("]");
    if (more) {
      sb.append(",\"paging\":{\"next\":{\"after\":\"200\"}}");
    }
    return sb.append("}").toString();
  }

  @Test
  void writeUpsertsByEmailAndMatchesUnorderedResults() {
    fake.respondFixture(200, "hubspot/batch/upsert_ok.json");
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("email", "First@example.com", "firstName", "First",
            "tags", List.of("x"), "marketingStatus", "subscribed"))),
        new WriteRequest(2, null, contact(Map.of("email", "second@example.com", "firstName", "Sec"))),
        new WriteRequest(3, null, contact(Map.of("firstName", "NoEmail")))));
    assertThat(out.get(0)).isEqualTo(new WriteResult.Written(1, "1001", Instant.parse("2024-07-01T09:00:01Z")));
    assertThat(out.get(1)).isEqualTo(new WriteResult.Written(2, "2002", Instant.parse("2024-07-01T09:00:00Z")));
    assertThat(out.get(2)).isInstanceOf(WriteResult.Rejected.class);
    assertThat(((WriteResult.Rejected) out.get(2)).errorCode()).isEqualTo("missing_email");
    assertThat(fake.requests).hasSize(1);
    FakeVendor.Request r = fake.requests.getFirst();
    assertThat(r.path()).isEqualTo("/hubspot/crm/objects/2026-03/contacts/batch/upsert");
    JsonNode inputs = json(r.body()).path("inputs");
    assertThat(inputs.size()).isEqualTo(2);
    assertThat(inputs.path(0).path("idProperty").asString()).isEqualTo("email");
    assertThat(inputs.path(0).path("id").asString()).isEqualTo("First@example.com");
    assertThat(inputs.path(0).path("properties").propertyNames()).containsExactlyInAnyOrder("email", "firstname");
  }

  /**
   * An unlinked record is upserted by its create key as switchboard_id, with or without an e-mail; the property is set
   * up before the first such create (this connection was never checked by this process), and only once.
   */
  @Test
  void createsAreUpsertedBySwitchboardIdAfterSettingUpThePropertyOnce() {
    fake.respond(201, GROUP_CREATED).respond(201, PROPERTY_CREATED)
        .respond(200, "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"501\",\"objectWriteTraceId\":\"sb-1\","
            + "\"properties\":{\"switchboard_id\":\"sb1_k1\"},\"updatedAt\":\"2024-07-01T00:00:00Z\"}]}")
        .respond(200, "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"502\",\"properties\":{\"switchboard_id\":"
            + "\"sb1_k2\"},\"updatedAt\":\"2024-07-01T00:00:01Z\"}]}");
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("phone", "+14155550100", "firstName", "Phoebe")), "sb1_k1")));
    assertThat(out).containsExactly(new WriteResult.Written(1, "501", Instant.parse("2024-07-01T00:00:00Z")));
    assertThat(fake.requests).extracting(FakeVendor.Request::path).containsExactly(
        "/hubspot/crm/properties/2026-03/contacts/groups", "/hubspot/crm/properties/2026-03/contacts",
        "/hubspot/crm/objects/2026-03/contacts/batch/upsert");
    JsonNode in = json(fake.requests.get(2).body()).path("inputs").path(0);
    assertThat(in.path("idProperty").asString()).isEqualTo("switchboard_id");
    assertThat(in.path("id").asString()).isEqualTo("sb1_k1");
    assertThat(in.path("properties").path("switchboard_id").asString()).isEqualTo("sb1_k1");
    assertThat(in.path("properties").path("phone").asString()).isEqualTo("+14155550100");
    assertThat(in.path("properties").has("email")).isFalse();

    // matched by the key when HubSpot leaves the trace id out; no second setup
    List<WriteResult> second = connector.write(conn, "contact", List.of(
        new WriteRequest(2, null, contact(Map.of("email", "two@example.com")), "sb1_k2")));
    assertThat(second).containsExactly(new WriteResult.Written(2, "502", Instant.parse("2024-07-01T00:00:01Z")));
    assertThat(fake.requests).hasSize(4);
  }

  /** HubSpot will not create a contact whose e-mail another has: that contact is updated by e-mail and linked. */
  @Test
  void aCreateWhoseEmailAnotherContactHasUpdatesThatContact() {
    fake.respond(201, GROUP_CREATED).respond(201, PROPERTY_CREATED)
        .respond(207, "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"601\",\"objectWriteTraceId\":\"sb-2\","
            + "\"properties\":{},\"updatedAt\":\"2024-07-01T00:00:00Z\"}],\"numErrors\":1,\"errors\":[{\"status\":"
            + "\"error\",\"category\":\"CONFLICT\",\"message\":\"Contact already exists. Existing ID: 77\","
            + "\"context\":{\"objectWriteTraceId\":[\"sb-1\"],\"ids\":[\"sb1_k1\"]},\"errors\":[],\"links\":{}}]}")
        .respond(200, "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"77\",\"objectWriteTraceId\":\"sb-1\","
            + "\"properties\":{\"email\":\"taken@example.com\"},\"updatedAt\":\"2024-07-01T00:00:02Z\"}]}");
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("email", "taken@example.com", "firstName", "T")), "sb1_k1"),
        new WriteRequest(2, null, contact(Map.of("email", "free@example.com")), "sb1_k2")));
    assertThat(out).containsExactly(new WriteResult.Written(1, "77", Instant.parse("2024-07-01T00:00:02Z")),
        new WriteResult.Written(2, "601", Instant.parse("2024-07-01T00:00:00Z")));
    JsonNode retry = json(fake.requests.get(3).body()).path("inputs");
    assertThat(retry.size()).isEqualTo(1);
    assertThat(retry.path(0).path("idProperty").asString()).isEqualTo("email");
    assertThat(retry.path(0).path("id").asString()).isEqualTo("taken@example.com");
    assertThat(retry.path(0).path("properties").has("switchboard_id")).as("that contact's key is not ours to set").isFalse();
  }

  @Test
  void duplicateKeysInOneBatchAreSentOnceAndShareTheResult() {
    fake.respondFixture(200, "hubspot/batch/upsert_ok.json");
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("email", "first@example.com", "firstName", "Old"))),
        new WriteRequest(2, null, contact(Map.of("email", "FIRST@example.com", "firstName", "First")))));
    assertThat(out).extracting(WriteResult::ref).containsExactly(1L, 2L);
    assertThat(out).allSatisfy(r -> assertThat(((WriteResult.Written) r).externalId()).isEqualTo("1001"));
    JsonNode inputs = json(fake.requests.getFirst().body()).path("inputs");
    assertThat(inputs.size()).isEqualTo(1);
    assertThat(inputs.path(0).path("properties").path("firstname").asString()).isEqualTo("First");
  }

  @Test
  void writeUpdatesByIdAndRejectsPerInputErrorsOf207() {
    fake.respondFixture(207, "hubspot/batch/update_multistatus.json");
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(10, "999", contact(Map.of("firstName", "Gone"))),
        new WriteRequest(11, "301", contact(Map.of("firstName", "Ann"))),
        new WriteRequest(12, "302", contact(Map.of("tags", List.of("only-tags"))))));
    assertThat(out.get(0)).isInstanceOf(WriteResult.Rejected.class);
    assertThat(((WriteResult.Rejected) out.get(0)).errorCode()).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(out.get(1)).isEqualTo(new WriteResult.Written(11, "301", Instant.parse("2024-07-02T10:00:00Z")));
    assertThat(out.get(2)).isEqualTo(new WriteResult.Written(12, "302", null)); // nothing to send
    assertThat(fake.requests).hasSize(1);
    assertThat(fake.requests.getFirst().path()).isEqualTo("/hubspot/crm/objects/2026-03/contacts/batch/update");
    assertThat(json(fake.requests.getFirst().body()).path("inputs").path(1).path("id").asString()).isEqualTo("301");
  }

  @Test
  void wholeBatchValidationErrorRejectsTheNamedInputAndResendsTheRest() {
    fake.respondFixture(400, "hubspot/batch/upsert_validation_error.json")
        .respond(200, "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"7\",\"properties\":{\"email\":\"ok@example.com\"},"
            + "\"updatedAt\":\"2024-07-01T00:00:00Z\"}]}");
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("email", "ok@example.com"))),
        new WriteRequest(2, null, contact(Map.of("email", "bad@@example")))));
    assertThat(out.get(0)).isInstanceOf(WriteResult.Written.class);
    WriteResult.Rejected rej = (WriteResult.Rejected) out.get(1);
    assertThat(rej.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(rej.field()).isEqualTo("email");
    assertThat(rej.message()).doesNotContain("bad@@example").contains("<email>");
    assertThat(json(fake.requests.get(1).body()).path("inputs").size()).isEqualTo(1);
  }

  @Test
  void unidentifiableWholeBatchErrorIsIsolatedBySplittingTheBatch() {
    fake.respondFixture(409, "hubspot/batch/update_conflict_unknown.json")
        .respond(200, "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"1\",\"properties\":{},"
            + "\"updatedAt\":\"2024-07-01T00:00:00Z\"}]}")
        .respondFixture(409, "hubspot/batch/update_conflict_unknown.json");
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(1, "1", contact(Map.of("email", "a@example.com"))),
        new WriteRequest(2, "2", contact(Map.of("email", "b@example.com")))));
    assertThat(out.get(0)).isEqualTo(new WriteResult.Written(1, "1", Instant.parse("2024-07-01T00:00:00Z")));
    assertThat(out.get(1)).isInstanceOf(WriteResult.Rejected.class);
    assertThat(((WriteResult.Rejected) out.get(1)).errorCode()).isEqualTo("CONFLICT");
    assertThat(fake.requests).hasSize(3);
    assertThat(json(fake.requests.get(1).body()).path("inputs").size()).isEqualTo(1);
    assertThat(json(fake.requests.get(2).body()).path("inputs").path(0).path("id").asString()).isEqualTo("2");
  }

  @Test
  void everyInputCarriesATraceIdAndMultiStatusErrorsAreMatchedByIt() {
    // the custom property's type is read first (a bool or date property takes its own form): HubSpot lacks it
    fake.respond(404, "{\"status\":\"error\",\"category\":\"OBJECT_NOT_FOUND\"}");
    fake.respond(207, "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"9\",\"objectWriteTraceId\":\"sb-5\","
        + "\"properties\":{},\"updatedAt\":\"2024-07-01T00:00:00Z\"}],\"numErrors\":1,\"errors\":[{\"status\":\"error\","
        + "\"category\":\"VALIDATION_ERROR\",\"message\":\"Property values were not valid\",\"context\":"
        + "{\"objectWriteTraceId\":[\"sb-6\"]},\"errors\":[{\"message\":\"x\",\"code\":\"PROPERTY_DOESNT_EXIST\","
        + "\"context\":{\"propertyName\":[\"hs_vip\"]}}]}]}");
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(5, null, contact(Map.of("email", "five@example.com"))),
        new WriteRequest(6, null, contact(Map.of("email", "six@example.com", "custom.vip", "yes")))));
    assertThat(out.get(0)).isEqualTo(new WriteResult.Written(5, "9", Instant.parse("2024-07-01T00:00:00Z")));
    WriteResult.Rejected rej = (WriteResult.Rejected) out.get(1);
    assertThat(rej.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(rej.field()).isEqualTo("hs_vip");
    assertThat(fake.requests.getFirst().path()).endsWith("/contacts/hs_vip");
    JsonNode inputs = json(fake.requests.get(1).body()).path("inputs");
    assertThat(inputs.findValuesAsString("objectWriteTraceId")).containsExactly("sb-5", "sb-6");
  }

  @Test
  void rateLimitedAnswerIsRetryableWithRetryAfter() {
    fake.respond(429, "{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\","
        + "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"SECONDLY\"}", Map.of("Retry-After", "2"));
    assertThatThrownBy(() -> connector.fetch(conn, "contact", "1"))
        .isInstanceOfSatisfying(VendorException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.retryable()).isTrue();
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        });
  }

  @Test
  void serverErrorIsRetryableAndAuthErrorIsNot() {
    fake.respond(502, "bad gateway")
        .respond(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found. user@x.com\","
            + "\"category\":\"INVALID_AUTHENTICATION\"}");
    assertThatThrownBy(() -> connector.check(conn))
        .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.retryable()).isTrue());
    assertThatThrownBy(() -> connector.check(conn))
        .isInstanceOfSatisfying(VendorException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.errorCode()).isEqualTo("INVALID_AUTHENTICATION");
          assertThat(e.getMessage()).doesNotContain("user@x.com");
        });
  }

  @Test
  void parseWebhookKeepsContactCompanyAndDealEventsAndTheirAssociationChanges() {
    WebhookRequest req = new WebhookRequest("POST", "https://x/webhooks/crm/hubspot", Map.of(), Map.of(),
        FakeVendor.fixture("hubspot/webhooks/mixed_events.json").getBytes(StandardCharsets.UTF_8));
    List<InboundEvent> events = connector.parseWebhook(req);
    assertThat(events).extracting(InboundEvent::eventKey)
        .containsExactly("100", "101", "102", "103", "104", "105", "105:merged:127", "106", "107", "108");
    assertThat(events).extracting(InboundEvent::kind).containsExactly(InboundEvent.Kind.CHANGED,
        InboundEvent.Kind.CHANGED, InboundEvent.Kind.CHANGED, InboundEvent.Kind.DELETED, InboundEvent.Kind.ERASED,
        InboundEvent.Kind.CHANGED, InboundEvent.Kind.MERGED, InboundEvent.Kind.CHANGED,
        InboundEvent.Kind.ASSOCIATIONS_CHANGED, InboundEvent.Kind.ASSOCIATIONS_CHANGED);
    assertThat(events.get(7)).as("a deal's property change reads the deal").isEqualTo(new InboundEvent("106",
        "deal", "789", InboundEvent.Kind.CHANGED, null, Instant.ofEpochMilli(1719820806000L), "62515"));
    assertThat(events.get(9)).as("a deal's contact association changed: the deal is read again with its contacts")
        .isEqualTo(new InboundEvent("108", "deal", "789", InboundEvent.Kind.ASSOCIATIONS_CHANGED, null,
            Instant.ofEpochMilli(1719820808000L), "62515"));
    assertThat(events.get(2)).as("a company's property change reads the company").isEqualTo(new InboundEvent("102",
        "company", "456", InboundEvent.Kind.CHANGED, null, Instant.ofEpochMilli(1719820802000L), "62515"));
    assertThat(events.get(8)).as("a contact's company association changed: the contact is read again, with its companies")
        .isEqualTo(new InboundEvent("107", "contact", "123", InboundEvent.Kind.ASSOCIATIONS_CHANGED, null,
            Instant.ofEpochMilli(1719820807000L), "62515"));
    // a merge: the survivor is read again, the merged-away contact folds into it
    assertThat(events.get(6)).isEqualTo(InboundEvent.merged("105:merged:127", "contact", "127", "126",
        Instant.ofEpochMilli(1719820805000L), "62515"));
    assertThat(events.getFirst()).isEqualTo(new InboundEvent("100", "contact", "123", InboundEvent.Kind.CHANGED,
        null, Instant.ofEpochMilli(1719820800000L), "62515"));
    assertThat(events.get(5).externalId()).isEqualTo("126");
    assertThat(connector.webhookVerifier().accountHints(req)).containsExactly("62515");
  }

  @Test
  void parseWebhookRejectsMalformedBodies() {
    assertThatThrownBy(() -> connector.parseWebhook(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        "{not json".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> connector.parseWebhook(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        "{\"eventId\":1}".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(IllegalArgumentException.class);
  }

  /** Bad values in an otherwise JSON body refuse the whole delivery (400), never a 500 or a half-stored one. */
  @Test
  void parseWebhookRefusesEveryMalformedDeliveryWhole() {
    String ok = "{\"eventId\":1,\"portalId\":62515,\"objectId\":5,\"occurredAt\":1719820800000,"
        + "\"subscriptionType\":\"contact.creation\"}";
    List<String> bad = List.of(
        "{\"eventId\":1}", "[1,2]", "[null]", "[{\"subscriptionType\":{}}]", "[{\"objectId\":5}]",
        "[" + ok.replace("62515", "{}") + "]", "[" + ok.replace("62515", "\"p1\"") + "]",
        "[" + ok.replace(",\"portalId\":62515", "") + "]", "[" + ok.replace("62515", "-5") + "]",
        "[" + ok.replace("1719820800000", "9e30") + "]", "[" + ok.replace("1719820800000", "-1e20") + "]",
        "[" + ok.replace("1719820800000", "\"yesterday\"") + "]", "[" + ok.replace("1719820800000", "1.5") + "]",
        "[" + ok.replace("1719820800000", "253402300800000") + "]", "[" + ok.replace("1719820800000", "-1") + "]",
        "[" + ok.replace(",\"occurredAt\":1719820800000", "") + "]",
        "[" + ok.replace("\"eventId\":1", "\"eventId\":{\"a\":1}") + "]",
        "[" + ok.replace("\"objectId\":5", "\"objectId\":[5]") + "]",
        "[" + ok.replace("\"objectId\":5", "\"objectId\":5.5") + "]",
        "[" + ok.replace("\"objectId\":5", "\"objectId\":123456789012345678901234567890") + "]",
        "[" + ok.replace("\"eventId\":1", "\"eventId\":1e400") + "]",
        "[" + ok.replace("\"objectId\":5", "\"objectId\":\"" + "9".repeat(300) + "\"") + "]",
        "[" + ok + "," + ok.replace("62515", "{}") + "]",
        "[" + ok + ",", "[".repeat(5000) + "]".repeat(5000), "");
    for (String body : bad) {
      assertThat(catchThrowable(() -> connector.parseWebhook(new WebhookRequest("POST", "u", Map.of(), Map.of(),
          body.getBytes(StandardCharsets.UTF_8))))).as(body.length() > 200 ? body.substring(0, 200) : body)
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] notUtf8 = ("[" + ok.replace("contact.creation", "contact.creation\u00ff") + "]").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> connector.parseWebhook(new WebhookRequest("POST", "u", Map.of(), Map.of(), notUtf8)))
        .isInstanceOf(IllegalArgumentException.class);
    // ids as digit strings are fine; other objects' events are skipped
    assertThat(connector.parseWebhook(new WebhookRequest("POST", "u", Map.of(), Map.of(), ("[" + ok.replace("62515",
        "\"62515\"") + ",{\"subscriptionType\":\"ticket.creation\",\"objectId\":{}}]").getBytes(StandardCharsets.UTF_8))))
        .singleElement().extracting(InboundEvent::accountId).isEqualTo("62515");
  }

  @Test
  void policyAndDescriptor() {
    assertThat(connector.rateLimitPolicy().windows().getFirst().calls()).isEqualTo(100);
    assertThat(connector.rateLimitPolicy().remainingHeader()).isEqualTo("X-HubSpot-RateLimit-Remaining");
    assertThat(connector.maxBatchSize("contact")).isEqualTo(100);
    assertThat(connector.system()).isEqualTo("hubspot");
    assertThat(connector.registerWebhook(conn, "https://x")).isFalse();
  }

  /**
   * The v4 association batch read pages per object ({@code paging.next.after}, asked again as {@code {id, after}}), and
   * an id the answer says nothing certain about is left out (unknown) rather than reported as having none: the spine
   * would otherwise end edges merely not read.
   */
  @Test
  void associationReadsFollowEachObjectsPagesAndLeaveUncertainIdsOut() {
    fake.respondFixture(200, LABELS).respond(207, "{\"status\":\"COMPLETE\",\"results\":["
            + "{\"from\":{\"id\":\"1\"},\"to\":[{\"toObjectId\":11,\"associationTypes\":[{\"category\":\"HUBSPOT_DEFINED\","
            + "\"typeId\":279,\"label\":null}]}],\"paging\":{\"next\":{\"after\":\"12\"}}}],"
            + "\"errors\":[{\"status\":\"error\",\"category\":\"OBJECT_NOT_FOUND\",\"message\":\"none\","
            + "\"context\":{\"fromObjectId\":[\"2\"]}},{\"status\":\"error\",\"category\":\"RATE_LIMITS\","
            + "\"message\":\"later\",\"context\":{\"fromObjectId\":[\"3\"]}}],\"numErrors\":2}")
        .respond(200, "{\"status\":\"COMPLETE\",\"results\":[{\"from\":{\"id\":\"1\"},\"to\":[{\"toObjectId\":12,"
            + "\"associationTypes\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":1,\"label\":\"Primary\"},"
            + "{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":279,\"label\":null}]}]}]}");
    Map<String, List<SourceRecord.Association>> found = connector.fetchAssociations(conn, "contact",
        List.of("1", "2", "3"));
    assertThat(found.get("1")).containsExactly(new SourceRecord.Association("company", "company", "11", false),
        new SourceRecord.Association("company", "company", "12", true));
    assertThat(found.get("2")).as("HubSpot says it has none").isEmpty();
    assertThat(found).as("an error that is not 'none': unknown").doesNotContainKey("3");
    assertThat(fake.requests).as("the label catalogue, then two batch reads").hasSize(3);
    JsonNode second = json(fake.requests.get(2).body()).path("inputs");
    assertThat(second.size()).isEqualTo(1);
    assertThat(second.path(0).path("id").asString()).isEqualTo("1");
    assertThat(second.path(0).path("after").asString()).isEqualTo("12");
  }
  /** Tokens that answer "a1", and on a 401 to it what {@code again} says (null: nothing to try). */
  private HubSpotClient clientWith(java.util.List<String> rejected, String again) {
    dev.switchboard.app.connectors.AccessTokens tokens = new dev.switchboard.app.connectors.AccessTokens() {
      @Override
      public String accessToken(ConnectionContext connection) {
        return "a1";
      }

      @Override
      public String rejected(ConnectionContext connection, String token) {
        rejected.add(token);
        return again;
      }
    };
    return new HubSpotClient(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(fake.url("/hubspot"), 100, ""), new dev.switchboard.app.connectors.VendorHosts(
            "hubspot", java.util.List.of("api.hubapi.com"), fake.url("/hubspot"), AllowedVendorHosts.none()),
        connector.rateLimitPolicy(), connector.searchPolicy(), tokens);
  }

  @Test
  void aTokenRefusedWith401IsRenewedOnceAndTheCallSentAgain() {
    java.util.List<String> rejected = new java.util.ArrayList<>();
    fake.respond(401, "{\"status\":\"error\",\"category\":\"INVALID_AUTHENTICATION\"}");
    fake.respond(200, "{\"portalId\":62515}");

    JsonNode details = clientWith(rejected, "a2").accountDetails(conn);

    assertThat(details.path("portalId").asLong()).isEqualTo(62515);
    assertThat(rejected).containsExactly("a1");
    assertThat(fake.requests).extracting(r -> r.header("Authorization")).containsExactly("Bearer a1", "Bearer a2");
  }

  @Test
  void aWriteRefusedWith401IsSentAgainWithItsBody() {
    java.util.List<String> rejected = new java.util.ArrayList<>();
    fake.respond(401, "{\"status\":\"error\",\"category\":\"INVALID_AUTHENTICATION\"}");
    fake.respond(200, "{\"status\":\"COMPLETE\",\"results\":[]}");

    clientWith(rejected, "a2").batchRead(conn, "contacts", java.util.List.of("101"), java.util.List.of("email"),
        java.util.List.of());

    assertThat(fake.requests).hasSize(2);
    assertThat(fake.requests.get(1).body()).isEqualTo(fake.requests.get(0).body()).contains("\"101\"");
    assertThat(fake.requests.get(1).header("Authorization")).isEqualTo("Bearer a2");
  }

  @Test
  void aRefusedTokenNobodyCanRenewIsRefusedCredentials() {
    java.util.List<String> rejected = new java.util.ArrayList<>();
    fake.respond(401, "{\"status\":\"error\",\"category\":\"INVALID_AUTHENTICATION\"}");

    VendorException e = org.assertj.core.api.Assertions.catchThrowableOfType(VendorException.class,
        () -> clientWith(rejected, null).accountDetails(conn));

    assertThat(e.status()).isEqualTo(401);
    assertThat(rejected).containsExactly("a1");
    assertThat(fake.requests).hasSize(1);
  }
}
