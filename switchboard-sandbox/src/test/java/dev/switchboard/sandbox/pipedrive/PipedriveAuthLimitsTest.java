package dev.switchboard.sandbox.pipedrive;

import static dev.switchboard.sandbox.pipedrive.PipedriveApiTest.assertErrorShape;
import static dev.switchboard.sandbox.pipedrive.PipedriveApiTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Pipedrive auth (api token header/query, OAuth code flow + refresh) and token-based rate limits. */
class PipedriveAuthLimitsTest {

  static final String TOKEN = "pipedrive-sandbox-token";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of()).resetVendor("pipedrive");
  static final Http v2 = sandbox.http("/pipedrive/api/v2", Map.of("x-api-token", TOKEN));
  static final Http v1 = sandbox.http("/pipedrive/api/v1", Map.of("x-api-token", TOKEN));
  static final Http ctl = sandbox.ctl();

  @Test
  void authByHeaderQueryParamAndErrors() {
    Http anon = new Http(sandbox.baseUrl() + "/pipedrive/api/v2", Map.of());
    assertThat(anon.get("/persons?api_token=" + TOKEN).status()).isEqualTo(200);
    Http.Res denied = anon.get("/persons");
    assertThat(denied.status()).isEqualTo(401);
    assertErrorShape(denied.json(), "unauthorized access");
    assertThat(denied.json().get("errorCode").asInt()).isEqualTo(401);
    assertThat(new Http(sandbox.baseUrl() + "/pipedrive/api/v2", Map.of("x-api-token", "wrong")).get("/persons").status()).isEqualTo(401);
    assertThat(new Http(sandbox.baseUrl() + "/pipedrive/api/v2", Map.of("Authorization", "Bearer nope")).get("/persons").status()).isEqualTo(401);
  }

  @Test
  void oauthCodeFlowAndRefresh() throws Exception {
    Map<?, ?> creds = (Map<?, ?>) Http.JSON.readValue(ctl.get("/_sandbox/credentials").body(), Map.class).get("pipedrive");
    String clientId = (String) creds.get("clientId");
    String secret = (String) creds.get("clientSecret");
    String redirect = "http://localhost/callback";
    HttpResponse<String> auth = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
        + "/pipedrive/oauth/authorize?client_id=" + clientId + "&redirect_uri=" + enc(redirect) + "&state=s1")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(auth.statusCode()).isEqualTo(302);
    String location = auth.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(redirect).contains("state=s1");
    String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");

    String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    Http oauth = new Http(sandbox.baseUrl() + "/pipedrive/oauth", Map.of("Authorization", basic));
    assertThat(new Http(sandbox.baseUrl() + "/pipedrive/oauth", Map.of()).postForm("/token",
        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect)).status()).isEqualTo(401);
    JsonNode tokens = oauth.postForm("/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect)).json();
    assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
    assertThat(tokens.get("expires_in").asLong()).isPositive();
    assertThat(tokens.get("api_domain").asString()).endsWith("/pipedrive");
    Http bearer = new Http(sandbox.baseUrl() + "/pipedrive/api/v1", Map.of("Authorization", "Bearer " + tokens.get("access_token").asString()));
    Http.Res me = bearer.get("/users/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.header("x-ratelimit-limit")).isEqualTo("160");

    assertThat(oauth.postForm("/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect)).status())
        .isEqualTo(400);
    JsonNode refreshed = oauth.postForm("/token", Map.of("grant_type", "refresh_token",
        "refresh_token", tokens.get("refresh_token").asString())).json();
    assertThat(refreshed.get("access_token").asString()).isNotEqualTo(tokens.get("access_token").asString());
    assertThat(new Http(sandbox.baseUrl() + "/pipedrive/api/v2", Map.of("Authorization", "Bearer " + refreshed.get("access_token").asString()))
        .get("/persons").status()).isEqualTo(200);
    assertThat(oauth.postForm("/token", Map.of("grant_type", "refresh_token", "refresh_token", "bogus")).status()).isEqualTo(400);
  }

  @Test
  void rateLimitHeadersBurstAndDailyBudget() {
    Http.Res first = v2.get("/persons");
    assertThat(first.header("x-ratelimit-limit")).isEqualTo("40");
    assertThat(first.header("x-ratelimit-remaining")).isEqualTo("39");
    assertThat(first.header("x-ratelimit-reset")).isEqualTo("2");
    assertThat(first.header("x-daily-requests-left")).isEqualTo(Long.toString(30000 - 10));

    ctl.put("/_sandbox/config", Map.of("vendor", "pipedrive", "burstPer2s", 3));
    int ok = 0;
    Http.Res refused = null;
    for (int i = 0; i < 5 && refused == null; i++) {
      Http.Res r = v1.get("/users/me");
      if (r.status() == 429) {
        refused = r;
      } else {
        ok++;
      }
    }
    assertThat(refused).isNotNull();
    assertThat(ok).isLessThanOrEqualTo(3);
    assertThat(refused.header("x-ratelimit-remaining")).isEqualTo("0");
    assertThat(refused.header("Retry-After")).isEqualTo("2");
    assertErrorShape(refused.json(), "Request over limit");
    assertThat(refused.json().get("errorCode").asInt()).isEqualTo(429);

    ctl.post("/_sandbox/reset?vendor=pipedrive", null);
    ctl.put("/_sandbox/config", Map.of("vendor", "pipedrive", "dailyTokens", 25));
    assertThat(v2.get("/persons").status()).isEqualTo(200); // 10 tokens
    Http.Res second = v2.get("/persons"); // 20 tokens
    assertThat(second.header("x-daily-requests-left")).isEqualTo("5");
    Http.Res over = v2.get("/persons");
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().get("success").asBoolean()).isFalse();
    assertThat(v2.get("/persons/1").status()).isEqualTo(404); // a 1-token call still fits the budget
  }
}
