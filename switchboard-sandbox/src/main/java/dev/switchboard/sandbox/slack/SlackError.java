package dev.switchboard.sandbox.slack;

/**
 * A Slack Web API failure. {@code status} 200 gives Slack's usual {@code {"ok":false,"error":...}}; 429
 * adds {@code Retry-After: retryAfter}.
 */
class SlackError extends RuntimeException {

  final String error;
  final int status;
  final long retryAfter;

  SlackError(String error) {
    this(error, 200, 0);
  }

  SlackError(String error, int status, long retryAfter) {
    super(error, null, false, false);
    this.error = error;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  static SlackError rateLimited(long retryAfterSeconds) {
    return new SlackError("ratelimited", 429, retryAfterSeconds);
  }
}
