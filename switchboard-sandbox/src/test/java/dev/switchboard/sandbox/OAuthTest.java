package dev.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** OAuth emulation of both vendors, with an injected clock to expire HubSpot access tokens. */
class OAuthTest {

  static final TestClock CLOCK = new TestClock(Instant.parse("2026-05-01T10:00:00Z"));
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of(), CLOCK).noReset();
  static final Http anon = sandbox.ctl();

  private static String code(Http.Res redirect, String state) {
    assertThat(redirect.status()).isEqualTo(302);
    String location = redirect.header("Location");
    assertThat(location).startsWith("http://localhost:9999/cb?").contains("state=" + state);
    Matcher m = Pattern.compile("code=([^&]+)").matcher(location);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void hubspotAuthorizationCodeRefreshAndExpiry() {
    String code = code(anon.get("/hubspot/oauth/authorize?client_id=sandbox-hubspot-client-id&redirect_uri=http://localhost:9999/cb"
        + "&scope=crm.objects.contacts.read&state=xyz"), "xyz");
    Map<String, String> form = Map.of("grant_type", "authorization_code", "client_id", "sandbox-hubspot-client-id",
        "client_secret", "sandbox-hubspot-client-secret", "redirect_uri", "http://localhost:9999/cb", "code", code);
    JsonNode tokens = anon.postForm("/hubspot/oauth/v1/token", form).json();
    assertThat(tokens.get("token_type").asString()).isEqualTo("bearer");
    assertThat(tokens.get("expires_in").asLong()).isEqualTo(1800);
    Http.Res reused = anon.postForm("/hubspot/oauth/v1/token", form);
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().get("status").asString()).isEqualTo("BAD_AUTH_CODE");

    String access = tokens.get("access_token").asString();
    Http hub = new Http(sandbox.baseUrl() + "/hubspot", Map.of("Authorization", "Bearer " + access));
    assertThat(hub.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
    assertThat(anon.get("/hubspot/oauth/v1/access-tokens/" + access).json().get("hub_id").asLong()).isEqualTo(1001);

    CLOCK.advance(Duration.ofMinutes(31));
    Http.Res expired = hub.get("/crm/v3/objects/contacts");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get("category").asString()).isEqualTo("EXPIRED_AUTHENTICATION");

    JsonNode refreshed = anon.postForm("/hubspot/oauth/v3/token", Map.of("grant_type", "refresh_token",
        "client_id", "sandbox-hubspot-client-id", "client_secret", "sandbox-hubspot-client-secret",
        "refresh_token", tokens.get("refresh_token").asString())).json();
    assertThat(new Http(sandbox.baseUrl() + "/hubspot", Map.of("Authorization", "Bearer " + refreshed.get("access_token").asString()))
        .get("/crm/v3/objects/contacts").status()).isEqualTo(200);
    assertThat(anon.postForm("/hubspot/oauth/v1/token", Map.of("grant_type", "refresh_token", "client_id", "sandbox-hubspot-client-id",
        "client_secret", "wrong", "refresh_token", tokens.get("refresh_token").asString())).status()).isEqualTo(400);
    // the date-versioned endpoint that replaces v1 (sunset 2027-02-16) answers the same way
    JsonNode current = anon.postForm("/hubspot/oauth/2026-03/token", Map.of("grant_type", "refresh_token",
        "client_id", "sandbox-hubspot-client-id", "client_secret", "sandbox-hubspot-client-secret",
        "refresh_token", tokens.get("refresh_token").asString())).json();
    assertThat(current.get("hub_id").asLong()).isEqualTo(1001);
    assertThat(new Http(sandbox.baseUrl() + "/hubspot", Map.of("Authorization", "Bearer " + current.get("access_token").asString()))
        .get("/crm/v3/objects/contacts").status()).isEqualTo(200);
  }

  @Test
  void mailchimpAuthorizationCodeAndMetadata() {
    String code = code(anon.get("/mailchimp/oauth2/authorize?response_type=code&client_id=sandbox-mailchimp-client-id"
        + "&redirect_uri=http://localhost:9999/cb&state=abc"), "abc");
    Http.Res token = anon.postForm("/mailchimp/oauth2/token", Map.of("grant_type", "authorization_code",
        "client_id", "sandbox-mailchimp-client-id", "client_secret", "sandbox-mailchimp-client-secret",
        "redirect_uri", "http://localhost:9999/cb", "code", code));
    assertThat(token.status()).isEqualTo(200);
    String access = token.json().get("access_token").asString();
    JsonNode meta = new Http(sandbox.baseUrl(), Map.of("Authorization", "OAuth " + access)).get("/mailchimp/oauth2/metadata").json();
    assertThat(meta.get("dc").asString()).isEqualTo("us21");
    assertThat(meta.get("api_endpoint").asString()).isEqualTo(sandbox.baseUrl() + "/mailchimp");
    Http mc = new Http(meta.get("api_endpoint").asString() + "/3.0", Map.of("Authorization", "Bearer " + access));
    assertThat(mc.get("/ping").status()).isEqualTo(200);
    CLOCK.advance(Duration.ofDays(400)); // Mailchimp tokens never expire
    assertThat(mc.get("/ping").status()).isEqualTo(200);
    assertThat(anon.postForm("/mailchimp/oauth2/token", Map.of("grant_type", "authorization_code",
        "client_id", "sandbox-mailchimp-client-id", "client_secret", "sandbox-mailchimp-client-secret",
        "redirect_uri", "http://localhost:9999/cb", "code", code)).status()).isEqualTo(400);
  }

  @Test
  void aPersonWhoRefusesConsentIsSentBackWithAccessDeniedAndTheirState() {
    for (String authorize : java.util.List.of(
        "/hubspot/oauth/authorize?client_id=sandbox-hubspot-client-id&redirect_uri=http://localhost:9999/cb"
            + "&scope=oauth&state=s1&consent=deny",
        "/mailchimp/oauth2/authorize?response_type=code&client_id=sandbox-mailchimp-client-id"
            + "&redirect_uri=http://localhost:9999/cb&state=s1&consent=deny")) {
      Http.Res res = anon.get(authorize);
      assertThat(res.status()).as(authorize).isEqualTo(302);
      assertThat(res.header("Location")).as(authorize).startsWith("http://localhost:9999/cb?error=access_denied&")
          .contains("state=s1").doesNotContain("code=");
    }
  }

  @Test
  void aRevokedHubSpotRefreshTokenIsRefusedAsBadRefreshToken() {
    String code = code(anon.get("/hubspot/oauth/authorize?client_id=sandbox-hubspot-client-id"
        + "&redirect_uri=http://localhost:9999/cb&scope=oauth&state=r"), "r");
    String refresh = anon.postForm("/hubspot/oauth/v1/token", Map.of("grant_type", "authorization_code",
        "client_id", "sandbox-hubspot-client-id", "client_secret", "sandbox-hubspot-client-secret",
        "redirect_uri", "http://localhost:9999/cb", "code", code)).json().get("refresh_token").asString();
    Map<String, String> form = Map.of("grant_type", "refresh_token", "client_id", "sandbox-hubspot-client-id",
        "client_secret", "sandbox-hubspot-client-secret", "refresh_token", refresh);
    assertThat(anon.postForm("/hubspot/oauth/v1/token", form).status()).isEqualTo(200);

    assertThat(anon.delete("/hubspot/oauth/v1/refresh-tokens/" + refresh).status()).isEqualTo(204);

    Http.Res refused = anon.postForm("/hubspot/oauth/v1/token", form);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("status").asString()).isEqualTo("BAD_REFRESH_TOKEN");
    assertThat(anon.delete("/hubspot/oauth/v1/refresh-tokens/" + refresh).status()).isEqualTo(404);
  }
}
