package dev.switchboard.app.connectors;

import java.util.List;

/**
 * One of a vendor's own object types that a connector binds ({@code hubspot:contact}, {@code hubspot:0-3},
 * {@code mailchimp:member}, later {@code salesforce:Lead}). Links, inbox events, sync jobs and reconciliation cursors
 * are keyed by it, never by the canonical type: a vendor object is identified by (connection, vendor type, id), and the
 * canonical record it belongs to has a type of its own.
 *
 * <p>A vendor type maps to one or more canonical types. With one, every object of it is a record of that type. With
 * several, the binding routes each object when it reads it ({@link SourceRecord#objectType()}: a HubSpot deal in the
 * pipeline Switchboard made for Stripe is an invoice, not a new deal); an object already linked keeps the type of its
 * record whatever the rule says now (see {@link Connector#mapAs}).
 *
 * @param name           the vendor's name for the type, as its API or webhooks spell it; unique within the connector
 * @param canonicalTypes the canonical types its objects are records of, at least one; a record of the first one is
 *                       created at the vendor as this type unless another vendor type of the connector lists it first
 */
public record VendorType(String name, List<String> canonicalTypes) {

  public VendorType {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a vendor type needs a name");
    }
    canonicalTypes = List.copyOf(canonicalTypes);
    if (canonicalTypes.isEmpty()) {
      throw new IllegalArgumentException("vendor type " + name + " maps to no canonical type");
    }
  }

  /** A vendor type whose objects are all records of {@code canonicalType}. */
  public static VendorType of(String name, String canonicalType) {
    return new VendorType(name, List.of(canonicalType));
  }

  /** Whether objects of this vendor type can be records of {@code canonicalType}. */
  public boolean holds(String canonicalType) {
    return canonicalTypes.contains(canonicalType);
  }
}
