package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.BindingCapabilities;
import dev.switchboard.app.connectors.BindingCapabilities.Via;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.DeleteSemantics;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.TimestampCapability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What differs between the HubSpot object types the connector syncs (contacts, companies, the engagements): the path
 * segment, the properties it reads and how they map to canonical fields. Reading, paging, writing and the create key
 * work alike for every type ({@link HubSpotPages}, {@link HubSpotWrites}, {@link HubSpotKeyProperty});
 * {@link HubSpotTypeBinding} binds a type to them as the connector SPI's {@link dev.switchboard.app.connectors.TypeBinding}.
 */
interface HubSpotObjectType {

  /** The canonical type ({@code contact}). */
  String canonicalType();

  /**
   * The vendor type links, jobs and cursors key its objects by: HubSpot's singular object name, as its webhook
   * subscription types ({@code contact.creation}) and association APIs spell it ({@code contact}, {@code company}).
   */
  String vendorType();

  /** The path segment of the CRM objects API ({@code contacts}, {@code companies}). */
  String path();

  /** The read-only last-modified property search filters and sorts by ({@code lastmodifieddate}). */
  String lastModifiedProperty();

  /** The properties a read asks for: the mapped ones, the mapped custom ones and the last-modified one. */
  List<String> readProperties(Map<String, String> custom);

  /**
   * Canonical field → the HubSpot properties {@link #toCanonical} reads it from: their {@code propertiesWithHistory}
   * dates the field ({@link HubSpotPropertyTimes}).
   */
  Map<String, List<String>> fieldSources(Map<String, String> custom);

  /**
   * Custom field (its key without {@code custom.}) → the property this view writes it to as it is: the values
   * {@link HubSpotCustomValues} puts in the property's type. None by default; a type a connection's override maps
   * custom fields of answers them through {@link #at}.
   */
  default Map<String, String> customWrites() {
    return Map.of();
  }

  /** The connection's custom properties for this type ({@code customProperties}); none by default. */
  default Map<String, String> custom(ConnectionContext connection) {
    return Map.of();
  }

  /**
   * What the binding of this type declares. Alike for HubSpot's CRM object types: values dated per property in
   * milliseconds ({@code propertiesWithHistory} on a fetch; a backfill or reconciliation page, which does not ask for
   * it, is dated by {@code updatedAt}); deletes archive (restorable from the recycle bin); merges by the merge API where the type has one ({@link #mergeable()});
   * changes by webhook ({@code <type>.creation}, {@code .propertyChange}) and the reconciliation poll; deletions by
   * webhook ({@code .deletion}) and the reconciliation's sweep of the recycle bin (an archived object leaves the
   * listings of modified objects); association changes by webhook ({@code contact.associationChange}) and the
   * association sweep, for a type that keeps associations; creates keyed by the unique
   * {@code switchboard_id} property and by the type's natural key, if any; keyset search pages, oldest first, that
   * re-read only the boundary millisecond and get past search's 10,000-result cap. Merges where {@link #mergeable()}.
   */
  default BindingCapabilities capabilities() {
    return new BindingCapabilities(TimestampCapability.perField(Duration.ofMillis(1)), DeleteSemantics.ARCHIVE,
        HubSpotAssociations.kinds(this), mergeable(),
        new BindingCapabilities.Detection(Via.WEBHOOK_AND_POLL, Via.WEBHOOK_AND_POLL,
            associatedTypes().isEmpty() ? Via.NOT_DETECTED : Via.WEBHOOK_AND_POLL),
        new BindingCapabilities.Keys(naturalKeyField(), true),
        new BindingCapabilities.Listing(true, Duration.ZERO, HubSpotPages.SEARCH_CAP));
  }

  /**
   * This type as it maps the objects of one connection: a type whose mapping depends on the portal (a deal's stages,
   * amounts in the portal's currency) answers a view bound to it; the type itself by default. Every read and write of
   * the binding maps through it.
   */
  default HubSpotObjectType at(ConnectionContext connection) {
    return this;
  }

  /**
   * Completes the records read from objects of this type with what HubSpot keeps in other objects (a deal's lines,
   * from its line items): the records as read by default. Same order and ids as {@code read}.
   */
  default List<SourceRecord> complete(ConnectionContext connection, List<SourceRecord> read) {
    return read;
  }

  /**
   * Why a write cannot be sent (a deal stage its pipeline has no stage for), or null: refused writes are not sent and
   * answer this result.
   */
  default dev.switchboard.app.connectors.WriteResult.@Nullable Rejected refusal(
      dev.switchboard.app.connectors.WriteRequest write) {
    return null;
  }

  /**
   * After the objects of a batch were written: writes what HubSpot keeps in other objects (a deal's line items) and
   * answers the final results (a written deal whose lines failed is not done); {@code results} by default.
   */
  default List<dev.switchboard.app.connectors.WriteResult> afterWrite(ConnectionContext connection,
      List<dev.switchboard.app.connectors.WriteRequest> batch, List<dev.switchboard.app.connectors.WriteResult> results) {
    return results;
  }

  /** Whether HubSpot merges objects of this type ({@code POST .../merge}: contacts, companies, deals). */
  default boolean mergeable() {
    return true;
  }

  /**
   * The properties HubSpot requires of a new object of the type that a record may lack (an engagement's
   * {@code hs_timestamp}): {@link #completeCreate} supplies them. None by default.
   */
  default List<String> requiredAtCreate() {
    return List.of();
  }

  /**
   * Adds to a create's {@code properties} what {@link #requiredAtCreate()} names and they lack; {@code now} is the time
   * of the write. Called for a create only, never for an object that exists (a create repeated after a crash): the
   * value would change what the first attempt made. Nothing by default.
   */
  default void completeCreate(ObjectNode properties, Instant now) {}

  /** Canonical fields a write sends together ({@link dev.switchboard.app.connectors.TypeBinding#fieldGroups()}). */
  default List<java.util.Set<String>> fieldGroups() {
    return List.of();
  }

  /** The properties whose history a fetch asks for: every property a canonical field is read from. */
  default List<String> historyProperties(Map<String, String> custom) {
    return fieldSources(custom).values().stream().flatMap(List::stream).distinct().toList();
  }

  /** A HubSpot object ({@code {id, properties, updatedAt, archived}}) → canonical values. */
  CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom);

  /** Canonical → HubSpot {@code properties} for a write: only fields present in {@code desired} that HubSpot maps. */
  ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom);

  /**
   * A unique property a create without a create key upserts by ({@code email} for contacts), or null when the type has
   * none (companies: a domain is not unique in HubSpot): such a create is refused.
   */
  default @Nullable String naturalKeyProperty() {
    return null;
  }

  /** The canonical field holding {@link #naturalKeyProperty()}'s value. */
  default @Nullable String naturalKeyField() {
    return null;
  }

  /**
   * The object types whose associations with this type the spine keeps as edges ({@code companies} for contacts:
   * a contact's companies), read with every fetch and backfill page. Empty: none.
   */
  default List<String> associatedTypes() {
    return List.of();
  }

  /**
   * The object types whose objects associated with this one are part of its own fields rather than edges (a deal's
   * line items are its {@code lines}): an association change with one of them is a change of this object
   * ({@link HubSpotWebhookParser}). Paths; none by default.
   */
  default List<String> childTypes() {
    return List.of();
  }

  /**
   * The object as the source record the spine applies (without its associations), with per-field times when it was
   * read with {@code propertiesWithHistory}.
   */
  default SourceRecord source(JsonNode object, Map<String, String> custom) {
    Instant modified = modifiedAt(object, lastModifiedProperty());
    CanonicalRecord record = toCanonical(object, custom);
    return new SourceRecord(canonicalType(), object.path("id").asString(), modified != null ? modified : Instant.EPOCH,
        record, null, HubSpotPropertyTimes.of(object, fieldSources(custom), record.fields().keySet()), List.of(),
        HubSpotKeyProperty.of(object));
  }

  /**
   * What a read asks for: {@link #readProperties} and the create key ({@code switchboard_id}), so that an object
   * Switchboard made is known for the record it was made for even when the create's answer was lost or refused.
   */
  default List<String> readPropertiesWithKey(Map<String, String> custom) {
    List<String> props = readProperties(custom);
    if (props.contains(HubSpotKeyProperty.NAME)) {
      return props;
    }
    List<String> out = new java.util.ArrayList<>(props);
    out.add(HubSpotKeyProperty.NAME);
    return List.copyOf(out);
  }

  /** {@code updatedAt}, else the last-modified property, else null. */
  static @Nullable Instant modifiedAt(JsonNode object, String lastModifiedProperty) {
    Instant t = HubSpotMapper.instant(object.path("updatedAt"));
    return t != null ? t : HubSpotMapper.instant(object.path("properties").path(lastModifiedProperty));
  }
}
