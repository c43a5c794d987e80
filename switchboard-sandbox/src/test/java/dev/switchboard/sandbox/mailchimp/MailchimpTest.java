package dev.switchboard.sandbox.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class MailchimpTest {

  static final String KEY = "sandboxkey0000000000000000000000-us21";
  static final String MEMBERS = "/lists/sandboxlist1/members";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of()).withReceiver();
  static final Http mc = sandbox.http("/mailchimp/3.0", Map.of("Authorization",
      "Basic " + Base64.getEncoder().encodeToString(("anystring:" + KEY).getBytes(StandardCharsets.UTF_8))));
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  static String md5(String s) throws Exception {
    return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(s.toLowerCase().getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void authPingAndProblemJson() {
    assertThat(mc.get("/ping").json().get("health_status").asString()).isEqualTo("Everything's Chimpy!");
    assertThat(new Http(sandbox.baseUrl() + "/mailchimp/3.0", Map.of("Authorization", "Bearer " + KEY)).get("/ping").status()).isEqualTo(200);
    Http.Res bad = new Http(sandbox.baseUrl() + "/mailchimp/3.0", Map.of("Authorization", "Bearer nope")).get("/ping");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
    assertThat(bad.json().get("title").asString()).isEqualTo("API Key Invalid");
    Http.Res missing = mc.get(MEMBERS + "/" + "0".repeat(32));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("title").asString()).isEqualTo("Resource Not Found");
    Http.Res invalid = mc.post(MEMBERS, Map.of("email_address", "not-an-email", "status", "subscribed"));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("title").asString()).isEqualTo("Invalid Resource");
    assertThat(invalid.json().at("/errors/0/field").asString()).isEqualTo("email_address");
    assertThat(mc.get("/lists/sandboxlist1").json().get("name").asString()).isEqualTo("Sandbox Audience");
  }

  @Test
  void putUpsertEmailChangeMovesHashAndNoOpKeepsLastChanged() throws Exception {
    String oldHash = md5("ann@example.com");
    JsonNode created = mc.put(MEMBERS + "/" + oldHash.toUpperCase(), Map.of("email_address", "Ann@Example.com",
        "status_if_new", "subscribed", "merge_fields", Map.of("FNAME", "Ann"))).json();
    assertThat(created.get("id").asString()).isEqualTo(oldHash);
    assertThat(created.get("status").asString()).isEqualTo("subscribed");
    assertThat(created.get("last_changed").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    assertThat(mc.get(MEMBERS + "/ann@example.com").json().at("/merge_fields/FNAME").asString()).isEqualTo("Ann");
    assertThat(mc.post(MEMBERS, Map.of("email_address", "ann@example.com", "status", "subscribed")).json()
        .get("title").asString()).isEqualTo("Member Exists");

    JsonNode same = mc.put(MEMBERS + "/" + oldHash, Map.of("email_address", "ann@example.com",
        "status_if_new", "subscribed", "merge_fields", Map.of("FNAME", "Ann"))).json();
    assertThat(same.get("last_changed").asString()).isEqualTo(created.get("last_changed").asString());

    JsonNode moved = mc.patch(MEMBERS + "/" + oldHash, Map.of("email_address", "ann.new@example.com")).json();
    assertThat(moved.get("id").asString()).isEqualTo(md5("ann.new@example.com"));
    assertThat(mc.get(MEMBERS + "/" + oldHash).status()).isEqualTo(404);
    assertThat(mc.get(MEMBERS + "/" + md5("ann.new@example.com")).json().at("/merge_fields/FNAME").asString()).isEqualTo("Ann");

    String since = moved.get("last_changed").asString();
    mc.post(MEMBERS, Map.of("email_address", "bob@example.com", "status", "subscribed"));
    JsonNode page = mc.get(MEMBERS + "?since_last_changed=" + since.replace("+", "%2B") + "&count=1000").json();
    assertThat(page.get("total_items").asInt()).isEqualTo(2);
    JsonNode future = mc.get(MEMBERS + "?since_last_changed=2999-01-01T00:00:00%2B00:00").json();
    assertThat(future.get("total_items").asInt()).isZero();
    assertThat(future.get("members").size()).isZero();
  }

  @Test
  void batchSubscribeReportsErrorsAndDeletePermanentForgets() {
    mc.post(MEMBERS, Map.of("email_address", "exists@example.com", "status", "subscribed"));
    JsonNode res = mc.post("/lists/sandboxlist1", Map.of("update_existing", false, "members", List.of(
        Map.of("email_address", "new1@example.com", "status", "subscribed", "merge_fields", Map.of("FNAME", "N")),
        Map.of("email_address", "exists@example.com", "status", "subscribed"),
        Map.of("email_address", "broken", "status", "subscribed")))).json();
    assertThat(res.get("total_created").asInt()).isEqualTo(1);
    assertThat(res.get("total_updated").asInt()).isZero();
    assertThat(res.get("error_count").asInt()).isEqualTo(2);
    assertThat(res.at("/errors/0/error_code").asString()).isEqualTo("ERROR_CONTACT_EXISTS");
    JsonNode upd = mc.post("/lists/sandboxlist1", Map.of("update_existing", true, "members", List.of(
        Map.of("email_address", "exists@example.com", "status", "subscribed", "merge_fields", Map.of("LNAME", "X"))))).json();
    assertThat(upd.get("total_updated").asInt()).isEqualTo(1);

    assertThat(mc.delete(MEMBERS + "/exists@example.com").status()).isEqualTo(204);
    assertThat(mc.get(MEMBERS + "/exists@example.com").json().get("status").asString()).isEqualTo("archived");
    assertThat(mc.post(MEMBERS + "/new1@example.com/actions/delete-permanent", null).status()).isEqualTo(204);
    assertThat(mc.get(MEMBERS + "/new1@example.com").status()).isEqualTo(404);
    Http.Res again = mc.post(MEMBERS, Map.of("email_address", "new1@example.com", "status", "subscribed"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("title").asString()).isEqualTo("Forgotten Email Not Subscribed");
  }

  @Test
  void tags() {
    mc.post(MEMBERS, Map.of("email_address", "t@example.com", "status", "subscribed"));
    assertThat(mc.post(MEMBERS + "/t@example.com/tags", Map.of("tags", List.of(Map.of("name", "vip", "status", "active"),
        Map.of("name", "lead", "status", "active")))).status()).isEqualTo(204);
    mc.post(MEMBERS + "/t@example.com/tags", Map.of("tags", List.of(Map.of("name", "lead", "status", "inactive"))));
    JsonNode m = mc.get(MEMBERS + "/t@example.com").json();
    assertThat(m.get("tags_count").asInt()).isEqualTo(1);
    assertThat(m.at("/tags/0/name").asString()).isEqualTo("vip");
  }

  @Test
  void formEncodedWebhooksForApiAndAdminChanges() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "mailchimp", "contacts", 1));
    JsonNode hook = mc.post("/lists/sandboxlist1/webhooks", Map.of("url", receiver.url("/mc?secret=s3"),
        "events", Map.of("subscribe", true, "unsubscribe", true, "profile", true, "cleaned", true, "upemail", true, "campaign", false),
        "sources", Map.of("user", true, "admin", true, "api", true))).json();
    assertThat(hook.get("id").asString()).isNotBlank();
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.stream().anyMatch(r -> r.method().equals("GET")));

    mc.post(MEMBERS, Map.of("email_address", "w@example.com", "status", "subscribed", "merge_fields", Map.of("FNAME", "W")));
    mc.patch(MEMBERS + "/w@example.com", Map.of("merge_fields", Map.of("FNAME", "W")));          // no-op: no webhook
    mc.patch(MEMBERS + "/w@example.com", Map.of("merge_fields", Map.of("LNAME", "Smith")));     // profile
    mc.patch(MEMBERS + "/w@example.com", Map.of("email_address", "w2@example.com"));           // upemail
    ctl.post("/_sandbox/mailchimp/members/w2@example.com/ui-edit", Map.of("status", "unsubscribed")); // admin unsubscribe
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 4);
    List<Map<String, String>> forms = new ArrayList<>(receiver.posts().stream().map(r -> Http.decodeForm(r.body())).toList());
    assertThat(receiver.posts().getFirst().header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(receiver.posts().getFirst().path()).isEqualTo("/mc?secret=s3");
    assertThat(forms).extracting(f -> f.get("type")).containsExactlyInAnyOrder("subscribe", "profile", "upemail", "unsubscribe");
    Map<String, String> sub = forms.stream().filter(f -> f.get("type").equals("subscribe")).findFirst().orElseThrow();
    assertThat(sub.get("data[email]")).isEqualTo("w@example.com");
    assertThat(sub.get("data[merges][FNAME]")).isEqualTo("W");
    assertThat(sub.get("data[list_id]")).isEqualTo("sandboxlist1");
    assertThat(sub.get("fired_at")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    Map<String, String> up = forms.stream().filter(f -> f.get("type").equals("upemail")).findFirst().orElseThrow();
    assertThat(up).containsEntry("data[old_email]", "w@example.com").containsEntry("data[new_email]", "w2@example.com");
    Map<String, String> unsub = forms.stream().filter(f -> f.get("type").equals("unsubscribe")).findFirst().orElseThrow();
    assertThat(unsub).containsEntry("data[action]", "unsub").containsEntry("data[reason]", "manual");
  }

  @Test
  void elevenParallelCallsHitTheConcurrencyLimit() throws Exception {
    ctl.post("/_sandbox/faults", Map.of("vendor", "mailchimp", "latencyMs", 700));
    List<Future<Http.Res>> calls = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 11; i++) {
        calls.add(pool.submit(() -> mc.get("/ping")));
      }
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Http.Res> f : calls) {
      statuses.add(f.get().status());
    }
    assertThat(statuses).contains(429);
    Http.Res limited = calls.stream().map(f -> { try { return f.get(); } catch (Exception e) { throw new RuntimeException(e); } })
        .filter(r -> r.status() == 429).findFirst().orElseThrow();
    assertThat(limited.json().get("detail").asString()).isEqualTo("You have exceeded the limit of 10 simultaneous connections.");
    ctl.delete("/_sandbox/faults");
    ctl.post("/_sandbox/faults", Map.of("vendor", "mailchimp", "outage", true));
    assertThat(mc.get("/ping").status()).isEqualTo(503);
  }
}
