package dev.switchboard.sandbox.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** List webhooks: URL validation, update, delivery shapes ({@code cleaned}, merge fields), timeout, retries, 410. */
class MailchimpWebhooksTest {

  static final String HOOKS = "/lists/sandboxlist1/webhooks";
  static final String MEMBERS = "/lists/sandboxlist1/members";
  static final Map<String, Object> ALL_EVENTS = Map.of("subscribe", true, "unsubscribe", true, "profile", true,
      "cleaned", true, "upemail", true, "campaign", false);
  static final Map<String, Object> ALL_SOURCES = Map.of("user", true, "admin", true, "api", true);
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", 20)).withReceiver();
  static final Http mc = sandbox.http("/mailchimp/3.0", Map.of("Authorization", "Bearer sandboxkey0000000000000000000000-us21"));
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  static String hook(String path, Map<String, Object> events) {
    Http.Res r = mc.post(HOOKS, Map.of("url", receiver.url(path), "events", events, "sources", ALL_SOURCES));
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("id").asString();
  }

  static List<JsonNode> deliveries() {
    List<JsonNode> out = new java.util.ArrayList<>();
    ctl.get("/_sandbox/webhooks/deliveries?vendor=mailchimp&limit=100").json().forEach(out::add);
    return out;
  }

  @Test
  void registrationIsRefusedUnlessTheUrlAnswersTheValidatingGetWith200() throws Exception {
    receiver.status.set(404);
    Http.Res refused = mc.post(HOOKS, Map.of("url", receiver.url("/mc?secret=s"), "events", ALL_EVENTS));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().get("title").asString()).isEqualTo("Invalid Resource");
    assertThat(refused.json().get("detail").asString())
        .isEqualTo("We couldn't verify the URL is working. Please double check and try again. HTTP Code: 404");
    assertThat(receiver.received).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.path()).isEqualTo("/mc?secret=s");
      assertThat(r.header("User-Agent")).isEqualTo("MailChimp.com WebHook Validator");
    });

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Http.Res unreachable = mc.post(HOOKS, Map.of("url", "http://127.0.0.1:" + closed + "/mc"));
    assertThat(unreachable.status()).isEqualTo(400);
    assertThat(unreachable.json().get("detail").asString()).endsWith("HTTP Code: 0");
    assertThat(mc.get(HOOKS).json().get("total_items").asInt()).isZero();

    receiver.status.set(200);
    String id = hook("/mc", ALL_EVENTS);
    assertThat(id).matches("[0-9a-f]{10}");
    assertThat(mc.get(HOOKS).json().get("total_items").asInt()).isEqualTo(1);
  }

  @Test
  void patchUpdatesUrlEventsAndSourcesAndGetReadsOne() {
    String id = hook("/a", ALL_EVENTS);
    JsonNode patched = mc.patch(HOOKS + "/" + id, Map.of("url", receiver.url("/b"), "events", Map.of("subscribe", false),
        "sources", Map.of("admin", false))).json();
    assertThat(patched.get("url").asString()).isEqualTo(receiver.url("/b"));
    assertThat(patched.at("/events/subscribe").asBoolean()).isFalse();
    assertThat(patched.at("/events/profile").asBoolean()).isTrue();
    assertThat(patched.at("/sources/admin").asBoolean()).isFalse();
    assertThat(patched.at("/sources/api").asBoolean()).isTrue();
    JsonNode read = mc.get(HOOKS + "/" + id).json();
    assertThat(read.get("url").asString()).isEqualTo(receiver.url("/b"));
    assertThat(read.get("list_id").asString()).isEqualTo("sandboxlist1");
    assertThat(read.at("/_links/0/rel").asString()).isEqualTo("self");
    assertThat(read.at("/_links/0/href").asString()).isEqualTo(sandbox.baseUrl() + "/mailchimp/3.0" + HOOKS + "/" + id);

    receiver.status.set(500);
    assertThat(mc.patch(HOOKS + "/" + id, Map.of("url", receiver.url("/c"))).status()).isEqualTo(400);
    assertThat(mc.get(HOOKS + "/" + id).json().get("url").asString()).isEqualTo(receiver.url("/b"));
    assertThat(mc.patch(HOOKS + "/0123456789", Map.of("events", Map.of())).status()).isEqualTo(404);

    receiver.status.set(200);
    receiver.received.clear();
    mc.post(MEMBERS, Map.of("email_address", "p@example.com", "status", "subscribed"));          // subscribe: off
    mc.patch(MEMBERS + "/p@example.com", Map.of("merge_fields", Map.of("FNAME", "P")));          // profile: on
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 1);
    assertThat(Http.decodeForm(receiver.posts().getFirst().body()).get("type")).isEqualTo("profile");
    assertThat(receiver.posts().getFirst().path()).isEqualTo("/b");
  }

  @Test
  void cleanedCarriesListCampaignReasonAndEmailOnly() {
    hook("/mc", ALL_EVENTS);
    mc.post(MEMBERS, Map.of("email_address", "c@example.com", "status", "subscribed"));
    mc.post(MEMBERS, Map.of("email_address", "d@example.com", "status", "subscribed"));
    mc.patch(MEMBERS + "/c@example.com", Map.of("status", "cleaned"));
    ctl.post("/_sandbox/mailchimp/members/d@example.com/bounce", Map.of("reason", "abuse", "campaign_id", "cmp42"));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().stream().filter(r -> r.body().startsWith("type=cleaned")).count() == 2);
    List<Map<String, String>> cleaned = receiver.posts().stream().map(r -> Http.decodeForm(r.body()))
        .filter(f -> f.get("type").equals("cleaned")).toList();
    Map<String, String> api = cleaned.stream().filter(f -> f.get("data[email]").equals("c@example.com")).findFirst().orElseThrow();
    assertThat(api.keySet()).containsExactly("type", "fired_at", "data[list_id]", "data[campaign_id]", "data[reason]", "data[email]");
    assertThat(api).containsEntry("data[list_id]", "sandboxlist1").containsEntry("data[reason]", "hard");
    Map<String, String> bounce = cleaned.stream().filter(f -> f.get("data[email]").equals("d@example.com")).findFirst().orElseThrow();
    assertThat(bounce).containsEntry("data[reason]", "abuse").containsEntry("data[campaign_id]", "cmp42");
    assertThat(mc.get(MEMBERS + "/d@example.com").json().get("status").asString()).isEqualTo("cleaned");
  }

  @Test
  void aFailedDeliveryIsTriedFourTimesAnd410DisablesTheWebhook() {
    hook("/mc", ALL_EVENTS);
    receiver.status.set(500);
    mc.post(MEMBERS, Map.of("email_address", "r1@example.com", "status", "subscribed"));
    await().atMost(Duration.ofSeconds(5)).until(() -> deliveries().stream().anyMatch(d -> d.get("outcome").asString().equals("failed")));
    assertThat(receiver.posts()).hasSize(4);
    assertThat(receiver.posts().getFirst().header("User-Agent")).isEqualTo("MailChimp.com");

    receiver.received.clear();
    receiver.status.set(410);
    mc.post(MEMBERS, Map.of("email_address", "r2@example.com", "status", "subscribed"));
    await().atMost(Duration.ofSeconds(5)).until(() -> deliveries().stream().filter(d -> d.get("status").asInt() == 410).count() == 1);
    assertThat(deliveries().getFirst().get("outcome").asString()).isEqualTo("failed"); // newest first: no retry after 410
    receiver.status.set(200);
    mc.post(MEMBERS, Map.of("email_address", "r3@example.com", "status", "subscribed"));
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> receiver.posts().size() == 1);
  }

  @Test
  void aTargetHasTenSecondsToAnswer() {
    hook("/mc", ALL_EVENTS);
    receiver.delayMs.set(5_500); // past the shared dispatcher's 5 s, within Mailchimp's 10 s
    mc.post(MEMBERS, Map.of("email_address", "slow@example.com", "status", "subscribed"));
    await().atMost(Duration.ofSeconds(15)).until(() -> !deliveries().isEmpty());
    assertThat(deliveries()).singleElement().satisfies(d -> {
      assertThat(d.get("outcome").asString()).isEqualTo("delivered");
      assertThat(d.get("attempt").asInt()).isEqualTo(1);
    });
  }

  @Test
  void addressMergeFieldIsSentAsItsParts() {
    hook("/mc", ALL_EVENTS);
    mc.post(MEMBERS, Map.of("email_address", "a@example.com", "status", "subscribed", "merge_fields",
        Map.of("ADDRESS", Map.of("addr1", "1 Main St", "city", "Atlanta", "state", "GA", "zip", "30308"))));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 1);
    Map<String, String> sub = Http.decodeForm(receiver.posts().getFirst().body());
    assertThat(sub).containsEntry("data[merges][ADDRESS][addr1]", "1 Main St").containsEntry("data[merges][ADDRESS][city]", "Atlanta")
        .containsEntry("data[merges][ADDRESS][country]", "US").containsEntry("data[merges][FNAME]", "");
  }
}
