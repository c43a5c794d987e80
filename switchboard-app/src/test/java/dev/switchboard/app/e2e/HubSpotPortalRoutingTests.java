package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.support.HubSpotSigning;
import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Two tenants, each connected to its own portal of one HubSpot app (one sandbox, portals 1001 and 1002): the
 * app's webhooks all arrive at one URL, and each event must land with the tenant whose portal it names; each
 * tenant's writes must reach its own portal only.
 */
class HubSpotPortalRoutingTests extends E2eSupport {
  static final String TENANT_B = "portal-b";
  static final String PORTAL_B_TOKEN = "pat-sandbox-hubspot-2";

  @Autowired JdbcClient db;
  @Autowired dev.switchboard.app.sync.ExternalIds externalIds;
  RestClient tenantB;
  RestClient portalB;

  static final String APP_SECRET = "sandbox-hubspot-client-secret";

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    // the sandbox's HubSpot app is this installation's app: its client secret signs every portal's deliveries
    configure(r, TestDatabases.freshH2Url(), Map.of("switchboard.connectors.hubspot.client-secret", APP_SECRET));
  }

  /** Tenant B connects HubSpot portal 1002 the way a user does, through the API, and nothing else. */
  @BeforeEach
  @SuppressWarnings("unchecked")
  void connectTenantB() {
    portalB = RestClient.builder().baseUrl(sandbox.baseUrl() + "/hubspot")
        .defaultHeader("Authorization", "Bearer " + PORTAL_B_TOKEN)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
    if (tenants.find(TENANT_B).isPresent()) {
      tenantB = client(tokens.issue(TENANT_B, "tests", ApiTokens.WRITE, null, "tests").token());
      return;
    }
    tenants.ensure(TENANT_B, "Portal B shop", "GB");
    tenantB = client(tokens.issue(TENANT_B, "tests", ApiTokens.WRITE, null, "tests").token());
    Map<String, Object> connection = tenantB.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "hubspot", "display_name", "HubSpot B", "credentials",
            Map.of("accessToken", PORTAL_B_TOKEN, "clientSecret", "sandbox-hubspot-client-secret")))
        .retrieve().body(Map.class);
    assertThat(connection).containsEntry("accountId", "1002");
    quietStart(); // portal B's first sync: until it is done, creates in it wait
  }

  private RestClient client(String token) {
    return RestClient.builder().baseUrl("http://127.0.0.1:" + appPort).defaultHeader("Authorization", "Bearer " + token)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
  }

  private List<String> tenantsHolding(String table, String externalId) {
    return db.sql("select distinct tenant_id from " + table + " where external_id = ?").param(externalIds.key(externalId))
        .query(String.class).list();
  }

  @SuppressWarnings("unchecked")
  private long portalBContactsWithEmail(String email) {
    Map<String, Object> r = portalB.post().uri("/crm/v3/objects/contacts/search").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "email", "operator", "EQ", "value", email))))))
        .retrieve().body(Map.class);
    return ((Number) r.get("total")).longValue();
  }

  @Test
  void aWebhookOfPortal1002ReachesTenantBOnly() {
    String email = email("portal.b");
    Map<?, ?> created = portalB.post().uri("/crm/v3/objects/contacts").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", Map.of("email", email, "firstname", "Bea"))).retrieve().body(Map.class);
    String id = String.valueOf(created.get("id"));
    String idInA = vendors.createHubSpotContact(Map.of("email", email("portal.a"))); // both portals' events in flight

    // the webhook (inbox_event) and the sync it triggers (record_link); the backfill may link the contact too
    await().atMost(Duration.ofSeconds(15)).until(() -> tenantsHolding("inbox_event", id).contains(TENANT_B)
        && tenantsHolding("record_link", id).contains(TENANT_B));
    assertThat(tenantsHolding("inbox_event", id)).containsExactly(TENANT_B);
    assertThat(tenantsHolding("record_link", id)).containsExactly(TENANT_B);
    await().atMost(Duration.ofSeconds(15)).until(() -> tenantsHolding("inbox_event", idInA).contains(TENANT));
    assertThat(tenantsHolding("inbox_event", idInA)).containsExactly(TENANT);
    // tenant A's Mailchimp never hears of portal B's contact
    assertThat(vendors.mailchimpMember(email)).isEmpty();
    assertThat(vendors.hubSpotContactByEmail(email)).isEmpty();
  }

  /**
   * One delivery of the app, as HubSpot may send it, led by a portal no tenant connected: the connected portals'
   * events are stored with their own tenants and synced; the unconnected portal's event is dropped.
   */
  @Test
  void aDeliveryLedByAnUnconnectedPortalReachesEachConnectedPortalsTenant() {
    String emailA = email("mixed.a");
    String emailB = email("mixed.b");
    vendors.faults(Map.of("vendor", "hubspot", "dropWebhooks", 1.0)); // only our delivery below tells the app
    String idA = vendors.createHubSpotContact(Map.of("email", emailA, "firstname", "Ada"));
    Map<?, ?> createdB = portalB.post().uri("/crm/v3/objects/contacts").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", Map.of("email", emailB, "firstname", "Bo"))).retrieve().body(Map.class);
    String idB = String.valueOf(createdB.get("id"));

    long now = System.currentTimeMillis();
    String body = "[" + HubSpotSigning.event(now, 1003, 999_999) + "," + HubSpotSigning.event(now + 1, 1002, Long.parseLong(idB))
        + "," + HubSpotSigning.event(now + 2, 1001, Long.parseLong(idA)) + "]";
    String url = "http://127.0.0.1:" + appPort + "/webhooks/crm/hubspot";
    var response = RestClient.builder().defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build()
        .post().uri(url).contentType(MediaType.APPLICATION_JSON).headers(h -> {
          h.add("X-HubSpot-Request-Timestamp", Long.toString(now));
          h.add("X-HubSpot-Signature-v3", HubSpotSigning.sign(APP_SECRET, "POST" + url + body + now));
        }).body(body).retrieve().toEntity(Map.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody()).containsEntry("accepted", 2);

    assertThat(tenantsHolding("inbox_event", idA)).containsExactly(TENANT);
    assertThat(tenantsHolding("inbox_event", idB)).containsExactly(TENANT_B);
    assertThat(tenantsHolding("inbox_event", "999999")).isEmpty();
    // synced: tenant A's contact reaches tenant A's Mailchimp; tenant B's is linked for tenant B only
    await().atMost(Duration.ofSeconds(15)).until(() -> vendors.mailchimpMember(emailA).isPresent());
    await().atMost(Duration.ofSeconds(15)).until(() -> tenantsHolding("record_link", idB).contains(TENANT_B));
    assertThat(tenantsHolding("record_link", idB)).containsExactly(TENANT_B);
    assertThat(tenantsHolding("record_link", idA)).containsExactly(TENANT);
    assertThat(vendors.mailchimpMember(emailB)).isEmpty();
  }

  @Test
  void eachTenantsWritesReachItsOwnPortalOnly() {
    String forA = email("tenant.a.write");
    var a = api.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("tenant_id", TENANT, "type", "contact", "attributes", Map.of("email", forA, "firstname", "Ann")))
        .retrieve().toEntity(Map.class);
    assertThat(a.getStatusCode().value()).isEqualTo(200);
    assertThat(vendors.hubSpotContactByEmail(forA)).isPresent();
    assertThat(portalBContactsWithEmail(forA)).isZero();

    String forB = email("tenant.b.write");
    var b = tenantB.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("tenant_id", TENANT_B, "type", "contact", "attributes", Map.of("email", forB, "firstname", "Ben")))
        .retrieve().toEntity(Map.class);
    assertThat(b.getStatusCode().value()).isEqualTo(200);
    assertThat(portalBContactsWithEmail(forB)).isEqualTo(1);
    assertThat(vendors.hubSpotContactByEmail(forB)).isEmpty();

    // tenant A's contact also flows on to tenant A's Mailchimp; tenant B's has nowhere else to go
    await().atMost(Duration.ofSeconds(15)).until(() -> vendors.mailchimpMember(forA).isPresent());
    assertThat(tenantsHolding("record_link", String.valueOf(a.getBody().get("external_id")))).containsExactly(TENANT);
    assertThat(vendors.mailchimpMember(forB)).isEmpty();
  }
}
