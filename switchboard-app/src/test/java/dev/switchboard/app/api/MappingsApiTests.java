package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.switchboard.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/connections/{id}/mappings}: the defaults and the tenant's versioned override; a save is validated with
 * {@code error_code} + {@code field}, carried to the bindings by the connection's setting, audited, and re-sends only
 * the records with a value in a field whose mapping changed; owners and admins change, viewers only read, and another
 * tenant's connection is not found. The vendors are the sandbox's: a save creates the vendor fields it names that the
 * vendor lacks (HubSpot contact properties, Mailchimp merge fields) before anything is stored, and a refusal stores
 * nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MappingsApiTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String HUBSPOT_TOKEN = "pat-sandbox-hubspot";
  private static final String MAILCHIMP_KEY = "sandboxkey0000000000000000000000-us21";
  private static SandboxServer sandbox;
  private static final String ADMIN = basic("admin", "running-app-admin-password");
  private static final String TYPE = "Content-Type: application/json";

  private static final String API_TOKEN = "sbt_mappings_" + UUID.randomUUID();

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired ApiTokens tokens;
  @Autowired Connections connections;
  @Autowired JdbcClient db;

  /** The app with no workers (nothing is sent; the outbox is looked at), its vendors the sandbox's. */
  @DynamicPropertySource
  static void vendorsAreTheSandbox(DynamicPropertyRegistry r) {
    sandbox = SandboxServer.start(0, Map.of());
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
    r.add("switchboard.master-key", () -> "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=");
    r.add("switchboard.admin.password", () -> "running-app-admin-password");
    r.add("switchboard.workers.enabled", () -> false);
    r.add("switchboard.public-base-url", () -> "https://sync.example.com");
    r.add("switchboard.connectors.hubspot.base-url", () -> sandbox.baseUrl() + "/hubspot");
    r.add("switchboard.connectors.mailchimp.base-url", () -> sandbox.baseUrl() + "/mailchimp/3.0");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void registerApiToken() {
    tokens.register("default", "mappings", API_TOKEN);
  }

  private RawHttp http() {
    return RawHttp.to(port);
  }

  private static String bearer() {
    return "Authorization: Bearer " + API_TOKEN;
  }

  /** A connection made directly in the database (no vendor check) for {@code tenant}'s account. */
  private Connection connect(String tenant, String system, String account, Map<String, String> credentials) {
    tenants.ensure(tenant, tenant, "US");
    Connection c = connections.create(tenant, system, system + " " + account, Map.of(), credentials);
    connections.setAccount(tenant, c.id(), account);
    return connections.find(tenant, c.id()).orElseThrow();
  }

  /** A connection of the sandbox's HubSpot portal or Mailchimp audience (made in the database, no check). */
  private Connection sandboxConnection(String tenant, String system) {
    Connection c = system.equals("hubspot")
        ? connect(tenant, system, "portal-" + UUID.randomUUID(), Map.of("accessToken", HUBSPOT_TOKEN))
        : connect(tenant, system, "sandboxlist1-" + UUID.randomUUID(), Map.of("apiKey", MAILCHIMP_KEY));
    if (system.equals("mailchimp")) {
      connections.updateSettings(tenant, c.id(), Map.of("listId", "sandboxlist1"));
    }
    return connections.find(tenant, c.id()).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static int status(String path, String auth) {
    return RestClient.create(sandbox.baseUrl()).get().uri(path).header("Authorization", auth)
        .exchange((req, res) -> res.getStatusCode().value());
  }

  @Autowired Users users;
  @Autowired dev.switchboard.app.crypto.Vault vault;

  private static String basic(String user, String password) {
    return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(RawHttp.Response r) {
    return JSON.readValue(r.body(), Map.class);
  }

  private RawHttp.Response put(String connection, String body, String auth) {
    return http().send("PUT", "/api/connections/" + connection + "/mappings", List.of(auth, TYPE), body);
  }

  /** A contact of the tenant with these fields, stored as the spine stores golden records. */
  private String contact(String tenant, Map<String, String> fields) {
    String id = UUID.randomUUID().toString();
    StringBuilder enc = new StringBuilder("{");
    fields.forEach((k, v) -> enc.append(enc.length() > 1 ? "," : "").append('"').append(k)
        .append("\":{\"value\":\"").append(v).append("\",\"system\":\"api\",\"modifiedAt\":\"2026-01-01T00:00:00Z\"}"));
    enc.append('}');
    Timestamp now = Timestamp.from(Instant.now());
    db.sql("insert into golden_record(id, tenant_id, object_type, version, fields_enc, created_at, updated_at) "
            + "values (?, ?, 'contact', 1, ?, ?, ?)")
        .params(id, tenant, vault.encrypt(enc.toString(), "golden:" + id), now, now).update();
    return id;
  }

  private int outboxTasks(String connection) {
    return db.sql("select count(*) from outbox_task where connection_id = ?").param(connection).query(Integer.class)
        .single();
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOverrideIsSavedVersionedCarriedByTheSettingAndResendsOnlyTheAffectedRecords() {
    String tenant = "mapping-" + UUID.randomUUID().toString().substring(0, 8);
    tenants.ensure(tenant, tenant, "US");
    users.create("mapper-" + tenant, "mapping-owner-password");
    users.ensureMember("mapper-" + tenant, tenant, Role.OWNER);
    String owner = basic("mapper-" + tenant, "mapping-owner-password");
    Connection hubspot = sandboxConnection(tenant, "hubspot");
    String gold = contact(tenant, Map.of("email", "a@example.com", "firstName", "Ada", "custom.tier", "gold"));
    contact(tenant, Map.of("email", "b@example.com", "custom.tier", "silver"));
    contact(tenant, Map.of("email", "c@example.com"));

    Map<String, Object> before = json(http().get("/api/connections/" + hubspot.id() + "/mappings", owner));
    List<Map<String, Object>> types = (List<Map<String, Object>>) before.get("types");
    Map<String, Object> contactType = types.stream().filter(t -> t.get("vendor_type").equals("contact")).findFirst()
        .orElseThrow();
    assertThat(contactType.get("override")).isNull();
    assertThat((List<Map<String, Object>>) contactType.get("defaults"))
        .anySatisfy(r -> assertThat(r).containsEntry("canonical", List.of("firstName"))
            .containsEntry("vendor", List.of("firstname")).containsEntry("direction", "both"));

    // a preview of the saved (default) mapping and of the proposed one; nothing is written or sent
    String previewPath = "/api/connections/" + hubspot.id() + "/mappings/preview";
    RawHttp.Response now = http().send("POST", previewPath, List.of(owner, TYPE),
        "{\"vendor_type\":\"contact\",\"record_id\":\"" + gold + "\"}");
    assertThat(now.status()).as(now.body()).isEqualTo(200);
    assertThat(json(now)).containsEntry("mapping", "saved")
        .containsEntry("vendor", Map.of("email", "a@example.com", "firstname", "Ada"));
    RawHttp.Response proposed = http().send("POST", previewPath, List.of(owner, TYPE),
        "{\"vendor_type\":\"contact\",\"record_id\":\"" + gold + "\",\"fields\":[{\"canonical\":\"custom.tier\","
            + "\"vendor\":\"loyalty_tier\",\"direction\":\"both\"}]}");
    assertThat(json(proposed)).containsEntry("mapping", "proposed")
        .containsEntry("vendor", Map.of("email", "a@example.com", "firstname", "Ada", "loyalty_tier", "gold"));
    assertThat(http().send("POST", previewPath, List.of(owner, TYPE), "{\"vendor_type\":\"contact\",\"record_id\":"
        + "\"" + UUID.randomUUID() + "\"}").status()).isEqualTo(404);
    assertThat(outboxTasks(hubspot.id())).isZero();
    assertThat(db.sql("select count(*) from mapping_override where connection_id = ?").param(hubspot.id())
        .query(Integer.class).single()).isZero();

    String property = "/hubspot/crm/v3/properties/contacts/loyalty_tier";
    assertThat(status(property, "Bearer " + HUBSPOT_TOKEN)).isEqualTo(404);
    RawHttp.Response saved = put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":\"custom.tier\","
        + "\"vendor\":\"loyalty_tier\",\"direction\":\"both\"}]}", owner);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(status(property, "Bearer " + HUBSPOT_TOKEN)).as("created at the vendor").isEqualTo(200);
    assertThat(json(saved)).containsEntry("created_fields", List.of("loyalty_tier"));
    assertThat(json(saved)).containsEntry("version", 1).containsEntry("changed_by", "mapper-" + tenant)
        .containsEntry("changed_fields", List.of("custom.tier"))
        .containsEntry("resync", Map.of("affected", 2, "enqueued", 2));
    assertThat(outboxTasks(hubspot.id())).isEqualTo(2);
    assertThat(connections.find(tenant, hubspot.id()).orElseThrow().settings())
        .containsEntry("mapping.contact", "[{\"canonical\":\"custom.tier\",\"vendor\":\"loyalty_tier\","
            + "\"direction\":\"both\"}]");
    assertThat(db.sql("select count(*) from domain_event where tenant_id = ? and payload_json like ?")
        .params(tenant, "%mapping.save%").query(Integer.class).single()).isEqualTo(1);

    // the same override again changes no field: a new version, nothing re-sent
    RawHttp.Response again = put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":\"custom.tier\","
        + "\"vendor\":\"loyalty_tier\",\"direction\":\"both\"}]}", owner);
    assertThat(json(again)).containsEntry("version", 2).containsEntry("resync", Map.of("affected", 0, "enqueued", 0))
        .as("the property is there: nothing is created twice").containsEntry("created_fields", List.of());

    RawHttp.Response cleared = put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[]}", owner);
    assertThat(json(cleared)).containsEntry("version", 3).containsEntry("fields", List.of());
    assertThat(connections.find(tenant, hubspot.id()).orElseThrow().settings()).doesNotContainKey("mapping.contact");
    Map<String, Object> after = ((List<Map<String, Object>>) json(http().get("/api/connections/" + hubspot.id()
        + "/mappings", owner)).get("types")).stream().filter(t -> t.get("vendor_type").equals("contact"))
        .findFirst().orElseThrow();
    assertThat((List<Map<String, Object>>) after.get("history")).extracting(v -> v.get("version"))
        .containsExactly(3, 2, 1);
  }

  /**
   * A connection given {@code mergeFields} when it was made (before overrides existed) shows that setting as its
   * override, and the first save is compared with it: the pairs it keeps are not re-sent, and the connection's other
   * settings are kept.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aSettingTypedAtConnectTimeIsTheOverrideAFirstSaveStartsFrom() {
    String tenant = "mapping-" + UUID.randomUUID().toString().substring(0, 8);
    tenants.ensure(tenant, tenant, "US");
    users.create("admin-" + tenant, "mapping-admin-password");
    users.ensureMember("admin-" + tenant, tenant, Role.ADMIN);
    String admin = basic("admin-" + tenant, "mapping-admin-password");
    Connection mailchimp = sandboxConnection(tenant, "mailchimp");
    connections.updateSettings(tenant, mailchimp.id(), Map.of("listId", "sandboxlist1", "mergeFields",
        "custom.tier=TIER", "withoutConsent", "transactional"));
    contact(tenant, Map.of("email", "t@example.com", "custom.tier", "gold"));
    contact(tenant, Map.of("email", "p@example.com", "phone", "+14155550100"));

    Map<String, Object> member = ((List<Map<String, Object>>) json(http().get("/api/connections/" + mailchimp.id()
        + "/mappings", admin)).get("types")).stream().filter(t -> t.get("vendor_type").equals("member")).findFirst()
        .orElseThrow();
    assertThat((Map<String, Object>) member.get("override")).containsEntry("version", 0)
        .containsEntry("fields", List.of(Map.of("canonical", "custom.tier", "vendor", "merge_fields.TIER",
            "direction", "both")));

    RawHttp.Response saved = put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[{\"canonical\":\"custom.tier\","
        + "\"vendor\":\"merge_fields.TIER\",\"direction\":\"both\"},{\"canonical\":\"phone\",\"vendor\":"
        + "\"merge_fields.MOBILE\",\"direction\":\"both\"}]}", admin);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(json(saved)).as("only the new pair changed").containsEntry("changed_fields", List.of("phone"))
        .containsEntry("resync", Map.of("affected", 1, "enqueued", 1));
    assertThat(connections.find(tenant, mailchimp.id()).orElseThrow().settings())
        .as("the entries replace the setting typed at connect time").doesNotContainKey("mergeFields")
        .containsEntry("mapping.member", "[{\"canonical\":\"custom.tier\",\"vendor\":\"merge_fields.TIER\","
            + "\"direction\":\"both\"},{\"canonical\":\"phone\",\"vendor\":\"merge_fields.MOBILE\","
            + "\"direction\":\"both\"}]")
        .containsEntry("withoutConsent", "transactional").containsEntry("listId", "sandboxlist1");
  }

  @Test
  void badOverridesAreRefusedWithCodeAndFieldAndChangeNothing() {
    Connection hubspot = sandboxConnection("default", "hubspot");
    Connection mailchimp = sandboxConnection("default", "mailchimp");
    assertRefused(put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":\"custom.a\","
        + "\"vendor\":\"a\",\"direction\":\"both\"},{\"canonical\":\"shoeSize\",\"vendor\":\"shoe\",\"direction\":"
        + "\"both\"}]}", ADMIN), "unknown_field", "fields[1].canonical");
    // HubSpot tickets are not synced: no mapping file (deals are mapped since their file came)
    assertRefused(put(hubspot.id(), "{\"vendor_type\":\"ticket\",\"fields\":[]}", ADMIN), "unknown_vendor_type",
        "vendor_type");
    assertRefused(put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":\"custom.a\","
        + "\"vendor\":\"a\",\"direction\":\"sideways\"}]}", ADMIN), "invalid_value", "fields[0].direction");
    assertRefused(put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":\"custom.a\","
        + "\"vendor\":\"a\",\"direction\":\"both\"},{\"canonical\":\"custom.b\",\"vendor\":\"A\",\"direction\":"
        + "\"both\"}]}", ADMIN), "duplicate_field", "fields[1].vendor");
    assertRefused(put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":\"custom.a\"}]}",
        ADMIN), "missing_field", "fields[0].vendor");
    assertRefused(put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[{\"canonical\":\"custom.a\","
        + "\"vendor\":\"LOYALTY\",\"direction\":\"both\"}]}", ADMIN), "unsupported_override", "fields[0].vendor");
    assertRefused(put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[{\"canonical\":\"marketingStatus\","
        + "\"vendor\":\"status\",\"direction\":\"read\"}]}", ADMIN), "unsupported_override", "fields[0].canonical");
    assertRefused(put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":\"custom.a\","
        + "\"vendor\":\"a\",\"direction\":\"both\",\"create\":{\"type\":\"colour\"}}]}", ADMIN), "invalid_value",
        "fields[0].create.type");
    assertRefused(put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[{\"canonical\":\"custom.a\","
        + "\"vendor\":\"merge_fields.A\",\"direction\":\"both\",\"create\":{\"type\":\"enumeration\","
        + "\"options\":[{\"value\":\"x\"},{\"label\":\"no value\"}]}}]}", ADMIN), "invalid_value",
        "fields[0].create.options[1].value");
    assertThat(db.sql("select count(*) from mapping_override where connection_id in (?, ?)")
        .params(hubspot.id(), mailchimp.id()).query(Integer.class).single()).isZero();

    // the vendor's refusal (a merge tag longer than Mailchimp's 10 characters) is a 4xx naming the entry; nothing is
    // saved, and the field created before it in the same save is named in the message
    RawHttp.Response refused = put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[{\"canonical\":"
        + "\"custom.b\",\"vendor\":\"merge_fields.BRANCH\",\"direction\":\"both\"},{\"canonical\":\"custom.c\","
        + "\"vendor\":\"merge_fields.LOYALTYTIER1\",\"direction\":\"both\"}]}", ADMIN);
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(json(refused)).containsEntry("error_code", "vendor_refused").containsEntry("field", "fields[1].vendor");
    assertThat(String.valueOf(json(refused).get("message"))).contains("merge_fields.BRANCH");
    assertThat(db.sql("select count(*) from mapping_override where connection_id = ?").param(mailchimp.id())
        .query(Integer.class).single()).isZero();
    assertThat(connections.find("default", mailchimp.id()).orElseThrow().settings()).doesNotContainKey("mergeFields");

    Connection revoked = connect("default", "hubspot", "portal-revoked-" + UUID.randomUUID(),
        Map.of("accessToken", "pat-revoked"));
    RawHttp.Response rejected = put(revoked.id(), "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":"
        + "\"custom.r\",\"vendor\":\"revoked_prop\",\"direction\":\"both\"}]}", ADMIN);
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
    assertThat(json(rejected)).containsEntry("error_code", "credentials_rejected").containsEntry("field", "credentials");
    assertThat(db.sql("select count(*) from mapping_override where connection_id = ?").param(revoked.id())
        .query(Integer.class).single()).isZero();

    RawHttp.Response ok = put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[{\"canonical\":\"phone\","
        + "\"vendor\":\"merge_fields.MOBILE\",\"direction\":\"both\"},{\"canonical\":\"tags\",\"vendor\":\"tags\","
        + "\"direction\":\"both\"}]}", ADMIN);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok)).containsEntry("created_fields", List.of("merge_fields.MOBILE"));
    assertThat(connections.find("default", mailchimp.id()).orElseThrow().settings())
        .as("the tags restate their default: nothing to create").containsEntry("mapping.member",
            "[{\"canonical\":\"phone\",\"vendor\":\"merge_fields.MOBILE\",\"direction\":\"both\"},"
            + "{\"canonical\":\"tags\",\"vendor\":\"tags\",\"direction\":\"both\"}]");
  }

  @Autowired dev.switchboard.app.mapping.FieldAuthority authority;

  /**
   * Any field a type maps takes an override, one way or both, through a transform written as a mapping file writes it:
   * HubSpot's lifecycle stage to a portal's own property through an enum table, a company's industry read from another
   * property (created there as the contacts' are). The preview shows the transformed value; a changed transform or
   * direction re-sends the records with a value in the field, the same one again nothing.
   */
  @Test
  @SuppressWarnings("unchecked")
  void anyFieldMapsWithADirectionAndATransformAndAChangeOfEitherResendsTheField() {
    String tenant = "transform-" + UUID.randomUUID().toString().substring(0, 8);
    tenants.ensure(tenant, tenant, "US");
    users.create("stager-" + tenant, "mapping-owner-password");
    users.ensureMember("stager-" + tenant, tenant, Role.OWNER);
    String owner = basic("stager-" + tenant, "mapping-owner-password");
    Connection hubspot = sandboxConnection(tenant, "hubspot");
    String client = contact(tenant, Map.of("email", "cl@example.com", "lifecycleStage", "customer"));
    contact(tenant, Map.of("email", "ld@example.com", "lifecycleStage", "lead"));
    contact(tenant, Map.of("email", "no@example.com", "firstName", "Nobody"));
    String stages = "{\"canonical\":\"lifecycleStage\",\"vendor\":\"client_stage\",\"direction\":\"%s\","
        + "\"transform\":{\"enum\":{\"map\":{\"Prospect\":\"lead\",\"Client\":\"customer\"},\"unmapped\":\"absent\"}}}";
    assertThat(typeView(hubspot.id(), "company", owner)).containsEntry("overridable", true);

    String previewPath = "/api/connections/" + hubspot.id() + "/mappings/preview";
    RawHttp.Response proposed = http().send("POST", previewPath, List.of(owner, TYPE), "{\"vendor_type\":\"contact\","
        + "\"record_id\":\"" + client + "\",\"fields\":[" + stages.formatted("both") + "]}");
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
    assertThat(json(proposed)).containsEntry("vendor", Map.of("email", "cl@example.com", "client_stage", "Client"));

    RawHttp.Response saved = put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":["
        + stages.formatted("both") + "]}", owner);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(json(saved)).containsEntry("created_fields", List.of("client_stage"))
        .containsEntry("changed_fields", List.of("lifecycleStage"))
        .containsEntry("resync", Map.of("affected", 2, "enqueued", 2));
    assertThat(connections.find(tenant, hubspot.id()).orElseThrow().settings().get("mapping.contact"))
        .contains("\"transform\":{\"enum\":");
    assertThat((List<Map<String, Object>>) ((Map<String, Object>) typeView(hubspot.id(), "contact", owner)
        .get("override")).get("fields")).singleElement().satisfies(f -> assertThat(f)
        .containsEntry("direction", "both").containsKey("transform"));
    assertThat(json(http().send("POST", previewPath, List.of(owner, TYPE), "{\"vendor_type\":\"contact\","
        + "\"record_id\":\"" + client + "\"}"))).as("the saved mapping").containsEntry("vendor",
        Map.of("email", "cl@example.com", "client_stage", "Client"));

    // another direction is another mapping: the records with a stage are re-sent; the same one again re-sends nothing
    assertThat(json(put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[" + stages.formatted("write")
        + "]}", owner))).containsEntry("changed_fields", List.of("lifecycleStage"))
        .containsEntry("resync", Map.of("affected", 2, "enqueued", 2));
    assertThat(json(put(hubspot.id(), "{\"vendor_type\":\"contact\",\"fields\":[" + stages.formatted("write")
        + "]}", owner))).containsEntry("changed_fields", List.of())
        .containsEntry("resync", Map.of("affected", 0, "enqueued", 0));

    // a company's industry, read from a property of the portal's own and no longer written
    RawHttp.Response industry = put(hubspot.id(), "{\"vendor_type\":\"company\",\"fields\":[{\"canonical\":"
        + "\"industry\",\"vendor\":\"industry_code\",\"direction\":\"read\"}]}", owner);
    assertThat(industry.status()).as(industry.body()).isEqualTo(200);
    assertThat(json(industry)).containsEntry("created_fields", List.of("industry_code"))
        .containsEntry("changed_fields", List.of("industry"));
    assertThat(status("/hubspot/crm/v3/properties/companies/industry_code", "Bearer " + HUBSPOT_TOKEN))
        .isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> typeView(String connection, String vendorType, String auth) {
    return ((List<Map<String, Object>>) json(http().get("/api/connections/" + connection + "/mappings", auth))
        .get("types")).stream().filter(t -> t.get("vendor_type").equals(vendorType)).findFirst().orElseThrow();
  }

  /**
   * The mapping file's validation errors come back from a save and from a preview alike, with the entry's key at
   * fault: a transform for other value types, a transform that cannot apply, a direction that breaks the field's
   * authority, an address to a text merge field. Nothing refused is saved.
   */
  @Test
  void theFilesValidationErrorsComeBackFromSaveAndPreviewNamingTheEntrysKey() {
    String tenant = "invalid-" + UUID.randomUUID().toString().substring(0, 8);
    tenants.ensure(tenant, tenant, "US");
    users.create("checker-" + tenant, "mapping-owner-password");
    users.ensureMember("checker-" + tenant, tenant, Role.OWNER);
    String owner = basic("checker-" + tenant, "mapping-owner-password");
    Connection hubspot = sandboxConnection(tenant, "hubspot");
    String client = contact(tenant, Map.of("email", "cl@example.com", "lifecycleStage", "customer"));
    String previewPath = "/api/connections/" + hubspot.id() + "/mappings/preview";
    String incompatible = "{\"vendor_type\":\"company\",\"fields\":[{\"canonical\":\"employeeCount\",\"vendor\":"
        + "\"numberofemployees\",\"direction\":\"both\",\"transform\":{\"enum\":{\"map\":{\"small\":\"1\"}}}}]";
    String notApplicable = "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":\"custom.name\",\"vendor\":"
        + "\"full_name\",\"direction\":\"both\",\"transform\":\"name: split\"}]";
    String readOnly = "{\"vendor_type\":\"contact\",\"fields\":[{\"canonical\":\"lifecycleStage\",\"vendor\":"
        + "\"lifecyclestage\",\"direction\":\"read\"}]";
    authority.set(tenant, "contact", "lifecycleStage", java.util.Set.of("mailchimp", "api"));
    for (String[] c : List.of(new String[] {incompatible, "incompatible_types", "fields[0].transform"},
        new String[] {notApplicable, "transform_not_applicable", "fields[0].transform"},
        new String[] {readOnly, "direction_breaks_authority", "fields[0].direction"})) {
      assertRefused(put(hubspot.id(), c[0] + "}", owner), c[1], c[2]);
      assertRefused(http().send("POST", previewPath, List.of(owner, TYPE), c[0] + ",\"record_id\":\"" + client
          + "\"}"), c[1], c[2]);
    }
    Connection mailchimp = sandboxConnection(tenant, "mailchimp");
    assertRefused(put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[{\"canonical\":\"address\","
        + "\"vendor\":\"merge_fields.HOME\",\"direction\":\"both\"}]}", owner), "incompatible_types",
        "fields[0].vendor");
    assertThat(db.sql("select count(*) from mapping_override where connection_id in (?, ?)")
        .params(hubspot.id(), mailchimp.id()).query(Integer.class).single()).as("nothing refused was saved").isZero();
  }

  private static Map<String, Object> shownFilter(String field, String operator, List<String> values) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("field", field);
    m.put("operator", operator);
    m.put("values", values);
    return m;
  }

  /**
   * A record filter through the API: validated ({@code unknown_field}, {@code invalid_filter}, with the key at fault),
   * previewed (whether a record passes and why not), saved as a version of the override and carried to egress by the
   * connection's setting; a change re-sends only the records it lets in, and counts those it keeps out as affected.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aFilterIsValidatedPreviewedSavedVersionedAndResendsOnlyTheRecordsItLetsIn() {
    String tenant = "filter-" + UUID.randomUUID().toString().substring(0, 8);
    tenants.ensure(tenant, tenant, "US");
    users.create("filterer-" + tenant, "mapping-owner-password");
    users.ensureMember("filterer-" + tenant, tenant, Role.OWNER);
    String owner = basic("filterer-" + tenant, "mapping-owner-password");
    Connection mailchimp = sandboxConnection(tenant, "mailchimp");
    String lead = contact(tenant, Map.of("email", "l1@example.com", "lifecycleStage", "lead"));
    contact(tenant, Map.of("email", "l2@example.com", "lifecycleStage", "lead"));
    String buyer = contact(tenant, Map.of("email", "c@example.com", "lifecycleStage", "customer"));
    contact(tenant, Map.of("email", "n@example.com"));

    assertThat(typeView(mailchimp.id(), "member", owner)).containsEntry("filter", null)
        .containsEntry("effective_filter", shownFilter(null, "all", List.of()));

    String customers = "\"filter\":{\"field\":\"lifecycleStage\",\"operator\":\"in\",\"values\":[\"customer\"]}";
    assertRefused(put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[],\"filter\":{\"field\":"
        + "\"shoeSize\",\"operator\":\"in\",\"values\":[\"42\"]}}", owner), "unknown_field", "filter.field");
    assertRefused(put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[],\"filter\":{\"field\":"
        + "\"lifecycleStage\",\"operator\":\"equals\",\"values\":[\"customer\"]}}", owner), "invalid_filter",
        "filter.operator");
    assertRefused(put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[],\"filter\":{\"field\":"
        + "\"lifecycleStage\",\"operator\":\"in\",\"values\":[\"buyer\"]}}", owner), "invalid_filter",
        "filter.values[0]");
    assertThat(db.sql("select count(*) from mapping_override where connection_id = ?").param(mailchimp.id())
        .query(Integer.class).single()).isZero();

    // the preview of a proposed filter says whether a record passes and why not, and writes nothing
    String previewPath = "/api/connections/" + mailchimp.id() + "/mappings/preview";
    RawHttp.Response kept = http().send("POST", previewPath, List.of(owner, TYPE),
        "{\"vendor_type\":\"member\",\"record_id\":\"" + lead + "\"," + customers + "}");
    assertThat(kept.status()).as(kept.body()).isEqualTo(200);
    assertThat(json(kept)).containsEntry("mapping", "proposed").containsEntry("passes", false)
        .containsEntry("filtered_out_because", "lifecycleStage is not one of [customer]")
        .containsEntry("filter", shownFilter("lifecycleStage", "in", List.of("customer")));
    assertThat(json(http().send("POST", previewPath, List.of(owner, TYPE),
        "{\"vendor_type\":\"member\",\"record_id\":\"" + buyer + "\"," + customers + "}")))
        .containsEntry("passes", true).containsEntry("filtered_out_because", null);
    assertThat(json(http().send("POST", previewPath, List.of(owner, TYPE),
        "{\"vendor_type\":\"member\",\"record_id\":\"" + lead + "\"}"))).as("the saved mapping: no filter")
        .containsEntry("mapping", "saved").containsEntry("passes", true);
    assertThat(outboxTasks(mailchimp.id())).isZero();

    // customers only: the two leads and the contact without a stage are kept out (affected), nothing is sent
    RawHttp.Response saved = put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[]," + customers + "}",
        owner);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(json(saved)).containsEntry("version", 1).containsEntry("filter_changed", true)
        .containsEntry("filter", shownFilter("lifecycleStage", "in", List.of("customer")))
        .containsEntry("resync", Map.of("affected", 3, "enqueued", 0));
    assertThat(outboxTasks(mailchimp.id())).isZero();
    assertThat(connections.find(tenant, mailchimp.id()).orElseThrow().settings())
        .containsKey("filter.member").containsEntry("listId", "sandboxlist1");

    // leads only: the two leads are let in and re-sent, the customer is kept out
    RawHttp.Response leads = put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[],\"filter\":{"
        + "\"field\":\"lifecycleStage\",\"operator\":\"in\",\"values\":[\"lead\"]}}", owner);
    assertThat(json(leads)).containsEntry("version", 2).containsEntry("resync", Map.of("affected", 3, "enqueued", 2));
    assertThat(outboxTasks(mailchimp.id())).isEqualTo(2);
    Map<String, Object> view = typeView(mailchimp.id(), "member", owner);
    assertThat((Map<String, Object>) view.get("override"))
        .containsEntry("filter", shownFilter("lifecycleStage", "in", List.of("lead")));
    assertThat(view).containsEntry("effective_filter", shownFilter("lifecycleStage", "in", List.of("lead")));
    assertThat((List<Map<String, Object>>) view.get("history")).extracting(v -> v.get("version"))
        .containsExactly(2, 1);

    // no filter: back to the file's (none); the customer and the contact without a stage are let in again
    RawHttp.Response cleared = put(mailchimp.id(), "{\"vendor_type\":\"member\",\"fields\":[]}", owner);
    assertThat(json(cleared)).containsEntry("version", 3).containsEntry("filter", null)
        .containsEntry("resync", Map.of("affected", 2, "enqueued", 2));
    assertThat(connections.find(tenant, mailchimp.id()).orElseThrow().settings()).doesNotContainKey("filter.member");
  }

  /** A filter of another vendor type than the one field overrides are carried for leaves that setting alone. */
  @Test
  void aCompanyFilterIsSavedWithoutTouchingTheContactsCustomProperties() {
    Connection hubspot = sandboxConnection("default", "hubspot");
    connections.updateSettings("default", hubspot.id(), Map.of("customProperties", "tier=loyalty_tier"));
    RawHttp.Response saved = put(hubspot.id(), "{\"vendor_type\":\"company\",\"fields\":[],\"filter\":{"
        + "\"field\":\"domain\",\"operator\":\"present\"}}", ADMIN);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(connections.find("default", hubspot.id()).orElseThrow().settings())
        .containsEntry("customProperties", "tier=loyalty_tier").containsKey("filter.company");
    assertThat(typeView(hubspot.id(), "company", ADMIN))
        .containsEntry("effective_filter", shownFilter("domain", "present", List.of()));
  }

  @Test
  void viewersReadOnlyAndOtherTenantsConnectionsAreNotFound() {
    if (!users.exists("mapping-viewer")) {
      users.create("mapping-viewer", "mapping-viewer-password");
      users.ensureMember("mapping-viewer", "default", Role.VIEWER);
    }
    String viewer = basic("mapping-viewer", "mapping-viewer-password");
    Connection own = connect("default", "hubspot", "portal-v-" + UUID.randomUUID(), Map.of("accessToken", "x"));
    Connection other = connect("other-" + UUID.randomUUID().toString().substring(0, 8), "hubspot",
        "portal-o-" + UUID.randomUUID(), Map.of("accessToken", "x"));
    assertThat(http().get("/api/connections/" + own.id() + "/mappings", viewer).status()).isEqualTo(200);
    assertThat(put(own.id(), "{\"vendor_type\":\"contact\",\"fields\":[]}", viewer).status()).isEqualTo(403);
    assertThat(http().get("/api/connections/" + other.id() + "/mappings", ADMIN).status()).isEqualTo(404);
    assertThat(put(other.id(), "{\"vendor_type\":\"contact\",\"fields\":[]}", ADMIN).status()).isEqualTo(404);
    assertThat(http().get("/api/connections/" + own.id() + "/mappings", bearer()).status()).isEqualTo(401);
  }

  private static void assertRefused(RawHttp.Response r, String code, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(json(r)).containsEntry("error_code", code).containsEntry("field", field);
  }
}
