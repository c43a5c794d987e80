package dev.switchboard.app.connectors;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's documented limits for one connection, enforced client-side before each call so that we stay
 * under quota instead of learning about it from 429s.
 *
 * @param windows         token-bucket windows, e.g. HubSpot 100 per 10 s; empty for none
 * @param maxConcurrent   simultaneous requests allowed (Mailchimp: 10); 0 for unlimited
 * @param remainingHeader header carrying the calls left in the current window (HubSpot
 *                        {@code X-HubSpot-RateLimit-Remaining}); null when the vendor sends none
 * @param intervalHeader  header carrying the window length in ms ({@code X-HubSpot-RateLimit-Interval-Milliseconds})
 */
public record RateLimitPolicy(List<Window> windows, int maxConcurrent, @Nullable String remainingHeader,
    @Nullable String intervalHeader) {

  public record Window(long calls, Duration per) {}

  public static RateLimitPolicy none() {
    return new RateLimitPolicy(List.of(), 0, null, null);
  }
}
