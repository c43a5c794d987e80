package dev.switchboard.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Several isolated Pipedrive companies in one instance (default two): each api_token (or OAuth token) reaches only
 * its own company's persons, organizations, deals, activities and webhooks; each company has its own daily token
 * budget; OAuth installs into a chosen company; webhook deliveries name the company whose object changed; the
 * controls list and seed per company and reset all.
 */
class PipedriveAccountsTest {

  static final String TOKEN_2 = "pipedrive-sandbox-token-2";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of()).withReceiver();
  static final Http one = sandbox.http("/pipedrive/api/v2", Map.of("x-api-token", "pipedrive-sandbox-token"));
  static final Http two = sandbox.http("/pipedrive/api/v2", Map.of("x-api-token", TOKEN_2));
  static final Http twoV1 = sandbox.http("/pipedrive/api/v1", Map.of("x-api-token", TOKEN_2));
  static final Http oneV1 = sandbox.http("/pipedrive/api/v1", Map.of("x-api-token", "pipedrive-sandbox-token"));
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  static JsonNode oauthTokens(String accountParam) {
    String redirect = "http://localhost/cb";
    Http.Res r = ctl.get("/pipedrive/oauth/authorize?client_id=sandbox-pipedrive-client-id&redirect_uri=" + redirect
        + accountParam);
    assertThat(r.status()).isEqualTo(302);
    String code = Http.decodeForm(URI.create(r.header("Location")).getRawQuery()).get("code");
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        "sandbox-pipedrive-client-id:sandbox-pipedrive-client-secret".getBytes(StandardCharsets.UTF_8));
    Http oauth = sandbox.http("/pipedrive/oauth", Map.of("Authorization", basic));
    JsonNode tokens = oauth.postForm("/token", Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", redirect)).json();
    return oauth.postForm("/token", Map.of("grant_type", "refresh_token",
        "refresh_token", tokens.get("refresh_token").asString())).json();
  }

  @Test
  void credentialsListEveryCompanyAndKeepCompanyOneAtTheTop() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("pipedrive");
    assertThat(c.get("apiToken").asString()).isEqualTo("pipedrive-sandbox-token");
    assertThat(c.get("companyId").asLong()).isEqualTo(7001);
    assertThat(c.get("accounts").size()).isEqualTo(2);
    assertThat(c.at("/accounts/1/apiToken").asString()).isEqualTo(TOKEN_2);
    assertThat(c.at("/accounts/1/companyId").asLong()).isEqualTo(7002);
    assertThat(c.at("/accounts/1/companyDomain").asString()).isEqualTo("sandbox2");

    JsonNode me = twoV1.get("/users/me").json().get("data");
    assertThat(me.get("company_id").asLong()).isEqualTo(7002);
    assertThat(me.get("company_domain").asString()).isEqualTo("sandbox2");
    assertThat(me.get("id").asLong()).isEqualTo(2);
    assertThat(oneV1.get("/users/me").json().at("/data/company_id").asLong()).isEqualTo(7001);
  }

  @Test
  void objectsAndWebhooksOfOneCompanyAreInvisibleToTheOther() {
    long person = one.post("/persons", Map.of("name", "Ada Lovelace")).json().at("/data/id").asLong();
    one.post("/organizations", Map.of("name", "Engines Ltd"));
    one.post("/deals", Map.of("title", "Big deal"));
    for (String collection : List.of("persons", "organizations", "deals", "activities")) {
      assertThat(two.get("/" + collection).json().get("data").size()).as(collection).isZero();
    }
    assertThat(two.get("/persons/" + person).status()).isEqualTo(404);
    assertThat(two.patch("/persons/" + person, Map.of("name", "x")).status()).isEqualTo(404);
    assertThat(two.get("/persons/search?term=Ada").json().at("/data/items").size()).isZero();

    // company 2 numbers its own objects from 1: the same id is another object
    Http.Res own = two.post("/persons", Map.of("name", "Grace Hopper"));
    assertThat(own.json().at("/data/id").asLong()).isEqualTo(person);
    assertThat(own.json().at("/data/owner_id").asLong()).isEqualTo(2);
    assertThat(one.get("/persons/" + person).json().at("/data/name").asString()).isEqualTo("Ada Lovelace");

    long hook = oneV1.post("/webhooks", Map.of("subscription_url", "http://127.0.0.1:9/x", "event_action", "*",
        "event_object", "*")).json().at("/data/id").asLong();
    assertThat(twoV1.get("/webhooks").json().get("data").size()).isZero();
    assertThat(twoV1.delete("/webhooks/" + hook).status()).isEqualTo(404);
  }

  @Test
  void oauthIntoCompanyTwoReachesOnlyCompanyTwo() {
    two.post("/persons", Map.of("name", "Grace Hopper"));
    JsonNode tokens = oauthTokens("&account=2");
    Http bearer = sandbox.http("/pipedrive/api/v2", Map.of("Authorization", "Bearer " + tokens.get("access_token").asString()));
    assertThat(bearer.get("/persons").json().at("/data/0/name").asString()).isEqualTo("Grace Hopper");
    Http bearerV1 = sandbox.http("/pipedrive/api/v1", Map.of("Authorization", "Bearer " + tokens.get("access_token").asString()));
    assertThat(bearerV1.get("/users/me").json().at("/data/company_id").asLong()).isEqualTo(7002);
    Http first = sandbox.http("/pipedrive/api/v2", Map.of("Authorization", "Bearer " + oauthTokens("").get("access_token").asString()));
    assertThat(first.get("/persons").json().get("data").size()).isZero();
    assertThat(ctl.get("/pipedrive/oauth/authorize?client_id=sandbox-pipedrive-client-id&redirect_uri=http://localhost/cb"
        + "&account=7").status()).isEqualTo(400);
  }

  @Test
  void webhooksFromCompanyTwoNameCompanyTwo() {
    twoV1.post("/webhooks", Map.of("subscription_url", receiver.url("/two"), "event_action", "*", "event_object", "*",
        "version", "2.0"));
    twoV1.post("/webhooks", Map.of("subscription_url", receiver.url("/two-v1"), "event_action", "*", "event_object", "*",
        "version", "1.0"));
    oneV1.post("/webhooks", Map.of("subscription_url", receiver.url("/one"), "event_action", "*", "event_object", "*",
        "version", "2.0"));
    two.post("/persons", Map.of("name", "Grace Hopper"));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 2);
    assertThat(receiver.posts()).extracting(WebhookReceiver.Received::path).containsExactlyInAnyOrder("/two", "/two-v1");
    for (WebhookReceiver.Received r : receiver.posts()) {
      JsonNode meta = Http.JSON.readTree(r.body()).get("meta");
      assertThat(meta.get("company_id").asString()).isEqualTo("7002");
      assertThat(meta.get("user_id").asString()).isEqualTo("2");
      assertThat(meta.get("host").asString()).isEqualTo("sandbox2.pipedrive.com");
    }
  }

  @Test
  void dailyBudgetIsPerCompany() {
    ctl.put("/_sandbox/config", Map.of("vendor", "pipedrive", "dailyTokens", 15));
    assertThat(one.get("/persons").status()).isEqualTo(200);
    assertThat(one.get("/persons").status()).isEqualTo(429);
    Http.Res other = two.get("/persons");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("x-daily-requests-left")).isEqualTo("5");
  }

  @Test
  void seedTargetsOneCompanyAndResetClearsAll() {
    Http.Res seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "pipedrive", "account", 2, "contacts", 3));
    assertThat(seeded.json().get("companyId").asLong()).isEqualTo(7002);
    assertThat(two.get("/persons").json().get("data").size()).isEqualTo(3);
    assertThat(one.get("/persons").json().get("data").size()).isZero();
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "pipedrive", "account", 3)).status()).isEqualTo(400);
    ctl.post("/_sandbox/reset", null);
    assertThat(two.get("/persons").json().get("data").size()).isZero();
  }
}
