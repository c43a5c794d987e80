package dev.switchboard.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Several isolated Salesforce orgs in one instance (default two): each session reaches only its own org's records,
 * external ids, query cursors and API allocation; OAuth logs into a chosen org and the token response names it;
 * the controls list and seed per org and reset all.
 */
class SalesforceAccountsTest {

  static final String ORG_1 = "00D5g000004SbxYEAS";
  static final String REDIRECT = "http://localhost:9999/callback";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http ctl = sandbox.ctl();

  static Http api(String token) {
    return sandbox.http("/salesforce/services/data/v62.0", Map.of("Authorization", "Bearer " + token));
  }

  static JsonNode account(int n) {
    return ctl.get("/_sandbox/credentials").json().at("/salesforce/accounts/" + (n - 1));
  }

  static JsonNode oauth(String accountParam) {
    Http.Res r = ctl.get("/salesforce/services/oauth2/authorize?response_type=code&client_id=sandbox-salesforce-consumer-key"
        + "&redirect_uri=" + REDIRECT + accountParam);
    assertThat(r.status()).isEqualTo(302);
    String code = Http.decodeForm(URI.create(r.header("Location")).getRawQuery()).get("code");
    JsonNode tokens = ctl.postForm("/salesforce/services/oauth2/token", Map.of("grant_type", "authorization_code",
        "code", code, "redirect_uri", REDIRECT, "client_id", "sandbox-salesforce-consumer-key",
        "client_secret", "sandbox-salesforce-consumer-secret")).json();
    return ctl.postForm("/salesforce/services/oauth2/token", Map.of("grant_type", "refresh_token",
        "refresh_token", tokens.get("refresh_token").asString(), "client_id", "sandbox-salesforce-consumer-key",
        "client_secret", "sandbox-salesforce-consumer-secret")).json();
  }

  @Test
  void credentialsListEveryOrgAndKeepOrgOneAtTheTop() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("salesforce");
    assertThat(c.get("accessToken").asString()).isEqualTo("00D5g000004SbxY!sandbox-static-session");
    assertThat(c.get("accounts").size()).isEqualTo(2);
    assertThat(c.at("/accounts/0/orgId").asString()).isEqualTo(ORG_1);
    String org2 = c.at("/accounts/1/orgId").asString();
    assertThat(org2).hasSize(18).startsWith("00D").isNotEqualTo(ORG_1);
    assertThat(c.at("/accounts/1/accessToken").asString()).startsWith(org2.substring(0, 15) + "!");
  }

  @Test
  void recordsAndExternalIdsOfOneOrgAreInvisibleToTheOther() {
    Http one = api(account(1).get("accessToken").asString());
    Http two = api(account(2).get("accessToken").asString());
    String id = one.post("/sobjects/Contact", Map.of("LastName", "Lovelace", "Switchboard_Id__c", "sb-1"))
        .json().get("id").asString();
    assertThat(two.get("/sobjects/Contact/" + id).status()).isEqualTo(404);
    assertThat(two.patch("/sobjects/Contact/" + id, Map.of("LastName", "x")).status()).isEqualTo(404);
    assertThat(two.get("/sobjects/Contact/Switchboard_Id__c/sb-1").status()).isEqualTo(404);
    assertThat(two.get("/query?q=" + URLEncoder.encode("SELECT Id FROM Contact", StandardCharsets.UTF_8))
        .json().get("totalSize").asInt()).isZero();

    // the same external id is free in org 2: external ids are unique per org
    Http.Res upsert = two.patch("/sobjects/Contact/Switchboard_Id__c/sb-1", Map.of("LastName", "Hopper"));
    assertThat(upsert.status()).isEqualTo(201);
    String id2 = upsert.json().get("id").asString();
    assertThat(id2).isNotEqualTo(id);
    assertThat(two.get("/sobjects/Contact/" + id2).json().get("CreatedById").asString())
        .isEqualTo(account(2).get("userId").asString());
    assertThat(one.get("/sobjects/Contact/Switchboard_Id__c/sb-1").json().get("LastName").asString()).isEqualTo("Lovelace");
  }

  @Test
  void oauthIntoOrgTwoNamesOrgTwoAndReachesOnlyIt() {
    JsonNode org2 = account(2);
    JsonNode tokens = oauth("&account=2");
    assertThat(tokens.get("id").asString()).endsWith("/id/" + org2.get("orgId").asString() + "/" + org2.get("userId").asString());
    assertThat(tokens.get("instance_url").asString()).endsWith("/salesforce");
    assertThat(tokens.get("access_token").asString()).startsWith(org2.get("orgId").asString().substring(0, 15) + "!");
    Http two = api(tokens.get("access_token").asString());
    two.post("/sobjects/Contact", Map.of("LastName", "Hopper"));
    JsonNode info = sandbox.http("/salesforce/services/oauth2", Map.of("Authorization", "Bearer "
        + tokens.get("access_token").asString())).get("/userinfo").json();
    assertThat(info.get("organization_id").asString()).isEqualTo(org2.get("orgId").asString());

    Http one = api(oauth("").get("access_token").asString());
    assertThat(one.get("/query?q=SELECT+Id+FROM+Contact").json().get("totalSize").asInt()).isZero();
    assertThat(ctl.get("/salesforce/services/oauth2/authorize?response_type=code&client_id=sandbox-salesforce-consumer-key"
        + "&redirect_uri=" + REDIRECT + "&account=5").status()).isEqualTo(400);
  }

  @Test
  void apiAllocationIsPerOrg() {
    ctl.put("/_sandbox/config", Map.of("vendor", "salesforce", "dailyApiLimit", 2));
    Http one = api(account(1).get("accessToken").asString());
    Http two = api(account(2).get("accessToken").asString());
    one.get("/limits");
    assertThat(one.get("/limits").header("Sforce-Limit-Info")).isEqualTo("api-usage=2/2");
    assertThat(one.get("/limits").status()).isEqualTo(403);
    Http.Res other = two.get("/limits");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("Sforce-Limit-Info")).isEqualTo("api-usage=1/2");
  }

  @Test
  void seedTargetsOneOrgAndResetClearsAll() {
    Http two = api(account(2).get("accessToken").asString());
    Http.Res seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "salesforce", "account", 2, "contacts", 3));
    assertThat(seeded.json().get("orgId").asString()).isEqualTo(account(2).get("orgId").asString());
    assertThat(two.get("/query?q=SELECT+Id+FROM+Contact").json().get("totalSize").asInt()).isEqualTo(3);
    assertThat(api(account(1).get("accessToken").asString()).get("/query?q=SELECT+Id+FROM+Contact")
        .json().get("totalSize").asInt()).isZero();
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "salesforce", "account", 3)).status()).isEqualTo(400);
    ctl.post("/_sandbox/reset", null);
    assertThat(two.get("/query?q=SELECT+Id+FROM+Contact").json().get("totalSize").asInt()).isZero();
  }
}
