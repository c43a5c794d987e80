package dev.switchboard.sandbox.square;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Square emulator configuration ({@code sandbox.square.*}); token, merchant and location ids are merchant 1's. Square publishes no rate-limit numbers, so the
 * sandbox applies a configurable per-token rolling window: {@code rate-limit-per-10s} calls per 10 seconds
 * (default 300), adjustable at runtime via {@code PUT /_sandbox/config {"vendor":"square","rateLimitPer10s":N}}.
 */
@Component
class SquareSettings {

  /** Square-Version assumed when a request sends none (the spec's release). */
  static final String DEFAULT_VERSION = "2025-08-20";

  final String accessToken;
  final String merchantId;
  final String locationId;
  final String clientId;
  final String clientSecret;
  /** How many isolated merchants the instance holds ({@link SquareMerchants}); at least 1. */
  final int accounts;
  private final int defaultRateLimit;
  volatile int rateLimitPer10s;

  SquareSettings(
      @Value("${sandbox.square.access-token:EAAAsandbox-square-token}") String accessToken,
      @Value("${sandbox.square.merchant-id:MLSANDBOX0000}") String merchantId,
      @Value("${sandbox.square.location-id:LSANDBOX00001}") String locationId,
      @Value("${sandbox.square.client-id:sandbox-sq0idb-switchboard}") String clientId,
      @Value("${sandbox.square.client-secret:sandbox-sq0csb-switchboard-secret}") String clientSecret,
      @Value("${sandbox.square.rate-limit-per-10s:300}") int rateLimitPer10s,
      @Value("${sandbox.square.accounts:2}") int accounts) {
    this.accessToken = accessToken;
    this.merchantId = merchantId;
    this.locationId = locationId;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.accounts = Math.max(1, accounts);
    this.defaultRateLimit = rateLimitPer10s;
    this.rateLimitPer10s = rateLimitPer10s;
  }

  void reset() {
    rateLimitPer10s = defaultRateLimit;
  }
}
