package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.support.FakeVendor;
import dev.switchboard.app.sync.MutableClock;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Owners are read from {@code GET /crm/owners/2026-03} (v3: {@code /crm/v3/owners}) (every page, active and deactivated), kept for a bounded time per
 * connection, read again on a miss at most once a minute, and map HubSpot's owner id ⇄ the owner's e-mail; an owner
 * the portal does not have is left out of a read and unset in a write, with the reason counted.
 */
class HubSpotOwnersTest {
  static final String OWNERS = "/hubspot/crm/owners/2026-03"; // the default API version (HubSpotApiVersion)

  private FakeVendor fake;
  private MutableClock clock;
  private HubSpotOwners owners;
  private ConnectionContext conn;
  private SimpleMeterRegistry meters;

  @BeforeEach
  void setUp() {
    fake = new FakeVendor();
    clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
    HubSpotConnector connector = new HubSpotConnector(
        new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(fake.url("/hubspot"), 100, ""), AllowedVendorHosts.none(), clock);
    owners = connector.owners();
    conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "1001", Map.of(),
        Map.of("accessToken", "pat-na1-secret", "clientSecret", "s"));
    meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
  }

  @AfterEach
  void tearDown() {
    fake.close();
    Metrics.removeRegistry(meters);
  }

  private void directory() {
    fake.respondFixture(200, "hubspot/owners/page1.json").respondFixture(200, "hubspot/owners/page2.json")
        .respondFixture(200, "hubspot/owners/archived.json");
  }

  private long ownerReads() {
    return fake.requests.stream().filter(r -> r.path().equals(OWNERS)).count();
  }

  private double unresolved(String direction) {
    var c = meters.find("switchboard.hubspot.owner_unresolved").tag("direction", direction).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void everyPageOfActiveAndDeactivatedOwnersIsReadOnce() {
    directory();
    assertThat(owners.emailOf(conn, "100101")).contains("ava.reed@portal1001.example.com"); // lower-cased
    assertThat(owners.emailOf(conn, "100102")).as("from the second page").contains("ben.ortiz@portal1001.example.com");
    assertThat(owners.emailOf(conn, "100104")).as("deactivated: still named on old records")
        .contains("dan.archer@portal1001.example.com");
    assertThat(owners.idOf(conn, "Ben.Ortiz@portal1001.example.com")).contains("100102");
    assertThat(owners.idOf(conn, "dan.archer@portal1001.example.com")).as("a deactivated owner is not assigned")
        .isEmpty();
    assertThat(fake.requests).extracting(FakeVendor.Request::query).containsExactly(
        "limit=500&archived=false", "limit=500&archived=false&after=1", "limit=500&archived=true");
    assertThat(fake.requests.getFirst().header("Authorization")).isEqualTo("Bearer pat-na1-secret");
  }

  @Test
  void theDirectoryIsKeptForItsTtlAndAMissReadsItAgainAtMostOnceAMinute() {
    directory();
    assertThat(owners.emailOf(conn, "100101")).isPresent();
    assertThat(ownerReads()).isEqualTo(3);
    assertThat(owners.emailOf(conn, "999")).as("a miss within a minute of the read: no new read").isEmpty();
    assertThat(ownerReads()).isEqualTo(3);

    clock.advance(Duration.ofMinutes(2));
    fake.respond(200, "{\"results\":[{\"id\":\"999\",\"email\":\"new.user@portal1001.example.com\","
        + "\"archived\":false}]}").respond(200, "{\"results\":[]}");
    assertThat(owners.emailOf(conn, "999")).as("a new user, known at their first record")
        .contains("new.user@portal1001.example.com");
    assertThat(ownerReads()).isEqualTo(5);
    assertThat(owners.emailOf(conn, "100101")).as("the directory read again replaces the old one").isEmpty();

    clock.advance(HubSpotOwners.TTL);
    directory();
    assertThat(owners.emailOf(conn, "100101")).as("after the TTL").isPresent();
    assertThat(ownerReads()).isEqualTo(8);
  }

  @Test
  void aReadNamesTheOwnerByEMailAndLeavesAnUnknownOrEmptyOneOut() {
    directory();
    SourceRecord known = record("100101");
    assertThat(owners.resolve(conn, known).record().fields()).containsEntry("owner",
        "ava.reed@portal1001.example.com");
    assertThat(owners.resolve(conn, known).fieldModifiedAt()).containsKey("owner");
    SourceRecord unknown = owners.resolve(conn, record("424242"));
    assertThat(unknown.record().fields()).doesNotContainKey("owner").containsKey("body");
    assertThat(unknown.fieldModifiedAt()).doesNotContainKey("owner");
    assertThat(owners.resolve(conn, record("")).record().fields()).as("no owner is not a cleared owner")
        .doesNotContainKey("owner");
    assertThat(unresolved("read")).isEqualTo(1);
    SourceRecord none = new SourceRecord("activity", "1", Instant.EPOCH,
        new CanonicalRecord("activity", Map.of("kind", "note")));
    assertThat(owners.resolve(conn, none)).isSameAs(none);
  }

  @Test
  void aWriteSendsTheOwnersIdAndLeavesAnUnknownOwnerUnsetWithItsReason() {
    directory();
    ObjectNode known = HubSpotClient.JSON.createObjectNode().put("hubspot_owner_id", "AVA.reed@portal1001.example.com");
    assertThat(owners.toIds(conn, known, 7)).isTrue();
    assertThat(known.path("hubspot_owner_id").asString()).isEqualTo("100101");

    ObjectNode unknown = HubSpotClient.JSON.createObjectNode().put("hubspot_owner_id", "someone@else.example.com")
        .put("hs_note_body", "kept");
    assertThat(owners.toIds(conn, unknown, 8)).isFalse();
    assertThat(unknown.has("hubspot_owner_id")).as("HubSpot keeps what it holds").isFalse();
    assertThat(unknown.path("hs_note_body").asString()).isEqualTo("kept");
    assertThat(unresolved("write")).isEqualTo(1);

    ObjectNode cleared = HubSpotClient.JSON.createObjectNode().put("hubspot_owner_id", "");
    assertThat(owners.toIds(conn, cleared, 9)).isTrue();
    assertThat(cleared.path("hubspot_owner_id").asString()).as("an empty owner clears it").isEmpty();
  }

  @Test
  void connectionsKeepTheirOwnDirectories() {
    directory();
    assertThat(owners.emailOf(conn, "100101")).isPresent();
    ConnectionContext other = new ConnectionContext("conn-other-" + System.nanoTime(), "t2", "hubspot", "1002",
        Map.of(), Map.of("accessToken", "pat-other", "clientSecret", "s"));
    fake.respond(200, "{\"results\":[]}").respond(200, "{\"results\":[]}");
    assertThat(owners.emailOf(other, "100101")).as("another portal's owner").isEmpty();
    assertThat(fake.requests.getLast().header("Authorization")).isEqualTo("Bearer pat-other");
  }

  private static SourceRecord record(String ownerId) {
    return new SourceRecord("activity", "600001", Instant.parse("2025-03-06T12:00:00Z"),
        new CanonicalRecord("activity", Map.of("kind", "note", "body", "b", "owner", ownerId)), null,
        Map.of("owner", Instant.parse("2025-03-06T11:00:00Z"), "body", Instant.parse("2025-03-06T11:00:00Z")));
  }
}
