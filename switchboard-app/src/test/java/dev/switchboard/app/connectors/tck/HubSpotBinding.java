package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.hubspot.HubSpotConnector;
import dev.switchboard.app.connectors.hubspot.HubSpotProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Builds the TCK binding of one HubSpot object type, against the sandbox or a real portal. */
final class HubSpotBinding {
  private HubSpotBinding() {}

  /** Where the suite runs: the sandbox's portals 1001 and 1002, or a real portal from the environment. */
  record Target(String base, String token, String portalId, @Nullable String otherToken, String secret,
      boolean sandboxed) {

    static Target sandbox() {
      return new Target(TckSandbox.server().baseUrl() + "/hubspot", "pat-sandbox-hubspot", "1001",
          "pat-sandbox-hubspot-2", "sandbox-hubspot-client-secret", true);
    }

    /** See {@link HubSpotContactsLiveTck} for the variables. */
    static Target live() {
      return new Target(LiveTarget.env("TCK_HUBSPOT_BASE_URL", "https://api.hubapi.com"),
          LiveTarget.env("TCK_HUBSPOT_TOKEN"), LiveTarget.env("TCK_HUBSPOT_PORTAL_ID"),
          LiveTarget.env("TCK_HUBSPOT_TOKEN_2"), LiveTarget.env("TCK_HUBSPOT_CLIENT_SECRET", "unused"), false);
    }
  }

  static TckBinding bind(Target t, HubSpotFixture.Kind kind, RecordSamples samples, Capabilities caps) {
    return bind(t, kind, samples, caps, null);
  }

  /**
   * {@code vendorType}: the binding under test, when the connector binds several vendor types of the samples' canonical
   * type (the five engagements are all activities); null for the one the connector creates such records as.
   */
  static TckBinding bind(Target t, HubSpotFixture.Kind kind, RecordSamples samples, Capabilities caps,
      @Nullable String vendorType) {
    CountingVendorHttp http = new CountingVendorHttp(
        new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 10_000));
    // the vendor's limits are not what the TCK checks; a fast run needs room (the sandbox is configured alike)
    HubSpotProperties props = new HubSpotProperties(t.base(), t.sandboxed() ? 10_000 : 100, t.sandboxed() ? 100 : 4,
        "");
    String conn = "tck-hubspot-" + UUID.randomUUID();
    ConnectionContext c = context(conn, t.portalId(), t.token(), t.secret());
    ConnectionContext other = t.otherToken() == null ? null
        : context(conn + "-other", null, t.otherToken(), t.secret());
    ConnectionContext bad = context(conn + "-bad", t.portalId(), "pat-not-a-valid-token-0000", t.secret());
    HubSpotConnector connector = new HubSpotConnector(http, props);
    return new TckBinding(connector, () -> new HubSpotConnector(http, props), http, c, other,
        bad, t.portalId(), vendorType != null ? vendorType : connector.vendorTypeFor(samples.type()).orElseThrow(),
        new HubSpotFixture(t.base(), t.token(), t.portalId(), t.sandboxed(), kind), caps, samples);
  }

  private static ConnectionContext context(String id, String portalId, String token, String secret) {
    return new ConnectionContext(id, "tck-tenant", "hubspot", portalId, Map.of(),
        Map.of("accessToken", token, "clientSecret", secret));
  }
}
