package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.TimestampCapability;
import dev.switchboard.app.support.FakeVendor;
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
 * HubSpot dates contacts and companies per property: fetches read the mapped properties with
 * {@code propertiesWithHistory} (fixtures in HubSpot's documented shape) and each canonical field gets the time its
 * current value was set; pages do not ask for it.
 */
class HubSpotFieldTimesTest {
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

  @Test
  void contactsAndCompaniesDeclareMillisecondTimesPerField() {
    assertThat(connector.timestamps("contact")).isEqualTo(TimestampCapability.perField(Duration.ofMillis(1)));
    assertThat(connector.timestamps("company")).isEqualTo(TimestampCapability.perField(Duration.ofMillis(1)));
  }

  @Test
  void aFetchAsksForTheMappedPropertiesHistoryAndDatesEachFieldBySinceWhenItHoldsItsValue() {
    fake.respondFixture(200, "hubspot/contacts/with_history.json");
    SourceRecord r = connector.fetch(conn, "contact", "51").orElseThrow();

    assertThat(fake.requests.getFirst().query()).contains(
        "propertiesWithHistory=email,firstname,lastname,phone,company,lifecyclestage,hubspot_owner_id,"
            + "hs_email_optout,hs_vip&");
    assertThat(r.fieldModifiedAt()).containsOnly(
        Map.entry(ContactField.EMAIL, Instant.parse("2024-03-01T10:15:00Z")),
        // set to Bryan by hand on April 1st; our integration writing the same value again does not make it newer
        Map.entry(ContactField.FIRST_NAME, Instant.parse("2024-04-01T10:00:00.100Z")),
        Map.entry(ContactField.LAST_NAME, Instant.parse("2024-04-20T09:00:00Z")),
        Map.entry(ContactField.MARKETING_STATUS, Instant.parse("2024-04-25T12:00:00.500Z")),
        Map.entry("custom.vip", Instant.ofEpochMilli(1714000000000L)));
    // company: the newest history entry is not the current value, so it cannot tell; phone: no history
    assertThat(r.record().fields()).containsKeys(ContactField.COMPANY, ContactField.PHONE);
    assertThat(r.modifiedAt()).isEqualTo(Instant.parse("2024-05-02T08:30:12.345Z"));
  }

  @Test
  void aBatchReadAsksForHistoryInItsBodyAndAnAddressIsAsNewAsItsNewestProperty() {
    fake.respondFixture(200, "hubspot/companies/batch_read_with_history.json");
    Map<String, SourceRecord> read = connector.fetchMany(conn, "company", List.of("7001"));

    JsonNode body = HubSpotClient.JSON.readTree(fake.requests.getFirst().body());
    assertThat(body.path("propertiesWithHistory").valueStream().map(JsonNode::asString).toList())
        .contains("name", "address", "address2", "city", "state", "zip", "country").doesNotContain("hs_lastmodifieddate");
    Map<String, Instant> times = read.get("7001").fieldModifiedAt();
    assertThat(times).containsEntry("address", Instant.parse("2024-04-07T07:07:07.007Z"))
        .containsEntry("name", Instant.parse("2024-02-01T00:00:00Z"));
  }

  @Test
  void pagesDoNotAskForHistoryAndTheirRecordsCarryNoFieldTimes() {
    fake.respondFixture(200, "hubspot/contacts/search_page2.json");
    var page = connector.listModified(conn, "contact", Instant.parse("2024-05-01T00:00:00Z"), null);
    assertThat(fake.requests.getFirst().body()).doesNotContain("propertiesWithHistory");
    assertThat(page.records()).isNotEmpty().allSatisfy(r -> assertThat(r.fieldModifiedAt()).isNull());
  }
}
