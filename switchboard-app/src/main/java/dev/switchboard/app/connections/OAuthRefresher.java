package dev.switchboard.app.connections;

import dev.switchboard.app.connectors.AccessTokens;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.VendorException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access token of each vendor call. A connection with a refresh token (made through OAuth) whose access token
 * has expired, or will within {@link #MARGIN}, is refreshed first: under a lock on the connection's row, so one caller
 * refreshes and the others then read what it stored; the answer — the new access token and the refresh token the
 * vendor answered with, rotated or not — is stored in the same transaction, and only after it commits is the new
 * access token used (a rotated refresh token is never lost to a crash between the two).
 *
 * <p>A refused refresh ({@code invalid_grant}, HubSpot's {@code BAD_REFRESH_TOKEN}: consent withdrawn, app
 * uninstalled) puts the connection in {@link Connection#NEEDS_RECONNECTING} and answers a non-retryable 401; a token
 * endpoint that cannot be reached answers a retryable failure and changes nothing.
 */
@Component
class OAuthRefresher implements AccessTokens {
  /** Refreshed this long before the vendor's expiry, so a call started just before it is not refused. */
  static final Duration MARGIN = Duration.ofMinutes(2);

  private final Connections connections;
  private final OAuthApps apps;
  private final OAuthTokens tokens;
  private final TransactionTemplate tx;
  private final Clock clock;

  OAuthRefresher(Connections connections, OAuthApps apps, OAuthTokens tokens, PlatformTransactionManager txm,
      Clock clock) {
    this.connections = connections;
    this.apps = apps;
    this.tokens = tokens;
    this.tx = new TransactionTemplate(txm);
    this.clock = clock;
  }

  @Override
  public String accessToken(ConnectionContext connection) {
    if (connection.credential(OAuthTokens.REFRESH_TOKEN) == null || fresh(connection.credentials())) {
      return connection.requiredCredential(OAuthTokens.ACCESS_TOKEN);
    }
    String refused = null;
    String access;
    try {
      access = tx.execute(status -> refreshLocked(connection));
    } catch (OAuthTokens.Refused e) {
      refused = e.code();
      access = null;
    }
    if (refused != null || access == null) {
      String reason = "the vendor refused its refresh token (" + (refused == null ? "no app registered" : refused)
          + ")";
      connections.markNeedsReconnecting(connection.tenantId(), connection.connectionId(), reason);
      throw new VendorException(401, false, null, "needs_reconnecting", connection.system() + ": " + reason);
    }
    return access;
  }

  /** Refreshes unless another caller did meanwhile; null when no app is registered for the vendor any more. */
  private @Nullable String refreshLocked(ConnectionContext connection) {
    Map<String, String> stored = connections.credentialsForUpdate(connection.tenantId(), connection.connectionId());
    if (fresh(stored) || stored.get(OAuthTokens.REFRESH_TOKEN) == null) {
      return stored.get(OAuthTokens.ACCESS_TOKEN);
    }
    OAuthApps.App app = apps.find(connection.system()).orElse(null);
    if (app == null) {
      return null;
    }
    Map<String, String> renewed = new LinkedHashMap<>(stored);
    renewed.putAll(tokens.refresh(app, stored.get(OAuthTokens.REFRESH_TOKEN)));
    connections.updateCredentials(connection.tenantId(), connection.connectionId(), renewed);
    return renewed.get(OAuthTokens.ACCESS_TOKEN);
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
