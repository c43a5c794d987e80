package dev.switchboard.app.connectors;

import org.springframework.web.client.RestClient;

/**
 * Builds the HTTP clients connectors use. Every client it returns, for calls on behalf of one connection:
 * waits for the connection's rate-limit permit ({@link RateLimitPolicy}) and concurrency slot; honours
 * {@code Retry-After} and rate-limit headers by pausing the connection; applies the configured timeout
 * ({@code INTEGRATION_TIMEOUT_MS}); propagates the correlation id; records calls and latency per vendor; and
 * turns 429, 5xx and network failures into retryable {@link VendorException}s. Other 4xx responses are left
 * to the connector, which knows the vendor's error body.
 */
public interface VendorHttp {

  /**
   * @param baseUrl the vendor base URL (always configurable, e.g. pointed at the sandbox)
   */
  RestClient client(ConnectionContext connection, RateLimitPolicy policy, String baseUrl);
}
