package dev.switchboard.app.connectors;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The current state of one vendor object, mapped to canonical fields (not yet cleaned up).
 *
 * @param objectType      the canonical type of the record the object is (the binding's routing rule chose it, see
 *                        {@link VendorType}); the vendor type is the one it was read as
 * @param externalId      vendor id
 * @param modifiedAt      the vendor's own last-modified time (HubSpot {@code updatedAt}, Mailchimp {@code last_changed})
 * @param record          mapped canonical values; fields the vendor does not have are absent
 * @param associations    the object's associations with other objects of the same account, as the vendor holds them
 *                        now, for every association kind the binding syncs; null when this read did not look at them
 *                        (a search result): then nothing is concluded about them, an empty list says "none"
 * @param fieldModifiedAt canonical field → when the vendor says its current value was set (HubSpot
 *                        {@code propertiesWithHistory}), for the fields it dates; null when this read dated none (only
 *                        a connector declaring {@link TimestampCapability.Kind#PER_FIELD} fills it). A field without
 *                        an entry is dated by {@code modifiedAt}.
 * @param derived         other canonical records the binding reads out of the same object (a booking's client, an
 *                        invoice's lines), applied after this one in the same transaction; empty for none. A derived
 *                        record has no link of its own: it is never written back to this object's connection as an
 *                        object of its own (see {@link Derived}).
 * @param createKey       the {@link WriteRequest#createKey create key} the object carries at the vendor (HubSpot's
 *                        {@code switchboard_id}): the object is one Switchboard created for the record of that key,
 *                        whatever became of the create's answer. Null when it carries none (made at the vendor) or the
 *                        binding keeps no create keys.
 */
public record SourceRecord(String objectType, String externalId, Instant modifiedAt, CanonicalRecord record,
    @Nullable List<Association> associations, @Nullable Map<String, Instant> fieldModifiedAt, List<Derived> derived,
    @Nullable String createKey) {

  public SourceRecord {
    associations = associations == null ? null : List.copyOf(associations);
    fieldModifiedAt = fieldModifiedAt == null ? null : Map.copyOf(fieldModifiedAt);
    derived = derived == null ? List.of() : List.copyOf(derived);
    if (derived.stream().map(Derived::key).distinct().count() < derived.size()) {
      throw new IllegalArgumentException("two derived records of " + objectType + " share a key");
    }
    createKey = createKey == null || createKey.isBlank() ? null : createKey;
  }

  /** A record without a create key. */
  public SourceRecord(String objectType, String externalId, Instant modifiedAt, CanonicalRecord record,
      @Nullable List<Association> associations, @Nullable Map<String, Instant> fieldModifiedAt, List<Derived> derived) {
    this(objectType, externalId, modifiedAt, record, associations, fieldModifiedAt, derived, null);
  }

  /** A record without derived records. */
  public SourceRecord(String objectType, String externalId, Instant modifiedAt, CanonicalRecord record,
      @Nullable List<Association> associations, @Nullable Map<String, Instant> fieldModifiedAt) {
    this(objectType, externalId, modifiedAt, record, associations, fieldModifiedAt, List.of());
  }

  /** A record read without its associations and without per-field times. */
  public SourceRecord(String objectType, String externalId, Instant modifiedAt, CanonicalRecord record) {
    this(objectType, externalId, modifiedAt, record, null, null);
  }

  /** A record without per-field times. */
  public SourceRecord(String objectType, String externalId, Instant modifiedAt, CanonicalRecord record,
      @Nullable List<Association> associations) {
    this(objectType, externalId, modifiedAt, record, associations, null);
  }

  /** The same record with these associations. */
  public SourceRecord withAssociations(List<Association> found) {
    return new SourceRecord(objectType, externalId, modifiedAt, record, found, fieldModifiedAt, derived, createKey);
  }

  /** The same record with these derived records. */
  public SourceRecord withDerived(List<Derived> found) {
    return new SourceRecord(objectType, externalId, modifiedAt, record, associations, fieldModifiedAt, found, createKey);
  }

  /** The same record carrying this create key. */
  public SourceRecord withCreateKey(@Nullable String key) {
    return new SourceRecord(objectType, externalId, modifiedAt, record, associations, fieldModifiedAt, derived, key);
  }

  /**
   * A canonical record read out of another one's vendor object (a booking's client). The spine resolves it by its
   * identity keys (a client by e-mail) the first time, then by this derivation (object, {@code key}) as a link would;
   * merges its values with the source's authority and the object's {@code modifiedAt}; keeps what the object last
   * said in a snapshot of the derivation for echo suppression; and makes no link for it in the source. Egress never
   * creates it in the source's connection: that vendor holds it only inside the object it came from.
   *
   * @param key       stable within the object and unique in it: {@code client}, {@code line:<vendor line id>}; the
   *                  same key in a later read is the same derived record
   * @param record    its mapped values; {@link CanonicalRecord#type()} is its canonical type
   * @param edgeLabel when not null, the record the object is has an edge of this label to the derived one (a
   *                  booking's {@code client}), kept as the object says it, sourced from the object's system
   */
  public record Derived(String key, CanonicalRecord record, @Nullable String edgeLabel) {
    public Derived {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("a derived record needs a key");
      }
    }
  }

  /**
   * One association of the object with another object of the same account.
   *
   * @param label      the canonical edge label ({@code company}: a contact's company)
   * @param targetType the canonical type of the other object ({@code company})
   * @param externalId the other object's vendor id
   * @param primary    the vendor marks it as the primary one of its label (HubSpot's "Primary" company)
   * @param targetVendorType the other object's vendor type, or null when it is the one the binding holds records of
   *                   {@code targetType} as ({@link Connector#vendorTypeFor})
   */
  public record Association(String label, String targetType, String externalId, boolean primary,
      @Nullable String targetVendorType) {

    /** An association with an object of the vendor type the binding holds {@code targetType} records as. */
    public Association(String label, String targetType, String externalId, boolean primary) {
      this(label, targetType, externalId, primary, null);
    }

    /** The other object's vendor type at {@code connector}. */
    public String vendorTypeAt(Connector connector) {
      return targetVendorType != null ? targetVendorType : connector.vendorTypeFor(targetType).orElse(targetType);
    }
  }
}
