package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.hubspot.HubSpotConnector;
import dev.switchboard.app.connectors.hubspot.HubSpotProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** HubSpot contacts join the TCK: against the sandbox here, against a real portal in {@link HubSpotContactsLiveTck}. */
class HubSpotContactsTck implements ReconciliationContract, WriteContract, FailureContract, WebhookContract,
    DeleteContract {

  static final Capabilities CAPABILITIES = new Capabilities(true, Duration.ofMillis(1), Duration.ZERO,
      200, // CRM search's largest page
      10_000, // search reaches the first 10,000 results of a query
      List.of(ContactField.EMAIL, ContactField.FIRST_NAME, ContactField.LAST_NAME, ContactField.PHONE,
          ContactField.COMPANY),
      Map.of(ContactField.LAST_NAME, 65_536, ContactField.FIRST_NAME, 65_536, ContactField.COMPANY, 65_536),
      Capabilities.Deletes.VANISH);

  private TckBinding binding;

  @Override
  public TckBinding binding() {
    if (binding == null) {
      binding = create();
    }
    return binding;
  }

  /** The sandbox's portals 1001 and 1002. */
  TckBinding create() {
    String base = TckSandbox.server().baseUrl() + "/hubspot";
    String secret = "sandbox-hubspot-client-secret";
    return bind(base, "pat-sandbox-hubspot", "1001", "pat-sandbox-hubspot-2", secret, true);
  }

  static TckBinding bind(String base, String token, String portalId, String otherToken, String secret,
      boolean sandboxed) {
    CountingVendorHttp http = new CountingVendorHttp(
        new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 10_000));
    // the vendor's limits are not what the TCK checks; a fast run needs room (the sandbox is configured alike)
    HubSpotProperties props = new HubSpotProperties(base, sandboxed ? 10_000 : 100, sandboxed ? 100 : 4, "");
    String conn = "tck-hubspot-" + UUID.randomUUID();
    ConnectionContext c = context(conn, portalId, token, secret);
    ConnectionContext other = otherToken == null ? null : context(conn + "-other", null, otherToken, secret);
    ConnectionContext bad = context(conn + "-bad", portalId, "pat-not-a-valid-token-0000", secret);
    return new TckBinding(new HubSpotConnector(http, props), () -> new HubSpotConnector(http, props), http, c, other,
        bad, portalId, CanonicalRecord.CONTACT, new HubSpotFixture(base, token, portalId, sandboxed), CAPABILITIES);
  }

  private static ConnectionContext context(String id, String portalId, String token, String secret) {
    return new ConnectionContext(id, "tck-tenant", "hubspot", portalId, Map.of(),
        Map.of("accessToken", token, "clientSecret", secret));
  }
}
