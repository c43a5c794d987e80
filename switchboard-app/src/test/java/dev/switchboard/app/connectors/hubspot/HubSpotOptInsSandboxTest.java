package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.sandbox.SandboxServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 * Contacts read from the HubSpot emulator carry their marketing opt-in for the connection's subscription type
 * ({@link HubSpotOptIns}): subscribed, unsubscribed or nothing, dated by the status, on every read path, read in
 * batches (calls counted in the sandbox's request log).
 */
class HubSpotOptInsSandboxTest {

  static SandboxServer sandbox;
  static RestClient ctl;
  RestClient api;
  HubSpotConnector connector;

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
  }

  private static ConnectionContext conn(Map<String, String> settings) {
    return new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "1001", settings,
        Map.of("accessToken", "pat-sandbox-hubspot", "clientSecret", "s"));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> post(String uri, Object body) {
    return api.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(Map.class);
  }

  private String contact(String email) {
    return String.valueOf(post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", email))).get("id"));
  }

  private Instant subscribe(String email, String typeId, boolean in) {
    post("/communication-preferences/v3/" + (in ? "subscribe" : "unsubscribe"),
        Map.of("emailAddress", email, "subscriptionId", typeId, "legalBasis", "CONSENT_WITH_NOTICE",
            "legalBasisExplanation", "test"));
    Map<String, Object> read = post("/communication-preferences/v4/statuses/batch/read?channel=EMAIL",
        Map.of("inputs", List.of(email)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> statuses = (List<Map<String, Object>>) ((List<Map<String, Object>>) read.get("results"))
        .getFirst().get("statuses");
    return statuses.stream().filter(s -> String.valueOf(s.get("subscriptionId")).equals(typeId))
        .map(s -> Instant.parse(String.valueOf(s.get("timestamp")))).findFirst().orElseThrow();
  }

  /** Calls to a path matching {@code regex} in the sandbox's request log. */
  private static long calls(String regex) {
    List<Map<String, Object>> log = ctl.get().uri("/_sandbox/requests?vendor=hubspot&limit=5000").retrieve()
        .body(new ParameterizedTypeReference<>() {});
    return log.stream().filter(e -> String.valueOf(e.get("path")).matches(regex)).count();
  }

  static final String MARKETING = "15000101";
  static final String ONE_TO_ONE = "15000102";
  static final String BATCH_READ = ".*/communication-preferences/(v4|2026-03)/statuses/batch/read";

  @Test
  void everyReadPathCarriesTheStatusDatedByHubSpot() {
    String in = contact("in@example.com");
    String out = contact("out@example.com");
    String none = contact("none@example.com");
    Instant optedIn = subscribe("in@example.com", MARKETING, true);
    Instant optedOut = subscribe("out@example.com", MARKETING, false);
    subscribe("none@example.com", ONE_TO_ONE, true); // another type: no marketing opt-in
    ConnectionContext conn = conn(Map.of());

    List<Map<String, SourceRecord>> reads = List.of(
        Map.of(in, connector.fetch(conn, "contact", in).orElseThrow(),
            out, connector.fetch(conn, "contact", out).orElseThrow(),
            none, connector.fetch(conn, "contact", none).orElseThrow()),
        connector.fetchMany(conn, "contact", List.of(in, out, none)),
        byId(connector.listModified(conn, "contact", null, null).records()),
        byId(connector.listModified(conn, "contact", Instant.EPOCH, null).records()));
    for (Map<String, SourceRecord> read : reads) {
      assertThat(read.get(in).record().fields()).containsEntry(ContactField.MARKETING_STATUS, "subscribed");
      assertThat(read.get(in).fieldModifiedAt()).containsEntry(ContactField.MARKETING_STATUS, optedIn);
      assertThat(read.get(out).record().fields()).containsEntry(ContactField.MARKETING_STATUS, "unsubscribed");
      assertThat(read.get(out).fieldModifiedAt()).containsEntry(ContactField.MARKETING_STATUS, optedOut);
      assertThat(read.get(none).record().fields()).doesNotContainKey(ContactField.MARKETING_STATUS);
    }
  }

  /** The connection's setting names the type (by name, any case); a name the portal lacks reads no opt-ins. */
  @Test
  void theSettingChoosesTheSubscriptionTypeByName() {
    String id = contact("ann@example.com");
    subscribe("ann@example.com", ONE_TO_ONE, true);
    assertThat(connector.fetch(conn(Map.of()), "contact", id).orElseThrow().record().fields())
        .doesNotContainKey(ContactField.MARKETING_STATUS);
    assertThat(connector.fetch(conn(Map.of(HubSpotOptIns.SETTING, "one to one")), "contact", id).orElseThrow()
        .record().fields()).containsEntry(ContactField.MARKETING_STATUS, "subscribed");
    long before = calls(BATCH_READ);
    assertThat(connector.fetch(conn(Map.of(HubSpotOptIns.SETTING, "Newsletter")), "contact", id).orElseThrow()
        .record().fields()).doesNotContainKey(ContactField.MARKETING_STATUS);
    assertThat(calls(BATCH_READ)).as("no status read without the type").isEqualTo(before);
    long definitions = calls(".*/communication-preferences/.*");
    assertThat(connector.fetch(conn(Map.of(HubSpotOptIns.SETTING, "None")), "contact", id).orElseThrow()
        .record().fields()).doesNotContainKey(ContactField.MARKETING_STATUS);
    assertThat(calls(".*/communication-preferences/.*")).as("none: no call at all").isEqualTo(definitions);
  }

  /** Opted out of all e-mail stays unsubscribed even where the type's status says subscribed. */
  @Test
  void anOptOutOfAllEmailWins() {
    String id = contact("gone@example.com");
    subscribe("gone@example.com", MARKETING, true);
    api.patch().uri("/crm/v3/objects/contacts/{id}", id).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", Map.of("hs_email_optout", "true"))).retrieve().toBodilessEntity();
    assertThat(connector.fetch(conn(Map.of()), "contact", id).orElseThrow().record().fields())
        .containsEntry(ContactField.MARKETING_STATUS, "unsubscribed");
  }

  /**
   * A token without the communication preferences scopes still reads its contacts, with no recorded opt-in, and the
   * refused reads are not repeated on every read.
   */
  @Test
  void aTokenWithoutTheScopeReadsContactsWithoutOptIns() {
    String id = contact("ann@example.com");
    subscribe("ann@example.com", MARKETING, true);
    ctl.put().uri("/_sandbox/config").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("vendor", "hubspot", "privateAppScopes", List.of("crm.objects.contacts.read",
            "communication_preferences.read"))).retrieve().toBodilessEntity();
    ConnectionContext conn = conn(Map.of());
    SourceRecord r = connector.fetch(conn, "contact", id).orElseThrow();
    assertThat(r.record().fields()).containsEntry(ContactField.EMAIL, "ann@example.com")
        .doesNotContainKey(ContactField.MARKETING_STATUS);
    long asked = calls(".*/communication-preferences/.*");
    assertThat(connector.fetchMany(conn, "contact", List.of(id))).containsKey(id);
    assertThat(calls(".*/communication-preferences/.*")).as("refused: not asked again on every read")
        .isEqualTo(asked);
  }

  /**
   * A backfill of 250 contacts reads their opt-ins with one batch call per page of 100 contacts (3) and the type's
   * definitions once: 0.016 calls per contact for the opt-ins, never one per contact.
   */
  @Test
  void aBackfillReadsOptInsInBatchesNeverPerContact() {
    ctl.post().uri("/_sandbox/seed").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("vendor", "hubspot", "contacts", 250, "marketingOptIns", 120)).retrieve().toBodilessEntity();
    ConnectionContext conn = conn(Map.of());
    long before = calls(BATCH_READ);
    List<SourceRecord> all = new ArrayList<>();
    String cursor = null;
    do {
      RecordPage page = connector.listModified(conn, "contact", null, cursor);
      all.addAll(page.records());
      cursor = page.nextCursor();
    } while (cursor != null);
    assertThat(all).hasSize(250);
    assertThat(all.stream().filter(r -> "subscribed".equals(r.record().fields().get(ContactField.MARKETING_STATUS))))
        .hasSize(120);
    long batchReads = calls(BATCH_READ) - before;
    long definitionReads = calls(".*/communication-preferences/(v4|2026-03)/definitions");
    assertThat(batchReads).isEqualTo(3);
    assertThat(definitionReads).isEqualTo(1);
    System.out.printf("opt-in reads for a backfill of %d contacts: %d batch reads + %d definitions read = %.3f calls "
        + "per contact%n", all.size(), batchReads, definitionReads, (batchReads + definitionReads) / (double) all.size());
  }

  private static Map<String, SourceRecord> byId(List<SourceRecord> records) {
    Map<String, SourceRecord> out = new java.util.HashMap<>();
    records.forEach(r -> out.put(r.externalId(), r));
    return out;
  }
}
