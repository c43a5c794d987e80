package dev.switchboard.sandbox.calendly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.SandboxServer;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Several isolated Calendly organizations in one instance (default two), one user each: each token reaches only its
 * own user, organization, event types, scheduled events, invitees and webhook subscriptions; each has its own rate
 * limit; OAuth signs into a chosen organization; webhooks of organization 2 carry its URIs; the controls list, seed
 * and reset per organization.
 */
class CalendlyAccountsTest {

  static final String PAT_2 = "calendly-sandbox-pat-2";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", "25"))
      .withReceiver();
  static final Http ctl = sandbox.ctl();
  static final Http api1 = sandbox.http("/calendly", Map.of("Authorization", "Bearer calendly-sandbox-pat"));
  static final Http api2 = sandbox.http("/calendly", Map.of("Authorization", "Bearer " + PAT_2));
  static final WebhookReceiver receiver = sandbox.receiver();

  static String base() {
    return sandbox.baseUrl() + "/calendly";
  }

  static String org(int n) {
    return base() + "/organizations/SANDBOXORG00000" + n;
  }

  static String user(int n) {
    return base() + "/users/SANDBOXUSER0000" + n;
  }

  static JsonNode book(String eventType, String email) {
    Http.Res r = ctl.post("/_sandbox/calendly/book", Map.of("event_type", base() + "/event_types/" + eventType,
        "invitee", Map.of("email", email, "name", "Grace Hopper"), "start_time", "2030-05-01T15:00:00Z"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static JsonNode oauth(String accountParam) {
    Http.Res r = ctl.get("/calendly/oauth/authorize?client_id=calendly-sandbox-client&response_type=code"
        + "&redirect_uri=http://localhost/cb" + accountParam);
    assertThat(r.status()).isEqualTo(302);
    Matcher code = Pattern.compile("code=([^&]+)").matcher(r.header("Location"));
    assertThat(code.find()).isTrue();
    return ctl.postForm("/calendly/oauth/token", Map.of("grant_type", "authorization_code", "code", code.group(1),
        "redirect_uri", "http://localhost/cb", "client_id", "calendly-sandbox-client",
        "client_secret", "calendly-sandbox-secret")).json();
  }

  @Test
  void credentialsListEveryOrganizationAndEachTokenSeesItsOwn() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("calendly");
    assertThat(c.get("personalAccessToken").asString()).isEqualTo("calendly-sandbox-pat");
    assertThat(c.get("organization").asString()).isEqualTo(org(1));
    assertThat(c.get("accounts").size()).isEqualTo(2);
    assertThat(c.at("/accounts/1/account").asInt()).isEqualTo(2);
    assertThat(c.at("/accounts/1/personalAccessToken").asString()).isEqualTo(PAT_2);
    assertThat(c.at("/accounts/1/organization").asString()).isEqualTo(org(2));
    assertThat(c.at("/accounts/1/user").asString()).isEqualTo(user(2));

    JsonNode me = api2.get("/users/me").json().get("resource");
    assertThat(me.get("uri").asString()).isEqualTo(user(2));
    assertThat(me.get("current_organization").asString()).isEqualTo(org(2));
    assertThat(me.get("email").asString()).isEqualTo("sandy-2@sandbox.example.com");
    assertThat(api2.get("/organizations/SANDBOXORG000002").json().at("/resource/name").asString())
        .isEqualTo("Sandbox Org 2");
    assertThat(api1.get("/users/me").json().at("/resource/uri").asString()).isEqualTo(user(1));
    assertThat(api2.get("/organizations/SANDBOXORG000001").status()).isEqualTo(404);
    assertThat(api2.get("/users/SANDBOXUSER00001").status()).isEqualTo(404);
    assertThat(api2.get("/organization_memberships?organization=" + org(1)).json().get("collection").size()).isZero();
    assertThat(api2.get("/organization_memberships?organization=" + org(2)).json().at("/collection/0/user/uri")
        .asString()).isEqualTo(user(2));
  }

  @Test
  void eventTypesEventsAndInviteesOfOneOrganizationAreInvisibleToTheOther() {
    assertThat(api2.get("/event_types?organization=" + org(2)).json().at("/collection/0/uri").asString())
        .isEqualTo(base() + "/event_types/SANDBOXET30MIN02");
    assertThat(api2.get("/event_types/SANDBOXET30MIN01").status()).isEqualTo(404);
    assertThat(api2.get("/event_types?organization=" + org(1)).json().get("collection").size()).isZero();

    JsonNode booked = book("SANDBOXET30MIN02", "ada@example.com");
    String event = booked.at("/scheduled_event/uri").asString();
    String eventUuid = event.substring(event.lastIndexOf('/') + 1);
    assertThat(booked.at("/scheduled_event/event_memberships/0/user").asString()).isEqualTo(user(2));
    assertThat(api2.get("/scheduled_events?organization=" + org(2)).json().get("collection").size()).isEqualTo(1);
    assertThat(api1.get("/scheduled_events?organization=" + org(1)).json().get("collection").size()).isZero();
    assertThat(api1.get("/scheduled_events/" + eventUuid).status()).isEqualTo(404);
    assertThat(api1.get("/scheduled_events/" + eventUuid + "/invitees").status()).isEqualTo(404);
    assertThat(api1.post("/scheduled_events/" + eventUuid + "/cancellation", Map.of()).status()).isEqualTo(404);
    assertThat(api1.post("/invitee_no_shows", Map.of("invitee", booked.at("/resource/uri").asString())).status())
        .isEqualTo(400);
    assertThat(api2.post("/invitee_no_shows", Map.of("invitee", booked.at("/resource/uri").asString())).status())
        .isEqualTo(201);
    assertThat(ctl.post("/_sandbox/calendly/book", Map.of("event_type", "NOSUCHEVENTTYPE",
        "invitee", Map.of("email", "x@example.com"), "start_time", "2030-05-01T15:00:00Z")).status()).isEqualTo(404);
  }

  @Test
  void webhooksOfOrganizationTwoHearOnlyItsEventsAndCarryItsUris() {
    Http.Res foreign = api2.post("/webhook_subscriptions", Map.of("url", receiver.url("/x"),
        "events", List.of("invitee.created"), "organization", org(1), "scope", "organization"));
    assertThat(foreign.status()).isEqualTo(400);
    String sub2 = api2.post("/webhook_subscriptions", Map.of("url", receiver.url("/two"),
        "events", List.of("invitee.created", "invitee.canceled"), "organization", org(2), "scope", "organization"))
        .json().at("/resource/uri").asString();
    api1.post("/webhook_subscriptions", Map.of("url", receiver.url("/one"), "events", List.of("invitee.created"),
        "organization", org(1), "scope", "organization"));
    assertThat(api1.get("/webhook_subscriptions/" + sub2.substring(sub2.lastIndexOf('/') + 1)).status())
        .isEqualTo(404);
    assertThat(api1.get("/webhook_subscriptions?scope=organization&organization=" + org(1)).json()
        .get("collection").size()).isEqualTo(1);

    String invitee = book("SANDBOXET60MIN02", "two@example.com").at("/resource/uri").asString();
    ctl.post("/_sandbox/calendly/invitees/" + invitee.substring(invitee.lastIndexOf('/') + 1) + "/cancel", Map.of());
    book("SANDBOXET30MIN01", "one@example.com");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 3);
    List<JsonNode> two = receiver.posts().stream().filter(r -> r.path().equals("/two"))
        .map(r -> Http.JSON.readTree(r.body())).toList();
    assertThat(two).extracting(e -> e.get("event").asString()).containsExactlyInAnyOrder("invitee.created",
        "invitee.canceled");
    assertThat(two).allSatisfy(e -> {
      assertThat(e.get("created_by").asString()).isEqualTo(user(2));
      assertThat(e.at("/payload/email").asString()).isEqualTo("two@example.com");
      assertThat(e.at("/payload/scheduled_event/event_type").asString())
          .isEqualTo(base() + "/event_types/SANDBOXET60MIN02");
      assertThat(e.at("/payload/scheduled_event/event_memberships/0/user").asString()).isEqualTo(user(2));
    });
    assertThat(receiver.posts().stream().filter(r -> r.path().equals("/one")).map(r -> Http.JSON.readTree(r.body())))
        .singleElement().satisfies(e -> assertThat(e.get("created_by").asString()).isEqualTo(user(1)));
  }

  @Test
  void eachOrganizationHasItsOwnRateLimit() {
    ctl.put("/_sandbox/config", Map.of("vendor", "calendly", "rateLimitPerMinute", 2));
    assertThat(api1.get("/users/me").status()).isEqualTo(200);
    assertThat(api1.get("/users/me").status()).isEqualTo(200);
    assertThat(api1.get("/users/me").status()).isEqualTo(429);
    Http.Res two = api2.get("/users/me");
    assertThat(two.status()).isEqualTo(200);
    assertThat(two.header("X-RateLimit-Remaining")).isEqualTo("1");
  }

  @Test
  void oauthSignsIntoTheChosenOrganizationOnly() {
    JsonNode t = oauth("&account=2");
    assertThat(t.get("owner").asString()).isEqualTo(user(2));
    assertThat(t.get("organization").asString()).isEqualTo(org(2));
    Http api = sandbox.http("/calendly", Map.of("Authorization", "Bearer " + t.get("access_token").asString()));
    assertThat(api.get("/users/me").json().at("/resource/uri").asString()).isEqualTo(user(2));
    assertThat(api.get("/event_types/SANDBOXET30MIN01").status()).isEqualTo(404);

    JsonNode refreshed = ctl.postForm("/calendly/oauth/token", Map.of("grant_type", "refresh_token",
        "refresh_token", t.get("refresh_token").asString(), "client_id", "calendly-sandbox-client",
        "client_secret", "calendly-sandbox-secret")).json();
    assertThat(refreshed.get("organization").asString()).isEqualTo(org(2));

    assertThat(oauth("").get("organization").asString()).isEqualTo(org(1));
    for (String bad : List.of("3", "0", "two")) {
      Http.Res r = ctl.get("/calendly/oauth/authorize?client_id=calendly-sandbox-client&response_type=code"
          + "&redirect_uri=http://localhost/cb&account=" + bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().get("error").asString()).isEqualTo("invalid_request");
    }
  }

  @Test
  void seedTargetsOneOrganizationAndResetClearsThemAll() {
    JsonNode seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "calendly", "account", 2, "contacts", 2)).json();
    assertThat(seeded.get("organization").asString()).isEqualTo(org(2));
    assertThat(api2.get("/scheduled_events?organization=" + org(2)).json().get("collection").size()).isEqualTo(2);
    assertThat(api1.get("/scheduled_events?organization=" + org(1)).json().get("collection").size()).isZero();
    ctl.post("/_sandbox/seed", Map.of("vendor", "calendly", "account", org(1), "contacts", 1));
    assertThat(api1.get("/scheduled_events?organization=" + org(1)).json().get("collection").size()).isEqualTo(1);
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "calendly", "account", 3, "contacts", 1)).status())
        .isEqualTo(400);
    api2.post("/webhook_subscriptions", Map.of("url", receiver.url("/two"), "events", List.of("invitee.created"),
        "organization", org(2), "scope", "organization"));
    String token = oauth("&account=2").get("access_token").asString();

    ctl.post("/_sandbox/reset", null);
    assertThat(api2.get("/scheduled_events?organization=" + org(2)).json().get("collection").size()).isZero();
    assertThat(api1.get("/scheduled_events?organization=" + org(1)).json().get("collection").size()).isZero();
    assertThat(api2.get("/webhook_subscriptions?scope=organization&organization=" + org(2)).json().get("collection")
        .size()).isZero();
    assertThat(api2.get("/event_types/SANDBOXET30MIN02").status()).isEqualTo(200);
    assertThat(sandbox.http("/calendly", Map.of("Authorization", "Bearer " + token)).get("/users/me").status())
        .isEqualTo(401);
  }

  @Test
  void theAccountsPropertySetsHowManyThereAre() {
    try (SandboxServer three = SandboxServer.start(0, Map.of("sandbox.calendly.accounts", 3))) {
      assertThat(new Http(three.baseUrl(), Map.of()).get("/_sandbox/credentials").json().at("/calendly/accounts")
          .size()).isEqualTo(3);
      Http api3 = new Http(three.baseUrl() + "/calendly", Map.of("Authorization", "Bearer calendly-sandbox-pat-3"));
      assertThat(api3.get("/users/me").json().at("/resource/uri").asString())
          .isEqualTo(three.baseUrl() + "/calendly/users/SANDBOXUSER00003");
      assertThat(new Http(three.baseUrl() + "/calendly", Map.of("Authorization", "Bearer calendly-sandbox-pat-4"))
          .get("/users/me").status()).isEqualTo(401);
    }
  }
}
