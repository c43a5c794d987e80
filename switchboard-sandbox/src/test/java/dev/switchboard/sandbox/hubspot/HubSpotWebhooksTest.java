package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class HubSpotWebhooksTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.hubspot.webhook-batch-ms", 100)).withReceiver();
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http dev = sandbox.http("/hubspot", Map.of());
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  @BeforeEach
  void subscribe() {
    String q = "?hapikey=sandbox-dev-key";
    assertThat(dev.put("/webhooks/v3/2001/settings" + q, Map.of("targetUrl", receiver.url("/hooks/hubspot"),
        "throttling", Map.of("maxConcurrentRequests", 10, "period", "SECONDLY"))).status()).isEqualTo(200);
    assertThat(dev.put("/webhooks/v3/2001/settings?hapikey=wrong", Map.of("targetUrl", "http://x")).status()).isEqualTo(401);
    dev.post("/webhooks/v3/2001/subscriptions" + q, Map.of("eventType", "contact.creation", "active", true));
    dev.post("/webhooks/v3/2001/subscriptions" + q, Map.of("eventType", "contact.propertyChange", "propertyName", "firstname", "active", true));
    dev.post("/webhooks/v3/2001/subscriptions" + q, Map.of("eventType", "contact.deletion", "active", true));
    assertThat(dev.get("/webhooks/v3/2001/subscriptions" + q).json().get("results").size()).isEqualTo(3);
  }

  private static List<JsonNode> events() {
    List<JsonNode> out = new ArrayList<>();
    receiver.posts().forEach(r -> Http.JSON.readTree(r.body()).forEach(out::add));
    return out;
  }

  @Test
  void batchedSignedDeliveryOfCreateChangeAndDelete() throws Exception {
    Http.Res upsert = hub.post("/crm/v3/objects/contacts/batch/upsert", Map.of("inputs", List.of(
        Map.of("idProperty", "email", "id", "a@x.com", "properties", Map.of("firstname", "A")),
        Map.of("idProperty", "email", "id", "b@x.com", "properties", Map.of("firstname", "B")))));
    String idA = upsert.json().get("results").get(0).get("id").asString();

    await().atMost(Duration.ofSeconds(5)).until(() -> events().size() >= 4);
    assertThat(receiver.posts()).hasSize(1); // both creations + both firstname changes in one array
    WebhookReceiver.Received r = receiver.posts().getFirst();
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("X-HubSpot-Signature-Version")).isEqualTo("v1");
    String v1 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(("sandbox-hubspot-client-secret" + r.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(r.header("X-HubSpot-Signature")).isEqualTo(v1);
    String ts = r.header("X-HubSpot-Request-Timestamp");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("sandbox-hubspot-client-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(mac.doFinal(
        ("POST" + receiver.url("/hooks/hubspot") + r.body() + ts).getBytes(StandardCharsets.UTF_8)));
    assertThat(r.header("X-HubSpot-Signature-v3")).isEqualTo(expected);

    JsonNode first = Http.JSON.readTree(r.body()).get(0);
    assertThat(first.get("portalId").asLong()).isEqualTo(1001);
    assertThat(first.get("appId").asLong()).isEqualTo(2001);
    assertThat(first.get("changeSource").asString()).isEqualTo("INTEGRATION");
    assertThat(first.get("attemptNumber").asInt()).isZero();
    assertThat(events().stream().map(e -> e.get("subscriptionType").asString()))
        .containsExactlyInAnyOrder("contact.creation", "contact.creation", "contact.propertyChange", "contact.propertyChange");
    assertThat(events().stream().map(e -> e.get("eventId").asLong())).doesNotHaveDuplicates();

    // no-op update: no event; real change + UI edit + delete: one event each
    hub.patch("/crm/v3/objects/contacts/" + idA, Map.of("properties", Map.of("firstname", "A")));
    hub.patch("/crm/v3/objects/contacts/" + idA, Map.of("properties", Map.of("firstname", "A2", "lastname", "unsubscribed-prop")));
    ctl.post("/_sandbox/hubspot/contacts/" + idA + "/ui-edit", Map.of("properties", Map.of("firstname", "FromUi")));
    hub.delete("/crm/v3/objects/contacts/" + idA);
    await().atMost(Duration.ofSeconds(5)).until(() -> events().size() >= 7);
    Thread.sleep(300); // nothing else may arrive
    List<JsonNode> later = events().subList(4, events().size());
    assertThat(later).hasSize(3);
    assertThat(later.get(0).get("propertyValue").asString()).isEqualTo("A2");
    assertThat(later.get(1).get("changeSource").asString()).isEqualTo("CRM_UI");
    assertThat(later.get(2).get("subscriptionType").asString()).isEqualTo("contact.deletion");
    assertThat(later.get(2).get("objectId").asString()).isEqualTo(idA);
  }

  @Test
  void retriesWithIncrementedAttemptNumberAndNoRetryOn400() {
    receiver.status.set(503);
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "r@x.com")));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 2);
    receiver.status.set(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> ctl.get("/_sandbox/counters").json().at("/webhooks/hubspot/delivered").asLong() == 1);
    List<Integer> attempts = receiver.posts().stream().map(p -> Http.JSON.readTree(p.body()).get(0).get("attemptNumber").asInt()).toList();
    assertThat(attempts.subList(0, 2)).containsExactly(0, 1);

    receiver.received.clear();
    receiver.status.set(400);
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "s@x.com")));
    await().atMost(Duration.ofSeconds(5)).until(() -> ctl.get("/_sandbox/counters").json().at("/webhooks/hubspot/failed").asLong() == 1);
    assertThat(receiver.posts()).hasSize(1);
  }

  @Test
  void faultsDuplicateDropErrorAndStorm() throws Exception {
    ctl.post("/_sandbox/faults", Map.of("vendor", "hubspot", "duplicateWebhooks", 1));
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "d@x.com")));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 2);
    assertThat(receiver.posts().get(0).body()).isEqualTo(receiver.posts().get(1).body());

    receiver.received.clear();
    ctl.post("/_sandbox/faults", Map.of("vendor", "hubspot", "duplicateWebhooks", 0, "dropWebhooks", 1));
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "e@x.com")));
    await().atMost(Duration.ofSeconds(5)).until(() -> ctl.get("/_sandbox/counters").json().at("/webhooks/hubspot/dropped").asLong() == 1);
    Thread.sleep(400);
    assertThat(receiver.posts()).isEmpty();

    ctl.post("/_sandbox/faults", Map.of("vendor", "hubspot", "errorRate", 1.0));
    Http.Res err = hub.get("/crm/v3/objects/contacts");
    assertThat(err.status()).isEqualTo(503);
    assertThat(err.json().get("status").asString()).isEqualTo("error");
    assertThat(ctl.get("/_sandbox/credentials").status()).isEqualTo(200); // controls are never faulted

    ctl.delete("/_sandbox/faults?vendor=hubspot");
    ctl.post("/_sandbox/faults", Map.of("vendor", "hubspot", "rateLimitStorm", true));
    Http.Res storm = hub.get("/crm/v3/objects/contacts");
    assertThat(storm.status()).isEqualTo(429);
    assertThat(storm.header("Retry-After")).isEqualTo("1");
    assertThat(storm.header("X-HubSpot-RateLimit-Max")).isNotNull();
    assertThat(storm.json().get("errorType").asString()).isEqualTo("RATE_LIMIT");
    ctl.delete("/_sandbox/faults");
    assertThat(hub.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
    assertThat(ctl.get("/_sandbox/requests?vendor=hubspot&limit=1").json().get(0).get("status").asInt()).isEqualTo(200);
  }

  @Test
  void maxConcurrentRequestsCapsParallelDeliveries() {
    receiver.delayMs.set(400);
    ctl.post("/_sandbox/faults", Map.of("vendor", "hubspot", "duplicateWebhooks", 1)); // two identical POSTs at once
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "p1@x.com")));
    await().atMost(Duration.ofSeconds(5)).until(() -> ctl.get("/_sandbox/counters").json().at("/webhooks/hubspot/delivered").asLong() == 2);
    assertThat(receiver.maxInFlight.get()).isEqualTo(2);

    receiver.maxInFlight.set(0);
    dev.put("/webhooks/v3/2001/settings?hapikey=sandbox-dev-key", Map.of("targetUrl", receiver.url("/hooks/hubspot"),
        "throttling", Map.of("maxConcurrentRequests", 1, "period", "SECONDLY")));
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "p2@x.com")));
    await().atMost(Duration.ofSeconds(5)).until(() -> ctl.get("/_sandbox/counters").json().at("/webhooks/hubspot/delivered").asLong() == 4);
    assertThat(receiver.maxInFlight.get()).isEqualTo(1);
  }

  @Test
  void v3SignatureIsOverTheDecodedTargetUrl() throws Exception {
    String encoded = receiver.url("/hooks/hubspot?tenant=shop%3A1&owner=a%40b.com");
    dev.put("/webhooks/v3/2001/settings?hapikey=sandbox-dev-key", Map.of("targetUrl", encoded));
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "enc@x.com")));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 1);
    WebhookReceiver.Received r = receiver.posts().getFirst();
    assertThat(r.path()).contains("shop%3A1"); // delivered to the URL as configured
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("sandbox-hubspot-client-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String decoded = receiver.url("/hooks/hubspot?tenant=shop:1&owner=a@b.com");
    String expected = Base64.getEncoder().encodeToString(mac.doFinal(
        ("POST" + decoded + r.body() + r.header("X-HubSpot-Request-Timestamp")).getBytes(StandardCharsets.UTF_8)));
    assertThat(r.header("X-HubSpot-Signature-v3")).isEqualTo(expected);
  }

  @Test
  void v1SignatureMatchesHubSpotsPublishedExample() {
    // developers.hubspot.com "v1 request validation": secret + body → SHA-256 hex
    String body = "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
        + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,\"changeSource\":\"CRM\","
        + "\"changeFlag\":\"NEW\",\"appId\":54321}]";
    assertThat(HubSpotEventPublisher.signV1("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", body))
        .isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
  }

  @Test
  void subscriptionsArePausedByDefaultHaveStringIdsAndCanBeActivated() {
    String q = "?hapikey=sandbox-dev-key";
    Http.Res created = dev.post("/webhooks/v3/2001/subscriptions" + q, Map.of("eventType", "contact.privacyDeletion"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("active").asBoolean()).isFalse();
    assertThat(created.json().get("id").isString()).isTrue();
    String id = created.json().get("id").asString();
    assertThat(dev.get("/webhooks/v3/2001/subscriptions" + q).json().get("results").get(0).get("id").isString()).isTrue();
    for (String type : List.of("contact.merge", "contact.restore", "contact.associationChange")) {
      assertThat(dev.post("/webhooks/v3/2001/subscriptions" + q, Map.of("eventType", type)).status()).isEqualTo(201);
    }

    // paused: a GDPR delete sends contact.deletion (active) but no contact.privacyDeletion
    String first = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "g1@x.com"))).json().get("id").asString();
    assertThat(hub.post("/crm/v3/objects/contacts/gdpr-delete", Map.of("objectId", first)).status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(5)).until(() -> events().stream().anyMatch(e -> e.get("subscriptionType").asString().equals("contact.deletion")));

    assertThat(dev.get("/webhooks/v3/2001/subscriptions/" + id + q).json().get("active").asBoolean()).isFalse();
    Http.Res patched = dev.patch("/webhooks/v3/2001/subscriptions/" + id + q, Map.of("active", true));
    assertThat(patched.json().get("active").asBoolean()).isTrue();
    assertThat(dev.get("/webhooks/v3/2001/subscriptions/999" + q).status()).isEqualTo(404);

    String second = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "g2@x.com"))).json().get("id").asString();
    assertThat(hub.post("/crm/v3/objects/contacts/gdpr-delete", Map.of("objectId", "G2@x.com", "idProperty", "email")).status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(5)).until(() -> events().stream().anyMatch(e -> e.get("subscriptionType").asString().equals("contact.privacyDeletion")));
    List<JsonNode> privacy = events().stream().filter(e -> e.get("subscriptionType").asString().equals("contact.privacyDeletion")).toList();
    assertThat(privacy).hasSize(1);
    assertThat(privacy.getFirst().get("objectId").asString()).isEqualTo(second);
    assertThat(privacy.getFirst().get("subscriptionId").asLong()).isEqualTo(Long.parseLong(id));
    // an email HubSpot does not know is blocklisted: still 204
    assertThat(hub.post("/crm/v3/objects/contacts/gdpr-delete", Map.of("objectId", "nobody@x.com", "idProperty", "email")).status()).isEqualTo(204);
  }

  /**
   * The 207 of {@code subscriptions/batch/update} carries {@code StandardError} entries (v3 and 2026-03 specs:
   * {@code BatchResponseSubscriptionResponseWithErrors.errors[]}), whose required fields are status, category,
   * message, errors, context and links; a top-level error's correlationId is not one of them.
   */
  @Test
  void batchUpdateErrorsAreCompleteStandardErrorsOnBothVersions() {
    String q = "?hapikey=sandbox-dev-key";
    for (String version : List.of("v3", "2026-03")) {
      Http.Res batch = dev.post("/webhooks/" + version + "/2001/subscriptions/batch/update" + q, Map.of("inputs",
          List.of(Map.of("id", 4568, "active", true))));
      assertThat(batch.status()).as(version).isEqualTo(207);
      JsonNode e = batch.json().at("/errors/0");
      assertThat(e.propertyNames()).as(version).contains("status", "category", "message", "errors", "context", "links");
      assertThat(e.get("status").asString()).isEqualTo("error");
      assertThat(e.get("errors").isArray()).isTrue();
      assertThat(e.get("links").isObject()).isTrue();
      assertThat(e.at("/context/subscriptionIds/0").asString()).isEqualTo("4568");
      assertThat(e.has("correlationId")).isFalse();
    }
  }

  @Test
  void batchUpdatePausesSubscriptionsAndDeletedSettingsStopDeliveries() throws Exception {
    String q = "?hapikey=sandbox-dev-key";
    List<String> ids = new ArrayList<>();
    dev.get("/webhooks/v3/2001/subscriptions" + q).json().get("results").forEach(s -> ids.add(s.get("id").asString()));
    Http.Res batch = dev.post("/webhooks/v3/2001/subscriptions/batch/update" + q, Map.of("inputs", List.of(
        Map.of("id", Integer.parseInt(ids.get(0)), "active", false), Map.of("id", 4567, "active", true))));
    assertThat(batch.status()).isEqualTo(207);
    assertThat(batch.json().at("/results/0/active").asBoolean()).isFalse();
    assertThat(batch.json().at("/errors/0/category").asString()).isEqualTo("SUBSCRIPTION_ID_NOT_FOUND");
    assertThat(batch.json().at("/errors/0/context/subscriptionIds/0").asString()).isEqualTo("4567");
    assertThat(dev.post("/webhooks/v3/2001/subscriptions/batch/update" + q, Map.of("inputs", List.of(
        Map.of("id", Integer.parseInt(ids.get(0)), "active", true)))).status()).isEqualTo(200);

    assertThat(dev.delete("/webhooks/v3/2001/settings" + q).status()).isEqualTo(204);
    assertThat(dev.get("/webhooks/v3/2001/settings" + q).status()).isEqualTo(404);
    assertThat(dev.get("/webhooks/v3/2001/subscriptions" + q).json().get("results").size()).isEqualTo(3);
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "quiet@x.com", "firstname", "Q")));
    Thread.sleep(400);
    assertThat(receiver.posts()).isEmpty();
  }
}
