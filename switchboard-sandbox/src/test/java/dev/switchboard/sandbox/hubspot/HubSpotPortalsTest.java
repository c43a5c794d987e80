package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.SandboxServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Several portals in one instance: each portal's data, custom properties and rate-limit budgets are its own,
 * every token reaches its own portal only, and the controls address portals by {@code portalId}.
 */
class HubSpotPortalsTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http one = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http two = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot-2"));
  static final Http ctl = sandbox.ctl();

  private static String create(Http portal, String email, String firstname) {
    Http.Res r = portal.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", email, "firstname", firstname)));
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private static List<String> emails(JsonNode results) {
    List<String> out = new ArrayList<>();
    results.forEach(c -> out.add(c.at("/properties/email").asString()));
    return out;
  }

  @Test
  void eachTokenReachesItsOwnPortal() {
    assertThat(one.get("/account-info/v3/details").json().get("portalId").asLong()).isEqualTo(1001);
    assertThat(two.get("/account-info/v3/details").json().get("portalId").asLong()).isEqualTo(1002);
    Http.Res unknown = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot-3"))
        .get("/crm/v3/objects/contacts");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().get("category").asString()).isEqualTo("INVALID_AUTHENTICATION");
  }

  @Test
  void recordsOfOnePortalAreInvisibleInTheOther() {
    String inOne = create(one, "same@x.com", "One");
    String inTwo = create(two, "same@x.com", "Two"); // emails are unique per portal, not per instance
    create(two, "only-two@x.com", "Two");
    assertThat(inOne).isEqualTo("101");
    assertThat(inTwo).isEqualTo("1000101");

    assertThat(emails(one.get("/crm/v3/objects/contacts?properties=email").json().get("results")))
        .containsExactly("same@x.com");
    assertThat(emails(two.get("/crm/v3/objects/contacts?properties=email").json().get("results")))
        .containsExactly("same@x.com", "only-two@x.com");
    assertThat(one.get("/crm/v3/objects/contacts/" + inTwo).status()).isEqualTo(404);
    assertThat(two.get("/crm/v3/objects/contacts/" + inOne).status()).isEqualTo(404);
    assertThat(one.get("/crm/v3/objects/contacts/only-two@x.com?idProperty=email").status()).isEqualTo(404);
    assertThat(one.get("/crm/v3/objects/contacts/same@x.com?idProperty=email&properties=firstname").json()
        .at("/properties/firstname").asString()).isEqualTo("One");

    Http.Res search = one.post("/crm/v3/objects/contacts/search", Map.of("query", "only"));
    assertThat(search.json().get("total").asInt()).isZero();
    assertThat(two.post("/crm/v3/objects/contacts/search", Map.of("query", "only")).json().get("total").asInt()).isEqualTo(1);

    Http.Res read = one.post("/crm/v3/objects/contacts/batch/read", Map.of("inputs", List.of(Map.of("id", inOne), Map.of("id", inTwo))));
    assertThat(read.status()).isEqualTo(207);
    assertThat(read.json().at("/errors/0/context/ids/0").asString()).isEqualTo(inTwo);

    // writes aimed at the other portal's records touch nothing there
    assertThat(one.patch("/crm/v3/objects/contacts/" + inTwo, Map.of("properties", Map.of("firstname", "Hacked"))).status())
        .isEqualTo(404);
    assertThat(one.delete("/crm/v3/objects/contacts/" + inTwo).status()).isEqualTo(204);
    assertThat(one.post("/crm/v3/objects/contacts/gdpr-delete", Map.of("objectId", inTwo)).status()).isEqualTo(404);
    Http.Res upsert = one.post("/crm/v3/objects/contacts/batch/upsert", Map.of("inputs", List.of(
        Map.of("idProperty", "email", "id", "only-two@x.com", "properties", Map.of("firstname", "Upserted")))));
    assertThat(upsert.json().at("/results/0/new").asBoolean()).isTrue(); // created in portal 1, not found in portal 2
    assertThat(two.get("/crm/v3/objects/contacts/" + inTwo + "?properties=firstname").json().at("/properties/firstname").asString())
        .isEqualTo("Two");
    assertThat(two.get("/crm/v3/objects/contacts/only-two@x.com?idProperty=email&properties=firstname").json()
        .at("/properties/firstname").asString()).isEqualTo("Two");
  }

  @Test
  void customPropertiesBelongToTheirPortal() {
    Map<String, Object> loyalty = Map.of("name", "loyalty_tier", "label", "Loyalty tier");
    assertThat(two.post("/crm/v3/properties/contacts", loyalty).status()).isEqualTo(201);
    assertThat(two.get("/crm/v3/properties/contacts/loyalty_tier").status()).isEqualTo(200);
    assertThat(one.get("/crm/v3/properties/contacts/loyalty_tier").status()).isEqualTo(404);
    Http.Res refused = one.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("loyalty_tier", "gold")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/errors/0/code").asString()).isEqualTo("PROPERTY_DOESNT_EXIST");
    assertThat(one.post("/crm/v3/properties/contacts", loyalty).status()).isEqualTo(201); // the name is free in portal 1
  }

  @Test
  void rateLimitsAreBudgetsOfOnePortal() {
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "rateLimitPer10s", 2, "searchPerSecond", 1, "dailyLimit", 100));
    assertThat(one.post("/crm/v3/objects/contacts/search", Map.of()).status()).isEqualTo(200);
    Http.Res secondly = one.post("/crm/v3/objects/contacts/search", Map.of());
    assertThat(secondly.status()).isEqualTo(429);
    assertThat(secondly.json().get("policyName").asString()).isEqualTo("SECONDLY");
    assertThat(two.post("/crm/v3/objects/contacts/search", Map.of()).status()).isEqualTo(200);

    assertThat(one.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
    assertThat(one.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
    Http.Res spent = one.get("/crm/v3/objects/contacts");
    assertThat(spent.status()).isEqualTo(429);
    assertThat(spent.json().get("policyName").asString()).isEqualTo("TEN_SECONDLY_ROLLING");
    assertThat(spent.json().get("groupName").asString()).endsWith(":1001");
    Http.Res fresh = two.get("/crm/v3/objects/contacts");
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(fresh.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("1");
    assertThat(fresh.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("98"); // its own search and this call

    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "dailyLimit", 3)); // portal 1 has made 3 calls, portal 2 two
    Http.Res daily = one.post("/crm/v3/objects/contacts/batch/read", Map.of("inputs", List.of()));
    assertThat(daily.status()).isEqualTo(429);
    assertThat(daily.json().get("policyName").asString()).isEqualTo("DAILY");
    assertThat(daily.json().get("groupName").asString()).endsWith(":1001");
    Http.Res left = two.post("/crm/v3/objects/contacts/batch/read", Map.of("inputs", List.of()));
    assertThat(left.status()).isEqualTo(200);
    assertThat(left.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("0");
  }

  @Test
  void credentialsListEveryPortalAndKeepPortalOneAtTheTop() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("hubspot");
    assertThat(c.get("portalId").asLong()).isEqualTo(1001);
    assertThat(c.get("accessToken").asString()).isEqualTo("pat-sandbox-hubspot");
    assertThat(c.get("appId").asLong()).isEqualTo(2001);
    assertThat(c.get("portals").size()).isEqualTo(2);
    assertThat(c.at("/portals/0/portalId").asLong()).isEqualTo(1001);
    assertThat(c.at("/portals/0/accessToken").asString()).isEqualTo("pat-sandbox-hubspot");
    assertThat(c.at("/portals/1/portalId").asLong()).isEqualTo(1002);
    assertThat(c.at("/portals/1/accessToken").asString()).isEqualTo("pat-sandbox-hubspot-2");
  }

  @Test
  void seedFillsTheNamedPortalAndResetEmptiesAll() {
    JsonNode seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "contacts", 3, "portalId", 1002)).json();
    assertThat(seeded.get("portalId").asLong()).isEqualTo(1002);
    assertThat(seeded.get("ids").get(0).asString()).isEqualTo("1000101");
    assertThat(two.get("/crm/v3/objects/contacts").json().get("results").size()).isEqualTo(3);
    assertThat(one.get("/crm/v3/objects/contacts").json().get("results").size()).isZero();
    ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "contacts", 1));
    assertThat(emails(one.get("/crm/v3/objects/contacts?properties=email").json().get("results")))
        .containsExactly("seed-0001@example.com"); // each portal numbers its seed people from 1
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "contacts", 1, "portalId", 4242)).status()).isEqualTo(400);
    two.post("/crm/v3/properties/contacts", Map.of("name", "loyalty_tier"));

    ctl.post("/_sandbox/reset?vendor=hubspot", null);
    assertThat(one.get("/crm/v3/objects/contacts").json().get("results").size()).isZero();
    assertThat(two.get("/crm/v3/objects/contacts").json().get("results").size()).isZero();
    assertThat(two.get("/crm/v3/properties/contacts/loyalty_tier").status()).isEqualTo(404);
    assertThat(create(two, "after-reset@x.com", "R")).isEqualTo("1000101");
  }

  @Test
  void uiEditTakesThePortalId() {
    String id = create(two, "ui@x.com", "Before");
    assertThat(ctl.post("/_sandbox/hubspot/contacts/" + id + "/ui-edit", Map.of("properties", Map.of("firstname", "X"))).status())
        .isEqualTo(404);
    assertThat(ctl.post("/_sandbox/hubspot/contacts/" + id + "/ui-edit?portalId=1002", Map.of("properties", Map.of("firstname", "After")))
        .json().at("/properties/firstname").asString()).isEqualTo("After");
  }

  @Test
  void thePortalCountIsAProperty() {
    try (SandboxServer three = SandboxServer.start(0, Map.of("sandbox.hubspot.portals", 3))) {
      Http third = new Http(three.baseUrl() + "/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot-3"));
      assertThat(third.get("/account-info/v3/details").json().get("portalId").asLong()).isEqualTo(1003);
      assertThat(new Http(three.baseUrl(), Map.of()).get("/_sandbox/credentials").json().at("/hubspot/portals").size()).isEqualTo(3);
    }
    try (SandboxServer single = SandboxServer.start(0, Map.of("sandbox.hubspot.portals", 1))) {
      Http second = new Http(single.baseUrl() + "/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot-2"));
      assertThat(second.get("/crm/v3/objects/contacts").status()).isEqualTo(401);
    }
  }
}
