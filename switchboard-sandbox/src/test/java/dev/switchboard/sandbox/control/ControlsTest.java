package dev.switchboard.sandbox.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class ControlsTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.reorder-hold-ms", 1500)).withReceiver();
  static final Http ctl = sandbox.ctl();
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http mc = sandbox.http("/mailchimp/3.0", Map.of("Authorization", "Bearer sandboxkey0000000000000000000000-us21"));
  static final WebhookReceiver receiver = sandbox.receiver();

  @Test
  void credentialsListEverythingEachVendorAccepts() {
    JsonNode c = ctl.get("/_sandbox/credentials").json();
    assertThat(c.at("/hubspot/basePath").asString()).isEqualTo("/hubspot");
    assertThat(c.at("/hubspot/accessToken").asString()).isEqualTo("pat-sandbox-hubspot");
    assertThat(c.at("/hubspot/portalId").asLong()).isEqualTo(1001);
    assertThat(c.at("/hubspot/appId").asLong()).isEqualTo(2001);
    assertThat(c.at("/hubspot/developerApiKey").asString()).isEqualTo("sandbox-dev-key");
    assertThat(c.at("/hubspot/clientSecret").asString()).isEqualTo("sandbox-hubspot-client-secret");
    assertThat(c.at("/mailchimp/apiKey").asString()).isEqualTo("sandboxkey0000000000000000000000-us21");
    assertThat(c.at("/mailchimp/dc").asString()).isEqualTo("us21");
    assertThat(c.at("/mailchimp/listId").asString()).isEqualTo("sandboxlist1");
  }

  @Test
  void seedRecordsCountersRequestLogAndVendorReset() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "records", List.of(Map.of("email", "r@x.com", "firstname", "R"))));
    ctl.post("/_sandbox/seed", Map.of("vendor", "mailchimp", "contacts", 2));
    assertThat(hub.get("/crm/v3/objects/contacts/r@x.com?idProperty=email").status()).isEqualTo(200);
    hub.get("/crm/v3/objects/contacts/" + hub.get("/crm/v3/objects/contacts").json().at("/results/0/id").asString());
    assertThat(mc.get("/lists/sandboxlist1/members").json().get("total_items").asInt()).isEqualTo(2);

    JsonNode counters = ctl.get("/_sandbox/counters").json();
    assertThat(counters.at("/hubspot/total").asLong()).isEqualTo(3);
    assertThat(counters.at("/hubspot/byEndpoint").get("GET /crm/v3/objects/contacts/{contactId}").asLong()).isEqualTo(2);
    assertThat(counters.at("/mailchimp/byEndpoint").get("GET /lists/{listId}/members").asLong()).isEqualTo(1);
    assertThat(counters.at("/webhooks/hubspot/delivered").asLong()).isZero();
    JsonNode log = ctl.get("/_sandbox/requests?vendor=hubspot&limit=2").json();
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.get(0).get("method").asString()).isEqualTo("GET");
    assertThat(log.get(0).get("status").asInt()).isEqualTo(200);
    assertThat(log.toString()).doesNotContain("pat-sandbox-hubspot");

    ctl.post("/_sandbox/reset?vendor=hubspot", null);
    assertThat(hub.get("/crm/v3/objects/contacts").json().get("results").size()).isZero();
    assertThat(mc.get("/lists/sandboxlist1/members").json().get("total_items").asInt()).isEqualTo(2);
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "nope")).status()).isEqualTo(400);
  }

  @Test
  void reorderFaultDeliversHeldWebhooksNewestFirst() {
    mc.post("/lists/sandboxlist1/webhooks", Map.of("url", receiver.url("/mc"), "sources", Map.of("api", true)));
    ctl.post("/_sandbox/faults", Map.of("vendor", "mailchimp", "reorderWebhooks", true));
    assertThat(ctl.get("/_sandbox/faults").json().at("/mailchimp/reorderWebhooks").asBoolean()).isTrue();
    for (String e : List.of("a@x.com", "b@x.com", "c@x.com")) {
      mc.post("/lists/sandboxlist1/members", Map.of("email_address", e, "status", "subscribed"));
    }
    await().atMost(Duration.ofSeconds(6)).until(() -> receiver.posts().size() == 3);
    assertThat(receiver.posts().stream().map(r -> r.body().contains("data%5Bemail%5D=c%40x.com") ? "c"
        : r.body().contains("data%5Bemail%5D=b%40x.com") ? "b" : "a")).containsExactly("c", "b", "a");
    JsonNode deliveries = ctl.get("/_sandbox/webhooks/deliveries?vendor=mailchimp").json();
    assertThat(deliveries.size()).isEqualTo(3);
    assertThat(deliveries.get(0).get("outcome").asString()).isEqualTo("delivered");
  }

  @Test
  void unmappedVendorPathsAnswerInVendorShape() {
    Http.Res hs = hub.get("/crm/v3/objects/nothing-here/x/y");
    assertThat(hs.status()).isEqualTo(404);
    assertThat(hs.json().get("category").asString()).isEqualTo("OBJECT_NOT_FOUND");
    Http.Res m = mc.get("/no/such/thing");
    assertThat(m.status()).isEqualTo(404);
    assertThat(m.header("Content-Type")).startsWith("application/problem+json");
    assertThat(m.json().get("title").asString()).isEqualTo("Resource Not Found");
    assertThat(mc.send("PUT", "/ping", "{}").status()).isEqualTo(405);
  }

  @Test
  void searchHasItsOwnPerSecondLimit() {
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "searchPerSecond", 2));
    Map<String, Object> q = Map.of("filterGroups", List.of());
    assertThat(hub.post("/crm/v3/objects/contacts/search", q).status()).isEqualTo(200);
    assertThat(hub.post("/crm/v3/objects/contacts/search", q).status()).isEqualTo(200);
    Http.Res third = hub.post("/crm/v3/objects/contacts/search", q);
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.json().get("policyName").asString()).isEqualTo("SECONDLY");
    assertThat(hub.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
  }
}
