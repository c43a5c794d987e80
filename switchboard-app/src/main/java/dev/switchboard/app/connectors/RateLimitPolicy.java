package dev.switchboard.app.connectors;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's documented limits for one class of its endpoints, per connection, enforced client-side before each
 * call so that we stay under quota instead of learning about it from 429s. Vendors that limit some endpoints
 * separately (HubSpot search: a few requests per second, outside the ten-second limit) have one policy per class;
 * each class has its own budget and its own pause.
 *
 * @param windows         token-bucket windows, e.g. HubSpot 100 per 10 s; empty for none
 * @param maxConcurrent   simultaneous requests allowed (Mailchimp: 10); 0 for unlimited
 * @param remainingHeader header carrying the calls left in the current window (HubSpot
 *                        {@code X-HubSpot-RateLimit-Remaining}); null when the vendor sends none
 * @param intervalHeader  header carrying the window length in ms ({@code X-HubSpot-RateLimit-Interval-Milliseconds})
 * @param endpointClass   name of the class of endpoints this budget covers ({@code default}, {@code search}, …)
 */
public record RateLimitPolicy(List<Window> windows, int maxConcurrent, @Nullable String remainingHeader,
    @Nullable String intervalHeader, String endpointClass) {

  public static final String DEFAULT_CLASS = "default";

  public record Window(long calls, Duration per) {}

  /** A policy for the vendor's default endpoint class. */
  public RateLimitPolicy(List<Window> windows, int maxConcurrent, @Nullable String remainingHeader,
      @Nullable String intervalHeader) {
    this(windows, maxConcurrent, remainingHeader, intervalHeader, DEFAULT_CLASS);
  }

  public static RateLimitPolicy none() {
    return new RateLimitPolicy(List.of(), 0, null, null);
  }
}
