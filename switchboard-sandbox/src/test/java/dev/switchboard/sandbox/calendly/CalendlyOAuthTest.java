package dev.switchboard.sandbox.calendly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.TestClock;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Calendly OAuth: authorize redirect, code exchange, single-use refresh tokens, 2 h access tokens on the sandbox clock. */
class CalendlyOAuthTest {

  static final String REDIRECT = "https://app.example.com/oauth/calendly";
  static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-02T08:00:00Z"));
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of(), CLOCK).noReset();
  static final Http anon = sandbox.http("/calendly", Map.of());
  static final Http basic = sandbox.http("/calendly", Map.of("Authorization", "Basic "
      + Base64.getEncoder().encodeToString("calendly-sandbox-client:calendly-sandbox-secret".getBytes(StandardCharsets.UTF_8))));
  static String base;

  @BeforeAll
  static void urls() {
    base = sandbox.baseUrl() + "/calendly";
  }

  static Map<String, String> query(String location) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : location.substring(location.indexOf('?') + 1).split("&")) {
      String[] p = kv.split("=", 2);
      m.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
    }
    return m;
  }

  static String authorize(String state) {
    Http.Res r = anon.get("/oauth/authorize?client_id=calendly-sandbox-client&response_type=code&state=" + state
        + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(302);
    String location = r.header("Location");
    assertThat(location).startsWith(REDIRECT + "?");
    Map<String, String> q = query(location);
    assertThat(q.get("state")).isEqualTo(state);
    return q.get("code");
  }

  static Http bearer(String token) {
    return new Http(base, Map.of("Authorization", "Bearer " + token));
  }

  @Test
  void codeForTokensThenSingleUseRefresh() {
    String code = authorize("xyz-1");
    Http.Res tok = basic.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
    assertThat(tok.status()).as(tok.body()).isEqualTo(200);
    JsonNode t = tok.json();
    assertThat(t.get("token_type").asString()).isEqualTo("Bearer");
    assertThat(t.get("expires_in").asLong()).isEqualTo(7200);
    assertThat(t.get("created_at").asLong()).isEqualTo(CLOCK.instant().getEpochSecond());
    assertThat(t.get("owner").asString()).isEqualTo(base + "/users/SANDBOXUSER00001");
    assertThat(t.get("organization").asString()).isEqualTo(base + "/organizations/SANDBOXORG000001");
    assertThat(bearer(t.get("access_token").asString()).get("/users/me").status()).isEqualTo(200);
    // the code is single use
    Http.Res again = basic.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("error").asString()).isEqualTo("invalid_grant");
    // refresh with client credentials in the form
    String refresh = t.get("refresh_token").asString();
    Map<String, String> form = Map.of("grant_type", "refresh_token", "refresh_token", refresh,
        "client_id", "calendly-sandbox-client", "client_secret", "calendly-sandbox-secret");
    Http.Res refreshed = anon.postForm("/oauth/token", form);
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().get("refresh_token").asString()).isNotEqualTo(refresh);
    Http.Res reused = anon.postForm("/oauth/token", form);
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().get("error").asString()).isEqualTo("invalid_grant");
    Http.Res badClient = new Http(base, Map.of()).postForm("/oauth/token", Map.of("grant_type", "refresh_token",
        "refresh_token", refreshed.json().get("refresh_token").asString(), "client_id", "calendly-sandbox-client", "client_secret", "nope"));
    assertThat(badClient.status()).isEqualTo(401);
    assertThat(badClient.json().get("error").asString()).isEqualTo("invalid_client");
  }

  @Test
  void accessTokensExpireAfterTwoHoursAndCodesAfterTenMinutes() {
    JsonNode t = basic.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", authorize("s"),
        "redirect_uri", REDIRECT)).json();
    Http me = bearer(t.get("access_token").asString());
    CLOCK.advance(Duration.ofMinutes(119));
    assertThat(me.get("/users/me").status()).isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(1));
    Http.Res expired = me.get("/users/me");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get("title").asString()).isEqualTo("Unauthenticated");
    assertThat(expired.json().get("message").asString()).isEqualTo("The access token expired");
    // the refresh token still works after the access token expired
    Http.Res refreshed = basic.postForm("/oauth/token", Map.of("grant_type", "refresh_token", "refresh_token",
        t.get("refresh_token").asString()));
    assertThat(bearer(refreshed.json().get("access_token").asString()).get("/users/me").status()).isEqualTo(200);

    String code = authorize("late");
    CLOCK.advance(Duration.ofMinutes(10));
    Http.Res late = basic.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.json().get("error").asString()).isEqualTo("invalid_grant");
    String wrongRedirect = authorize("r");
    assertThat(basic.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", wrongRedirect,
        "redirect_uri", "https://evil.example.com/")).status()).isEqualTo(400);
  }
}
