package dev.switchboard.sandbox.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.SandboxServer;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Several isolated Mailchimp accounts in one instance (default two): each key reaches only its own account's
 * audience, members, tags and webhooks, another account's list is 404, each account has its own ten connections,
 * OAuth logs into a chosen account, and the controls list, seed and reset per account.
 */
class MailchimpAccountsTest {

  static final String KEY_1 = "sandboxkey0000000000000000000000-us21";
  static final String KEY_2 = "sandboxkey0000000000000000000002-us21";
  static final String LIST_1 = "/lists/sandboxlist1";
  static final String LIST_2 = "/lists/sandboxlist2";
  static final Map<String, Object> ALL_EVENTS = Map.of("subscribe", true, "unsubscribe", true, "profile", true,
      "cleaned", true, "upemail", true, "campaign", false);
  static final Map<String, Object> ALL_SOURCES = Map.of("user", true, "admin", true, "api", true);
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", 20)).withReceiver();
  static final Http mc1 = sandbox.http("/mailchimp/3.0", Map.of("Authorization", "Bearer " + KEY_1));
  static final Http mc2 = sandbox.http("/mailchimp/3.0", Map.of("Authorization", "Bearer " + KEY_2));
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  static String oauthToken(String accountParam) {
    Http.Res redirect = ctl.get("/mailchimp/oauth2/authorize?response_type=code&client_id=sandbox-mailchimp-client-id"
        + "&redirect_uri=http://localhost:9999/cb" + accountParam);
    assertThat(redirect.status()).isEqualTo(302);
    Matcher code = Pattern.compile("code=([^&]+)").matcher(redirect.header("Location"));
    assertThat(code.find()).isTrue();
    return ctl.postForm("/mailchimp/oauth2/token", Map.of("grant_type", "authorization_code",
        "client_id", "sandbox-mailchimp-client-id", "client_secret", "sandbox-mailchimp-client-secret",
        "redirect_uri", "http://localhost:9999/cb", "code", code.group(1))).json().get("access_token").asString();
  }

  static List<Integer> parallel(List<Callable<Http.Res>> calls) throws Exception {
    List<Future<Http.Res>> futures = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      calls.forEach(c -> futures.add(pool.submit(c)));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Http.Res> f : futures) {
      statuses.add(f.get().status());
    }
    return statuses;
  }

  @Test
  void credentialsListEveryAccountAndKeepAccountOneAtTheTop() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("mailchimp");
    assertThat(c.get("apiKey").asString()).isEqualTo(KEY_1);
    assertThat(c.get("listId").asString()).isEqualTo("sandboxlist1");
    assertThat(c.get("clientId").asString()).isEqualTo("sandbox-mailchimp-client-id");
    assertThat(c.get("accounts").size()).isEqualTo(2);
    assertThat(c.at("/accounts/0/apiKey").asString()).isEqualTo(KEY_1);
    assertThat(c.at("/accounts/0/accountName").asString()).isEqualTo("Sandbox Account");
    assertThat(c.at("/accounts/1/account").asInt()).isEqualTo(2);
    assertThat(c.at("/accounts/1/apiKey").asString()).isEqualTo(KEY_2);
    assertThat(c.at("/accounts/1/listId").asString()).isEqualTo("sandboxlist2");
    assertThat(c.at("/accounts/1/accountName").asString()).isEqualTo("Sandbox Account 2");

    JsonNode lists = mc2.get("/lists").json();
    assertThat(lists.get("total_items").asInt()).isEqualTo(1);
    assertThat(lists.at("/lists/0/id").asString()).isEqualTo("sandboxlist2");
    assertThat(lists.at("/lists/0/name").asString()).isEqualTo("Sandbox Audience 2");
    assertThat(mc1.get("/lists").json().at("/lists/0/id").asString()).isEqualTo("sandboxlist1");
  }

  @Test
  void anotherAccountsListIsNotFound() {
    for (String path : List.of(LIST_1, LIST_1 + "/members", LIST_1 + "/webhooks", LIST_1 + "/members/a@example.com")) {
      Http.Res r = mc2.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("title").asString()).as(path).isEqualTo("Resource Not Found");
    }
    assertThat(mc1.get(LIST_2).status()).isEqualTo(404);
    assertThat(mc1.post(LIST_2 + "/members", Map.of("email_address", "x@example.com", "status", "subscribed")).status())
        .isEqualTo(404);
    assertThat(mc1.post(LIST_2, Map.of("members", List.of())).status()).isEqualTo(404);
  }

  @Test
  void membersAndTagsOfOneAccountAreInvisibleToTheOther() {
    mc1.post(LIST_1 + "/members", Map.of("email_address", "ann@example.com", "status", "subscribed",
        "merge_fields", Map.of("FNAME", "One"), "tags", List.of("vip")));
    assertThat(mc2.get(LIST_2 + "/members").json().get("total_items").asInt()).isZero();
    assertThat(mc2.get(LIST_2 + "/members/ann@example.com").status()).isEqualTo(404);

    // the same person may be on both accounts' audiences, independently
    Http.Res two = mc2.post(LIST_2 + "/members", Map.of("email_address", "ann@example.com", "status", "unsubscribed",
        "merge_fields", Map.of("FNAME", "Two")));
    assertThat(two.status()).isEqualTo(200);
    assertThat(two.json().get("list_id").asString()).isEqualTo("sandboxlist2");
    assertThat(two.json().get("tags_count").asInt()).isZero();
    assertThat(mc1.get(LIST_1 + "/members/ann@example.com").json().at("/merge_fields/FNAME").asString()).isEqualTo("One");
    mc2.post(LIST_2, Map.of("members", List.of(Map.of("email_address", "bob@example.com", "status", "subscribed"))));
    assertThat(mc1.get(LIST_1).json().at("/stats/member_count").asInt()).isEqualTo(1);
    assertThat(mc2.get(LIST_2).json().at("/stats/member_count").asInt()).isEqualTo(1);
    assertThat(mc2.get(LIST_2).json().at("/stats/unsubscribe_count").asInt()).isEqualTo(1);

    // forgetting someone in one account does not forget them in the other
    mc1.post(LIST_1 + "/members/ann@example.com/actions/delete-permanent", null);
    assertThat(mc2.get(LIST_2 + "/members/ann@example.com").json().get("status").asString()).isEqualTo("unsubscribed");
    assertThat(mc2.patch(LIST_2 + "/members/ann@example.com", Map.of("status", "subscribed")).status()).isEqualTo(200);
  }

  @Test
  void webhooksOfOneAccountAreInvisibleToTheOtherAndHearOnlyItsChanges() {
    String one = mc1.post(LIST_1 + "/webhooks", Map.of("url", receiver.url("/one"), "events", ALL_EVENTS,
        "sources", ALL_SOURCES)).json().get("id").asString();
    assertThat(mc2.get(LIST_2 + "/webhooks").json().get("total_items").asInt()).isZero();
    assertThat(mc2.get(LIST_2 + "/webhooks/" + one).status()).isEqualTo(404);
    assertThat(mc2.delete(LIST_2 + "/webhooks/" + one).status()).isEqualTo(404);
    mc2.post(LIST_2 + "/webhooks", Map.of("url", receiver.url("/two"), "events", ALL_EVENTS, "sources", ALL_SOURCES));
    assertThat(mc1.get(LIST_1 + "/webhooks").json().get("total_items").asInt()).isEqualTo(1);

    mc2.post(LIST_2 + "/members", Map.of("email_address", "b@example.com", "status", "subscribed"));
    ctl.post("/_sandbox/mailchimp/members/b@example.com/bounce?account=2", Map.of());
    mc1.post(LIST_1 + "/members", Map.of("email_address", "a@example.com", "status", "subscribed"));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 3);
    List<Map<String, String>> toTwo = receiver.posts().stream().filter(r -> r.path().equals("/two"))
        .map(r -> Http.decodeForm(r.body())).toList();
    assertThat(toTwo).extracting(f -> f.get("type")).containsExactlyInAnyOrder("subscribe", "cleaned");
    assertThat(toTwo).allSatisfy(f -> assertThat(f).containsEntry("data[list_id]", "sandboxlist2")
        .containsEntry("data[email]", "b@example.com"));
    List<Map<String, String>> toOne = receiver.posts().stream().filter(r -> r.path().equals("/one"))
        .map(r -> Http.decodeForm(r.body())).toList();
    assertThat(toOne).singleElement().satisfies(f -> assertThat(f).containsEntry("data[list_id]", "sandboxlist1")
        .containsEntry("data[email]", "a@example.com"));
  }

  @Test
  void eachAccountHasItsOwnTenConnections() throws Exception {
    String token2 = oauthToken("&account=2");
    Http oauth2 = sandbox.http("/mailchimp/3.0", Map.of("Authorization", "Bearer " + token2));
    ctl.post("/_sandbox/faults", Map.of("vendor", "mailchimp", "latencyMs", 700));
    List<Callable<Http.Res>> both = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      both.add(() -> mc1.get("/ping"));
      both.add(() -> mc2.get("/ping"));
    }
    assertThat(parallel(both)).hasSize(20).containsOnly(200);

    // the API key and an OAuth token of the same account draw on one budget
    List<Callable<Http.Res>> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(i % 2 == 0 ? () -> mc2.get("/ping") : () -> oauth2.get("/ping"));
    }
    assertThat(parallel(eleven)).contains(429);
  }

  @Test
  void oauthLogsIntoTheChosenAccountOnly() {
    String token = oauthToken("&account=2");
    JsonNode meta = new Http(sandbox.baseUrl(), Map.of("Authorization", "OAuth " + token)).get("/mailchimp/oauth2/metadata")
        .json();
    assertThat(meta.get("accountname").asString()).isEqualTo("Sandbox Account 2");
    assertThat(meta.get("user_id").asInt()).isEqualTo(4243);
    assertThat(meta.at("/login/login_name").asString()).isEqualTo("sandbox2");
    assertThat(meta.at("/login/email").asString()).isEqualTo("sandbox-user-2@example.com");
    assertThat(meta.get("dc").asString()).isEqualTo("us21");
    Http api = sandbox.http("/mailchimp/3.0", Map.of("Authorization", "Bearer " + token));
    assertThat(api.get("/lists").json().at("/lists/0/id").asString()).isEqualTo("sandboxlist2");
    assertThat(api.get(LIST_1 + "/members").status()).isEqualTo(404);
    api.post(LIST_2 + "/members", Map.of("email_address", "o@example.com", "status", "subscribed"));
    assertThat(mc2.get(LIST_2 + "/members/o@example.com").status()).isEqualTo(200);

    String first = oauthToken("");
    assertThat(new Http(sandbox.baseUrl(), Map.of("Authorization", "OAuth " + first)).get("/mailchimp/oauth2/metadata")
        .json().get("accountname").asString()).isEqualTo("Sandbox Account");
    assertThat(sandbox.http("/mailchimp/3.0", Map.of("Authorization", "Bearer " + first)).get(LIST_2).status())
        .isEqualTo(404);

    for (String bad : List.of("3", "0", "two")) {
      Http.Res r = ctl.get("/mailchimp/oauth2/authorize?response_type=code&client_id=sandbox-mailchimp-client-id"
          + "&redirect_uri=http://localhost:9999/cb&account=" + bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().get("error").asString()).as(bad).isEqualTo("invalid_request");
    }
  }

  @Test
  void seedTargetsOneAccountAndResetClearsThemAll() {
    JsonNode seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "mailchimp", "account", 2, "contacts", 3)).json();
    assertThat(seeded.get("account").asInt()).isEqualTo(2);
    assertThat(seeded.get("created").asInt()).isEqualTo(3);
    assertThat(mc2.get(LIST_2 + "/members").json().get("total_items").asInt()).isEqualTo(3);
    assertThat(mc1.get(LIST_1 + "/members").json().get("total_items").asInt()).isZero();
    ctl.post("/_sandbox/seed", Map.of("vendor", "mailchimp", "account", KEY_1, "contacts", 2));
    ctl.post("/_sandbox/seed", Map.of("vendor", "mailchimp", "contacts", 1)); // default: account 1
    assertThat(mc1.get(LIST_1 + "/members").json().get("total_items").asInt()).isEqualTo(3);
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "mailchimp", "account", 3, "contacts", 1)).status())
        .isEqualTo(400);
    JsonNode edited = ctl.post("/_sandbox/mailchimp/members/seed-0001@example.com/ui-edit?account=2",
        Map.of("merge_fields", Map.of("FNAME", "Edited"))).json();
    assertThat(edited.get("list_id").asString()).isEqualTo("sandboxlist2");
    mc2.post(LIST_2 + "/webhooks", Map.of("url", receiver.url("/two")));
    String token = oauthToken("&account=2");

    ctl.post("/_sandbox/reset", null);
    assertThat(mc1.get(LIST_1 + "/members").json().get("total_items").asInt()).isZero();
    assertThat(mc2.get(LIST_2 + "/members").json().get("total_items").asInt()).isZero();
    assertThat(mc2.get(LIST_2 + "/webhooks").json().get("total_items").asInt()).isZero();
    assertThat(sandbox.http("/mailchimp/3.0", Map.of("Authorization", "Bearer " + token)).get("/ping").status())
        .isEqualTo(401);
    // seed numbering restarts per account after a reset
    JsonNode again = ctl.post("/_sandbox/seed", Map.of("vendor", "mailchimp", "account", 2, "contacts", 1)).json();
    assertThat(mc2.get(LIST_2 + "/members/seed-0001@example.com").status()).isEqualTo(200);
    assertThat(again.get("ids").size()).isEqualTo(1);
  }

  @Test
  void theAccountsPropertySetsHowManyThereAre() {
    try (SandboxServer three = SandboxServer.start(0, Map.of("sandbox.mailchimp.accounts", 3))) {
      Http ctl3 = new Http(three.baseUrl(), Map.of());
      assertThat(ctl3.get("/_sandbox/credentials").json().at("/mailchimp/accounts").size()).isEqualTo(3);
      Http mc3 = new Http(three.baseUrl() + "/mailchimp/3.0",
          Map.of("Authorization", "Bearer sandboxkey0000000000000000000003-us21"));
      assertThat(mc3.get("/lists/sandboxlist3").json().get("name").asString()).isEqualTo("Sandbox Audience 3");
      assertThat(new Http(three.baseUrl() + "/mailchimp/3.0",
          Map.of("Authorization", "Bearer sandboxkey0000000000000000000004-us21")).get("/ping").status()).isEqualTo(401);
    }
  }
}
