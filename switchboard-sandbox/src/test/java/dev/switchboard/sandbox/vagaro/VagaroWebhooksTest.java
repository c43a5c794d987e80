package dev.switchboard.sandbox.vagaro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Vagaro webhooks: subscriptions made on the sandbox's stand-in for Vagaro's settings page, JSON events with the
 * verification token in {@code X-Vagaro-Signature} (checked against the token the subscription was given, the way
 * https://docs.vagaro.com/public/docs/securing-webhook-endpoint says a receiver verifies), filtering by event type
 * and location, and the retry policy of https://docs.vagaro.com/public/docs/retry-policy.
 */
class VagaroWebhooksTest {

  static final String API = "/vagaro/us02/api/v2";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", 50))
      .withReceiver().resetVendor("vagaro");
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  static Http api() {
    String t = ctl.post(API + "/merchants/generate-access-token", Map.of("clientId", "vagaro-sandbox-client-1",
        "clientSecretKey", "vagaro-sandbox-secret-1", "scope", "read write")).json().at("/data/access_token").asString();
    return new Http(sandbox.baseUrl() + API, Map.of("accessToken", t));
  }

  static JsonNode subscribe(Map<String, Object> body) {
    Http.Res r = ctl.post("/_sandbox/vagaro/webhooks", body);
    assertThat(r.status()).isEqualTo(201);
    return r.json();
  }

  static List<JsonNode> events(String path) {
    List<JsonNode> out = new ArrayList<>();
    receiver.posts().stream().filter(r -> r.path().equals(path)).forEach(r -> out.add(Http.JSON.readTree(r.body())));
    return out;
  }

  @Test
  void appointmentAndCustomerEventsCarryTheVerificationToken() {
    String token = subscribe(Map.of("name", "all", "url", receiver.url("/all"))).get("verificationToken").asString();
    assertThat(token).isNotBlank();
    Http api = api();
    String loc = api.post("/locations", null).json().at("/data/locations/0/businessId").asString();
    String service = api.post("/services", null).json().at("/data/services/1/serviceId").asString();
    String customer = api.post("/customers/create", Map.of("customerFirstName", "Ada", "customerLastName", "Lovelace",
        "email", "ada@example.com", "mobilePhone", "5550001111")).json().at("/data/customerId").asString();
    String appt = api.post("/appointments/create", Map.of("businessId", loc, "customerId", customer, "serviceId", service,
        "startTime", "2030-01-02T15:00:00Z")).json().at("/data/appointmentId").asString();
    api.post("/appointments/cancel", Map.of("appointmentId", appt));
    api.post("/customers/update", Map.of("customerId", customer, "city", "London"));
    api.post("/customers/update", Map.of("customerId", customer, "city", "London")); // no change, no event

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.posts().size() >= 4);
    for (WebhookReceiver.Received r : receiver.posts()) {
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.header("X-Vagaro-Signature")).isEqualTo(token);
    }
    List<JsonNode> events = events("/all");
    assertThat(events).extracting(e -> e.get("type").asString() + "." + e.get("action").asString())
        .containsExactlyInAnyOrder("customer.created", "appointment.created", "appointment.updated", "customer.updated");
    for (JsonNode e : events) {
      assertThat(e.get("id").asString()).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
      assertThat(e.get("createdDate").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z");
    }
    JsonNode canceled = events.stream().filter(e -> e.get("action").asString().equals("updated")
        && e.get("type").asString().equals("appointment")).findFirst().orElseThrow().get("payload");
    assertThat(canceled.get("appointmentId").asString()).isEqualTo(appt);
    assertThat(canceled.get("bookingStatus").asString()).isEqualTo("Cancel");
    assertThat(canceled.get("startTime").asString()).isEqualTo("2030-01-02T15:00:00Z");
    assertThat(canceled.get("endTime").asString()).isEqualTo("2030-01-02T15:30:00Z");
    assertThat(canceled.get("customerId").asString()).isEqualTo(customer);
    JsonNode created = events.stream().filter(e -> e.get("type").asString().equals("customer")
        && e.get("action").asString().equals("created")).findFirst().orElseThrow().get("payload");
    assertThat(created.get("customerFirstName").asString()).isEqualTo("Ada");
    assertThat(created.get("email").asString()).isEqualTo("ada@example.com");
    assertThat(created.get("businessIds").get(0).asString()).isEqualTo(loc);
  }

  @Test
  void subscriptionsFilterByEventTypeAndLocation() {
    Http api = api();
    JsonNode locations = api.post("/locations", null).json().at("/data/locations");
    String loc1 = locations.get(0).get("businessId").asString();
    String loc2 = locations.get(1).get("businessId").asString();
    subscribe(Map.of("url", receiver.url("/customers"), "eventTypes", List.of("customer")));
    subscribe(Map.of("url", receiver.url("/loc2"), "eventTypes", List.of("appointment"), "businessIds", List.of(loc2)));
    String service = api.post("/services", null).json().at("/data/services/0/serviceId").asString();
    String customer = api.post("/customers/create", Map.of("customerFirstName", "B", "customerLastName", "C",
        "businessId", loc1)).json().at("/data/customerId").asString();
    api.post("/appointments/create", Map.of("businessId", loc1, "customerId", customer, "serviceId", service,
        "startTime", "2030-01-02T15:00:00Z"));
    api.post("/appointments/create", Map.of("businessId", loc2, "customerId", customer, "serviceId", service,
        "startTime", "2030-01-03T15:00:00Z"));

    // customer: created at loc1, then attached to loc2 by the booking there; loc2 hook: only the loc2 booking
    await().atMost(Duration.ofSeconds(10)).until(() -> events("/customers").size() >= 2 && !events("/loc2").isEmpty());
    assertThat(events("/customers")).extracting(e -> e.get("action").asString()).containsExactlyInAnyOrder("created", "updated");
    assertThat(events("/customers")).allMatch(e -> e.get("type").asString().equals("customer"));
    JsonNode attached = events("/customers").stream().filter(e -> e.get("action").asString().equals("updated")).findFirst()
        .orElseThrow();
    assertThat(attached.at("/payload/businessIds").size()).isEqualTo(2);
    List<JsonNode> loc2Events = events("/loc2");
    assertThat(loc2Events).hasSize(1);
    assertThat(loc2Events.getFirst().at("/payload/businessId").asString()).isEqualTo(loc2);

    assertThat(ctl.post("/_sandbox/vagaro/webhooks", Map.of("url", "ftp://x")).status()).isEqualTo(400);
    assertThat(ctl.post("/_sandbox/vagaro/webhooks", Map.of("url", "https://x", "eventTypes", List.of("nope"))).status())
        .isEqualTo(400);
    for (int i = 2; i < 10; i++) {
      subscribe(Map.of("url", "https://example.com/" + i));
    }
    Http.Res eleventh = ctl.post("/_sandbox/vagaro/webhooks", Map.of("url", "https://example.com/11"));
    assertThat(eleventh.status()).isEqualTo(400);
    assertThat(eleventh.json().at("/errors/url").asString()).contains("10");
    String id = ctl.get("/_sandbox/vagaro/webhooks").json().get(0).get("webhookId").asString();
    assertThat(ctl.delete("/_sandbox/vagaro/webhooks/" + id).status()).isEqualTo(204);
    assertThat(ctl.get("/_sandbox/vagaro/webhooks").json().size()).isEqualTo(9);
    assertThat(ctl.get("/_sandbox/credentials").json().at("/vagaro/accounts/0/webhooks").size()).isEqualTo(9);
  }

  static long webhookStat(String stat) {
    return ctl.get("/_sandbox/counters").json().at("/webhooks/vagaro/" + stat).asLong();
  }

  @Test
  void retriesFiveTimesThenStopsAndNeverRetriesA406() {
    subscribe(Map.of("url", receiver.url("/retry"), "eventTypes", List.of("customer")));
    Http api = api();
    receiver.status.set(500);
    api.post("/customers/create", Map.of("customerFirstName", "R", "customerLastName", "One"));
    // the dispatcher counts a delivery as failed only once it has given up
    await().atMost(Duration.ofSeconds(10)).until(() -> webhookStat("failed") == 1);
    assertThat(receiver.posts()).hasSize(5);
    assertThat(webhookStat("attempts")).isEqualTo(5);
    assertThat(events("/retry")).extracting(e -> e.get("id").asString()).containsOnly(events("/retry").getFirst().get("id").asString());

    receiver.received.clear();
    receiver.status.set(406);
    api.post("/customers/create", Map.of("customerFirstName", "R", "customerLastName", "Two"));
    await().atMost(Duration.ofSeconds(5)).until(() -> webhookStat("failed") == 2);
    assertThat(receiver.posts()).hasSize(1);

    receiver.received.clear();
    receiver.status.set(503);
    api.post("/customers/create", Map.of("customerFirstName", "R", "customerLastName", "Three"));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 2);
    receiver.status.set(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> webhookStat("delivered") == 1);
    JsonNode deliveries = ctl.get("/_sandbox/webhooks/deliveries?vendor=vagaro").json();
    assertThat(deliveries.get(0).get("outcome").asString()).isEqualTo("delivered");
  }
}
