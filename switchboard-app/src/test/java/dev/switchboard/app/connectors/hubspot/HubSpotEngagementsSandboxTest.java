package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import dev.switchboard.app.sync.MutableClock;
import dev.switchboard.sandbox.SandboxServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Engagements against the HubSpot emulator: a note's write round trip (the one engagement the TCK's write contract
 * cannot run), a dateless create dated once and not again when repeated after a crash, owners written by e-mail (an
 * unknown one left unset, the rest of the record written) and read back by e-mail, and an engagement's contacts read
 * as edges labelled {@code contact}.
 */
class HubSpotEngagementsSandboxTest {
  static SandboxServer sandbox;
  static RestClient ctl;
  RestClient api;
  MutableClock clock;
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
    api = RestClient.builder().baseUrl(sandbox.baseUrl() + "/hubspot")
        .defaultHeader("Authorization", "Bearer pat-sandbox-hubspot").build();
    clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
    connector = new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(sandbox.baseUrl() + "/hubspot", 100, ""),
        dev.switchboard.app.connectors.AllowedVendorHosts.none(), clock);
    conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "1001", Map.of(),
        Map.of("accessToken", "pat-sandbox-hubspot", "clientSecret", "s"));
  }

  private static CanonicalRecord activity(Map<String, Object> fields) {
    return new CanonicalRecord("activity", fields);
  }

  private String written(WriteResult r) {
    assertThat(r).isInstanceOf(WriteResult.Written.class);
    return ((WriteResult.Written) r).externalId();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> properties(String type, String id, String props) {
    Map<String, Object> r = api.get().uri("/crm/v3/objects/{t}/{id}?properties={p}", type, id, props).retrieve()
        .body(Map.class);
    return (Map<String, Object>) r.get("properties");
  }

  @Test
  void aNoteWritesAndReadsBackAndWritingWhatWasReadChangesNothing() {
    String id = written(connector.write(conn, "note", List.of(new WriteRequest(1, null,
        activity(Map.of("kind", "note", "body", "  Ann prefers quarterly invoices.  ")), "sb1_note-a"))).getFirst());
    SourceRecord read = connector.fetch(conn, "note", id).orElseThrow();
    assertThat(read.record().fields()).containsEntry("kind", "note")
        .containsEntry("body", "Ann prefers quarterly invoices.");
    assertThat(properties("notes", id, "hs_timestamp").get("hs_timestamp")).as("dated by the write")
        .isEqualTo("2026-12-07T06:00:00.000Z");

    written(connector.write(conn, "note", List.of(new WriteRequest(2, id,
        activity(Map.of("kind", "note", "body", "Monthly now."))))).getFirst());
    SourceRecord after = connector.fetch(conn, "note", id).orElseThrow();
    assertThat(after.record().string("body")).isEqualTo("Monthly now.");
    written(connector.write(conn, "note", List.of(new WriteRequest(3, id, after.record()))).getFirst());
    assertThat(connector.fetch(conn, "note", id).orElseThrow().modifiedAt()).as("no change at HubSpot")
        .isEqualTo(after.modifiedAt());
  }

  @Test
  void aDatelessCreateRepeatedAfterACrashKeepsTheDateTheFirstAttemptGaveIt() {
    CanonicalRecord note = activity(Map.of("kind", "note", "body", "First attempt"));
    String id = written(connector.write(conn, "note", List.of(new WriteRequest(1, null, note, "sb1_crash"))).getFirst());
    Map<String, Object> first = properties("notes", id, "hs_timestamp,hs_lastmodifieddate");

    clock.advance(Duration.ofMinutes(5)); // the retry, after the crash
    assertThat(written(connector.write(conn, "note", List.of(new WriteRequest(2, null, note, "sb1_crash")))
        .getFirst())).isEqualTo(id);
    Map<String, Object> again = properties("notes", id, "hs_timestamp,hs_lastmodifieddate");
    assertThat(again.get("hs_timestamp")).isEqualTo(first.get("hs_timestamp"));
    assertThat(again.get("hs_lastmodifieddate")).as("nothing changed").isEqualTo(first.get("hs_lastmodifieddate"));
  }

  @Test
  void ownersAreWrittenAndReadByEMailAndAnUnknownOneIsLeftUnset() {
    String known = written(connector.write(conn, "meeting", List.of(new WriteRequest(1, null, activity(Map.of(
        "kind", "meeting", "subject", "Kick-off", "startAt", "2026-12-10T15:00:00Z",
        "owner", "Ben.Ortiz@portal1001.example.com")), "sb1_owner-known"))).getFirst());
    assertThat(properties("meetings", known, "hubspot_owner_id").get("hubspot_owner_id")).isEqualTo("100102");
    assertThat(connector.fetch(conn, "meeting", known).orElseThrow().record().fields())
        .containsEntry("owner", "ben.ortiz@portal1001.example.com");

    String unknown = written(connector.write(conn, "task", List.of(new WriteRequest(2, null, activity(Map.of(
        "kind", "task", "subject", "Call back", "dueAt", "2026-12-11T09:00:00Z",
        "owner", "nobody@elsewhere.example.com")), "sb1_owner-unknown"))).getFirst());
    Map<String, Object> held = properties("tasks", unknown, "hubspot_owner_id,hs_task_subject,hs_timestamp");
    assertThat(held.get("hubspot_owner_id")).as("left unset, not a failed record").isNull();
    assertThat(held.get("hs_task_subject")).isEqualTo("Call back");
    assertThat(held.get("hs_timestamp")).isEqualTo("2026-12-11T09:00:00.000Z");
    assertThat(connector.fetch(conn, "task", unknown).orElseThrow().record().fields()).doesNotContainKey("owner");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anEngagementsContactsAreEdgesLabelledContact() {
    Map<String, Object> c = api.post().uri("/crm/v3/objects/contacts").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", Map.of("email", "guest@example.com"))).retrieve().body(Map.class);
    String contact = String.valueOf(c.get("id"));
    String call = written(connector.write(conn, "call", List.of(new WriteRequest(1, null, activity(Map.of(
        "kind", "call", "subject", "Discovery", "startAt", "2026-12-10T10:00:00Z")), "sb1_call"))).getFirst());
    api.put().uri("/crm/v4/objects/calls/{id}/associations/default/contacts/{c}", call, contact).retrieve()
        .toBodilessEntity();
    SourceRecord read = connector.fetch(conn, "call", call).orElseThrow();
    assertThat(read.associations()).containsExactly(new SourceRecord.Association("contact", "contact", contact,
        false));
    assertThat(connector.fetchAssociations(conn, "call", List.of(call)).get(call))
        .containsExactlyElementsOf(read.associations());
  }
}
