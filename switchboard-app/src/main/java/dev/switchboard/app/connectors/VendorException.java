package dev.switchboard.app.connectors;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A vendor call failed as a whole. The message never contains PII or secrets.
 */
public class VendorException extends RuntimeException {
  private final int status;
  private final boolean retryable;
  private final @Nullable Duration retryAfter;
  private final String errorCode;

  /**
   * @param status     HTTP status, 0 for network errors or failures before a call
   * @param retryable  true for 429, 5xx, timeouts and connection errors
   * @param retryAfter what the vendor asked us to wait (Retry-After, rate-limit interval), if anything
   * @param errorCode  vendor's error code/category or ours (e.g. {@code RATE_LIMITS}, {@code network})
   */
  public VendorException(int status, boolean retryable, @Nullable Duration retryAfter, String errorCode,
      String message) {
    super(message);
    this.status = status;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
    this.errorCode = errorCode;
  }

  /** Classifies an HTTP status the usual way: 408, 425, 429 and 5xx are retryable. */
  public static VendorException forStatus(int status, @Nullable Duration retryAfter, String errorCode,
      String message) {
    boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
    return new VendorException(status, retryable, retryAfter, errorCode, message);
  }

  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }

  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  public String errorCode() {
    return errorCode;
  }
}
