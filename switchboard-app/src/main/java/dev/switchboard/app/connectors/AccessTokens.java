package dev.switchboard.app.connectors;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The access token to send for a connection. A connection made with an owner's token uses it as stored; one made
 * through the vendor's OAuth has a short-lived access token that is refreshed when it has expired (the connections
 * module's implementation stores the rotated refresh token before the new access token is used).
 */
public interface AccessTokens {
  /** The stored {@code accessToken} credential, as it is: for connections without OAuth (and tests). */
  AccessTokens AS_STORED = connection -> connection.requiredCredential("accessToken");

  /**
   * @throws VendorException retryable when the vendor's token endpoint could not be asked; 401
   *                         {@code needs_reconnecting} (not retryable) when the vendor refused the refresh token
   */
  String accessToken(ConnectionContext connection);

  /**
   * The vendor answered 401 to a call made with {@code rejected}. For an OAuth connection with a refresh token the
   * token is refreshed once (a token can be revoked before it expires) and the new one is answered, for the caller to
   * try the call once more; an OAuth connection whose grant cannot be refreshed (Mailchimp's never expire) has lost
   * it. Null: nothing to try (a token or key the owner typed in; the caller handles the 401 as refused credentials).
   *
   * @throws VendorException 401 {@code needs_reconnecting} (not retryable) when the grant is gone: the connection is
   *                         marked as needing someone to sign in again; retryable when the token endpoint could not
   *                         be asked
   */
  default @Nullable String rejected(ConnectionContext connection, String rejected) {
    return null;
  }

  /** Delegates to what {@code tokens} supplies at each call (a bean that exists only once the app has started). */
  static AccessTokens lazily(Supplier<AccessTokens> tokens) {
    return new AccessTokens() {
      @Override
      public String accessToken(ConnectionContext connection) {
        return tokens.get().accessToken(connection);
      }

      @Override
      public @Nullable String rejected(ConnectionContext connection, String rejected) {
        return tokens.get().rejected(connection, rejected);
      }
    };
  }
}
