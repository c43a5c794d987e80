package dev.switchboard.app.connectors;

import java.util.List;
import java.util.Optional;

/**
 * What every vendor connector has alike, held once: its descriptor, its webhook verifier, and the hosts a connection's
 * {@code baseUrl} may point at ({@link VendorHosts}: the vendor's documented hosts, the configured base URL, and what
 * the operator allows). A production connector is its descriptor plus its {@link TypeBinding}s: it must name them
 * ({@link #bindings()} is abstract here), and the per-type methods of {@link Connector} dispatch to them.
 */
public abstract class VendorConnector implements Connector {
  private final ConnectorDescriptor descriptor;
  private final VendorHosts hosts;
  private final WebhookVerifier verifier;

  protected VendorConnector(ConnectorDescriptor descriptor, String configuredBaseUrl, AllowedVendorHosts allowed,
      WebhookVerifier verifier) {
    this.descriptor = descriptor;
    this.hosts = new VendorHosts(descriptor.system(), descriptor.vendorHosts(), configuredBaseUrl, allowed);
    this.verifier = verifier;
  }

  protected VendorHosts hosts() {
    return hosts;
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return descriptor;
  }

  /** One binding per vendor type, in backfill order; see {@link Connector#bindings()}. */
  @Override
  public abstract List<TypeBinding> bindings();

  @Override
  public WebhookVerifier webhookVerifier() {
    return verifier;
  }

  @Override
  public Optional<String> baseUrlRefusal(String baseUrl) {
    return hosts.refusal(baseUrl);
  }
}
