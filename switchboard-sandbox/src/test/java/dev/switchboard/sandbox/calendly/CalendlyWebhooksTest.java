package dev.switchboard.sandbox.calendly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Webhook subscriptions and signed, retried deliveries; subscriptions disabled after the retry window. */
class CalendlyWebhooksTest {

  static final String KEY = "test-signing-key-123";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.max-attempts", "8",
      "sandbox.webhooks.base-backoff-ms", "25")).withReceiver();
  static final Http api = sandbox.http("/calendly", Map.of("Authorization", "Bearer calendly-sandbox-pat"));
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();
  static String base;
  static String org;

  @BeforeAll
  static void urls() {
    base = sandbox.baseUrl() + "/calendly";
    org = base + "/organizations/SANDBOXORG000001";
  }

  static String subscribe(List<String> events) {
    Http.Res r = api.post("/webhook_subscriptions", Map.of("url", receiver.url("/hooks"), "events", events,
        "organization", org, "scope", "organization", "signing_key", KEY));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("resource").get("uri").asString();
  }

  static JsonNode book(String email) {
    return ctl.post("/_sandbox/calendly/book", Map.of("event_type", base + "/event_types/SANDBOXET30MIN01",
        "invitee", Map.of("email", email, "name", "Grace Hopper"), "start_time", "2026-05-01T15:00:00Z")).json();
  }

  /** Verifies Calendly-Webhook-Signature as Calendly documents it: t=<ts>,v1=<hex hmac_sha256(key, t + "." + body)>. */
  static boolean signatureValid(WebhookReceiver.Received r, String key) throws Exception {
    Map<String, String> parts = new HashMap<>();
    for (String p : r.header("Calendly-Webhook-Signature").split(",")) {
      String[] kv = p.split("=", 2);
      parts.put(kv[0].trim(), kv[1].trim());
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest = mac.doFinal((parts.get("t") + "." + r.body()).getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder();
    for (byte b : digest) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    long age = Instant.now().getEpochSecond() - Long.parseLong(parts.get("t"));
    return hex.toString().equals(parts.get("v1")) && Math.abs(age) < 300;
  }

  @Test
  void subscriptionCrud() {
    String uri = subscribe(List.of("invitee.created", "invitee.canceled"));
    String uuid = CalendlyUris.id(uri);
    JsonNode got = api.get("/webhook_subscriptions/" + uuid).json().get("resource");
    assertThat(got.get("callback_url").asString()).isEqualTo(receiver.url("/hooks"));
    assertThat(got.get("state").asString()).isEqualTo("active");
    assertThat(got.get("scope").asString()).isEqualTo("organization");
    assertThat(got.get("retry_started_at").isNull()).isTrue();
    assertThat(got.has("signing_key")).isFalse();
    JsonNode list = api.get("/webhook_subscriptions?organization=" + org + "&scope=organization").json();
    assertThat(list.get("collection")).hasSize(1);
    assertThat(api.get("/webhook_subscriptions?organization=" + org + "&scope=user&user=" + base + "/users/SANDBOXUSER00001")
        .json().get("collection")).isEmpty();
    assertThat(api.get("/webhook_subscriptions?scope=organization").status()).isEqualTo(400);
    Http.Res dup = api.post("/webhook_subscriptions", Map.of("url", receiver.url("/hooks"), "events", List.of("invitee.created"),
        "organization", org, "scope", "organization"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(api.post("/webhook_subscriptions", Map.of("url", receiver.url("/x"), "events", List.of("bogus"),
        "organization", org, "scope", "organization")).status()).isEqualTo(400);
    assertThat(api.delete("/webhook_subscriptions/" + uuid).status()).isEqualTo(204);
    assertThat(api.get("/webhook_subscriptions/" + uuid).status()).isEqualTo(404);
  }

  @Test
  void bookingCancelAndNoShowDeliverSignedEvents() throws Exception {
    subscribe(List.of("invitee.created", "invitee.canceled", "invitee_no_show.created", "invitee_no_show.deleted"));
    JsonNode booked = book("grace@example.com");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 1);
    WebhookReceiver.Received created = receiver.posts().getFirst();
    assertThat(signatureValid(created, KEY)).isTrue();
    assertThat(signatureValid(created, "another-key")).isFalse();
    JsonNode body = Http.JSON.readTree(created.body());
    assertThat(body.get("event").asString()).isEqualTo("invitee.created");
    assertThat(body.get("created_by").asString()).isEqualTo(base + "/users/SANDBOXUSER00001");
    JsonNode p = body.get("payload");
    assertThat(p.get("email").asString()).isEqualTo("grace@example.com");
    assertThat(p.get("uri").asString()).isEqualTo(booked.get("resource").get("uri").asString());
    assertThat(p.get("event").asString()).isEqualTo(booked.get("scheduled_event").get("uri").asString());
    assertThat(p.get("scheduled_event").get("start_time").asString()).isEqualTo("2026-05-01T15:00:00.000000Z");

    String inv = booked.get("resource").get("uri").asString();
    String ns = api.post("/invitee_no_shows", Map.of("invitee", inv)).json().get("resource").get("uri").asString();
    api.delete("/invitee_no_shows/" + CalendlyUris.id(ns));
    ctl.post("/_sandbox/calendly/invitees/" + CalendlyUris.id(inv) + "/cancel", Map.of("reason", "double booked"));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 4);
    Map<String, JsonNode> byEvent = new HashMap<>();
    for (WebhookReceiver.Received r : receiver.posts()) {
      assertThat(signatureValid(r, KEY)).isTrue();
      JsonNode b = Http.JSON.readTree(r.body());
      byEvent.put(b.get("event").asString(), b.get("payload"));
    }
    assertThat(byEvent.get("invitee_no_show.created").get("no_show").get("uri").asString()).isEqualTo(ns);
    assertThat(byEvent.get("invitee_no_show.deleted").get("no_show").get("uri").asString()).isEqualTo(ns);
    JsonNode canceled = byEvent.get("invitee.canceled");
    assertThat(canceled.get("status").asString()).isEqualTo("canceled");
    assertThat(canceled.get("cancellation").get("canceled_by").asString()).isEqualTo("Grace Hopper");
    assertThat(canceled.get("cancellation").get("canceler_type").asString()).isEqualTo("invitee");
    assertThat(canceled.get("cancellation").get("reason").asString()).isEqualTo("double booked");
  }

  @Test
  void rescheduleFiresCanceledThenCreatedAndUnsubscribedEventsAreNotSent() throws Exception {
    subscribe(List.of("invitee.canceled"));
    JsonNode booked = book("grace@example.com");
    ctl.post("/_sandbox/calendly/invitees/" + CalendlyUris.id(booked.get("resource").get("uri").asString()) + "/reschedule",
        Map.of("start_time", "2026-05-08T15:00:00Z"));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 1);
    JsonNode p = Http.JSON.readTree(receiver.posts().getFirst().body()).get("payload");
    assertThat(p.get("rescheduled").asBoolean()).isTrue();
    assertThat(p.get("new_invitee").isNull()).isFalse();
    Thread.sleep(200); // nothing else may arrive (invitee.created is not subscribed)
    assertThat(receiver.posts()).hasSize(1);
  }

  @Test
  void failedDeliveriesAreRetriedWithFreshSignatures() throws Exception {
    String uri = subscribe(List.of("invitee.created"));
    receiver.status.set(500);
    book("retry@example.com");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 2);
    receiver.status.set(200);
    int seen = receiver.posts().size();
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() > seen);
    for (WebhookReceiver.Received r : receiver.posts()) {
      assertThat(signatureValid(r, KEY)).isTrue();
    }
    JsonNode sub = api.get("/webhook_subscriptions/" + CalendlyUris.id(uri)).json().get("resource");
    assertThat(sub.get("state").asString()).isEqualTo("active");
    assertThat(sub.get("retry_started_at").isNull()).isFalse();
  }

  @Test
  void subscriptionIsDisabledWhenTheRetryWindowPasses() throws Exception {
    ctl.put("/_sandbox/config", Map.of("vendor", "calendly", "webhookRetryWindowMs", 120));
    String uri = subscribe(List.of("invitee.created"));
    receiver.status.set(503);
    book("down@example.com");
    await().atMost(Duration.ofSeconds(5)).until(() ->
        api.get("/webhook_subscriptions/" + CalendlyUris.id(uri)).json().get("resource").get("state").asString().equals("disabled"));
    int attempts = receiver.posts().size();
    assertThat(attempts).isGreaterThanOrEqualTo(2);
    receiver.status.set(200);
    book("later@example.com");
    Thread.sleep(300);
    assertThat(receiver.posts()).hasSize(attempts);
  }
}
