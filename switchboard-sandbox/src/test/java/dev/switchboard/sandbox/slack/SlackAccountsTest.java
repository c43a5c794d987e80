package dev.switchboard.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.SandboxServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The app installed in several isolated workspaces (default two): each bot token reaches only its own team's users,
 * conversations and messages, rate limits count per team, OAuth installs into a chosen team, Events API envelopes
 * and incoming webhooks carry their own team, and the controls list, seed and reset per team.
 */
class SlackAccountsTest {

  static final String TOKEN_2 = "xoxb-sandbox-token-2";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http ctl = sandbox.ctl();
  static final Http api1 = sandbox.http("/slack/api", Map.of("Authorization", "Bearer xoxb-sandbox-token"));
  static final Http api2 = sandbox.http("/slack/api", Map.of("Authorization", "Bearer " + TOKEN_2));
  static HttpServer receiver;
  static final List<JsonNode> events = new CopyOnWriteArrayList<>();

  /** Echoes the url_verification challenge and keeps every event_callback envelope. */
  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/events", ex -> {
      JsonNode body = Http.JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] out = new byte[0];
      if ("url_verification".equals(body.path("type").asString(""))) {
        out = ("{\"challenge\":\"" + body.path("challenge").asString() + "\"}").getBytes(StandardCharsets.UTF_8);
      } else {
        events.add(body);
      }
      ex.sendResponseHeaders(200, out.length == 0 ? -1 : out.length);
      ex.getResponseBody().write(out);
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
  void clear() {
    events.clear();
  }

  static void subscribe() {
    JsonNode sub = ctl.post("/slack/_apps/A0SANDBOXAPP/event_subscriptions",
        Map.of("request_url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events")).json();
    assertThat(sub.get("ok").asBoolean()).isTrue();
  }

  static String install(String param) {
    Http.Res r = ctl.get("/slack/oauth/v2/authorize?client_id=1111111111.2222222222&scope=chat:write"
        + "&redirect_uri=http://localhost:9999/cb" + param);
    assertThat(r.status()).isEqualTo(302);
    Matcher code = Pattern.compile("code=([^&]+)").matcher(r.header("Location"));
    assertThat(code.find()).isTrue();
    JsonNode access = ctl.postForm("/slack/api/oauth.v2.access", Map.of("client_id", "1111111111.2222222222",
        "client_secret", "sandbox-slack-client-secret", "code", code.group(1),
        "redirect_uri", "http://localhost:9999/cb")).json();
    assertThat(access.get("ok").asBoolean()).as(access.toString()).isTrue();
    return access.toString();
  }

  @Test
  void credentialsListEveryTeamAndKeepTeamOneAtTheTop() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("slack");
    assertThat(c.get("botToken").asString()).isEqualTo("xoxb-sandbox-token");
    assertThat(c.get("teamId").asString()).isEqualTo("T0SANDBOX");
    assertThat(c.get("botUserId").asString()).isEqualTo("U0SANDBOXBOT");
    assertThat(c.get("accounts").size()).isEqualTo(2);
    assertThat(c.at("/accounts/0/teamId").asString()).isEqualTo("T0SANDBOX");
    assertThat(c.at("/accounts/1/account").asInt()).isEqualTo(2);
    assertThat(c.at("/accounts/1/teamId").asString()).isEqualTo("T0SANDBOX2");
    assertThat(c.at("/accounts/1/teamName").asString()).isEqualTo("Sandbox Workspace 2");
    assertThat(c.at("/accounts/1/botToken").asString()).isEqualTo(TOKEN_2);
    assertThat(c.at("/accounts/1/botUserId").asString()).isEqualTo("U2SANDBOXBOT");

    JsonNode who = api2.post("/auth.test", Map.of()).json();
    assertThat(who.get("team_id").asString()).isEqualTo("T0SANDBOX2");
    assertThat(who.get("team").asString()).isEqualTo("Sandbox Workspace 2");
    assertThat(who.get("user_id").asString()).isEqualTo("U2SANDBOXBOT");
    assertThat(api1.post("/auth.test", Map.of()).json().get("team_id").asString()).isEqualTo("T0SANDBOX");
  }

  @Test
  void usersConversationsAndMessagesOfOneTeamAreInvisibleToTheOther() {
    assertThat(api2.get("/users.info?user=U0SANDBOX01").json().get("error").asString()).isEqualTo("user_not_found");
    assertThat(api2.get("/users.info?user=U2SANDBOX01").json().at("/user/team_id").asString()).isEqualTo("T0SANDBOX2");
    assertThat(api2.get("/users.lookupByEmail?email=alice@example.com").json().at("/user/id").asString())
        .isEqualTo("U2SANDBOX01");
    assertThat(api2.get("/conversations.list").json().at("/channels/0/id").asString()).isEqualTo("C2GENERAL01");
    assertThat(api2.get("/conversations.history?channel=C0GENERAL01").json().get("error").asString())
        .isEqualTo("channel_not_found");
    assertThat(api2.post("/chat.postMessage", Map.of("channel", "C0GENERAL01", "text", "x")).json().get("error")
        .asString()).isEqualTo("channel_not_found");

    // "#general" names each team's own channel
    JsonNode posted = api2.post("/chat.postMessage", Map.of("channel", "#general", "text", "hello two")).json();
    assertThat(posted.get("channel").asString()).isEqualTo("C2GENERAL01");
    assertThat(posted.at("/message/team").asString()).isEqualTo("T0SANDBOX2");
    assertThat(api2.get("/conversations.history?channel=C2GENERAL01").json().get("messages").size()).isEqualTo(1);
    assertThat(api1.get("/conversations.history?channel=C0GENERAL01").json().get("messages").size()).isZero();

    JsonNode seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "slack", "account", 2, "users", 1, "channels", 1))
        .json();
    assertThat(seeded.get("teamId").asString()).isEqualTo("T0SANDBOX2");
    String user = seeded.at("/users/0").asString();
    assertThat(user).startsWith("U2SEED");
    assertThat(api2.get("/users.info?user=" + user).json().get("ok").asBoolean()).isTrue();
    assertThat(api1.get("/users.info?user=" + user).json().get("error").asString()).isEqualTo("user_not_found");
    assertThat(api1.get("/users.lookupByEmail?email=seed-0001@example.com").json().get("error").asString())
        .isEqualTo("users_not_found");
    assertThat(api2.get("/conversations.list").json().get("channels").size())
        .isEqualTo(api1.get("/conversations.list").json().get("channels").size() + 1);
  }

  @Test
  void rateLimitsCountPerTeam() {
    ctl.put("/_sandbox/config", Map.of("vendor", "slack", "tier2PerMinute", 2));
    for (int i = 0; i < 2; i++) {
      assertThat(api1.get("/conversations.list").status()).isEqualTo(200);
    }
    assertThat(api1.get("/conversations.list").status()).isEqualTo(429);
    assertThat(api2.get("/conversations.list").status()).isEqualTo(200);
  }

  @Test
  void oauthInstallsIntoTheChosenTeamOnly() {
    JsonNode access = Http.JSON.readTree(install("&account=2"));
    assertThat(access.at("/team/id").asString()).isEqualTo("T0SANDBOX2");
    assertThat(access.at("/team/name").asString()).isEqualTo("Sandbox Workspace 2");
    assertThat(access.get("bot_user_id").asString()).isEqualTo("U2SANDBOXBOT");
    assertThat(access.at("/authed_user/id").asString()).isEqualTo("U2SANDBOX01");
    assertThat(access.get("app_id").asString()).isEqualTo("A0SANDBOXAPP");
    Http api = sandbox.http("/slack/api", Map.of("Authorization", "Bearer " + access.get("access_token").asString()));
    assertThat(api.post("/auth.test", Map.of()).json().get("team_id").asString()).isEqualTo("T0SANDBOX2");
    assertThat(api.get("/users.info?user=U0SANDBOX01").json().get("error").asString()).isEqualTo("user_not_found");

    // Slack's own team= parameter picks the workspace too; none means team 1
    assertThat(Http.JSON.readTree(install("&team=T0SANDBOX2")).at("/team/id").asString()).isEqualTo("T0SANDBOX2");
    assertThat(Http.JSON.readTree(install("")).at("/team/id").asString()).isEqualTo("T0SANDBOX");
    for (String bad : List.of("&account=3", "&account=0", "&team=TNOPE")) {
      assertThat(ctl.get("/slack/oauth/v2/authorize?client_id=1111111111.2222222222&redirect_uri=http://localhost/cb"
          + bad).status()).as(bad).isEqualTo(400);
    }
  }

  @Test
  void eventsFromTeamTwoCarryTeamTwo() {
    subscribe();
    api2.post("/chat.postMessage", Map.of("channel", "C2SALES001", "text", "hi <@U2SANDBOXBOT>"));
    ctl.post("/slack/_sandbox/events?account=2", Map.of("type", "team_join",
        "user", Map.of("name", "dave", "email", "dave@example.com")));
    Http.Res hook = new Http(sandbox.baseUrl(), Map.of()).post(
        ctl.get("/_sandbox/credentials").json().at("/slack/accounts/1/incomingWebhookPath").asString(),
        Map.of("text", "from the webhook"));
    assertThat(hook.status()).isEqualTo(200);
    api1.post("/chat.postMessage", Map.of("channel", "C0SALES001", "text", "team one"));
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 5);

    List<JsonNode> two = events.stream().filter(e -> e.get("team_id").asString().equals("T0SANDBOX2")).toList();
    assertThat(two).extracting(e -> e.at("/event/type").asString())
        .containsExactlyInAnyOrder("message", "app_mention", "team_join", "message");
    assertThat(two).allSatisfy(e -> {
      assertThat(e.get("api_app_id").asString()).isEqualTo("A0SANDBOXAPP");
      assertThat(e.at("/authorizations/0/team_id").asString()).isEqualTo("T0SANDBOX2");
      assertThat(e.at("/authorizations/0/user_id").asString()).isEqualTo("U2SANDBOXBOT");
    });
    assertThat(two.stream().filter(e -> e.at("/event/type").asString().equals("message")))
        .allSatisfy(e -> assertThat(e.at("/event/team").asString()).isEqualTo("T0SANDBOX2"))
        .extracting(e -> e.at("/event/channel").asString()).containsExactlyInAnyOrder("C2SALES001", "C2GENERAL01");
    assertThat(two.stream().filter(e -> e.at("/event/type").asString().equals("team_join")))
        .singleElement().satisfies(e -> assertThat(e.at("/event/user/team_id").asString()).isEqualTo("T0SANDBOX2"));
    assertThat(events.stream().filter(e -> e.get("team_id").asString().equals("T0SANDBOX")))
        .singleElement().satisfies(e -> assertThat(e.at("/event/channel").asString()).isEqualTo("C0SALES001"));
    // the webhook message landed in team 2's #general, not team 1's
    assertThat(api2.get("/conversations.history?channel=C2GENERAL01").json().get("messages").size()).isEqualTo(1);
    assertThat(api1.get("/conversations.history?channel=C0GENERAL01").json().get("messages").size()).isZero();
  }

  @Test
  void seedTargetsOneTeamAndResetRestoresThemAll() {
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "slack", "account", 3, "users", 1)).status()).isEqualTo(400);
    ctl.post("/_sandbox/seed", Map.of("vendor", "slack", "account", "T0SANDBOX2", "users", 2));
    ctl.post("/_sandbox/seed", Map.of("vendor", "slack", "users", 1));
    assertThat(api1.get("/users.lookupByEmail?email=seed-0001@example.com").json().at("/user/id").asString())
        .isEqualTo("U0SEED00001");
    assertThat(api2.get("/users.lookupByEmail?email=seed-0002@example.com").json().get("ok").asBoolean()).isTrue();
    api2.post("/chat.postMessage", Map.of("channel", "C2GENERAL01", "text", "x"));
    String token = Http.JSON.readTree(install("&account=2")).get("access_token").asString();

    ctl.post("/_sandbox/reset", null);
    assertThat(api2.get("/users.lookupByEmail?email=seed-0001@example.com").json().get("ok").asBoolean()).isFalse();
    assertThat(api1.get("/users.lookupByEmail?email=seed-0001@example.com").json().get("ok").asBoolean()).isFalse();
    assertThat(api2.get("/conversations.history?channel=C2GENERAL01").json().get("messages").size()).isZero();
    assertThat(sandbox.http("/slack/api", Map.of("Authorization", "Bearer " + token)).post("/auth.test", Map.of())
        .json().get("error").asString()).isEqualTo("invalid_auth");
  }

  @Test
  void theAccountsPropertySetsHowManyThereAre() {
    try (SandboxServer three = SandboxServer.start(0, Map.of("sandbox.slack.accounts", 3))) {
      Http ctl3 = new Http(three.baseUrl(), Map.of());
      assertThat(ctl3.get("/_sandbox/credentials").json().at("/slack/accounts").size()).isEqualTo(3);
      Http api3 = new Http(three.baseUrl() + "/slack/api", Map.of("Authorization", "Bearer xoxb-sandbox-token-3"));
      assertThat(api3.post("/auth.test", Map.of()).json().get("team_id").asString()).isEqualTo("T0SANDBOX3");
      assertThat(new Http(three.baseUrl() + "/slack/api", Map.of("Authorization", "Bearer xoxb-sandbox-token-4"))
          .post("/auth.test", Map.of()).json().get("error").asString()).isEqualTo("invalid_auth");
    }
  }
}
