package dev.switchboard.sandbox.pipedrive;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Pipedrive emulator configuration: the number of companies ({@code sandbox.pipedrive.accounts}, default 2), company
 * 1's api_token (the others' derive from it, see {@link PipedriveCompany}), the one OAuth client, and limits
 * that can be changed at runtime through {@code PUT /_sandbox/config} (restored by reset).
 *
 * <p>Defaults follow Pipedrive's "Advanced" plan: 40 requests per 2 s per api_token, 160 per 2 s per
 * OAuth access token, 10 per 2 s on search; a daily token budget of 30,000 per company.
 */
@Component
class PipedriveSettings {

  final String apiToken;
  final String clientId;
  final String clientSecret;
  final int accounts;
  final long webhookBackoffMs;
  final int webhookRetries;
  private final int defaultBurst;
  private final int defaultOAuthBurst;
  private final long defaultDailyTokens;
  private final int defaultBanPoints;
  volatile int burstPer2s;
  volatile int oauthBurstPer2s;
  volatile int searchPer2s;
  volatile long dailyTokens;
  volatile int banPoints;

  PipedriveSettings(
      @Value("${sandbox.pipedrive.api-token:pipedrive-sandbox-token}") String apiToken,
      @Value("${sandbox.pipedrive.client-id:sandbox-pipedrive-client-id}") String clientId,
      @Value("${sandbox.pipedrive.client-secret:sandbox-pipedrive-client-secret}") String clientSecret,
      @Value("${sandbox.pipedrive.burst-per-2s:40}") int burst,
      @Value("${sandbox.pipedrive.oauth-burst-per-2s:160}") int oauthBurst,
      @Value("${sandbox.pipedrive.daily-tokens:30000}") long dailyTokens,
      @Value("${sandbox.pipedrive.webhook-ban-points:10}") int banPoints,
      @Value("${sandbox.pipedrive.webhook-retries:3}") int webhookRetries,
      @Value("${sandbox.pipedrive.webhook-backoff-ms:100}") long webhookBackoffMs,
      @Value("${sandbox.pipedrive.accounts:2}") int accounts) {
    this.apiToken = apiToken;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.defaultBurst = burst;
    this.defaultOAuthBurst = oauthBurst;
    this.defaultDailyTokens = dailyTokens;
    this.defaultBanPoints = banPoints;
    this.webhookRetries = webhookRetries;
    this.webhookBackoffMs = webhookBackoffMs;
    this.accounts = Math.max(1, accounts);
    reset();
  }

  void reset() {
    burstPer2s = defaultBurst;
    oauthBurstPer2s = defaultOAuthBurst;
    searchPer2s = 10;
    dailyTokens = defaultDailyTokens;
    banPoints = defaultBanPoints;
  }

  /** Applies {@code burstPer2s}, {@code oauthBurstPer2s}, {@code searchPer2s}, {@code dailyTokens}, {@code webhookBanPoints}. */
  Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("burstPer2s") instanceof Number n) {
      burstPer2s = n.intValue();
    }
    if (patch.get("oauthBurstPer2s") instanceof Number n) {
      oauthBurstPer2s = n.intValue();
    }
    if (patch.get("searchPer2s") instanceof Number n) {
      searchPer2s = n.intValue();
    }
    if (patch.get("dailyTokens") instanceof Number n) {
      dailyTokens = n.longValue();
    }
    if (patch.get("webhookBanPoints") instanceof Number n) {
      banPoints = n.intValue();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vendor", "pipedrive");
    m.put("burstPer2s", burstPer2s);
    m.put("oauthBurstPer2s", oauthBurstPer2s);
    m.put("searchPer2s", searchPer2s);
    m.put("dailyTokens", dailyTokens);
    m.put("webhookBanPoints", banPoints);
    m.put("webhookRetries", webhookRetries);
    m.put("webhookBackoffMs", webhookBackoffMs);
    return m;
  }
}
