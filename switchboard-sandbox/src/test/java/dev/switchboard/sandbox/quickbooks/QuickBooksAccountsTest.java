package dev.switchboard.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Several real QuickBooks companies (realms) in one instance (default two): each realm has its own entities, Ids,
 * SyncTokens, CDC and throttling budget; a token is for one realm and is refused on another realm's path with
 * Intuit's 403 AuthorizationFault 3100; OAuth connects a chosen realm (named by {@code realmId} on the redirect);
 * webhooks name the realm whose entities changed; the controls list and seed per realm and reset all.
 */
class QuickBooksAccountsTest {

  static final String REALM_1 = "9341452000000001";
  static final String REALM_2 = "9341452000000002";
  static final String TOKEN_1 = "sandbox-quickbooks-access-token";
  static final String TOKEN_2 = "sandbox-quickbooks-access-token-2";
  static final String REDIRECT = "http://localhost:9999/cb";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.quickbooks.requests-per-second", 1000,
      "sandbox.webhooks.base-backoff-ms", 20)).withReceiver();
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  static Http company(String realm, String token) {
    return sandbox.http("/quickbooks/v3/company/" + realm, Map.of("Authorization", "Bearer " + token,
        "Accept", "application/json"));
  }

  static String q(String query) {
    return "/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  static void assertAuthorizationFault(Http.Res r) {
    assertThat(r.status()).isEqualTo(403);
    JsonNode fault = r.json().get("Fault");
    assertThat(fault.get("type").asString()).isEqualTo("AuthorizationFault");
    assertThat(fault.at("/Error/0/code").asString()).isEqualTo("3100");
    assertThat(fault.at("/Error/0/Message").asString()).contains("ApplicationAuthorizationFailed");
  }

  @Test
  void credentialsListEveryRealmAndKeepRealmOneAtTheTop() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("quickbooks");
    assertThat(c.get("realmId").asString()).isEqualTo(REALM_1);
    assertThat(c.get("accessToken").asString()).isEqualTo(TOKEN_1);
    assertThat(c.get("accounts").size()).isEqualTo(2);
    assertThat(c.at("/accounts/1/realmId").asString()).isEqualTo(REALM_2);
    assertThat(c.at("/accounts/1/accessToken").asString()).isEqualTo(TOKEN_2);
  }

  @Test
  void entitiesSyncTokensAndCdcOfOneRealmAreInvisibleToTheOther() {
    Http one = company(REALM_1, TOKEN_1);
    Http two = company(REALM_2, TOKEN_2);
    JsonNode created = one.post("/customer", Map.of("DisplayName", "Ada")).json().get("Customer");
    String id = created.get("Id").asString();
    one.post("/customer", Map.of("Id", id, "SyncToken", "0", "sparse", true, "CompanyName", "Engines"));
    assertThat(two.get("/customer/" + id).status()).isEqualTo(400); // Object Not Found, Intuit's 400 fault
    assertThat(two.get(q("SELECT COUNT(*) FROM Customer")).json().at("/QueryResponse/totalCount").asInt()).isZero();
    assertThat(two.get("/cdc?entities=Customer&changedSince=2020-01-01T00:00:00Z").json()
        .at("/CDCResponse/0/QueryResponse/0/Customer").isMissingNode()).isTrue();

    // the same DisplayName is free in realm 2 (unique per company), with its own Ids and SyncTokens
    JsonNode own = two.post("/customer", Map.of("DisplayName", "Ada")).json().get("Customer");
    assertThat(own.get("Id").asString()).isEqualTo(id);
    assertThat(own.get("SyncToken").asString()).isEqualTo("0");
    assertThat(one.get("/customer/" + id).json().at("/Customer/SyncToken").asString()).isEqualTo("1");
  }

  @Test
  void aTokenIsRefusedOnAnotherRealmsPath() {
    assertAuthorizationFault(company(REALM_2, TOKEN_1).get("/customer/1"));
    assertAuthorizationFault(company(REALM_1, TOKEN_2).get(q("SELECT * FROM Customer")));
    assertAuthorizationFault(company("9341452000000099", TOKEN_2).get("/customer/1"));
    assertThat(company(REALM_2, "nope").get("/customer/1").status()).isEqualTo(401);
  }

  @Test
  void oauthConnectsTheChosenRealmOnly() {
    Http.Res auth = ctl.get("/quickbooks/oauth2/authorize?client_id=sandbox-quickbooks-client-id&response_type=code"
        + "&scope=com.intuit.quickbooks.accounting&redirect_uri=" + REDIRECT + "&account=2");
    assertThat(auth.status()).isEqualTo(302);
    Map<String, String> q = Http.decodeForm(URI.create(auth.header("Location")).getRawQuery());
    assertThat(q.get("realmId")).isEqualTo(REALM_2);
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        "sandbox-quickbooks-client-id:sandbox-quickbooks-client-secret".getBytes(StandardCharsets.UTF_8));
    Http client = sandbox.http("", Map.of("Authorization", basic, "Accept", "application/json"));
    JsonNode t = client.postForm("/quickbooks/oauth2/v1/tokens/bearer", Map.of("grant_type", "authorization_code",
        "code", q.get("code"), "redirect_uri", REDIRECT)).json();
    String access = t.get("access_token").asString();
    assertThat(company(REALM_2, access).post("/customer", Map.of("DisplayName", "Grace")).status()).isEqualTo(200);
    assertAuthorizationFault(company(REALM_1, access).get("/customer/1"));

    // the refreshed token is for the same realm
    String refreshed = client.postForm("/quickbooks/oauth2/v1/tokens/bearer", Map.of("grant_type", "refresh_token",
        "refresh_token", t.get("refresh_token").asString())).json().get("access_token").asString();
    assertThat(company(REALM_2, refreshed).get("/customer/1").json().at("/Customer/DisplayName").asString())
        .isEqualTo("Grace");
    assertAuthorizationFault(company(REALM_1, refreshed).get("/customer/1"));

    Http.Res unknown = ctl.get("/quickbooks/oauth2/authorize?client_id=sandbox-quickbooks-client-id&response_type=code"
        + "&scope=com.intuit.quickbooks.accounting&redirect_uri=" + REDIRECT + "&account=9");
    assertThat(unknown.header("Location")).contains("error=access_denied").doesNotContain("code=");
  }

  @Test
  void webhooksNameTheRealmWhoseEntitiesChanged() {
    ctl.put("/_sandbox/config", Map.of("vendor", "quickbooks", "webhooks", List.of(
        Map.of("url", receiver.url("/legacy"), "format", "legacy"),
        Map.of("url", receiver.url("/cloud"), "format", "cloudevents"))));
    String id = company(REALM_2, TOKEN_2).post("/customer", Map.of("DisplayName", "Hooked")).json()
        .at("/Customer/Id").asString();
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.posts().size() >= 2);
    for (WebhookReceiver.Received r : receiver.posts()) {
      JsonNode body = Http.JSON.readTree(r.body());
      if (r.path().equals("/legacy")) {
        assertThat(body.at("/eventNotifications/0/realmId").asString()).isEqualTo(REALM_2);
        assertThat(body.at("/eventNotifications/0/dataChangeEvent/entities/0/id").asString()).isEqualTo(id);
      } else {
        assertThat(body.at("/0/intuitaccountid").asString()).isEqualTo(REALM_2);
      }
    }
  }

  @Test
  void throttlingBudgetsArePerRealm() {
    ctl.put("/_sandbox/config", Map.of("vendor", "quickbooks", "requestsPerMinute", 2));
    Http one = company(REALM_1, TOKEN_1);
    one.get("/customer/1");
    one.get("/customer/1");
    assertThat(one.get("/customer/1").status()).isEqualTo(429);
    assertThat(company(REALM_2, TOKEN_2).get("/customer/1").status()).isEqualTo(400);
  }

  @Test
  void seedTargetsOneRealmAndResetClearsAll() {
    Http.Res seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "quickbooks", "account", REALM_2, "contacts", 3));
    assertThat(seeded.json().get("realmId").asString()).isEqualTo(REALM_2);
    Http two = company(REALM_2, TOKEN_2);
    assertThat(two.get(q("SELECT COUNT(*) FROM Customer")).json().at("/QueryResponse/totalCount").asInt()).isEqualTo(3);
    assertThat(company(REALM_1, TOKEN_1).get(q("SELECT COUNT(*) FROM Customer")).json()
        .at("/QueryResponse/totalCount").asInt()).isZero();
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "quickbooks", "account", 3)).status()).isEqualTo(400);
    ctl.post("/_sandbox/reset", null);
    assertThat(two.get(q("SELECT COUNT(*) FROM Customer")).json().at("/QueryResponse/totalCount").asInt()).isZero();
  }
}
