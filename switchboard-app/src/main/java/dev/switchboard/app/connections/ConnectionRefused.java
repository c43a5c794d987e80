package dev.switchboard.app.connections;

import org.jspecify.annotations.Nullable;

/**
 * A change to a connection that was refused, with nothing stored: the caller's input or the vendor's answer says
 * why. The API turns it into a problem with {@link #status()}, {@link #errorCode()} and {@link #field()}; the
 * console shows {@link #getMessage()}, which is PII- and secret-free.
 */
public class ConnectionRefused extends RuntimeException {
  private final int status;
  private final String errorCode;
  private final @Nullable String field;

  public ConnectionRefused(int status, String errorCode, @Nullable String field, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.field = field;
  }

  /** The HTTP status the API answers with (400, 404, 409, 422, 503). */
  public int status() {
    return status;
  }

  public String errorCode() {
    return errorCode;
  }

  public @Nullable String field() {
    return field;
  }
}
