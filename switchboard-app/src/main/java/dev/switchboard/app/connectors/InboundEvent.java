package dev.switchboard.app.connectors;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One thin change notification from a vendor.
 *
 * @param eventKey           the vendor's unique event id (or a hash of the delivery when it has none); the
 *                           inbox is unique on (tenant, system, eventKey)
 * @param objectType         the vendor type ({@link VendorType#name()}): {@code contact} at HubSpot, {@code member} at
 *                           Mailchimp
 * @param externalId         the vendor's id of the object now
 * @param kind               what happened
 * @param previousExternalId for {@link Kind#ID_CHANGED} and {@link Kind#TYPE_CHANGED}: the id the object had before
 *                           (Mailchimp upemail; the converted lead)
 * @param occurredAt         when the vendor says it happened
 * @param accountId          the vendor account this event belongs to when the delivery says so per event (HubSpot
 *                           {@code portalId}: one delivery of a public app can mix portals); null when the whole
 *                           delivery belongs to the account it was authenticated for
 * @param mergedInto         for {@link Kind#MERGED}: the id of the object {@code externalId} was merged into
 * @param previousVendorType for {@link Kind#TYPE_CHANGED}: the vendor type the object had before ({@code
 *                           previousExternalId} is its id then); null for every other kind
 */
public record InboundEvent(String eventKey, String objectType, String externalId, Kind kind,
    @Nullable String previousExternalId, Instant occurredAt, @Nullable String accountId, @Nullable String mergedInto,
    @Nullable String previousVendorType) {

  public InboundEvent(String eventKey, String objectType, String externalId, Kind kind,
      @Nullable String previousExternalId, Instant occurredAt, @Nullable String accountId, @Nullable String mergedInto) {
    this(eventKey, objectType, externalId, kind, previousExternalId, occurredAt, accountId, mergedInto, null);
  }

  public InboundEvent(String eventKey, String objectType, String externalId, Kind kind,
      @Nullable String previousExternalId, Instant occurredAt, @Nullable String accountId) {
    this(eventKey, objectType, externalId, kind, previousExternalId, occurredAt, accountId, null);
  }

  public InboundEvent(String eventKey, String objectType, String externalId, Kind kind,
      @Nullable String previousExternalId, Instant occurredAt) {
    this(eventKey, objectType, externalId, kind, previousExternalId, occurredAt, null, null);
  }

  /** {@code mergedId} was merged into {@code survivorId} at the vendor (HubSpot {@code contact.merge}). */
  public static InboundEvent merged(String eventKey, String objectType, String mergedId, String survivorId,
      Instant occurredAt, @Nullable String accountId) {
    return new InboundEvent(eventKey, objectType, mergedId, Kind.MERGED, null, occurredAt, accountId, survivorId);
  }

  /**
   * The object {@code previousId} of {@code previousVendorType} became {@code externalId} of {@code vendorType} (a
   * Salesforce lead converted into a contact): the same canonical record, now held as the new object.
   */
  public static InboundEvent typeChanged(String eventKey, String vendorType, String externalId,
      String previousVendorType, String previousId, Instant occurredAt, @Nullable String accountId) {
    return new InboundEvent(eventKey, vendorType, externalId, Kind.TYPE_CHANGED, previousId, occurredAt, accountId,
        null, previousVendorType);
  }

  public enum Kind {
    /** Created or updated: fetch the current state. */
    CHANGED,
    /** Deleted or archived at the vendor. */
    DELETED,
    /** A privacy (GDPR) deletion at the vendor: the person must never be sent back there. */
    ERASED,
    /** The object's external id changed (e.g. Mailchimp member hash after an email change). */
    ID_CHANGED,
    /** The object was merged into another of the same vendor ({@code mergedInto}); its id now resolves to that one. */
    MERGED,
    /**
     * The object's associations changed (HubSpot {@code associationChange}): read it again with its associations
     * ({@link Connector#fetchAssociations}); a plain {@link #CHANGED} reads its fields only.
     */
    ASSOCIATIONS_CHANGED,
    /**
     * The object became another object of another vendor type ({@code previousVendorType} {@code previousExternalId}
     * → {@code objectType} {@code externalId}; Salesforce lead conversion: Lead {@code 00Q…} becomes Contact
     * {@code 003…}). The new object is linked to the canonical record the old one was linked to, never to a new one;
     * the old link is tombstoned {@code MOVED}, and the old object's later reads (a converted lead stays readable)
     * change nothing.
     */
    TYPE_CHANGED
  }
}
