package dev.switchboard.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.WebhookEndpoint;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.EventListParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.WebhookEndpointListParams;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.SandboxServer;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Several isolated Stripe accounts in one instance (default two, account 1 the Connect platform): each key reaches
 * its own objects, events, webhook endpoints and idempotency keys; Connect OAuth connects another account, which the
 * platform then reaches with {@code Stripe-Account} or the access token, and whose events carry {@code account} and
 * reach the platform's Connect endpoints. All SDK traffic is checked against Stripe's spec.
 */
class StripeAccountsTest {

  static final String PLATFORM = "acct_1SandboxStripe0";
  static final String SECOND = "acct_1SandboxStripe1";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of()).withReceiver();
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();
  static final StripeSpecCheckingClient traffic = new StripeSpecCheckingClient();

  static StripeClient client(String key) {
    return StripeClient.builder().setApiKey(key).setApiBase(sandbox.baseUrl() + "/stripe").setHttpClient(traffic).build();
  }

  static RequestOptions onBehalfOf(String account) {
    return RequestOptions.builder().setStripeAccount(account).build();
  }

  static CustomerCreateParams customer(String email) {
    return CustomerCreateParams.builder().setEmail(email).build();
  }

  static WebhookEndpoint endpoint(StripeClient stripe, String path, boolean connect) throws Exception {
    return stripe.webhookEndpoints().create(WebhookEndpointCreateParams.builder().setUrl(receiver.url(path))
        .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED).setConnect(connect).build());
  }

  /** Connect OAuth as a browser and the platform's server would do it; returns the token answer. */
  static JsonNode connect(String loginAs) {
    Http.Res redirect = ctl.get("/stripe/connect/oauth/authorize?response_type=code&client_id=ca_sandbox&scope=read_write"
        + "&redirect_uri=http://127.0.0.1:9/back" + (loginAs == null ? "" : "&stripe_user_id=" + loginAs));
    assertThat(redirect.status()).isEqualTo(302);
    Matcher code = Pattern.compile("code=([^&]+)").matcher(redirect.header("Location"));
    assertThat(code.find()).isTrue();
    Http.Res token = ctl.postForm("/stripe/connect/oauth/token", Map.of("grant_type", "authorization_code",
        "code", code.group(1), "client_secret", "sk_test_sandbox"));
    assertThat(token.status()).isEqualTo(200);
    return token.json();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deliveryTo(String path) {
    return Http.JSON.readValue(receiver.posts().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow().body(),
        Map.class);
  }

  @AfterAll
  static void trafficMatchesTheSpec() {
    traffic.assertConforms();
  }

  @Test
  void credentialsListEveryAccountAndKeepThePlatformAtTheTop() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("stripe");
    assertThat(c.get("apiKey").asString()).isEqualTo("sk_test_sandbox");
    assertThat(c.get("accountId").asString()).isEqualTo(PLATFORM);
    assertThat(c.get("accounts").size()).isEqualTo(2);
    assertThat(c.at("/accounts/0/platform").asBoolean()).isTrue();
    assertThat(c.at("/accounts/1/id").asString()).isEqualTo(SECOND);
    assertThat(c.at("/accounts/1/apiKey").asString()).isEqualTo("sk_test_sandbox_2");
    assertThat(c.at("/accounts/1/publishableKey").asString()).isEqualTo("pk_test_sandbox_2");
    assertThat(c.at("/accounts/1/connected").asBoolean()).isFalse();
  }

  @Test
  void objectsEventsEndpointsAndIdempotencyKeysArePerAccount() throws Exception {
    StripeClient one = client("sk_test_sandbox");
    StripeClient two = client("sk_test_sandbox_2");
    RequestOptions idem = RequestOptions.builder().setIdempotencyKey("same-key").build();
    endpoint(one, "/one", false);
    Customer ada = one.customers().create(customer("ada@example.com"), idem);
    one.products().create(ProductCreateParams.builder().setName("Plan").build());

    assertThat(two.customers().list(CustomerListParams.builder().build()).getData()).isEmpty();
    assertThat(two.products().list().getData()).isEmpty();
    assertThat(two.events().list(EventListParams.builder().build()).getData()).isEmpty();
    assertThat(two.webhookEndpoints().list(WebhookEndpointListParams.builder().build()).getData()).isEmpty();
    assertThatThrownBy(() -> two.customers().retrieve(ada.getId()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getCode()).isEqualTo("resource_missing"));

    // the same idempotency key with other parameters is no conflict in another account
    Customer bob = two.customers().create(customer("bob@example.com"), idem);
    assertThat(bob.getId()).isNotEqualTo(ada.getId());
    assertThat(one.customers().list(CustomerListParams.builder().build()).getData()).extracting(Customer::getId)
        .containsExactly(ada.getId());
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> receiver.posts().size() == 1);
    assertThat(deliveryTo("/one")).containsEntry("type", "customer.created").doesNotContainKey("account");

    // Stripe-Account is the platform's: another account's key may not use it, nor name an unconnected account
    assertThatThrownBy(() -> two.customers().list(CustomerListParams.builder().build(), onBehalfOf(PLATFORM)))
        .isInstanceOf(PermissionException.class);
    assertThatThrownBy(() -> one.customers().list(CustomerListParams.builder().build(), onBehalfOf(SECOND)))
        .isInstanceOf(PermissionException.class);
  }

  @Test
  void aConnectedAccountIsReachedThroughThePlatformAndItsEventsReachConnectEndpoints() throws Exception {
    StripeClient platform = client("sk_test_sandbox");
    StripeClient second = client("sk_test_sandbox_2");
    WebhookEndpoint own = endpoint(platform, "/platform", false);
    WebhookEndpoint connectHook = endpoint(platform, "/connect", true);
    endpoint(second, "/second", false);

    JsonNode token = connect(null);
    assertThat(token.get("stripe_user_id").asString()).isEqualTo(SECOND);
    assertThat(token.get("stripe_publishable_key").asString()).isEqualTo("pk_test_sandbox_2");
    assertThat(ctl.get("/_sandbox/credentials").json().at("/stripe/accounts/1/connected").asBoolean()).isTrue();

    Customer viaHeader = platform.customers().create(customer("via-header@example.com"), onBehalfOf(SECOND));
    assertThat(second.customers().retrieve(viaHeader.getId()).getEmail()).isEqualTo("via-header@example.com");
    assertThatThrownBy(() -> platform.customers().retrieve(viaHeader.getId())).isInstanceOf(InvalidRequestException.class);
    StripeClient withToken = client(token.get("access_token").asString());
    assertThat(withToken.customers().retrieve(viaHeader.getId()).getId()).isEqualTo(viaHeader.getId());

    Event event = second.events().list(EventListParams.builder().setType("customer.created").build()).getData().getFirst();
    assertThat(event.getAccount()).isEqualTo(SECOND);
    assertThat(event.getPendingWebhooks()).isEqualTo(2L); // the account's own endpoint and the platform's Connect one
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 2);
    assertThat(receiver.posts()).extracting(WebhookReceiver.Received::path).containsExactlyInAnyOrder("/second", "/connect");
    WebhookReceiver.Received toPlatform = receiver.posts().stream().filter(r -> r.path().equals("/connect")).findFirst()
        .orElseThrow();
    Event delivered = Webhook.constructEvent(toPlatform.body(), toPlatform.header("Stripe-Signature"), connectHook.getSecret());
    assertThat(delivered.getId()).isEqualTo(event.getId());
    assertThat(delivered.getAccount()).isEqualTo(SECOND);

    // the platform's own events go to its account endpoint only, without "account"
    receiver.reset();
    platform.customers().create(customer("platform@example.com"));
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> receiver.posts().size() == 1);
    assertThat(receiver.posts().getFirst().path()).isEqualTo("/platform");
    assertThat(Webhook.constructEvent(receiver.posts().getFirst().body(), receiver.posts().getFirst().header("Stripe-Signature"),
        own.getSecret()).getAccount()).isNull();

    // deauthorized: the platform loses the account, the account keeps its data and its own webhooks
    assertThat(ctl.postForm("/stripe/connect/oauth/deauthorize", Map.of("client_id", "ca_sandbox",
        "client_secret", "sk_test_sandbox", "stripe_user_id", SECOND)).status()).isEqualTo(200);
    assertThatThrownBy(() -> platform.customers().retrieve(viaHeader.getId(), onBehalfOf(SECOND)))
        .isInstanceOf(PermissionException.class);
    assertThatThrownBy(() -> withToken.customers().retrieve(viaHeader.getId())).isInstanceOf(AuthenticationException.class);
    receiver.reset();
    second.customers().create(customer("after@example.com"));
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> receiver.posts().size() == 1);
    assertThat(receiver.posts().getFirst().path()).isEqualTo("/second");
    assertThat(deliveryTo("/second")).doesNotContainKey("account");
  }

  @Test
  void authorizeLogsIntoTheNamedAccountAndEachConnectionIsSeparate() throws Exception {
    Http.Res unknown = ctl.get("/stripe/connect/oauth/authorize?response_type=code&client_id=ca_sandbox"
        + "&redirect_uri=http://127.0.0.1:9/back&stripe_user_id=acct_nope");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("error").asString()).isEqualTo("invalid_request");

    try (SandboxServer three = SandboxServer.start(0, Map.of("sandbox.stripe.accounts", 3))) {
      Http ctl3 = new Http(three.baseUrl(), Map.of());
      String code = Pattern.compile("code=([^&]+)").matcher(ctl3.get("/stripe/connect/oauth/authorize?response_type=code"
          + "&client_id=ca_sandbox&redirect_uri=http://127.0.0.1:9/back&stripe_user_id=acct_1SandboxStripe2").header("Location"))
          .results().findFirst().orElseThrow().group(1);
      JsonNode token = ctl3.postForm("/stripe/connect/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
          "client_secret", "sk_test_sandbox")).json();
      assertThat(token.get("stripe_user_id").asString()).isEqualTo("acct_1SandboxStripe2");
      String secondCode = Pattern.compile("code=([^&]+)").matcher(ctl3.get("/stripe/connect/oauth/authorize?response_type=code"
          + "&client_id=ca_sandbox&redirect_uri=http://127.0.0.1:9/back").header("Location")).results().findFirst()
          .orElseThrow().group(1);
      ctl3.postForm("/stripe/connect/oauth/token", Map.of("grant_type", "authorization_code", "code", secondCode,
          "client_secret", "sk_test_sandbox"));

      Http asThird = new Http(three.baseUrl() + "/stripe/v1", Map.of("Authorization", "Bearer sk_test_sandbox",
          "Stripe-Account", "acct_1SandboxStripe2"));
      String id = asThird.postForm("/customers", Map.of("email", "third@example.com")).json().get("id").asString();
      Http third = new Http(three.baseUrl() + "/stripe/v1", Map.of("Authorization", "Bearer sk_test_sandbox_3"));
      assertThat(third.get("/customers/" + id).status()).isEqualTo(200);
      Http tokenThird = new Http(three.baseUrl() + "/stripe/v1",
          Map.of("Authorization", "Bearer " + token.get("access_token").asString()));
      assertThat(tokenThird.get("/customers/" + id).status()).isEqualTo(200);

      ctl3.postForm("/stripe/connect/oauth/deauthorize", Map.of("client_id", "ca_sandbox", "client_secret", "sk_test_sandbox",
          "stripe_user_id", "acct_1SandboxStripe2"));
      assertThat(asThird.get("/customers").status()).isEqualTo(403);
      assertThat(tokenThird.get("/customers").status()).isEqualTo(401);
      Http asSecond = new Http(three.baseUrl() + "/stripe/v1", Map.of("Authorization", "Bearer sk_test_sandbox",
          "Stripe-Account", SECOND));
      assertThat(asSecond.get("/customers").status()).isEqualTo(200); // still connected
    }
  }

  @Test
  void seedTargetsOneAccountAndResetClearsAccountsAndConnections() throws Exception {
    JsonNode seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "stripe", "account", 2, "customers", 2)).json();
    assertThat(seeded.get("account").asString()).isEqualTo(SECOND);
    ctl.post("/_sandbox/seed", Map.of("vendor", "stripe", "account", PLATFORM, "customers", 1));
    StripeClient one = client("sk_test_sandbox");
    StripeClient two = client("sk_test_sandbox_2");
    assertThat(two.customers().list(CustomerListParams.builder().build()).getData()).hasSize(2)
        .extracting(Customer::getEmail).containsExactly("seed-0002@example.com", "seed-0001@example.com");
    assertThat(one.customers().list(CustomerListParams.builder().build()).getData()).hasSize(1);
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "stripe", "account", 3, "customers", 1)).status()).isEqualTo(400);
    connect(SECOND);

    ctl.post("/_sandbox/reset", null);
    assertThat(one.customers().list(CustomerListParams.builder().build()).getData()).isEmpty();
    assertThat(two.customers().list(CustomerListParams.builder().build()).getData()).isEmpty();
    assertThat(two.events().list(EventListParams.builder().build()).getData()).isEmpty();
    assertThatThrownBy(() -> one.customers().list(CustomerListParams.builder().build(), onBehalfOf(SECOND)))
        .isInstanceOf(PermissionException.class);
    assertThat(ctl.get("/_sandbox/credentials").json().at("/stripe/accounts/1/connected").asBoolean()).isFalse();
  }
}
