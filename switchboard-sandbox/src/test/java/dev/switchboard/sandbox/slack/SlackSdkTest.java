package dev.switchboard.sandbox.slack;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.oauth.OAuthV2AccessResponse;
import com.slack.api.model.Conversation;
import com.slack.api.util.http.listener.HttpResponseListener;
import com.slack.api.webhook.WebhookResponse;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okio.Buffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slack's official Java SDK (slack-api-client 1.49.0) against the sandbox, unchanged except for the
 * methods endpoint prefix. Every exchange the SDK makes is captured by an SDK response listener and
 * validated against Slack's Web API spec ({@link SlackSpecs}).
 */
class SlackSdkTest {

  static final String TOKEN = "xoxb-sandbox-token";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http ctl = sandbox.ctl();
  static Slack slack;
  static MethodsClient methods;
  static final List<SlackSpecs.Exchange> exchanges = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(sandbox.baseUrl() + "/slack/api/");
    List<HttpResponseListener> listeners = new ArrayList<>(config.getHttpClientResponseHandlers());
    listeners.add(new HttpResponseListener() {
      @Override
      public void accept(State state) {
        exchanges.add(capture(state));
      }
    });
    config.setHttpClientResponseHandlers(listeners);
    slack = Slack.getInstance(config);
    methods = slack.methods(TOKEN);
  }

  static SlackSpecs.Exchange capture(HttpResponseListener.State state) {
    okhttp3.Request req = state.getResponse().request();
    String body = null;
    String type = null;
    try {
      if (req.body() != null) {
        Buffer buf = new Buffer();
        req.body().writeTo(buf);
        body = buf.readUtf8();
        type = String.valueOf(req.body().contentType());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return new SlackSpecs.Exchange(req.method(), req.url().encodedPath(), type, req.header("Authorization"), body,
        state.getResponse().code(), state.getParsedResponseBody());
  }

  @BeforeEach
  void reset() {
    exchanges.clear();
  }

  /**
   * Every exchange so far conforms to the spec (modulo the documented whitelist). Without the spec (a fresh clone,
   * see {@link dev.switchboard.sandbox.VendorSpecs}) only the number of exchanges is checked.
   */
  static void assertSpecConformance(int expectedExchanges) throws Exception {
    assertThat(exchanges).hasSizeGreaterThanOrEqualTo(expectedExchanges);
    if (!SlackSpecs.hasWebApi()) {
      return;
    }
    List<String> errors = new ArrayList<>();
    for (SlackSpecs.Exchange x : exchanges) {
      errors.addAll(SlackSpecs.check(x));
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void authTestPostWithBlocksAndReadBack() throws Exception {
    var auth = methods.authTest(r -> r);
    assertThat(auth.isOk()).isTrue();
    assertThat(auth.getTeamId()).isEqualTo("T0SANDBOX");
    assertThat(auth.getUserId()).isEqualTo("U0SANDBOXBOT");
    assertThat(auth.getBotId()).isEqualTo("B0SANDBOXBOT");

    ChatPostMessageResponse posted = methods.chatPostMessage(r -> r.channel("C0SALES001").text("New deal: ACME")
        .blocks(asBlocks(section(s -> s.text(markdownText("*New deal*: ACME"))))));
    assertThat(posted.isOk()).isTrue();
    assertThat(posted.getChannel()).isEqualTo("C0SALES001");
    assertThat(posted.getTs()).matches("\\d{10}\\.\\d{6}");
    assertThat(posted.getMessage().getBlocks()).hasSize(1);
    ChatPostMessageResponse reply = methods.chatPostMessage(r -> r.channel("#sales").text("in thread").threadTs(posted.getTs()));
    assertThat(reply.getMessage().getThreadTs()).isEqualTo(posted.getTs());
    methods.chatPostMessage(r -> r.channel("C0SALES001").text("second"));

    ConversationsHistoryResponse page1 = methods.conversationsHistory(r -> r.channel("C0SALES001").limit(1));
    assertThat(page1.isOk()).isTrue();
    assertThat(page1.getMessages()).extracting(m -> m.getText()).containsExactly("second");
    assertThat(page1.isHasMore()).isTrue();
    String cursor = page1.getResponseMetadata().getNextCursor();
    ConversationsHistoryResponse page2 = methods.conversationsHistory(r -> r.channel("C0SALES001").cursor(cursor));
    assertThat(page2.getMessages()).hasSize(1); // the thread reply stays out of the channel history
    assertThat(page2.getMessages().getFirst().getText()).isEqualTo("New deal: ACME");
    assertThat(page2.getMessages().getFirst().getReplyCount()).isEqualTo(1);
    assertThat(page2.getMessages().getFirst().getBlocks()).hasSize(1);
    assertThat(page2.isHasMore()).isFalse();
    assertSpecConformance(6);
  }

  @Test
  void usersLookupAndErrorsAsSlack() throws Exception {
    var alice = methods.usersLookupByEmail(r -> r.email("Alice@Example.com"));
    assertThat(alice.isOk()).isTrue();
    assertThat(alice.getUser().getId()).isEqualTo("U0SANDBOX01");
    assertThat(alice.getUser().getProfile().getEmail()).isEqualTo("alice@example.com");
    assertThat(methods.usersInfo(r -> r.user("U0SANDBOX02")).getUser().getName()).isEqualTo("bob");

    var missing = methods.usersLookupByEmail(r -> r.email("nobody@example.com"));
    assertThat(missing.isOk()).isFalse();
    assertThat(missing.getError()).isEqualTo("users_not_found");
    ChatPostMessageResponse noChannel = methods.chatPostMessage(r -> r.channel("C0NOSUCH00").text("hi"));
    assertThat(noChannel.isOk()).isFalse();
    assertThat(noChannel.getError()).isEqualTo("channel_not_found");
    assertThat(slack.methods("xoxb-wrong").authTest(r -> r).getError()).isEqualTo("invalid_auth");
    assertSpecConformance(5);
    Http.Res anonymous = new Http(sandbox.baseUrl(), Map.of()).postForm("/slack/api/auth.test", Map.of());
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.json().get("error").asString()).isEqualTo("not_authed");
    Http.Res formToken = new Http(sandbox.baseUrl(), Map.of()).postForm("/slack/api/auth.test", Map.of("token", TOKEN));
    assertThat(formToken.json().get("ok").asBoolean()).isTrue();
    Http.Res jsonBody = new Http(sandbox.baseUrl(), Map.of("Authorization", "Bearer " + TOKEN))
        .post("/slack/api/chat.postMessage", Map.of("channel", "C0GENERAL01", "text", "json",
            "blocks", List.of(Map.of("type", "divider"))));
    assertThat(jsonBody.json().at("/message/blocks/0/type").asString()).isEqualTo("divider");
  }

  @Test
  void conversationsListPagesWithCursor() throws Exception {
    ctl.post("/_sandbox/seed", Map.of("vendor", "slack", "channels", 5));
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String c = cursor;
      ConversationsListResponse page = methods.conversationsList(r -> r.limit(3).excludeArchived(true).cursor(c));
      assertThat(page.isOk()).isTrue();
      page.getChannels().stream().map(Conversation::getName).forEach(names::add);
      cursor = page.getResponseMetadata().getNextCursor();
      pages++;
    } while (cursor != null && !cursor.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(names).hasSize(8).contains("general", "sales", "random", "seed-channel-0001")
        .doesNotContain("old-announcements", "leadership");
    ConversationsListResponse priv = methods.conversationsList(r -> r.types(
        List.of(com.slack.api.model.ConversationType.PRIVATE_CHANNEL)));
    assertThat(priv.getChannels()).extracting(Conversation::getName).containsExactly("leadership");
    assertSpecConformance(4);
  }

  @Test
  void oauthV2AuthorizeRedirectThenAccess() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> redirect = client.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
        + "/slack/oauth/v2/authorize?client_id=1111111111.2222222222&scope=chat:write&state=xyz"
        + "&redirect_uri=http://localhost:9/cb")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("http://localhost:9/cb?code=").endsWith("&state=xyz");
    String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));

    OAuthV2AccessResponse bad = slack.methods().oauthV2Access(r -> r.clientId("1111111111.2222222222")
        .clientSecret("wrong").code(code).redirectUri("http://localhost:9/cb"));
    assertThat(bad.getError()).isEqualTo("bad_client_secret");
    OAuthV2AccessResponse ok = slack.methods().oauthV2Access(r -> r.clientId("1111111111.2222222222")
        .clientSecret("sandbox-slack-client-secret").code(code).redirectUri("http://localhost:9/cb"));
    assertThat(ok.isOk()).isTrue();
    assertThat(ok.getAccessToken()).startsWith("xoxb-");
    assertThat(ok.getTokenType()).isEqualTo("bot");
    assertThat(ok.getBotUserId()).isEqualTo("U0SANDBOXBOT");
    assertThat(ok.getTeam().getId()).isEqualTo("T0SANDBOX");
    assertThat(ok.getAuthedUser().getId()).isEqualTo("U0SANDBOX01");
    assertThat(slack.methods(ok.getAccessToken()).authTest(r -> r).isOk()).isTrue();
    assertThat(slack.methods().oauthV2Access(r -> r.clientId("1111111111.2222222222")
        .clientSecret("sandbox-slack-client-secret").code(code).redirectUri("http://localhost:9/cb")).getError())
        .isEqualTo("invalid_code"); // single use
    assertSpecConformance(4);
  }

  @Test
  void rateLimitedCallRaisesSlackApiExceptionWith429() throws Exception {
    ctl.put("/_sandbox/config", Map.of("vendor", "slack", "tier2PerMinute", 2));
    methods.conversationsList(r -> r);
    methods.conversationsList(r -> r);
    SlackApiException e = catchThrowableOfType(SlackApiException.class, () -> methods.conversationsList(r -> r));
    assertThat(e.getResponse().code()).isEqualTo(429);
    assertThat(Integer.parseInt(e.getResponse().header("Retry-After"))).isBetween(1, 60);
    assertThat(e.getError().getError()).isEqualTo("ratelimited");
    assertThat(methods.usersInfo(r -> r.user("U0SANDBOX01")).isOk()).isTrue(); // other tiers unaffected

    ctl.put("/_sandbox/config", Map.of("vendor", "slack", "postMessageBurst", 2));
    methods.chatPostMessage(r -> r.channel("C0GENERAL01").text("one"));
    methods.chatPostMessage(r -> r.channel("C0GENERAL01").text("two"));
    SlackApiException burst = catchThrowableOfType(SlackApiException.class,
        () -> methods.chatPostMessage(r -> r.channel("C0GENERAL01").text("three")));
    assertThat(burst.getResponse().code()).isEqualTo(429);
    assertThat(methods.chatPostMessage(r -> r.channel("C0SALES001").text("other channel")).isOk()).isTrue();
    assertSpecConformance(5);
  }

  @Test
  void incomingWebhookViaSdkSend() throws Exception {
    String url = sandbox.baseUrl() + SlackWebhookController.DEFAULT_PATH;
    WebhookResponse ok = slack.send(url, "{\"text\":\"Deal won\",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Deal won*\"}}]}");
    assertThat(ok.getCode()).isEqualTo(200);
    assertThat(ok.getBody()).isEqualTo("ok");
    WebhookResponse invalid = slack.send(url, "not json");
    assertThat(invalid.getCode()).isEqualTo(400);
    assertThat(invalid.getBody()).isEqualTo("invalid_payload");
    WebhookResponse noText = slack.send(url, "{\"username\":\"x\"}");
    assertThat(noText.getCode()).isEqualTo(400);
    assertThat(noText.getBody()).isEqualTo("no_text");
    assertThat(slack.send(sandbox.baseUrl() + "/slack/services/T0SANDBOX/B0NOPE/nope", "{\"text\":\"x\"}").getCode()).isEqualTo(404);
    var history = methods.conversationsHistory(r -> r.channel("C0GENERAL01"));
    assertThat(history.getMessages()).extracting(m -> m.getText()).containsExactly("Deal won");
  }
}
