package dev.switchboard.app.connectors;

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
}
