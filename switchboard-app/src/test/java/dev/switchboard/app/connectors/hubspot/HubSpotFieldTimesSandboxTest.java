package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import dev.switchboard.sandbox.SandboxServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The HubSpot emulator answers {@code propertiesWithHistory} on a single read and in a batch read's body alike. */
class HubSpotFieldTimesSandboxTest {
  static SandboxServer sandbox;

  @BeforeAll
  static void start() {
    sandbox = SandboxServer.start(0, Map.of());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void fetchAndBatchReadDateTheSameFieldsTheSameAndAnEditByHandDatesOnlyItsField() {
    HubSpotConnector connector = new HubSpotConnector(
        new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(sandbox.baseUrl() + "/hubspot", 100, ""));
    ConnectionContext conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "1001", Map.of(),
        Map.of("accessToken", "pat-sandbox-hubspot", "clientSecret", "s"));
    WriteResult created = connector.write(conn, "contact", List.of(new WriteRequest(1, null,
        CanonicalRecord.contact(Map.of(ContactField.EMAIL, "times@example.com", ContactField.FIRST_NAME, "Tim",
            ContactField.LAST_NAME, "Early"))))).getFirst();
    String id = ((WriteResult.Written) created).externalId();
    Instant beforeEdit = connector.fetch(conn, "contact", id).orElseThrow().fieldModifiedAt()
        .get(ContactField.FIRST_NAME);
    RestClient.create(sandbox.baseUrl()).post().uri("/_sandbox/hubspot/contacts/" + id + "/ui-edit")
        .body(Map.of("properties", Map.of("lastname", "Late"))).retrieve().toBodilessEntity();

    SourceRecord one = connector.fetch(conn, "contact", id).orElseThrow();
    SourceRecord batch = connector.fetchMany(conn, "contact", List.of(id)).get(id);
    assertThat(one.fieldModifiedAt()).containsKeys(ContactField.EMAIL, ContactField.FIRST_NAME, ContactField.LAST_NAME)
        .isEqualTo(batch.fieldModifiedAt());
    assertThat(one.fieldModifiedAt().get(ContactField.FIRST_NAME)).isEqualTo(beforeEdit);
    assertThat(one.fieldModifiedAt().get(ContactField.LAST_NAME)).isAfterOrEqualTo(beforeEdit)
        .isEqualTo(one.modifiedAt());
  }
}
