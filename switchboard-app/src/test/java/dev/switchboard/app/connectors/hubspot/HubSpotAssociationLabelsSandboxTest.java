package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.EdgeWrite;
import dev.switchboard.app.connectors.EdgeWriteResult;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
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
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The label catalogue against the HubSpot emulator: a portal's own (USER_DEFINED) label, created through HubSpot's
 * labels API with a portal-specific id, is not mistaken for the primary one (its pair is plain, by the unlabeled type
 * HubSpot adds along); the catalogue is read once per connection (the emulator counts the calls); a token without the
 * scope to read it (the emulator's {@code privateAppScopes}) fails the check with HubSpot's 403 MISSING_SCOPES.
 */
class HubSpotAssociationLabelsSandboxTest {

  /** The catalogue path the connector reads, on the default API version (2026-03). */
  static final String LABELS = "/crm/associations/2026-03/contacts/companies/labels";
  static SandboxServer sandbox;
  static RestClient ctl;
  RestClient api;
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
    connector = new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(sandbox.baseUrl() + "/hubspot", 100, ""));
    conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "1001", Map.of(),
        Map.of("accessToken", "pat-sandbox-hubspot", "clientSecret", "s"));
  }

  private String create(String type, Map<String, Object> fields, String key) {
    WriteResult r = connector.write(conn, type, List.of(new WriteRequest(1, null, new CanonicalRecord(type, fields),
        key))).getFirst();
    return ((WriteResult.Written) r).externalId();
  }

  private long labelReads() {
    List<Map<String, Object>> log = ctl.get().uri("/_sandbox/requests?vendor=hubspot&limit=2000").retrieve()
        .body(new ParameterizedTypeReference<>() {});
    return log.stream().filter(e -> "GET".equals(e.get("method")) && String.valueOf(e.get("path")).endsWith(LABELS))
        .count();
  }

  @Test
  void aUserDefinedLabelIsNeitherPlainNorPrimaryAndTheCatalogueIsReadOnce() {
    connector.check(conn);
    @SuppressWarnings("unchecked")
    Map<String, Object> created = api.post().uri("/crm/v4/associations/contacts/companies/labels")
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("label", "Billing contact", "name", "billing_contact"))
        .retrieve().body(Map.class);
    int billing = ((Number) ((Map<?, ?>) ((List<?>) created.get("results")).getFirst()).get("typeId")).intValue();
    assertThat(billing).as("a portal-specific id, not HubSpot's").isNotIn(1, 279);

    String contact = create("contact", Map.of("email", "labels@example.com"), "k-labels");
    String billed = create("company", Map.of("name", "Billed Co"), "k-billed");
    String primary = create("company", Map.of("name", "Primary Co"), "k-primary");
    // the portal's own label, as a HubSpot user would set it (HubSpot adds the unlabeled association along)
    api.put().uri("/crm/v4/objects/contacts/{id}/associations/companies/{to}", contact, billed)
        .contentType(MediaType.APPLICATION_JSON)
        .body(List.of(Map.of("associationCategory", "USER_DEFINED", "associationTypeId", billing)))
        .retrieve().toBodilessEntity();
    assertThat(connector.associate(conn, List.of(new EdgeWrite(1, "contact", contact, "company", "company", primary,
        true)))).containsExactly(new EdgeWriteResult.Done(1));

    assertThat(connector.fetchAssociations(conn, "contact", List.of(contact)).get(contact))
        .containsExactlyInAnyOrder(new SourceRecord.Association("company", "company", billed, false),
            new SourceRecord.Association("company", "company", primary, true));

    // the unlabeled type removed: HubSpot removes every type of the pair with it (the label too), so no edge remains.
    // (An answer with a user-defined label alone is covered by HubSpotAssociationLabelsTest's fixture.)
    api.post().uri("/crm/v4/associations/contacts/companies/batch/labels/archive")
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("inputs", List.of(Map.of("from", Map.of("id", contact), "to", Map.of("id", billed), "types",
            List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 279))))))
        .retrieve().toBodilessEntity();
    assertThat(connector.fetchAssociations(conn, "contact", List.of(contact)).get(contact))
        .as("the label went with the association").containsExactly(
            new SourceRecord.Association("company", "company", primary, true));

    assertThat(labelReads()).as("read by the check, then cached for the reads and the write").isEqualTo(1);
  }

  @Test
  void aTokenWithoutTheScopeToReadLabelsFailsTheCheck() {
    ctl.put().uri("/_sandbox/config").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("vendor", "hubspot", "privateAppScopes", List.of("crm.schemas.contacts.write",
            "crm.schemas.companies.write")))
        .retrieve().toBodilessEntity();
    assertThatThrownBy(() -> connector.check(conn)).isInstanceOfSatisfying(VendorException.class, e -> {
      assertThat(e.retryable()).isFalse();
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.errorCode()).isEqualTo("MISSING_SCOPES");
      assertThat(e.getMessage()).contains("association labels contacts -> companies");
    });

    ctl.put().uri("/_sandbox/config").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("vendor", "hubspot", "privateAppScopes", List.of("crm.objects.contacts.read")))
        .retrieve().toBodilessEntity();
    assertThat(connector.check(conn)).as("one of the scopes HubSpot names is enough").isEqualTo("1001");
  }
}
