package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything the contracts need about one binding (connector × object type × target account).
 *
 * @param connector      the connector under test, on a {@link CountingVendorHttp}
 * @param restarted      a new connector instance on the same HTTP client, as after a restart: resuming a cursor
 *                       must not depend on anything the first instance kept in memory
 * @param connection     the account the suite works in
 * @param otherAccount   a second account of the same vendor (isolation), or null when the target has none
 * @param badCredentials {@code connection} with a credential the vendor refuses
 * @param accountId      what {@code check} must answer for {@code connection}
 * @param vendorType     the vendor type under test ({@code member} for Mailchimp list members), as every connector
 *                       call names it
 * @param caps           the test-only knobs; the binding's declared capabilities are added from the connector
 * @param samples        how the contracts make and recognise records of the canonical type it holds
 */
record TckBinding(Connector connector, Supplier<Connector> restarted, CountingVendorHttp http,
    ConnectionContext connection, @Nullable ConnectionContext otherAccount, ConnectionContext badCredentials,
    String accountId, String vendorType, VendorFixture fixture, Capabilities caps, RecordSamples samples) {

  TckBinding {
    if (!connector.vendorType(vendorType).map(t -> t.holds(samples.type())).orElse(false)) {
      throw new IllegalArgumentException("samples of " + samples.type() + " for a binding of " + vendorType);
    }
    // the contracts check what the production binding declares, not a copy of it
    caps = caps.declaredBy(connector.binding(vendorType).capabilities());
  }
}
