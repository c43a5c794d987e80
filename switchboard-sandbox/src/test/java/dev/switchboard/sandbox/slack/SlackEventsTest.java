package dev.switchboard.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.app_backend.SlackSignature;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Events API deliveries captured by a local JDK HttpServer: url_verification handshake, signatures checked
 * by the SDK's {@code SlackSignature.Verifier}, envelopes checked against Slack's event wrapper schema,
 * retries with {@code X-Slack-Retry-Num}/{@code X-Slack-Retry-Reason}, and {@code X-Slack-No-Retry}.
 */
class SlackEventsTest {

  record Delivery(Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }
  }

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http ctl = sandbox.ctl();
  static final Http api = sandbox.http("", Map.of("Authorization", "Bearer xoxb-sandbox-token"));
  static HttpServer receiver;
  static final List<Delivery> events = new CopyOnWriteArrayList<>();
  static final AtomicInteger status = new AtomicInteger(200);
  static final AtomicInteger delayMs = new AtomicInteger();
  static final AtomicReference<String> noRetry = new AtomicReference<>();
  static final AtomicReference<String> challengeOverride = new AtomicReference<>();

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/slack/events", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JsonNode json = Http.JSON.readTree(body);
      if ("url_verification".equals(json.path("type").asString(""))) {
        String c = challengeOverride.get() != null ? challengeOverride.get() : json.path("challenge").asString();
        byte[] out = ("{\"challenge\":\"" + c + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
        return;
      }
      events.add(new Delivery(Map.copyOf(ex.getRequestHeaders()), body));
      try {
        Thread.sleep(delayMs.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (noRetry.get() != null) {
        ex.getResponseHeaders().add("X-Slack-No-Retry", noRetry.get());
      }
      ex.sendResponseHeaders(status.get(), -1);
      ex.close();
    });
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
  }

  @BeforeEach
  void reset() {
    events.clear();
    status.set(200);
    delayMs.set(0);
    noRetry.set(null);
    challengeOverride.set(null);
    ctl.put("/_sandbox/config", Map.of("vendor", "slack", "eventRetryDelaysMs", List.of(50, 100, 150), "eventTimeoutMs", 400));
    JsonNode sub = ctl.post("/slack/_apps/A0SANDBOXAPP/event_subscriptions", Map.of("request_url", url())).json();
    assertThat(sub.get("ok").asBoolean()).isTrue();
  }

  static String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/slack/events";
  }

  @Test
  void postedMessageFiresSignedSchemaValidEvents() throws Exception {
    api.post("/slack/api/chat.postMessage", Map.of("channel", "C0GENERAL01", "text", "hey <@U0SANDBOXBOT>"));
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
    SlackSignature.Verifier verifier = new SlackSignature.Verifier(new SlackSignature.Generator("sandbox-slack-signing-secret"));
    SlackSignature.Verifier wrongSecret = new SlackSignature.Verifier(new SlackSignature.Generator("other-secret"));
    for (Delivery d : events) {
      String ts = d.header("X-Slack-Request-Timestamp");
      assertThat(verifier.isValid(ts, d.body(), d.header("X-Slack-Signature"))).isTrue();
      assertThat(wrongSecret.isValid(ts, d.body(), d.header("X-Slack-Signature"))).isFalse();
      SlackSpecs.assertEnvelopeConforms(d.body());
      assertThat(d.header("X-Slack-Retry-Num")).isNull();
    }
    List<String> types = events.stream().map(d -> Http.JSON.readTree(d.body()).at("/event/type").asString()).toList();
    assertThat(types).containsExactlyInAnyOrder("message", "app_mention");
    JsonNode env = Http.JSON.readTree(events.getFirst().body());
    assertThat(env.get("type").asString()).isEqualTo("event_callback");
    assertThat(env.get("team_id").asString()).isEqualTo("T0SANDBOX");
    assertThat(env.get("api_app_id").asString()).isEqualTo("A0SANDBOXAPP");
    assertThat(env.at("/event/channel").asString()).isEqualTo("C0GENERAL01");

    ctl.post("/slack/_sandbox/events", Map.of("type", "team_join", "user", Map.of("email", "dana@example.com", "real_name", "Dana D")));
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
    Delivery join = events.get(2);
    SlackSpecs.assertEnvelopeConforms(join.body());
    assertThat(Http.JSON.readTree(join.body()).at("/event/user/profile/email").asString()).isEqualTo("dana@example.com");
    assertThat(api.get("/slack/api/users.lookupByEmail?email=dana@example.com").json().get("ok").asBoolean()).isTrue();
  }

  @Test
  void failedDeliveriesAreRetriedThreeTimesWithHeaders() {
    status.set(500);
    ctl.post("/slack/_sandbox/events", Map.of("type", "message", "channel", "C0SALES001", "user", "U0SANDBOX02", "text", "hi"));
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 4);
    assertThat(events).extracting(d -> d.header("X-Slack-Retry-Num")).containsExactly(null, "1", "2", "3");
    assertThat(events.subList(1, 4)).extracting(d -> d.header("X-Slack-Retry-Reason")).containsOnly("http_error");
    assertThat(events).extracting(Delivery::body).containsOnly(events.getFirst().body()); // same event_id every time
    await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> events.size() == 4);
  }

  @Test
  void timeoutIsRetriedAsHttpTimeoutAndNoRetryHeaderStops() {
    delayMs.set(700);
    ctl.post("/slack/_sandbox/events", Map.of("type", "message", "channel", "C0SALES001", "text", "slow"));
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 2);
    assertThat(events.get(1).header("X-Slack-Retry-Reason")).isEqualTo("http_timeout");
    delayMs.set(0);
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 2);

    ctl.post("/_sandbox/reset", null);
    ctl.put("/_sandbox/config", Map.of("vendor", "slack", "eventRetryDelaysMs", "50,50,50"));
    ctl.post("/slack/_apps/A0SANDBOXAPP/event_subscriptions", Map.of("request_url", url()));
    events.clear();
    status.set(503);
    noRetry.set("1");
    ctl.post("/slack/_sandbox/events", Map.of("type", "message", "channel", "C0SALES001", "text", "stop"));
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
    await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> events.size() == 1);
  }

  @Test
  void requestUrlMustEchoTheChallenge() {
    challengeOverride.set("wrong");
    JsonNode sub = ctl.post("/slack/_apps/A0SANDBOXAPP/event_subscriptions", Map.of("request_url", url())).json();
    assertThat(sub.get("ok").asBoolean()).isFalse();
    assertThat(sub.get("error").asString()).isEqualTo("challenge_failed");
  }
}
