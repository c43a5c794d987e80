package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import dev.switchboard.app.mapping.FieldSpec;
import dev.switchboard.sandbox.SandboxServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * Batch writes against the HubSpot emulator, which (like HubSpot) fails a whole batch for one bad input unless
 * every input carries objectWriteTraceId: one bad record must not take the valid ones of its batch down.
 */
class HubSpotConnectorSandboxTest {

  static SandboxServer sandbox;
  static RestClient ctl;
  HubSpotConnector connector;
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
    connector = new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(sandbox.baseUrl() + "/hubspot", 100, ""));
    conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "1001",
        Map.of("customProperties", "vip=hs_vip"), Map.of("accessToken", "pat-sandbox-hubspot", "clientSecret", "s"));
  }

  private static CanonicalRecord contact(Map<String, Object> f) {
    return CanonicalRecord.contact(f);
  }

  @Test
  void aRecordHubSpotRefusesIsRejectedAloneAndTheOthersAreWritten() {
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("email", "good@example.com", "firstName", "Good"))),
        new WriteRequest(2, null, contact(Map.of("email", "vip@example.com", "custom.vip", "gold"))),
        new WriteRequest(3, null, contact(Map.of("email", "also@example.com")))));
    assertThat(out.get(0)).isInstanceOf(WriteResult.Written.class);
    assertThat(out.get(2)).isInstanceOf(WriteResult.Written.class);
    WriteResult.Rejected rejected = (WriteResult.Rejected) out.get(1);
    assertThat(rejected.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(rejected.field()).isEqualTo("hs_vip"); // the HubSpot property that does not exist
    String id = ((WriteResult.Written) out.get(0)).externalId();
    assertThat(connector.fetch(conn, "contact", id)).isPresent();

    List<WriteResult> updates = connector.write(conn, "contact", List.of(
        new WriteRequest(4, id, contact(Map.of("firstName", "Better"))),
        new WriteRequest(5, "999999", contact(Map.of("firstName", "Ghost")))));
    assertThat(updates.get(0)).isInstanceOf(WriteResult.Written.class);
    assertThat(((WriteResult.Rejected) updates.get(1)).errorCode()).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(connector.fetch(conn, "contact", id).orElseThrow().record().string("firstName")).isEqualTo("Better");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMappedPropertyIsCreatedInTheSwitchboardGroupOnceAndThenTakesValues() {
    assertThat(connector.ensureField(conn, "contact", "hs_vip", "vip", FieldSpec.text()).created()).isTrue();
    assertThat(connector.ensureField(conn, "contact", "hs_vip", "vip", FieldSpec.text()).created())
        .as("found: not created twice").isFalse();
    Map<String, Object> property = ctl.get().uri("/hubspot/crm/v3/properties/contacts/hs_vip")
        .header("Authorization", "Bearer pat-sandbox-hubspot").retrieve().body(Map.class);
    assertThat(property).containsEntry("groupName", "switchboard").containsEntry("type", "string")
        .containsEntry("fieldType", "text").containsEntry("label", "vip");
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("email", "vip2@example.com", "custom.vip", "gold")))));
    assertThat(out.get(0)).isInstanceOf(WriteResult.Written.class);
    assertThatThrownBy(() -> connector.ensureField(conn, "deal", "x", "x", FieldSpec.text()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Each kind of field is created as HubSpot's type / fieldType pair, an enumeration with its options in order and a
   * bool with HubSpot's true / false options, and reads back as the same kind; a property that is there keeps its
   * type and says what it is.
   */
  @Test
  @SuppressWarnings("unchecked")
  void typedPropertiesAreCreatedAsHubSpotsPairsWithTheirOptionsAndDescribedBack() {
    FieldSpec tiers = FieldSpec.enumeration(List.of(new FieldSpec.Option("gold", "Gold"),
        new FieldSpec.Option("silver", null)));
    Map<String, String[]> pairs = Map.of("hs_tier", new String[] {"enumeration", "select"},
        "hs_visits", new String[] {"number", "number"}, "hs_since", new String[] {"date", "date"},
        "hs_seen", new String[] {"datetime", "date"}, "hs_vip", new String[] {"bool", "booleancheckbox"});
    Map<String, FieldSpec> specs = Map.of("hs_tier", tiers, "hs_visits", FieldSpec.of(FieldSpec.NUMBER),
        "hs_since", FieldSpec.of(FieldSpec.DATE), "hs_seen", FieldSpec.of(FieldSpec.DATETIME),
        "hs_vip", FieldSpec.of(FieldSpec.BOOL));
    specs.forEach((name, spec) -> {
      assertThat(connector.ensureField(conn, "contact", name, name, spec).created()).isTrue();
      Map<String, Object> property = ctl.get().uri("/hubspot/crm/v3/properties/contacts/" + name)
          .header("Authorization", "Bearer pat-sandbox-hubspot").retrieve().body(Map.class);
      assertThat(property).containsEntry("groupName", "switchboard").containsEntry("type", pairs.get(name)[0])
          .containsEntry("fieldType", pairs.get(name)[1]);
      if (name.equals("hs_tier")) {
        assertThat((List<Map<String, Object>>) property.get("options"))
            .extracting(o -> o.get("value") + "/" + o.get("label") + "/" + o.get("displayOrder"))
            .containsExactly("gold/Gold/0", "silver/silver/1");
      }
      if (name.equals("hs_vip")) {
        assertThat((List<Map<String, Object>>) property.get("options")).extracting(o -> o.get("value"))
            .containsExactly("true", "false");
      }
    });
    assertThat(connector.describeField(conn, "contact", "hs_tier")).contains(FieldSpec.enumeration(List.of(
        new FieldSpec.Option("gold", "Gold"), new FieldSpec.Option("silver", "silver"))));
    assertThat(connector.describeField(conn, "contact", "hs_seen")).contains(FieldSpec.of(FieldSpec.DATETIME));
    assertThat(connector.describeField(conn, "contact", "no_such_property")).isEmpty();
    Connector.EnsuredField there = connector.ensureField(conn, "contact", "hs_visits", "visits", FieldSpec.text());
    assertThat(there.created()).isFalse();
    assertThat(there.existing()).isEqualTo(FieldSpec.of(FieldSpec.NUMBER));
  }

  /**
   * A custom field is a text in the spine; written to a bool or date property it goes in HubSpot's form (a yes is
   * {@code true}, an instant its UTC date), which HubSpot would otherwise refuse, and a text property gets it as it is.
   */
  @Test
  void customValuesGoToBoolAndDatePropertiesInHubSpotsForm() {
    ConnectionContext typed = new ConnectionContext(conn.connectionId(), "t1", "hubspot", "1001",
        Map.of("customProperties", "vip=hs_vip,since=hs_since,note=hs_note"), conn.credentials());
    connector.ensureField(typed, "contact", "hs_vip", "vip", FieldSpec.of(FieldSpec.BOOL));
    connector.ensureField(typed, "contact", "hs_since", "since", FieldSpec.of(FieldSpec.DATE));
    connector.ensureField(typed, "contact", "hs_note", "note", FieldSpec.text());
    List<WriteResult> out = connector.write(typed, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("email", "typed@example.com", "custom.vip", "Yes",
            "custom.since", "2024-01-15T09:30:00+01:00", "custom.note", "Yes")))));
    assertThat(out.get(0)).isInstanceOf(WriteResult.Written.class);
    CanonicalRecord back = connector.fetch(typed, "contact", ((WriteResult.Written) out.get(0)).externalId())
        .orElseThrow().record();
    assertThat(back.string("custom.vip")).isEqualTo("true");
    assertThat(back.string("custom.since")).isEqualTo("2024-01-15");
    assertThat(back.string("custom.note")).isEqualTo("Yes");
  }

  /**
   * A merge repeated in HubSpot: the survivor stays (its id is answered), the merged contact is gone from reads, and
   * a merge of an id HubSpot does not have is a permanent (non-retryable) failure.
   */
  @Test
  void mergesTwoContactsKeepingTheSurvivor() {
    List<WriteResult> out = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("email", "keep@example.com", "firstName", "Keep"))),
        new WriteRequest(2, null, contact(Map.of("email", "fold@example.com", "lastName", "Fold")))));
    String survivor = ((WriteResult.Written) out.get(0)).externalId();
    String merged = ((WriteResult.Written) out.get(1)).externalId();
    assertThat(connector.mergeableTypes()).contains("contact", "company");

    assertThat(connector.merge(conn, "contact", survivor, merged)).contains(survivor);

    assertThat(connector.fetch(conn, "contact", survivor)).isPresent();
    assertThat(connector.fetchMany(conn, "contact", List.of(merged))).doesNotContainKey(merged);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.merge(conn, "contact", survivor, "999999"))
        .isInstanceOfSatisfying(dev.switchboard.app.connectors.VendorException.class,
            e -> assertThat(e.retryable()).isFalse());
  }

  /**
   * The check sets up the group and the unique property once; a second node, or a check after a restart, finds them
   * there (HubSpot answers 409) and that is success.
   */
  @Test
  void theCheckSetsUpTheSwitchboardIdPropertyIdempotently() {
    RestClient hubspot = RestClient.builder().baseUrl(sandbox.baseUrl() + "/hubspot")
        .defaultHeader("Authorization", "Bearer pat-sandbox-hubspot")
        .defaultStatusHandler(s -> true, (req, res) -> {}).build();
    assertThat(hubspot.get().uri("/crm/v3/properties/contacts/switchboard_id").retrieve().toBodilessEntity()
        .getStatusCode().value()).isEqualTo(404);

    String portal = connector.check(conn);
    @SuppressWarnings("unchecked")
    Map<String, Object> property = hubspot.get().uri("/crm/v3/properties/contacts/switchboard_id").retrieve()
        .body(Map.class);
    assertThat(property).containsEntry("hasUniqueValue", true).containsEntry("groupName", "switchboard")
        .containsEntry("label", "Switchboard ID").containsEntry("type", "string").containsEntry("fieldType", "text")
        .containsEntry("formField", false);
    assertThat(hubspot.get().uri("/crm/v3/properties/contacts/groups/switchboard").retrieve().toBodilessEntity()
        .getStatusCode().value()).isEqualTo(200);

    HubSpotConnector otherNode = new HubSpotConnector(
        new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(sandbox.baseUrl() + "/hubspot", 100, ""));
    assertThat(otherNode.check(conn)).isEqualTo(portal);
    assertThat(connector.check(conn)).isEqualTo(portal);
  }

  /**
   * Against the emulator's unique-property upsert: a phone-only contact is created; the same key again (a retry of a
   * newer version, another e-mail) updates it; a create whose e-mail another contact has updates that one instead.
   */
  @Test
  void createsAreIdempotentByKeyAndNeedNoEmail() {
    WriteResult created = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("phone", "+14155550100", "firstName", "Phoebe")), "sb1_a"))).getFirst();
    String id = ((WriteResult.Written) created).externalId();
    WriteResult again = connector.write(conn, "contact", List.of(new WriteRequest(2, null,
        contact(Map.of("phone", "+14155550100", "firstName", "Phoebe", "email", "phoebe@example.com")), "sb1_a")))
        .getFirst();
    assertThat(((WriteResult.Written) again).externalId()).isEqualTo(id);
    assertThat(connector.fetch(conn, "contact", id).orElseThrow().record().string("email")).isEqualTo("phoebe@example.com");

    String existing = ((WriteResult.Written) connector.write(conn, "contact", List.of(
        new WriteRequest(3, null, contact(Map.of("email", "old@example.com"))))).getFirst()).externalId();
    WriteResult matched = connector.write(conn, "contact", List.of(new WriteRequest(4, null,
        contact(Map.of("email", "old@example.com", "firstName", "Olga")), "sb1_b"))).getFirst();
    assertThat(((WriteResult.Written) matched).externalId()).isEqualTo(existing);
    assertThat(connector.fetch(conn, "contact", existing).orElseThrow().record().string("firstName")).isEqualTo("Olga");
  }

  /** switchboard_id was deleted after this process set it up (a person, a sandbox reset): the next create sets it up again. */
  @Test
  void aDeletedSwitchboardIdIsSetUpAgainByTheNextCreate() {
    connector.check(conn);
    ctl.post().uri("/_sandbox/reset").retrieve().toBodilessEntity();
    WriteResult r = connector.write(conn, "contact", List.of(
        new WriteRequest(1, null, contact(Map.of("phone", "+14155550100")), "sb1_c"))).getFirst();
    assertThat(r).as(String.valueOf(r)).isInstanceOf(WriteResult.Written.class);
  }
}
