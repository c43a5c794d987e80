package dev.switchboard.app.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
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
import org.mockito.InOrder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;

/**
 * The access token of an OAuth connection: used as stored while fresh; refreshed at the token endpoint when it has
 * expired, the answer (a rotated refresh token included) stored before the new access token is handed out; a
 * refused refresh makes the connection need reconnecting; an unreachable endpoint changes nothing.
 */
class OAuthRefresherTest {
  final FakeVendor vendor = new FakeVendor();
  final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
  final Connections connections = mock(Connections.class);
  final PlatformTransactionManager txm = mock(PlatformTransactionManager.class);
  final OAuthRefresher refresher;

  OAuthRefresherTest() {
    when(txm.getTransaction(any())).thenReturn(mock(TransactionStatus.class));
    MockEnvironment env = new MockEnvironment()
        .withProperty("switchboard.oauth.hubspot.client-id", "client")
        .withProperty("switchboard.oauth.hubspot.client-secret", "secret")
        .withProperty("switchboard.oauth.hubspot.token-url", vendor.url("/oauth/v1/token"));
    refresher = new OAuthRefresher(connections, new OAuthApps(env, "https://sync.example.com"), new OAuthTokens(clock),
        txm, clock);
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
    Map<String, String> stored = creds("a1", "r1", clock.instant().plus(Duration.ofMinutes(1))); // within the margin
    when(connections.credentialsForUpdate("t1", "con_1")).thenReturn(stored);
    vendor.respond(200, "{\"token_type\":\"bearer\",\"access_token\":\"a2\",\"refresh_token\":\"r2\","
        + "\"expires_in\":1800}");

    assertThat(refresher.accessToken(ctx(stored))).isEqualTo("a2");

    assertThat(vendor.requests).hasSize(1);
    assertThat(vendor.requests.getFirst().body()).contains("grant_type=refresh_token").contains("refresh_token=r1")
        .contains("client_id=client").contains("client_secret=secret");
    InOrder order = inOrder(connections, txm);
    order.verify(connections).credentialsForUpdate("t1", "con_1"); // the row is locked first
    order.verify(connections).updateCredentials("t1", "con_1", Map.of("accessToken", "a2", "refreshToken", "r2",
        "accessTokenExpiresAt", String.valueOf(clock.instant().plus(Duration.ofMinutes(30)).toEpochMilli())));
    order.verify(txm).commit(any()); // stored and committed before "a2" is handed out
  }

  @Test
  void aCallerWithStaleCredentialsUsesWhatAnotherCallerAlreadyRefreshed() {
    Map<String, String> stale = creds("a1", "r1", clock.instant().minusSeconds(5));
    when(connections.credentialsForUpdate("t1", "con_1"))
        .thenReturn(creds("a2", "r2", clock.instant().plus(Duration.ofMinutes(29))));

    assertThat(refresher.accessToken(ctx(stale))).isEqualTo("a2");
    assertThat(vendor.requests).as("no second refresh").isEmpty();
    verify(connections, never()).updateCredentials(anyString(), anyString(), any());
  }

  @Test
  void aRefusedRefreshTokenMakesTheConnectionNeedReconnecting() {
    Map<String, String> stored = creds("a1", "r1", clock.instant().minusSeconds(5));
    when(connections.credentialsForUpdate("t1", "con_1")).thenReturn(stored);
    vendor.respond(400, "{\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"missing or unknown refresh token\","
        + "\"category\":\"VALIDATION_ERROR\"}");

    VendorException e = catchThrowableOfType(VendorException.class, () -> refresher.accessToken(ctx(stored)));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.retryable()).isFalse();
    assertThat(e.errorCode()).isEqualTo("needs_reconnecting");
    verify(connections).markNeedsReconnecting(eq("t1"), eq("con_1"), eq(
        "the vendor refused its refresh token (bad_refresh_token)"));
    verify(connections, never()).updateCredentials(anyString(), anyString(), any());
  }

  @Test
  void anUnreachableOrFailingTokenEndpointIsRetriedLaterAndChangesNothing() {
    Map<String, String> stored = creds("a1", "r1", clock.instant().minusSeconds(5));
    when(connections.credentialsForUpdate("t1", "con_1")).thenReturn(stored);
    vendor.respond(503, "{}");

    VendorException e = catchThrowableOfType(VendorException.class, () -> refresher.accessToken(ctx(stored)));

    assertThat(e.retryable()).isTrue();
    verify(connections, never()).markNeedsReconnecting(anyString(), anyString(), anyString());
    verify(connections, never()).updateCredentials(anyString(), anyString(), any());
  }
}
