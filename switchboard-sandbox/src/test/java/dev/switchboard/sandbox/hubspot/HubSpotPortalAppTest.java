package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The one app seen from several portals: OAuth installs it into one portal whose data its tokens then reach
 * alone, and its webhooks carry every portal's changes to its one target URL, each event naming its portal.
 */
class HubSpotPortalAppTest {

  static final String CB = "http://localhost:9999/cb";

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.hubspot.webhook-batch-ms", 100)).withReceiver();
  static final Http one = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http two = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot-2"));
  static final Http anon = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  private static Http.Res authorize(String extra) {
    return anon.get("/hubspot/oauth/authorize?client_id=sandbox-hubspot-client-id&redirect_uri=" + CB + extra);
  }

  private static JsonNode install(String extra) {
    Matcher m = Pattern.compile("code=([^&]+)").matcher(authorize(extra).header("Location"));
    assertThat(m.find()).isTrue();
    return anon.postForm("/hubspot/oauth/v1/token", Map.of("grant_type", "authorization_code",
        "client_id", "sandbox-hubspot-client-id", "client_secret", "sandbox-hubspot-client-secret",
        "redirect_uri", CB, "code", m.group(1))).json();
  }

  private static Http bearer(String token) {
    return sandbox.http("/hubspot", Map.of("Authorization", "Bearer " + token));
  }

  @Test
  void oauthIntoPortal1002ReachesOnly1002() {
    one.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "in-1001@x.com")));
    two.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "in-1002@x.com")));

    JsonNode tokens = install("&portalId=1002&state=s");
    assertThat(tokens.get("hub_id").asLong()).isEqualTo(1002);
    String access = tokens.get("access_token").asString();
    JsonNode info = anon.get("/hubspot/oauth/v1/access-tokens/" + access).json();
    assertThat(info.get("hub_id").asLong()).isEqualTo(1002);
    assertThat(info.get("hub_domain").asString()).contains("1002");
    assertThat(info.get("app_id").asLong()).isEqualTo(2001);

    Http oauth = bearer(access);
    assertThat(oauth.get("/account-info/v3/details").json().get("portalId").asLong()).isEqualTo(1002);
    JsonNode list = oauth.get("/crm/v3/objects/contacts?properties=email").json().get("results");
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.get(0).at("/properties/email").asString()).isEqualTo("in-1002@x.com");
    assertThat(oauth.get("/crm/v3/objects/contacts/in-1001@x.com?idProperty=email").status()).isEqualTo(404);

    JsonNode refreshed = anon.postForm("/hubspot/oauth/v3/token", Map.of("grant_type", "refresh_token",
        "client_id", "sandbox-hubspot-client-id", "client_secret", "sandbox-hubspot-client-secret",
        "refresh_token", tokens.get("refresh_token").asString())).json();
    assertThat(refreshed.get("hub_id").asLong()).isEqualTo(1002);
    assertThat(bearer(refreshed.get("access_token").asString()).get("/account-info/v3/details").json().get("portalId").asLong())
        .isEqualTo(1002);

    assertThat(install("").get("hub_id").asLong()).isEqualTo(1001); // no portalId: the first portal, as before
    Http.Res unknown = authorize("&portalId=4242");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void oauthTokensOfOnePortalShareOneBudgetThatIsNotTheOtherPortals() {
    anon.put("/_sandbox/config", Map.of("vendor", "hubspot", "rateLimitPer10s", 2));
    Http first = bearer(install("&portalId=1002").get("access_token").asString());
    Http second = bearer(install("&portalId=1002").get("access_token").asString());
    assertThat(first.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
    assertThat(second.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
    assertThat(first.get("/crm/v3/objects/contacts").status()).isEqualTo(429);
    assertThat(two.get("/crm/v3/objects/contacts").status()).isEqualTo(200); // the private app is another app
    assertThat(bearer(install("").get("access_token").asString()).get("/crm/v3/objects/contacts").status()).isEqualTo(200);
  }

  private static void subscribe() {
    String q = "?hapikey=sandbox-dev-key";
    Http dev = sandbox.http("/hubspot", Map.of());
    dev.put("/webhooks/v3/2001/settings" + q, Map.of("targetUrl", receiver.url("/hooks/hubspot")));
    dev.post("/webhooks/v3/2001/subscriptions" + q, Map.of("eventType", "contact.creation", "active", true));
    dev.post("/webhooks/v3/2001/subscriptions" + q, Map.of("eventType", "contact.propertyChange", "propertyName", "firstname", "active", true));
    dev.post("/webhooks/v3/2001/subscriptions" + q, Map.of("eventType", "contact.deletion", "active", true));
  }

  private static List<JsonNode> events() {
    List<JsonNode> out = new ArrayList<>();
    receiver.posts().forEach(r -> Http.JSON.readTree(r.body()).forEach(out::add));
    return out;
  }

  private static Set<Long> portalsOf(WebhookReceiver.Received post) {
    Set<Long> ids = new java.util.HashSet<>();
    Http.JSON.readTree(post.body()).forEach(e -> ids.add(e.get("portalId").asLong()));
    return ids;
  }

  @Test
  void theAppsWebhooksCarryEachPortalsChangesWithItsPortalId() {
    subscribe();
    String a = one.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "a@x.com", "firstname", "A")))
        .json().get("id").asString();
    String b = two.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "b@x.com", "firstname", "B")))
        .json().get("id").asString();
    anon.post("/_sandbox/hubspot/contacts/" + b + "/ui-edit?portalId=1002", Map.of("properties", Map.of("firstname", "B2")));
    two.delete("/crm/v3/objects/contacts/" + b);

    await().atMost(Duration.ofSeconds(5)).until(() -> events().size() >= 6);
    Map<Long, List<JsonNode>> byPortal = events().stream().collect(Collectors.groupingBy(e -> e.get("portalId").asLong()));
    assertThat(byPortal.keySet()).containsExactlyInAnyOrder(1001L, 1002L);
    assertThat(byPortal.get(1001L)).allMatch(e -> e.get("objectId").asString().equals(a))
        .extracting(e -> e.get("subscriptionType").asString())
        .containsExactlyInAnyOrder("contact.creation", "contact.propertyChange");
    assertThat(byPortal.get(1002L)).allMatch(e -> e.get("objectId").asString().equals(b))
        .extracting(e -> e.get("subscriptionType").asString())
        .containsExactlyInAnyOrder("contact.creation", "contact.propertyChange", "contact.propertyChange", "contact.deletion");
    assertThat(events()).allMatch(e -> e.get("appId").asLong() == 2001);
    assertThat(events().stream().map(e -> e.get("eventId").asLong())).doesNotHaveDuplicates();
    // one target URL for the app; each POST holds the events of one portal
    assertThat(receiver.posts()).allMatch(p -> p.path().equals("/hooks/hubspot")).allMatch(p -> portalsOf(p).size() == 1);
  }

  @Test
  void seedingWithWebhooksReportsTheSeededPortal() {
    subscribe();
    anon.post("/_sandbox/seed", Map.of("vendor", "hubspot", "contacts", 2, "portalId", 1002, "fireWebhooks", true));
    await().atMost(Duration.ofSeconds(5)).until(() -> events().stream()
        .filter(e -> e.get("subscriptionType").asString().equals("contact.creation")).count() == 2);
    assertThat(events()).allMatch(e -> e.get("portalId").asLong() == 1002);
  }
}
