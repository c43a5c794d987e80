package dev.switchboard.sandbox.salesforce;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Salesforce emulator configuration ({@code sandbox.salesforce.*}): the number of orgs ({@code accounts}, default
 * 2), org 1's ids and static session (the others' derive from them, see {@link SalesforceOrg}) and the one connected
 * app. Daily API allocation (each org has its own), session inactivity timeout and SOQL batch size are adjustable at
 * runtime through {@code PUT /_sandbox/config}.
 */
@Component
class SalesforceSettings {

  final String clientId;
  final String clientSecret;
  final String orgId = "00D5g000004SbxYEAS";
  final String userId = "0055g00000SbxUsAAJ";
  final String username = "sandbox-admin@switchboard.example";
  /** A pre-issued session that never expires (convenience for demos; OAuth tokens are the real path). */
  final String staticToken;
  final int accounts;
  private final int defaultDailyLimit;
  private final long defaultSessionSeconds;
  private final int defaultBatchSize;
  volatile int dailyApiLimit;
  volatile long sessionTimeoutSeconds;
  volatile int queryBatchSize;

  SalesforceSettings(
      @Value("${sandbox.salesforce.client-id:sandbox-salesforce-consumer-key}") String clientId,
      @Value("${sandbox.salesforce.client-secret:sandbox-salesforce-consumer-secret}") String clientSecret,
      @Value("${sandbox.salesforce.static-token:00D5g000004SbxY!sandbox-static-session}") String staticToken,
      @Value("${sandbox.salesforce.daily-api-limit:15000}") int dailyApiLimit,
      @Value("${sandbox.salesforce.session-timeout-seconds:7200}") long sessionTimeoutSeconds,
      @Value("${sandbox.salesforce.query-batch-size:2000}") int queryBatchSize,
      @Value("${sandbox.salesforce.accounts:2}") int accounts) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.staticToken = staticToken;
    this.accounts = Math.max(1, accounts);
    this.defaultDailyLimit = dailyApiLimit;
    this.defaultSessionSeconds = sessionTimeoutSeconds;
    this.defaultBatchSize = queryBatchSize;
    reset();
  }

  final void reset() {
    dailyApiLimit = defaultDailyLimit;
    sessionTimeoutSeconds = defaultSessionSeconds;
    queryBatchSize = defaultBatchSize;
  }
}
