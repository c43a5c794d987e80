package dev.switchboard.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.TestClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** OAuth 2.0 flows, token signature, session expiry and the daily API allocation. */
class SalesforceAuthLimitsTest {

  static final String CLIENT_ID = "sandbox-salesforce-consumer-key";
  static final String CLIENT_SECRET = "sandbox-salesforce-consumer-secret";
  static final String REDIRECT = "http://localhost:9999/callback";
  static final TestClock CLOCK = new TestClock(Instant.parse("2026-01-01T10:00:30Z"));
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of(), CLOCK).resetVendor("salesforce");
  static final Http anon = sandbox.ctl();

  /** Salesforce documents signature = Base64(HMAC-SHA256(consumer secret, id + issued_at)). */
  static String expectedSignature(String id, String issuedAt) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal((id + issuedAt).getBytes(StandardCharsets.UTF_8)));
  }

  static String codeFromRedirect(Http.Res res) {
    assertThat(res.status()).isEqualTo(302);
    String query = URI.create(res.header("Location")).getRawQuery();
    String code = null;
    for (String kv : query.split("&")) {
      if (kv.startsWith("code=")) {
        code = URLDecoder.decode(kv.substring(5), StandardCharsets.UTF_8);
      }
    }
    assertThat(res.header("Location")).startsWith(REDIRECT).contains("state=xyz");
    return code;
  }

  static Http api(String token) {
    return new Http(sandbox.baseUrl() + "/salesforce/services/data/v62.0", Map.of("Authorization", "Bearer " + token));
  }

  @Test
  void authorizationCodeThenRefresh() throws Exception {
    String code = codeFromRedirect(anon.get("/salesforce/services/oauth2/authorize?response_type=code&client_id=" + CLIENT_ID
        + "&redirect_uri=" + REDIRECT + "&state=xyz"));
    Http.Res tok = anon.postForm("/salesforce/services/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
        "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "redirect_uri", REDIRECT));
    assertThat(tok.status()).as(tok.body()).isEqualTo(200);
    JsonNode t = tok.json();
    assertThat(t.get("token_type").asString()).isEqualTo("Bearer");
    assertThat(t.get("instance_url").asString()).isEqualTo(sandbox.baseUrl() + "/salesforce");
    assertThat(t.get("id").asString()).contains("/id/00D");
    assertThat(t.get("issued_at").asString()).matches("\\d{13}");
    assertThat(t.get("signature").asString()).isEqualTo(expectedSignature(t.get("id").asString(), t.get("issued_at").asString()));
    String refresh = t.get("refresh_token").asString();
    Http.Res res = api(t.get("access_token").asString()).get("/sobjects/Contact/describe");
    assertThat(res.status()).isEqualTo(200);

    // codes are single-use
    Http.Res again = anon.postForm("/salesforce/services/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
        "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "redirect_uri", REDIRECT));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("error").asString()).isEqualTo("invalid_grant");

    Http.Res refreshed = anon.postForm("/salesforce/services/oauth2/token", Map.of("grant_type", "refresh_token",
        "refresh_token", refresh, "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().has("refresh_token")).isFalse();
    String access2 = refreshed.json().get("access_token").asString();
    assertThat(api(access2).get("/limits").status()).isEqualTo(200);

    JsonNode me = new Http(sandbox.baseUrl(), Map.of("Authorization", "Bearer " + access2)).get("/salesforce/services/oauth2/userinfo").json();
    assertThat(me.get("organization_id").asString()).startsWith("00D");
    assertThat(me.get("user_id").asString()).startsWith("005");

    Http.Res badClient = anon.postForm("/salesforce/services/oauth2/token", Map.of("grant_type", "refresh_token",
        "refresh_token", refresh, "client_id", CLIENT_ID, "client_secret", "wrong"));
    assertThat(badClient.json().get("error").asString()).isEqualTo("invalid_client");
  }

  @Test
  void clientCredentialsAndSessionExpiry() {
    anon.put("/_sandbox/config", Map.of("vendor", "salesforce", "sessionTimeoutSeconds", 900));
    String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    Http.Res tok = new Http(sandbox.baseUrl(), Map.of("Authorization", "Basic " + basic))
        .postForm("/salesforce/services/oauth2/token", Map.of("grant_type", "client_credentials"));
    assertThat(tok.status()).as(tok.body()).isEqualTo(200);
    assertThat(tok.json().has("refresh_token")).isFalse();
    Http api = api(tok.json().get("access_token").asString());
    assertThat(api.get("/sobjects/Lead/describe").status()).isEqualTo(200);
    CLOCK.advance(Duration.ofSeconds(600));
    assertThat(api.get("/sobjects/Lead/describe").status()).isEqualTo(200); // activity extends the session
    CLOCK.advance(Duration.ofSeconds(901));
    Http.Res expired = api.get("/sobjects/Lead/describe");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get(0).get("errorCode").asString()).isEqualTo("INVALID_SESSION_ID");
    assertThat(expired.json().get(0).get("message").asString()).isEqualTo("Session expired or invalid");
  }

  @Test
  void apiUsageHeaderAndRequestLimitExceeded() {
    anon.put("/_sandbox/config", Map.of("vendor", "salesforce", "dailyApiLimit", 3));
    Http api = api(SalesforceRestTest.TOKEN);
    assertThat(api.get("/limits").header("Sforce-Limit-Info")).isEqualTo("api-usage=1/3");
    Http.Res second = api.get("/limits");
    assertThat(second.header("Sforce-Limit-Info")).isEqualTo("api-usage=2/3");
    assertThat(second.json().get("DailyApiRequests").get("Max").asInt()).isEqualTo(3);
    assertThat(second.json().get("DailyApiRequests").get("Remaining").asInt()).isEqualTo(1);
    assertThat(api.post("/sobjects/Contact", Map.of("LastName", "Z")).header("Sforce-Limit-Info")).isEqualTo("api-usage=3/3");
    Http.Res over = api.get("/limits");
    assertThat(over.status()).isEqualTo(403);
    assertThat(over.json().get(0).get("errorCode").asString()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    assertThat(over.header("Sforce-Limit-Info")).isEqualTo("api-usage=3/3");
    CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
    assertThat(api.get("/limits").status()).isEqualTo(200); // rolling 24-hour window
  }
}
