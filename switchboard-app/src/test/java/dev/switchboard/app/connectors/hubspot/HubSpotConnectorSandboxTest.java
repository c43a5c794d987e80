package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
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
}
