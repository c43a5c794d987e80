package dev.switchboard.app.connections;

import dev.switchboard.app.connectors.AccessTokens;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.VendorException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

/**
 * The access token of each vendor call. A connection with a refresh token (made through OAuth) whose access token
 * has expired, or will within {@link #MARGIN}, is refreshed first; so is one whose token the vendor refused
 * ({@link #rejected}: revoked before it expired).
 *
 * <p>No database lock is held while the vendor is asked (its token endpoint may take up to 30 s, and other updates of
 * the connection's row must not wait for it): the stored credentials are read, the vendor is called, and its answer
 * — the new access token and the refresh token it answered with, rotated or not — is stored with a compare-and-set
 * on what was read. Only once that is stored is the new access token handed out, so a rotated refresh token is never
 * lost. Callers of one connection in this instance take turns (the second one re-reads and uses what the first
 * stored instead of refreshing again); when another instance stored first, the compare-and-set fails and what it
 * stored is used.
 *
 * <p>A refused grant ({@code invalid_grant}, HubSpot's {@code BAD_REFRESH_TOKEN}: consent withdrawn, app uninstalled)
 * puts the connection in {@link Connection#NEEDS_RECONNECTING} (its owners are told to sign in again) and answers a
 * non-retryable 401. Any other refusal ({@code invalid_client}, HubSpot's {@code BAD_CLIENT_ID}), or no app
 * registered any more, is the installer's to fix: one alert says so and the call fails retryably. A token endpoint
 * that cannot be reached, or a row that stays locked, answers a retryable failure and changes nothing.
 */
@Component
class OAuthRefresher implements AccessTokens {
  /** Refreshed this long before the vendor's expiry, so a call started just before it is not refused. */
  static final Duration MARGIN = Duration.ofMinutes(2);
  /** How long a caller waits for another caller's refresh of the same connection (the token endpoint's timeouts). */
  static final Duration WAIT = Duration.ofSeconds(35);
  /** The alert of an app the vendor refuses (or that is no longer configured). */
  static final String OAUTH_APP_REFUSED = Connections.OAUTH_APP_REFUSED;

  private final Connections connections;
  private final OAuthApps apps;
  private final OAuthTokens tokens;
  private final Clock clock;
  private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();

  OAuthRefresher(Connections connections, OAuthApps apps, OAuthTokens tokens, Clock clock) {
    this.connections = connections;
    this.apps = apps;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public String accessToken(ConnectionContext connection) {
    if (connection.credential(OAuthTokens.REFRESH_TOKEN) == null || fresh(connection.credentials())) {
      return connection.requiredCredential(OAuthTokens.ACCESS_TOKEN);
    }
    return refresh(connection, null);
  }

  @Override
  public @Nullable String rejected(ConnectionContext connection, String rejected) {
    if (connection.credential(OAuthTokens.REFRESH_TOKEN) != null) {
      return refresh(connection, rejected);
    }
    if (apps.speaks(connection.system()) && connection.credential("apiKey") == null
        && connection.credential(OAuthTokens.DATA_CENTER) != null) {
      // a Mailchimp OAuth grant: its token never expires and has nothing to refresh it with, so a 401 means the
      // grant was withdrawn (the app was disconnected from the account): only signing in again brings it back
      throw needsReconnecting(connection, "the vendor refused its access token (the grant was withdrawn)");
    }
    return null;
  }

  /**
   * Refreshes unless, once it is this caller's turn, the stored token is no longer the one to replace (fresh again,
   * or not {@code rejected} any more): another caller refreshed meanwhile.
   */
  private String refresh(ConnectionContext connection, @Nullable String rejected) {
    ReentrantLock turn = turns.computeIfAbsent(connection.tenantId() + "/" + connection.connectionId(),
        k -> new ReentrantLock());
    try {
      if (!turn.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new VendorException(0, true, null, "refresh_in_progress", connection.system()
            + ": another refresh of this connection's token is taking long");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VendorException(0, true, null, "interrupted", connection.system() + ": interrupted");
    }
    try {
      return refreshInTurn(connection, rejected);
    } catch (PessimisticLockingFailureException | QueryTimeoutException e) {
      // someone else holds the connection's row (an edit being stored): try again later, nothing was lost
      throw new VendorException(0, true, null, "connection_busy", connection.system()
          + ": the connection's row stayed locked");
    } catch (org.springframework.dao.IncorrectResultSizeDataAccessException e) {
      // not stored (yet, or any more: a connect's check, a deleted connection): nothing to renew it with
      throw new VendorException(401, false, null, "credentials_rejected", connection.system()
          + ": the vendor refused the access token");
    } finally {
      turn.unlock();
    }
  }

  private String refreshInTurn(ConnectionContext connection, @Nullable String rejected) {
    Connections.StoredCredentials stored = connections.storedCredentials(connection.tenantId(),
        connection.connectionId());
    Map<String, String> current = stored.credentials();
    String refreshToken = current.get(OAuthTokens.REFRESH_TOKEN);
    boolean replaced = rejected == null ? fresh(current) : !rejected.equals(current.get(OAuthTokens.ACCESS_TOKEN));
    if (replaced || refreshToken == null) {
      return requireAccess(connection, current);
    }
    OAuthApps.App app = apps.find(connection.system()).orElse(null);
    if (app == null) {
      throw appRefused(connection, "no app is configured for " + connection.system() + " any more "
          + "(SWITCHBOARD_OAUTH_" + connection.system().toUpperCase(java.util.Locale.ROOT) + "_CLIENT_ID / _SECRET)");
    }
    Map<String, String> answer;
    try {
      answer = tokens.refresh(app, refreshToken);
    } catch (OAuthTokens.Refused e) {
      throw needsReconnecting(connection, "the vendor refused its refresh token (" + e.code() + ")");
    } catch (OAuthTokens.AppRefused e) {
      throw appRefused(connection, "the vendor refused the registered app (" + e.code() + ")");
    }
    Map<String, String> renewed = new LinkedHashMap<>(current);
    renewed.putAll(answer);
    if (!answer.containsKey(OAuthTokens.EXPIRES_AT)) {
      renewed.remove(OAuthTokens.EXPIRES_AT); // the old expiry has passed: kept, it would refresh at every call
    }
    if (!answer.containsKey(OAuthTokens.REFRESH_EXPIRES_AT)
        && !java.util.Objects.equals(answer.get(OAuthTokens.REFRESH_TOKEN), refreshToken)) {
      renewed.remove(OAuthTokens.REFRESH_EXPIRES_AT); // a new refresh token of unknown lifetime: the old one's is not its
    }
    if (connections.replaceCredentials(connection.tenantId(), connection.connectionId(), stored, renewed)) {
      return renewed.get(OAuthTokens.ACCESS_TOKEN);
    }
    // changed meanwhile (another instance refreshed, or an edit was stored): what is stored now wins
    return requireAccess(connection, connections.storedCredentials(connection.tenantId(), connection.connectionId())
        .credentials());
  }

  private static String requireAccess(ConnectionContext connection, Map<String, String> credentials) {
    String access = credentials.get(OAuthTokens.ACCESS_TOKEN);
    if (access == null || access.isBlank()) {
      throw new VendorException(401, false, null, "credentials_rejected", connection.system()
          + ": the connection has no access token");
    }
    return access;
  }

  private VendorException needsReconnecting(ConnectionContext connection, String reason) {
    connections.markNeedsReconnecting(connection.tenantId(), connection.connectionId(), reason);
    return new VendorException(401, false, null, "needs_reconnecting", connection.system() + ": " + reason);
  }

  /** The installer's problem, not the owner's: one alert, and the call is retried (nobody is asked to sign in). */
  private VendorException appRefused(ConnectionContext connection, String reason) {
    connections.markOAuthAppRefused(connection.tenantId(), connection.connectionId(), reason);
    return new VendorException(503, true, null, OAUTH_APP_REFUSED, connection.system() + ": " + reason);
  }

  private boolean fresh(Map<String, String> credentials) {
    String expires = credentials.get(OAuthTokens.EXPIRES_AT);
    if (expires == null || expires.isBlank()) {
      return true; // the vendor gave no expiry: the token is used until it is refused
    }
    try {
      return Long.parseLong(expires) - MARGIN.toMillis() > clock.millis();
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
