package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.EdgeWrite;
import dev.switchboard.app.connectors.EdgeWriteResult;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
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
 * The spine's edge writes against the HubSpot emulator: v4 batch create (primary type 1, unlabeled 279) and batch
 * archive, read back through every path the spine reads associations by, with per-item results.
 */
class HubSpotEdgeWritesSandboxTest {

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
    conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "1001", Map.of(),
        Map.of("accessToken", "pat-sandbox-hubspot", "clientSecret", "s"));
    connector.check(conn);
  }

  private String create(String type, Map<String, Object> fields, String key) {
    WriteResult r = connector.write(conn, type, List.of(new WriteRequest(1, null, new CanonicalRecord(type, fields),
        key))).getFirst();
    return ((WriteResult.Written) r).externalId();
  }

  private List<SourceRecord.Association> companiesOf(String contact) {
    return connector.fetchAssociations(conn, "contact", List.of(contact)).get(contact);
  }

  @Test
  void aContactKeepsItsCompaniesAndNoneIsRequiredAtCreate() {
    assertThat(connector.associationKinds("contact"))
        .containsExactly(new AssociationKind("company", "company", false));
    assertThat(connector.associationKinds("company")).isEmpty();
  }

  @Test
  void associationsAreMadeIdempotentlyAndRemovedWithPerItemResults() {
    String contact = create("contact", Map.of("email", "edge@example.com"), "k-contact");
    String acme = create("company", Map.of("name", "Acme"), "k-acme");
    String other = create("company", Map.of("name", "Other"), "k-other");

    List<EdgeWriteResult> made = connector.associate(conn, List.of(
        new EdgeWrite(1, "contact", contact, "company", "company", acme, true),
        new EdgeWrite(2, "contact", contact, "company", "company", other, false),
        new EdgeWrite(3, "contact", "999999", "company", "company", acme, false)));
    assertThat(made).contains(new EdgeWriteResult.Done(1), new EdgeWriteResult.Done(2)).hasSize(3);
    assertThat(made).filteredOn(r -> r.ref() == 3).singleElement().isInstanceOf(EdgeWriteResult.Rejected.class);
    assertThat(companiesOf(contact)).containsExactlyInAnyOrder(
        new SourceRecord.Association("company", "company", acme, true),
        new SourceRecord.Association("company", "company", other, false));
    assertThat(connector.fetch(conn, "contact", contact).orElseThrow().associations())
        .as("the v3 read agrees").hasSize(2).filteredOn(SourceRecord.Association::primary).singleElement()
        .extracting(SourceRecord.Association::externalId).isEqualTo(acme);

    assertThat(connector.associate(conn, List.of(new EdgeWrite(4, "contact", contact, "company", "company", acme,
        true)))).as("made again: idempotent").containsExactly(new EdgeWriteResult.Done(4));

    assertThat(connector.dissociate(conn, List.of(new EdgeWrite(5, "contact", contact, "company", "company", acme,
        true)))).containsExactly(new EdgeWriteResult.Done(5));
    assertThat(companiesOf(contact)).containsExactly(new SourceRecord.Association("company", "company", other, false));
    assertThat(connector.dissociate(conn, List.of(new EdgeWrite(6, "contact", contact, "company", "company", acme,
        true)))).as("removed again: idempotent").containsExactly(new EdgeWriteResult.Done(6));
  }

  @Test
  void aKindHubSpotDoesNotKeepIsRejectedWithoutACall() {
    assertThat(connector.associate(conn, List.of(new EdgeWrite(1, "company", "1", "parent", "company", "2", false))))
        .singleElement().isInstanceOfSatisfying(EdgeWriteResult.Rejected.class,
            r -> assertThat(r.errorCode()).isEqualTo("unsupported"));
  }

  /** A primary company made plain (the contact moved its primary elsewhere) is plain at HubSpot too, not left primary. */
  @Test
  void aPrimaryMadePlainLosesHubSpotsPrimaryLabelAndKeepsTheAssociation() {
    String contact = create("contact", Map.of("email", "demote@example.com"), "k-demote");
    String acme = create("company", Map.of("name", "Acme Demote"), "k-acme-demote");
    assertThat(connector.associate(conn, List.of(new EdgeWrite(1, "contact", contact, "company", "company", acme,
        true)))).containsExactly(new EdgeWriteResult.Done(1));
    assertThat(companiesOf(contact)).containsExactly(new SourceRecord.Association("company", "company", acme, true));

    assertThat(connector.associate(conn, List.of(new EdgeWrite(2, "contact", contact, "company", "company", acme,
        false)))).containsExactly(new EdgeWriteResult.Done(2));
    assertThat(companiesOf(contact)).containsExactly(new SourceRecord.Association("company", "company", acme, false));
  }
}
