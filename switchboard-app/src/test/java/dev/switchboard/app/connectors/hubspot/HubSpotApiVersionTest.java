package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.support.FakeVendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HubSpot API version is one setting: every path the client calls is built for the connection's
 * {@code apiVersion}, else the installation's ({@code switchboard.connectors.hubspot.api-version}), default the date
 * version 2026-03; {@code v3} keeps the numeric paths.
 */
class HubSpotApiVersionTest {
  private final FakeVendor fake = new FakeVendor();

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private HubSpotClient client(String installationVersion) {
    HubSpotProperties props = new HubSpotProperties(fake.url("/hubspot"), 100, 4, "", installationVersion);
    return new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000), props)
        .client();
  }

  private static ConnectionContext connection(Map<String, String> settings) {
    return new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "62515", settings,
        Map.of("accessToken", "pat-na1-secret"));
  }

  /** Calls one of each kind of path the client builds and returns the paths it called, in order. */
  private List<String> pathsCalled(HubSpotClient client, ConnectionContext c) {
    for (int i = 0; i < 9; i++) {
      fake.respond(200, "{\"results\":[],\"status\":\"COMPLETE\"}");
    }
    client.accountDetails(c);
    client.getObject(c, "contacts", "51", List.of("email"), List.of(), List.of());
    client.batchRead(c, "companies", List.of("1"), List.of("name"), List.of());
    client.search(c, "contacts", HubSpotClient.JSON.createObjectNode());
    client.batchUpsert(c, "contacts", HubSpotClient.JSON.createObjectNode());
    client.batchReadAssociations(c, "contacts", "companies", List.of(Map.entry("1", "")));
    client.associationLabels(c, "contacts", "companies");
    client.batchArchiveAssociations(c, "contacts", "companies", HubSpotClient.JSON.createObjectNode());
    client.getProperty(c, "contacts", "switchboard_id");
    return fake.requests.stream().map(FakeVendor.Request::path).toList();
  }

  @Test
  void theDefaultIsTheDateVersionOnEveryPath() {
    HubSpotClient client = client("");
    ConnectionContext c = connection(Map.of());
    assertThat(client.version(c)).isEqualTo(HubSpotApiVersion.DATED);
    assertThat(pathsCalled(client, c)).containsExactly(
        "/hubspot/account-info/2026-03/details",
        "/hubspot/crm/objects/2026-03/contacts/51",
        "/hubspot/crm/objects/2026-03/companies/batch/read",
        "/hubspot/crm/objects/2026-03/contacts/search",
        "/hubspot/crm/objects/2026-03/contacts/batch/upsert",
        "/hubspot/crm/associations/2026-03/contacts/companies/batch/read",
        "/hubspot/crm/associations/2026-03/contacts/companies/labels",
        "/hubspot/crm/associations/2026-03/contacts/companies/batch/archive",
        "/hubspot/crm/properties/2026-03/contacts/switchboard_id");
  }

  @Test
  void aConnectionSetToV3SpeaksTheNumericPaths() {
    HubSpotClient client = client("2026-03");
    ConnectionContext c = connection(Map.of("apiVersion", "v3"));
    assertThat(pathsCalled(client, c)).containsExactly(
        "/hubspot/account-info/v3/details",
        "/hubspot/crm/v3/objects/contacts/51",
        "/hubspot/crm/v3/objects/companies/batch/read",
        "/hubspot/crm/v3/objects/contacts/search",
        "/hubspot/crm/v3/objects/contacts/batch/upsert",
        "/hubspot/crm/v4/associations/contacts/companies/batch/read",
        "/hubspot/crm/v4/associations/contacts/companies/labels",
        "/hubspot/crm/v4/associations/contacts/companies/batch/archive",
        "/hubspot/crm/v3/properties/contacts/switchboard_id");
  }

  @Test
  void theInstallationSettingIsTheDefaultAConnectionOverrides() {
    HubSpotClient legacy = client("v3");
    assertThat(legacy.version(connection(Map.of()))).isEqualTo(HubSpotApiVersion.LEGACY);
    assertThat(legacy.version(connection(Map.of("apiVersion", "2026-03")))).isEqualTo(HubSpotApiVersion.DATED);
    fake.respond(200, "{}");
    legacy.accountDetails(connection(Map.of()));
    assertThat(fake.requests.getLast().path()).isEqualTo("/hubspot/account-info/v3/details");
  }

  @Test
  void onlyVersionsWhoseShapesWereComparedAreAccepted() {
    HubSpotConnector connector = new HubSpotConnector(
        new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000), HubSpotProperties.defaults());
    assertThat(connector.settingRefusal(Map.of("apiVersion", "v3"))).isEmpty();
    assertThat(connector.settingRefusal(Map.of("apiVersion", "2026-03"))).isEmpty();
    assertThat(connector.settingRefusal(Map.of())).isEmpty();
    assertThat(connector.settingRefusal(Map.of("apiVersion", "2025-09"))).hasValueSatisfying(r -> {
      assertThat(r.getKey()).isEqualTo("apiVersion");
      assertThat(r.getValue()).contains("v3", "2026-03");
    });
    assertThat(connector.settingRefusal(Map.of("apiVersion", "v4"))).isPresent();
    assertThatThrownBy(() -> new HubSpotProperties("https://api.hubapi.com", 100, 4, "", "2025-09"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api-version");
  }
}
