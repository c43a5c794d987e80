package dev.switchboard.app.sync;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Exponential backoff with jitter (seed 2 §1.4: initial 250 ms, max 60 s, capped attempts), computed with
 * Resilience4j's {@link IntervalFunction}. Retries are durable: the next attempt time is stored on the task,
 * not slept on, so they survive restarts and tests drive them by moving a clock.
 */
@Component
class RetryPolicy {
  private final IntervalFunction intervals;
  private final int maxAttempts;
  private final long maxMs;

  RetryPolicy(@Value("${switchboard.retry.initial-ms:250}") long initialMs,
      @Value("${switchboard.retry.max-ms:60000}") long maxMs,
      @Value("${switchboard.retry.multiplier:2.0}") double multiplier,
      @Value("${switchboard.retry.jitter:0.5}") double jitter,
      @Value("${switchboard.retry.max-attempts:8}") int maxAttempts) {
    if (initialMs <= 0 || maxMs < initialMs || multiplier < 1 || jitter < 0 || jitter >= 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("invalid retry settings");
    }
    this.intervals = jitter == 0 ? IntervalFunction.ofExponentialBackoff(initialMs, multiplier, maxMs)
        : IntervalFunction.ofExponentialRandomBackoff(initialMs, multiplier, jitter, maxMs);
    this.maxAttempts = maxAttempts;
    this.maxMs = maxMs;
  }

  /** Whether a task that has now failed {@code attemptsSoFar} times (this one included) is exhausted. */
  boolean exhausted(int attemptsSoFar) {
    return attemptsSoFar >= maxAttempts;
  }

  /**
   * When to try again after failure number {@code attempt} (1-based): the backoff, or what the vendor asked
   * for when that is longer (capped at the maximum backoff).
   */
  Instant nextAttempt(Instant now, int attempt, @Nullable Duration vendorRetryAfter) {
    long ms = Math.min(intervals.apply(Math.max(1, attempt)), maxMs);
    if (vendorRetryAfter != null) {
      ms = Math.max(ms, Math.min(vendorRetryAfter.toMillis(), maxMs));
    }
    return now.plusMillis(ms);
  }

}
