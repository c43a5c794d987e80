package dev.switchboard.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * HubSpot emulator configuration: credentials from {@code sandbox.hubspot.*} properties, and limits
 * that can be changed at runtime through {@code PUT /_sandbox/config} (restored by reset). The limits are
 * budgets of each portal, not of the instance. {@code access-token} and {@code portal-id} are portal 1's;
 * portal N derives its own from them ({@link #portalId(int)}, {@link #accessToken(int)}).
 */
@Component
class HubSpotSettings {

  final String accessToken;
  final long portalId;
  /** How many portals the instance holds ({@code sandbox.hubspot.portals}, at least 1). */
  final int portals;
  final long appId;
  final String developerApiKey;
  final String clientSecret;
  final long webhookBatchMs;
  private final int defaultPer10s;
  private final long defaultDaily;
  private final int defaultSearchPerSecond;
  volatile int ratePer10s;
  volatile long dailyLimit;
  volatile int searchPerSecond;
  /**
   * The scopes every portal's private-app token is granted, or null (the default) for all of them. Only the scopes of
   * the endpoints {@link HubSpotGuardFilter#requiredScopes} names are checked (403 {@code MISSING_SCOPES}); other
   * endpoints are not scope-checked.
   */
  volatile java.util.Set<String> privateAppScopes;

  HubSpotSettings(
      @Value("${sandbox.hubspot.access-token:pat-sandbox-hubspot}") String accessToken,
      @Value("${sandbox.hubspot.portal-id:1001}") long portalId,
      @Value("${sandbox.hubspot.portals:2}") int portals,
      @Value("${sandbox.hubspot.app-id:2001}") long appId,
      @Value("${sandbox.hubspot.developer-api-key:sandbox-dev-key}") String developerApiKey,
      @Value("${sandbox.hubspot.client-secret:sandbox-hubspot-client-secret}") String clientSecret,
      @Value("${sandbox.hubspot.webhook-batch-ms:50}") long webhookBatchMs,
      @Value("${sandbox.hubspot.rate-limit-per-10s:100}") int per10s,
      @Value("${sandbox.hubspot.daily-limit:250000}") long daily,
      @Value("${sandbox.hubspot.search-per-second:5}") int searchPerSecond) {
    this.accessToken = accessToken;
    this.portalId = portalId;
    this.portals = Math.max(1, portals);
    this.appId = appId;
    this.developerApiKey = developerApiKey;
    this.clientSecret = clientSecret;
    this.webhookBatchMs = webhookBatchMs;
    this.defaultPer10s = per10s;
    this.defaultDaily = daily;
    this.defaultSearchPerSecond = searchPerSecond;
    reset();
  }

  /** Portal N's id: portal 1 has {@code portal-id} (1001), the next ones count up from it (1002, …). */
  long portalId(int number) {
    return portalId + number - 1;
  }

  /**
   * Portal N's private-app token: portal 1 has {@code access-token} unchanged (so existing clients keep
   * working), portal N {@code access-token + "-" + N} ({@code pat-sandbox-hubspot-2}).
   */
  String accessToken(int number) {
    return number == 1 ? accessToken : accessToken + "-" + number;
  }

  void reset() {
    ratePer10s = defaultPer10s;
    dailyLimit = defaultDaily;
    searchPerSecond = defaultSearchPerSecond;
    privateAppScopes = null;
  }

  /**
   * Applies {@code rateLimitPer10s}, {@code dailyLimit}, {@code searchPerSecond} and {@code privateAppScopes} (a list
   * of scope names; JSON null grants every scope again) if present.
   */
  Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("rateLimitPer10s") instanceof Number n) {
      ratePer10s = n.intValue();
    }
    if (patch.get("dailyLimit") instanceof Number n) {
      dailyLimit = n.longValue();
    }
    if (patch.get("searchPerSecond") instanceof Number n) {
      searchPerSecond = n.intValue();
    }
    if (patch.containsKey("privateAppScopes")) {
      privateAppScopes = patch.get("privateAppScopes") instanceof java.util.List<?> l
          ? java.util.Set.copyOf(l.stream().map(String::valueOf).toList()) : null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vendor", "hubspot");
    m.put("rateLimitPer10s", ratePer10s);
    m.put("dailyLimit", dailyLimit);
    m.put("searchPerSecond", searchPerSecond);
    m.put("webhookBatchMs", webhookBatchMs);
    m.put("privateAppScopes", privateAppScopes == null ? null : new java.util.TreeSet<>(privateAppScopes));
    return m;
  }
}
