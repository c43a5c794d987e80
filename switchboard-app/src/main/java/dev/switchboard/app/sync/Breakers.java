package dev.switchboard.app.sync;

import dev.switchboard.app.connectors.VendorException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per connection: opens after N consecutive retryable failures (5xx, 429 storms,
 * network), stays open for the cooldown, then lets one probe through (half-open). Validation errors do not
 * count: a bad record must not take a healthy connection down. Driven by the injected {@link Clock}.
 */
@Component
class Breakers {
  private final CircuitBreakerRegistry registry;
  private final Duration open;

  Breakers(Clock clock, @Value("${switchboard.breaker.consecutive-failures:5}") int failures,
      @Value("${switchboard.breaker.open-ms:30000}") long openMs) {
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindow(failures, failures, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(100)
        .waitDurationInOpenState(Duration.ofMillis(openMs))
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordException(e -> e instanceof VendorException v && v.retryable())
        .clock(clock)
        .build();
    this.registry = CircuitBreakerRegistry.of(config);
    this.open = Duration.ofMillis(openMs);
  }

  /** When to come back to work refused by an open breaker: when it will let a probe through. */
  Duration whenOpen() {
    return open;
  }

  CircuitBreaker forConnection(String connectionId) {
    return registry.circuitBreaker(connectionId);
  }

  CircuitBreaker.State state(String connectionId) {
    return registry.find(connectionId).map(CircuitBreaker::getState).orElse(CircuitBreaker.State.CLOSED);
  }
}
