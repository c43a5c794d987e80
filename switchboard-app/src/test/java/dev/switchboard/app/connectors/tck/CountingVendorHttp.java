package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.VendorHttp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.client.RestClient;

/**
 * The production {@link GuardedVendorHttp} with a counter behind its guard: a request is counted only once the
 * connection's limiter let it through. The contract compares the count with the requests the vendor saw, so a
 * connector that builds its own client (and so skips the quota, the pauses and the retryable 429s) is caught.
 */
final class CountingVendorHttp implements VendorHttp {
  private final GuardedVendorHttp guarded;
  private final Map<String, AtomicLong> byEndpointClass = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();

  CountingVendorHttp(GuardedVendorHttp guarded) {
    this.guarded = guarded;
  }

  @Override
  public RestClient client(ConnectionContext connection, RateLimitPolicy policy, String baseUrl) {
    AtomicLong perClass = byEndpointClass.computeIfAbsent(policy.endpointClass(), k -> new AtomicLong());
    // mutate() keeps the guard's interceptor first; ours runs after it, i.e. only for requests it admitted
    return guarded.client(connection, policy, baseUrl).mutate()
        .requestInterceptor((request, body, execution) -> {
          total.incrementAndGet();
          perClass.incrementAndGet();
          return execution.execute(request, body);
        })
        .build();
  }

  long total() {
    return total.get();
  }

  Map<String, AtomicLong> byEndpointClass() {
    return byEndpointClass;
  }
}
