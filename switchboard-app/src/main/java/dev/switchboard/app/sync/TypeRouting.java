package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorType;

/**
 * Which canonical record type a vendor object read as {@code vendorType} is. The binding's routing rule chose one when
 * it mapped the object ({@link SourceRecord#objectType()}); it must be a type the vendor type declares. An object
 * already linked keeps the type of its record whatever the rule says now (a HubSpot deal moved into the pipeline
 * Switchboard made for Stripe stays the deal it was): the binding is asked to read it as that type
 * ({@link Connector#mapAs}), and when it cannot, the change is refused with a reason instead of moving the object to
 * another record or giving a record values of another type.
 */
final class TypeRouting {

  /** The binding cannot read a vendor object as the record it is (or declared no such type): not worth a retry. */
  static final class RoutingRefused extends RuntimeException {
    RoutingRefused(String message) {
      super(message, null, false, false);
    }
  }

  private TypeRouting() {}

  /** {@code record}, read from {@code source} as {@code vendorType}, as the type of the record it belongs to. */
  static SourceRecord routed(Links links, Connector connector, String tenantId, Connection source, String vendorType,
      SourceRecord record) {
    VendorType declared = connector.vendorType(vendorType).orElseThrow(() -> new RoutingRefused(
        connector.system() + " binds no vendor type " + vendorType));
    if (!declared.holds(record.objectType())) {
      throw new RoutingRefused(connector.system() + ":" + vendorType + " was routed to " + record.objectType()
          + ", which it does not declare");
    }
    if (declared.canonicalTypes().size() == 1) {
      // one type: a link of it can only be to a record of that type (identity and merges stay within a type), so the
      // inbound path is spared a second lookup of the link the engine reads anyway
      return record;
    }
    String linkedAs = links.byExternal(tenantId, source.id(), vendorType, record.externalId())
        .map(Links.Link::objectType).orElse(record.objectType());
    if (linkedAs.equals(record.objectType())) {
      return record;
    }
    return connector.mapAs(vendorType, record, linkedAs).filter(r -> r.objectType().equals(linkedAs))
        .orElseThrow(() -> new RoutingRefused("this " + connector.system() + ":" + vendorType + " object is linked to a "
            + linkedAs + " record, and its binding routes it to " + record.objectType()
            + " and cannot read it as a " + linkedAs));
  }
}
