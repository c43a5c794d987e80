package dev.switchboard.app.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.support.FakeVendor;
import dev.switchboard.app.sync.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The access token of an OAuth connection: used as stored while fresh; refreshed at the token endpoint when it has
 * expired, the answer (a rotated refresh token included) stored before the new access token is handed out; a
 * refused refresh makes the connection need reconnecting; an unreachable endpoint changes nothing.
 */
class OAuthRefresherTest {
  final FakeVendor vendor = new FakeVendor();
  final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
  final Connections connections = mock(Connections.class);
  final OAuthRefresher refresher;

  OAuthRefresherTest() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("switchboard.oauth.hubspot.client-id", "client")
        .withProperty("switchboard.oauth.hubspot.client-secret", "secret")
        .withProperty("switchboard.oauth.hubspot.token-url", vendor.url("/oauth/v1/token"));
    refresher = new OAuthRefresher(connections, new OAuthApps(env, "https://sync.example.com"), new OAuthTokens(clock),
        clock);
  }

  @AfterEach
  void stop() {
    vendor.close();
  }

  private Map<String, String> creds(String access, String refresh, Instant expires) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("accessToken", access);
    m.put("refreshToken", refresh);
    m.put("accessTokenExpiresAt", String.valueOf(expires.toEpochMilli()));
    return m;
  }

  /** What the database holds: read with its stored form, replaced only while it is still that form. */
  private Connections.StoredCredentials store(Map<String, String> creds) {
    Connections.StoredCredentials stored = new Connections.StoredCredentials(creds, "enc-" + creds.hashCode());
    when(connections.storedCredentials("t1", "con_1")).thenReturn(stored);
    when(connections.replaceCredentials(eq("t1"), eq("con_1"), eq(stored), any())).thenReturn(true);
    return stored;
  }

  private ConnectionContext ctx(Map<String, String> creds) {
    return new ConnectionContext("con_1", "t1", "hubspot", "1001", Map.of(), creds);
  }

  @Test
  void aFreshTokenIsUsedAsStoredAndAPrivateAppTokenAlways() {
    assertThat(refresher.accessToken(ctx(creds("a1", "r1", clock.instant().plus(Duration.ofMinutes(10))))))
        .isEqualTo("a1");
    assertThat(refresher.accessToken(ctx(Map.of("accessToken", "pat-1")))).isEqualTo("pat-1");
    assertThat(vendor.requests).isEmpty();
  }

  @Test
  void anExpiredTokenIsRefreshedAndTheRotatedRefreshTokenIsStoredBeforeTheNewAccessTokenIsUsed() {
    Map<String, String> creds = creds("a1", "r1", clock.instant().plus(Duration.ofMinutes(1))); // within the margin
    Connections.StoredCredentials stored = store(creds);
    vendor.respond(200, "{\"token_type\":\"bearer\",\"access_token\":\"a2\",\"refresh_token\":\"r2\","
        + "\"expires_in\":1800}");

    assertThat(refresher.accessToken(ctx(creds))).isEqualTo("a2");

    assertThat(vendor.requests).hasSize(1);
    assertThat(vendor.requests.getFirst().body()).contains("grant_type=refresh_token").contains("refresh_token=r1")
        .contains("client_id=client").contains("client_secret=secret");
    // stored (compare-and-set on what was read) before "a2" is handed out
    verify(connections).replaceCredentials("t1", "con_1", stored, Map.of("accessToken", "a2", "refreshToken", "r2",
        "accessTokenExpiresAt", String.valueOf(clock.instant().plus(Duration.ofMinutes(30)).toEpochMilli())));
    verify(connections, never()).credentialsForUpdate(anyString(), anyString()); // no row lock across the call
  }

  /** A refresh token's hard expiry the vendor names (Intuit's x_refresh_token_expires_in) is kept for the warning. */
  @Test
  void aRefreshTokensHardExpiryIsStoredAndARotatedTokenOfUnknownLifetimeDropsTheOldOne() {
    Map<String, String> creds = creds("a1", "r1", clock.instant().minusSeconds(5));
    Connections.StoredCredentials stored = store(creds);
    vendor.respond(200, "{\"access_token\":\"a2\",\"refresh_token\":\"r2\",\"expires_in\":3600,"
        + "\"x_refresh_token_expires_in\":8726400}");
    refresher.accessToken(ctx(creds));
    verify(connections).replaceCredentials(eq("t1"), eq("con_1"), eq(stored), org.mockito.ArgumentMatchers.argThat(
        m -> String.valueOf(clock.instant().plus(Duration.ofDays(101)).toEpochMilli())
            .equals(m.get("refreshTokenExpiresAt"))));

    Map<String, String> withExpiry = creds("a2", "r2", clock.instant().minusSeconds(5));
    withExpiry.put("refreshTokenExpiresAt", "1");
    Connections.StoredCredentials again = store(withExpiry);
    vendor.respond(200, "{\"access_token\":\"a3\",\"refresh_token\":\"r3\",\"expires_in\":3600}");
    refresher.accessToken(ctx(withExpiry));
    verify(connections).replaceCredentials(eq("t1"), eq("con_1"), eq(again), org.mockito.ArgumentMatchers.argThat(
        m -> "a3".equals(m.get("accessToken")) && !m.containsKey("refreshTokenExpiresAt")));
  }

  @Test
  void aCallerWithStaleCredentialsUsesWhatAnotherCallerAlreadyRefreshed() {
    Map<String, String> stale = creds("a1", "r1", clock.instant().minusSeconds(5));
    store(creds("a2", "r2", clock.instant().plus(Duration.ofMinutes(29))));

    assertThat(refresher.accessToken(ctx(stale))).isEqualTo("a2");
    assertThat(vendor.requests).as("no second refresh").isEmpty();
    verify(connections, never()).replaceCredentials(anyString(), anyString(), any(), any());
  }

  @Test
  void whenAnotherInstanceStoredFirstItsTokensAreUsed() {
    Map<String, String> creds = creds("a1", "r1", clock.instant().minusSeconds(5));
    Connections.StoredCredentials before = new Connections.StoredCredentials(creds, "enc-1");
    Connections.StoredCredentials after = new Connections.StoredCredentials(
        creds("a3", "r3", clock.instant().plus(Duration.ofMinutes(30))), "enc-2");
    when(connections.storedCredentials("t1", "con_1")).thenReturn(before, after);
    when(connections.replaceCredentials(eq("t1"), eq("con_1"), eq(before), any())).thenReturn(false);
    vendor.respond(200, "{\"access_token\":\"a2\",\"refresh_token\":\"r2\",\"expires_in\":1800}");

    assertThat(refresher.accessToken(ctx(creds))).isEqualTo("a3");
  }

  @Test
  void aRefreshAnsweredWithoutExpiryForgetsTheOldExpiry() {
    Map<String, String> creds = creds("a1", "r1", clock.instant().minusSeconds(5));
    Connections.StoredCredentials stored = store(creds);
    vendor.respond(200, "{\"access_token\":\"a2\",\"refresh_token\":\"r1\"}");

    assertThat(refresher.accessToken(ctx(creds))).isEqualTo("a2");

    verify(connections).replaceCredentials("t1", "con_1", stored, Map.of("accessToken", "a2", "refreshToken", "r1"));
  }

  @Test
  void aTokenTheVendorRefusesBeforeItExpiresIsRefreshedOnce() {
    Map<String, String> creds = creds("a1", "r1", clock.instant().plus(Duration.ofMinutes(20))); // fresh, yet revoked
    store(creds);
    vendor.respond(200, "{\"access_token\":\"a2\",\"refresh_token\":\"r1\",\"expires_in\":1800}");

    assertThat(refresher.rejected(ctx(creds), "a1")).isEqualTo("a2");
    assertThat(vendor.requests).hasSize(1);
    verify(connections, never()).markNeedsReconnecting(anyString(), anyString(), anyString());
  }

  @Test
  void aRefusedTokenWhoseRefreshIsRefusedTooNeedsReconnecting() {
    Map<String, String> creds = creds("a1", "r1", clock.instant().plus(Duration.ofMinutes(20)));
    store(creds);
    vendor.respond(400, "{\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"refresh token revoked\"}");

    VendorException e = catchThrowableOfType(VendorException.class, () -> refresher.rejected(ctx(creds), "a1"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.errorCode()).isEqualTo("needs_reconnecting");
    verify(connections).markNeedsReconnecting(eq("t1"), eq("con_1"), anyString());
  }

  @Test
  void aMailchimpGrantWhoseTokenIsRefusedNeedsReconnectingAndAnApiKeyIsLeftToTheCaller() {
    ConnectionContext oauth = new ConnectionContext("con_2", "t1", "mailchimp", "acc", Map.of(),
        Map.of("accessToken", "mc-1", "dataCenter", "us6"));

    VendorException e = catchThrowableOfType(VendorException.class, () -> refresher.rejected(oauth, "mc-1"));

    assertThat(e.errorCode()).isEqualTo("needs_reconnecting");
    assertThat(e.retryable()).isFalse();
    verify(connections).markNeedsReconnecting(eq("t1"), eq("con_2"), anyString());
    assertThat(refresher.rejected(new ConnectionContext("con_3", "t1", "mailchimp", "acc", Map.of(),
        Map.of("apiKey", "k-us6")), "k-us6")).isNull();
    assertThat(refresher.rejected(ctx(Map.of("accessToken", "pat-1")), "pat-1")).as("a private app's token").isNull();
    assertThat(vendor.requests).isEmpty();
  }

  @Test
  void anAppTheVendorRefusesIsTheInstallersProblemAndRetried() {
    Map<String, String> creds = creds("a1", "r1", clock.instant().minusSeconds(5));
    store(creds);
    vendor.respond(400, "{\"error\":\"invalid_client\",\"error_description\":\"bad client\"}");

    VendorException e = catchThrowableOfType(VendorException.class, () -> refresher.accessToken(ctx(creds)));

    assertThat(e.retryable()).isTrue();
    assertThat(e.errorCode()).isEqualTo("oauth_app_refused");
    verify(connections).markOAuthAppRefused(eq("t1"), eq("con_1"), contains("invalid_client"));
    verify(connections, never()).markNeedsReconnecting(anyString(), anyString(), anyString());
  }

  @Test
  void noAppConfiguredAnyMoreIsTheInstallersProblemAndRetried() {
    OAuthRefresher unconfigured = new OAuthRefresher(connections, new OAuthApps(new MockEnvironment(),
        "https://sync.example.com"), new OAuthTokens(clock), clock);
    Map<String, String> creds = creds("a1", "r1", clock.instant().minusSeconds(5));
    store(creds);

    VendorException e = catchThrowableOfType(VendorException.class, () -> unconfigured.accessToken(ctx(creds)));

    assertThat(e.retryable()).isTrue();
    verify(connections).markOAuthAppRefused(eq("t1"), eq("con_1"), anyString());
    verify(connections, never()).markNeedsReconnecting(anyString(), anyString(), anyString());
  }

  @Test
  void aRowThatStaysLockedIsRetriedLater() {
    Map<String, String> creds = creds("a1", "r1", clock.instant().minusSeconds(5));
    Connections.StoredCredentials stored = store(creds);
    when(connections.replaceCredentials(eq("t1"), eq("con_1"), eq(stored), any()))
        .thenThrow(new org.springframework.dao.CannotAcquireLockException("timeout"));
    vendor.respond(200, "{\"access_token\":\"a2\",\"refresh_token\":\"r1\",\"expires_in\":1800}");

    VendorException e = catchThrowableOfType(VendorException.class, () -> refresher.accessToken(ctx(creds)));

    assertThat(e.retryable()).isTrue();
  }

  @Test
  void aRefusedRefreshTokenMakesTheConnectionNeedReconnecting() {
    Map<String, String> stored = creds("a1", "r1", clock.instant().minusSeconds(5));
    store(stored);
    vendor.respond(400, "{\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"missing or unknown refresh token\","
        + "\"category\":\"VALIDATION_ERROR\"}");

    VendorException e = catchThrowableOfType(VendorException.class, () -> refresher.accessToken(ctx(stored)));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.retryable()).isFalse();
    assertThat(e.errorCode()).isEqualTo("needs_reconnecting");
    verify(connections).markNeedsReconnecting(eq("t1"), eq("con_1"), eq(
        "the vendor refused its refresh token (bad_refresh_token)"));
    verify(connections, never()).replaceCredentials(anyString(), anyString(), any(), any());
  }

  @Test
  void anUnreachableOrFailingTokenEndpointIsRetriedLaterAndChangesNothing() {
    Map<String, String> stored = creds("a1", "r1", clock.instant().minusSeconds(5));
    store(stored);
    vendor.respond(503, "{}");

    VendorException e = catchThrowableOfType(VendorException.class, () -> refresher.accessToken(ctx(stored)));

    assertThat(e.retryable()).isTrue();
    verify(connections, never()).markNeedsReconnecting(anyString(), anyString(), anyString());
    verify(connections, never()).replaceCredentials(anyString(), anyString(), any(), any());
  }
}
