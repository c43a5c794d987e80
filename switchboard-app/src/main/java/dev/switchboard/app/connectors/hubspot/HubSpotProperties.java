package dev.switchboard.app.connectors.hubspot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HubSpot connector settings ({@code SWITCHBOARD_CONNECTORS_HUBSPOT_*}).
 *
 * @param baseUrl         API root; the sandbox uses {@code http://127.0.0.1:8081/hubspot}. A connection may
 *                        override it with the setting {@code baseUrl}.
 * @param rateLimitPer10s calls per 10 s per connection (100 for Free/Starter apps, 190 for Pro/Enterprise)
 * @param searchPerSecond CRM search requests per second per connection (HubSpot allows a few per second per token,
 *                        outside the ten-second limit; 4 stays under every published figure)
 * @param clientSecret    the client secret of the HubSpot app this installation runs ({@code WEBHOOK_SECRET_HUBSPOT}):
 *                        verifies the app's webhook deliveries, whatever portals they carry; empty when every
 *                        connection brings its own {@code clientSecret}. Never printed by {@link #toString()}.
 * @param apiVersion      the HubSpot API version connections speak unless their {@code apiVersion} setting says
 *                        otherwise: {@code 2026-03} (default; the date version HubSpot tells integrations to use) or
 *                        {@code v3} (the numeric v3/v4 paths, supported by HubSpot until 2027). See
 *                        {@link HubSpotApiVersion}; an unknown value stops the start.
 */
@ConfigurationProperties("switchboard.connectors.hubspot")
public record HubSpotProperties(@DefaultValue("https://api.hubapi.com") String baseUrl,
    @DefaultValue("100") int rateLimitPer10s, @DefaultValue("4") int searchPerSecond,
    @DefaultValue("") String clientSecret, @DefaultValue("2026-03") String apiVersion) {

  @org.springframework.boot.context.properties.bind.ConstructorBinding
  public HubSpotProperties {
    if (baseUrl == null || baseUrl.isBlank()) {
      baseUrl = "https://api.hubapi.com";
    }
    if (rateLimitPer10s <= 0) {
      rateLimitPer10s = 100;
    }
    if (searchPerSecond <= 0) {
      searchPerSecond = 4;
    }
    clientSecret = clientSecret == null ? "" : clientSecret.trim();
    apiVersion = apiVersion == null || apiVersion.isBlank() ? HubSpotApiVersion.DEFAULT.name() : apiVersion.trim();
    String refused = HubSpotApiVersion.refusal(apiVersion).orElse(null);
    if (refused != null) {
      throw new IllegalArgumentException("switchboard.connectors.hubspot.api-version: " + refused);
    }
  }

  public HubSpotProperties(String baseUrl, int rateLimitPer10s, int searchPerSecond, String clientSecret) {
    this(baseUrl, rateLimitPer10s, searchPerSecond, clientSecret, HubSpotApiVersion.DEFAULT.name());
  }

  public HubSpotProperties(String baseUrl, int rateLimitPer10s, String clientSecret) {
    this(baseUrl, rateLimitPer10s, 4, clientSecret);
  }

  public HubSpotProperties(String baseUrl, int rateLimitPer10s, int searchPerSecond) {
    this(baseUrl, rateLimitPer10s, searchPerSecond, "");
  }

  static HubSpotProperties defaults() {
    return new HubSpotProperties("https://api.hubapi.com", 100, 4, "");
  }

  /** The installation's API version. */
  HubSpotApiVersion version() {
    return HubSpotApiVersion.parse(apiVersion).orElse(HubSpotApiVersion.DEFAULT);
  }

  @Override
  public String toString() {
    return "HubSpotProperties[baseUrl=" + baseUrl + ", rateLimitPer10s=" + rateLimitPer10s + ", searchPerSecond="
        + searchPerSecond + ", apiVersion=" + apiVersion + ", clientSecret=" + (clientSecret.isEmpty() ? "<none>" : "<redacted>") + "]";
  }
}
