package dev.switchboard.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Pipedrive webhooks: v1 CRUD and the 40-per-user cap, v2 and v1 payloads, HTTP Basic auth (Pipedrive's only
 * protection: no signature), retries with attempt numbers, and the ban after repeated failures.
 */
class PipedriveWebhooksTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.pipedrive.webhook-backoff-ms", "20"))
      .withReceiver().resetVendor("pipedrive");
  static final Http v1 = sandbox.http("/pipedrive/api/v1", Map.of("x-api-token", "pipedrive-sandbox-token"));
  static final Http v2 = sandbox.http("/pipedrive/api/v2", Map.of("x-api-token", "pipedrive-sandbox-token"));
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  static long register(String action, String object, String version, String user, String password) {
    Map<String, Object> body = new HashMap<>(Map.of("subscription_url", receiver.url("/pd"), "event_action", action,
        "event_object", object, "version", version));
    if (user != null) {
      body.put("http_auth_user", user);
      body.put("http_auth_password", password);
    }
    Http.Res r = v1.post("/webhooks", body);
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("data").get("id").asLong();
  }

  @Test
  void webhooksCrudAndCap() {
    ctl.put("/_sandbox/config", Map.of("vendor", "pipedrive", "burstPer2s", 100)); // 45 calls would hit the 40/2 s burst limit
    Http.Res created = v1.post("/webhooks", Map.of("subscription_url", "http://127.0.0.1:9/x", "event_action", "*",
        "event_object", "person", "version", "2.0"));
    assertThat(created.status()).isEqualTo(201);
    JsonNode d = created.json().get("data");
    assertThat(created.json().get("status").asString()).isEqualTo("ok");
    assertThat(d.get("event_action").asString()).isEqualTo("*");
    assertThat(d.get("is_active").asInt()).isEqualTo(1);
    assertThat(d.get("type").asString()).isEqualTo("general");
    assertThat(d.get("version").asString()).isEqualTo("2.0");
    assertThat(v1.get("/webhooks").json().get("data")).hasSize(1);
    assertThat(v1.delete("/webhooks/" + d.get("id").asLong()).json().get("success").asBoolean()).isTrue();
    assertThat(v1.delete("/webhooks/" + d.get("id").asLong()).status()).isEqualTo(404);
    assertThat(v1.post("/webhooks", Map.of("subscription_url", "http://x/y", "event_action", "added", "event_object", "person")).status())
        .isEqualTo(400);
    assertThat(v1.post("/webhooks", Map.of("event_action", "*", "event_object", "*")).status()).isEqualTo(400);
    for (int i = 0; i < 40; i++) {
      assertThat(v1.post("/webhooks", Map.of("subscription_url", "http://127.0.0.1:9/" + i, "event_action", "*", "event_object", "*"))
          .status()).isEqualTo(201);
    }
    Http.Res over = v1.post("/webhooks", Map.of("subscription_url", "http://127.0.0.1:9/41", "event_action", "*", "event_object", "*"));
    assertThat(over.status()).isEqualTo(400);
    assertThat(over.json().get("success").asBoolean()).isFalse();
  }

  @Test
  void v2DeliveriesCarryBasicAuthAndDocumentedShape() {
    long hook = register("*", "person", "2.0", "hook-user", "s3cret");
    register("*", "deal", "2.0", null, null);
    long id = v2.post("/persons", Map.of("name", "Ada Lovelace", "emails", List.of(Map.of("value", "ada@example.com"))))
        .json().get("data").get("id").asLong();
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 1);
    WebhookReceiver.Received created = receiver.posts().getFirst();
    String expected = "Basic " + Base64.getEncoder().encodeToString("hook-user:s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(created.header("Authorization")).isEqualTo(expected);
    assertThat(created.header("Content-Type")).startsWith("application/json");
    JsonNode body = Http.JSON.readTree(created.body());
    JsonNode meta = body.get("meta");
    assertThat(meta.get("action").asString()).isEqualTo("create");
    assertThat(meta.get("entity").asString()).isEqualTo("person");
    assertThat(meta.get("entity_id").asString()).isEqualTo(Long.toString(id));
    assertThat(meta.get("version").asString()).isEqualTo("2.0");
    assertThat(meta.get("webhook_id").asString()).isEqualTo(Long.toString(hook));
    assertThat(meta.get("attempt").asInt()).isEqualTo(1);
    assertThat(meta.get("change_source").asString()).isEqualTo("api");
    assertThat(meta.get("id").asString()).isNotBlank();
    assertThat(meta.get("correlation_id").asString()).isNotBlank();
    assertThat(meta.get("timestamp").asString()).endsWith("Z");
    assertThat(body.get("data").get("emails").get(0).get("value").asString()).isEqualTo("ada@example.com");
    assertThat(body.get("previous").isNull()).isTrue();

    v2.patch("/persons/" + id, Map.of("name", "Ada King"));
    ctl.post("/pipedrive/_sandbox/persons/" + id + "/ui-edit", Map.of("emails", List.of(Map.of("value", "ada@king.org"))));
    v2.delete("/persons/" + id);
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 4);
    Map<String, JsonNode> byAction = new HashMap<>();
    receiver.posts().stream().map(r -> Http.JSON.readTree(r.body()))
        .forEach(n -> byAction.merge(n.get("meta").get("action").asString() + ":" + n.get("meta").get("change_source").asString(), n, (a, b) -> a));
    JsonNode change = byAction.get("change:api");
    assertThat(change.get("data").get("name").asString()).isEqualTo("Ada King");
    assertThat(change.get("previous").get("name").asString()).isEqualTo("Ada Lovelace");
    assertThat(change.get("previous").has("emails")).isFalse();
    JsonNode ui = byAction.get("change:app");
    assertThat(ui.get("previous").get("emails").get(0).get("value").asString()).isEqualTo("ada@example.com");
    JsonNode deleted = byAction.get("delete:api");
    assertThat(deleted.get("data").isNull()).isTrue();
    assertThat(deleted.get("previous").get("id").asLong()).isEqualTo(id);
  }

  @Test
  void v1PayloadShapeAndSeedWithWebhooks() {
    register("create", "*", "1.0", null, null);
    ctl.post("/_sandbox/seed", Map.of("vendor", "pipedrive", "contacts", 1));
    assertThat(receiver.posts()).isEmpty();
    ctl.post("/_sandbox/seed", Map.of("vendor", "pipedrive", "records", List.of(Map.of("email", "a@b.c", "firstname", "A")),
        "fireWebhooks", true));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 1);
    JsonNode body = Http.JSON.readTree(receiver.posts().getFirst().body());
    assertThat(body.get("event").asString()).isEqualTo("added.person");
    assertThat(body.get("meta").get("action").asString()).isEqualTo("added");
    assertThat(body.get("current").get("name").asString()).isEqualTo("A");
    assertThat(body.get("retry").asInt()).isZero();
  }

  @Test
  void failedDeliveriesAreRetriedThenTheWebhookIsBanned() throws Exception {
    ctl.put("/_sandbox/config", Map.of("vendor", "pipedrive", "webhookBanPoints", 2));
    long hook = register("*", "*", "2.0", null, null);
    receiver.status.set(500);
    v2.post("/organizations", Map.of("name", "First"));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 4);
    List<Integer> attempts = receiver.posts().stream().map(r -> Http.JSON.readTree(r.body()).get("meta").get("attempt").asInt()).toList();
    assertThat(attempts).containsExactly(1, 2, 3, 4);
    JsonNode listed = v1.get("/webhooks").json().get("data").get(0);
    assertThat(listed.get("last_http_status").asInt()).isEqualTo(500);
    assertThat(listed.get("is_active").asInt()).isEqualTo(1);

    v2.post("/organizations", Map.of("name", "Second"));
    await().atMost(Duration.ofSeconds(5)).until(() -> v1.get("/webhooks").json().get("data").get(0).get("is_active").asInt() == 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 8);
    receiver.status.set(200);
    v2.post("/organizations", Map.of("name", "Third"));
    Thread.sleep(300); // a banned webhook must stay silent; give a would-be delivery time to arrive
    assertThat(receiver.posts()).hasSize(8);
    assertThat(v1.get("/webhooks").json().get("data").get(0).get("id").asLong()).isEqualTo(hook);
  }
}
