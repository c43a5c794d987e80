package dev.switchboard.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.oauth.InvalidGrantException;
import com.stripe.model.oauth.DeauthorizedAccount;
import com.stripe.model.oauth.TokenResponse;
import com.stripe.net.OAuth;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.util.UriComponentsBuilder;

/** Stripe Connect OAuth with stripe-java's own {@link OAuth} helpers: authorize, token, refresh, Stripe-Account, deauthorize. */
class StripeConnectOAuthTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of()).noReset();
  static RequestOptions platform;
  static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() {
    // stripe-java's OAuth helpers read the connect base globally; only this class uses them.
    Stripe.overrideConnectBase(sandbox.baseUrl() + "/stripe/connect");
    platform = RequestOptions.builder().setApiKey("sk_test_sandbox").setClientId("ca_sandbox").build();
  }

  @AfterAll
  static void stop() {
    Stripe.overrideConnectBase(Stripe.CONNECT_API_BASE);
  }

  /** Follows the authorize URL like a browser whose user approves (or denies) and returns the redirect's query. */
  static Map<String, String> authorize(boolean deny) throws Exception {
    // stripe-java adds client_id to the map it is given, so it must be mutable
    String url = OAuth.authorizeUrl(new HashMap<>(Map.of("scope", "read_write", "redirect_uri", "http://127.0.0.1:9/back",
        "state", "s-42")), platform);
    HttpResponse<String> res = BROWSER.send(HttpRequest.newBuilder(URI.create(url + (deny ? "&deny=true" : ""))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(302);
    String location = res.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("http://127.0.0.1:9/back?");
    return UriComponentsBuilder.fromUriString(location).build().getQueryParams().toSingleValueMap();
  }

  @Test
  void codeIsExchangedOnceAndTheConnectedAccountIsReachableBothWays() throws Exception {
    Map<String, String> back = authorize(false);
    assertThat(back).containsEntry("state", "s-42").containsEntry("scope", "read_write");
    String code = back.get("code");
    assertThat(code).startsWith("ac_");

    TokenResponse token = OAuth.token(new HashMap<>(Map.of("grant_type", "authorization_code", "code", code)), platform);
    // by default the user logs into account 2: connecting gives the platform another account
    assertThat(token.getStripeUserId()).isEqualTo("acct_1SandboxStripe1");
    assertThat(token.getRawJsonObject().get("stripe_publishable_key").getAsString()).isEqualTo("pk_test_sandbox_2");
    assertThat(token.getLivemode()).isFalse();
    String access = token.getRawJsonObject().get("access_token").getAsString();
    String refresh = token.getRawJsonObject().get("refresh_token").getAsString();
    assertThatThrownBy(() -> OAuth.token(new HashMap<>(Map.of("grant_type", "authorization_code", "code", code)), platform))
        .isInstanceOfSatisfying(InvalidGrantException.class, e -> assertThat(e.getMessage()).contains("does not exist"));

    String base = sandbox.baseUrl() + "/stripe";
    StripeClient asAccount = StripeClient.builder().setApiKey(access).setApiBase(base).build();
    String id = asAccount.customers().create(CustomerCreateParams.builder().setEmail("connected@example.com").build()).getId();
    StripeClient asPlatform = StripeClient.builder().setApiKey("sk_test_sandbox").setApiBase(base).build();
    RequestOptions onBehalf = RequestOptions.builder().setStripeAccount(token.getStripeUserId()).build();
    assertThat(asPlatform.customers().retrieve(id, onBehalf).getEmail()).isEqualTo("connected@example.com");
    assertThatThrownBy(() -> asPlatform.customers().retrieve(id)).isInstanceOf(InvalidRequestException.class); // not its own
    assertThatThrownBy(() -> asPlatform.customers().list(com.stripe.param.CustomerListParams.builder().build(),
        RequestOptions.builder().setStripeAccount("acct_someoneelse").build())).isInstanceOf(PermissionException.class);

    TokenResponse refreshed = OAuth.token(new HashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", refresh)),
        platform);
    String access2 = refreshed.getRawJsonObject().get("access_token").getAsString();
    assertThat(access2).isNotEqualTo(access).startsWith("sk_test_");

    DeauthorizedAccount gone = OAuth.deauthorize(new HashMap<>(Map.of("stripe_user_id", token.getStripeUserId())), platform);
    assertThat(gone.getStripeUserId()).isEqualTo(token.getStripeUserId());
    assertThatThrownBy(() -> asAccount.customers().retrieve(id)).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> asPlatform.customers().retrieve(id, onBehalf)).isInstanceOf(PermissionException.class);
    assertThatThrownBy(() -> OAuth.token(new HashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", refresh)), platform))
        .isInstanceOf(InvalidGrantException.class);
  }

  @Test
  void deniedConsentRedirectsWithAccessDeniedAndBadClientsAreRefused() throws Exception {
    assertThat(authorize(true)).containsEntry("error", "access_denied").containsEntry("state", "s-42").doesNotContainKey("code");
    Http.Res badClient = new Http(sandbox.baseUrl(), Map.of())
        .get("/stripe/connect/oauth/authorize?response_type=code&client_id=ca_nope&redirect_uri=http://x/");
    assertThat(badClient.status()).isEqualTo(400);
    assertThat(badClient.json().get("error").asString()).isEqualTo("invalid_client");
    String code = authorize(false).get("code");
    assertThatThrownBy(() -> OAuth.token(Map.of("grant_type", "authorization_code", "code", code),
        RequestOptions.builder().setApiKey("sk_test_wrong").setClientId("ca_sandbox").build()))
        .isInstanceOf(com.stripe.exception.oauth.OAuthException.class);
  }
}
