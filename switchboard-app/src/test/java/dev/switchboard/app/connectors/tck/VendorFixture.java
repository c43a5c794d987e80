package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WebhookRequest;
import java.util.Map;

/**
 * Acts on the vendor directly, never through the connector under test: what a user or another integration does
 * there, and (in the sandbox) what the vendor's weather does. One fixture serves one binding (vendor × object type).
 * Field maps use canonical names ({@code email}, {@code firstName}, a company's {@code name}, …); the fixture knows
 * the vendor's own.
 */
interface VendorFixture {

  /** The sandbox's name of the vendor ({@code hubspot}), for its counters and faults. */
  String vendor();

  /** True against the sandbox: reset, bulk seeding, fault injection and webhook capture are available. */
  boolean sandboxed();

  /** The vendor's time now: what its modified-at stamps are compared with. */
  default java.time.Instant now() {
    return sandboxed() ? TckSandbox.now() : java.time.Instant.now();
  }

  /** Lets {@code d} pass at the vendor: the sandbox's clock moves, a real account is waited for. */
  default void advance(java.time.Duration d) {
    if (sandboxed()) {
      TckSandbox.advance(d);
    } else {
      try {
        Thread.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Empties the vendor (sandbox) and applies the settings the suite runs with. A real account is left alone. */
  void reset();

  /** Creates an object through the vendor's own API; returns its id. */
  String create(Map<String, String> fields);

  /** Changes an object through the vendor's own API (as a user in its UI would). */
  void modify(String externalId, Map<String, String> fields);

  /** Deletes (archives) an object at the vendor. */
  void delete(String externalId);

  /** Creates {@code count} objects at once (sandbox seeding); returns their ids. */
  java.util.List<String> seed(int count);

  /**
   * Creates {@code count} objects as one bulk import: sharing one modified-at where the vendor can stamp them alike
   * (HubSpot imports; Mailchimp's whole seconds do it anyway).
   */
  default java.util.List<String> seedBulkImport(int count) {
    return seed(count);
  }

  /**
   * A record this vendor refuses per item (a value it does not accept, not a missing key), carrying {@code tagValue}
   * in the type's tag field ({@link RecordSamples#tagField()}).
   */
  CanonicalRecord refusedRecord(String tagValue);

  /** Restores a deleted object as a user does (HubSpot's recycle bin); only where the binding declares restores. */
  default void restore(String externalId) {
    throw new UnsupportedOperationException(vendor() + " cannot restore a deleted object");
  }

  void rateLimitStorm();

  void outage();

  void clearFaults();

  /** Requests the vendor has answered since the last reset. */
  long vendorCalls();

  /** Makes the vendor deliver webhooks of {@code connection}'s account to {@code callbackUrl}; returns the URL used. */
  String subscribeWebhooks(ConnectionContext connection, String callbackUrl);

  /** The genuine delivery with its authentication broken the way an attacker would (body or secret). */
  WebhookRequest forged(WebhookRequest genuine);

  /** A body this vendor could never send (not its format), for the malformed-delivery contract. */
  byte[] malformedBody();

  /**
   * Further bodies the vendor could never send that are well-formed up to an event of the binding's type (an event
   * without its object id): refused only by a parser that reads events of this type.
   */
  default java.util.List<byte[]> malformedEvents() {
    return java.util.List.of();
  }
}
