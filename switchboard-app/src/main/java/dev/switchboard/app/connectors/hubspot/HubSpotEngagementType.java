package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot's engagement objects — meetings, calls, emails, notes, tasks ({@code /crm/v3/objects/meetings}, …) — each a
 * vendor type of its own ({@code meeting}, …) whose objects are all canonical {@code activity} records with
 * {@code kind} set to the type. The properties, the statuses mapped onto the canonical lifecycle, the directions and
 * the dates are the type's mapping file's ({@code mappings/hubspot/meeting.yaml}, …, read by
 * {@link HubSpotEngagementMapping}); docs/integrations/hubspot_mapping.md ("Engagements") has the tables, checked
 * against the files. The owner is read as the owner's id and turned into the owner's e-mail by {@link HubSpotOwners}.
 *
 * <p>A create must carry what the file's {@code requiredAtCreate} names (HubSpot requires the activity date on every
 * engagement): a create without it (a note has no date in the canonical model) is dated by the write
 * ({@link #completeCreate}). Engagements cannot be merged at HubSpot.
 */
final class HubSpotEngagementType implements HubSpotObjectType {
  static final String CANONICAL = "activity";

  /**
   * The object types an engagement's associations are kept with as edges: its contacts (for a meeting, call or email
   * the canonical participants, for a note or task what it is about), its companies and its deals (what it is
   * regarding). Each is labelled by the other end's canonical type ({@link HubSpotAssociations}).
   */
  static final List<String> ASSOCIATED = List.of(HubSpotObjectKind.CONTACTS.path, HubSpotObjectKind.COMPANIES.path,
      HubSpotObjectKind.DEALS.path);

  static final HubSpotEngagementType MEETING = of(HubSpotObjectKind.MEETINGS);
  static final HubSpotEngagementType CALL = of(HubSpotObjectKind.CALLS);
  static final HubSpotEngagementType EMAIL = of(HubSpotObjectKind.EMAILS);
  static final HubSpotEngagementType NOTE = of(HubSpotObjectKind.NOTES);
  static final HubSpotEngagementType TASK = of(HubSpotObjectKind.TASKS);

  /** Every engagement type, in backfill order. */
  static final List<HubSpotEngagementType> ALL = List.of(MEETING, CALL, EMAIL, NOTE, TASK);

  /** The fields some engagement type writes through a table: a type holds only the values its table has. */
  private static final Set<String> TABLED = HubSpotEngagementMapping.tabled(ALL.stream().map(t -> t.mapping)
      .toList());

  private final HubSpotObjectKind kind;
  private final HubSpotEngagementMapping mapping;
  private final List<String> associated;

  private HubSpotEngagementType(HubSpotObjectKind kind, HubSpotEngagementMapping mapping, List<String> associated) {
    this.kind = kind;
    this.mapping = mapping;
    this.associated = List.copyOf(associated);
  }

  private static HubSpotEngagementType of(HubSpotObjectKind kind) {
    return new HubSpotEngagementType(kind, HubSpotEngagementMapping.of(kind.vendorType), ASSOCIATED);
  }

  /**
   * This kind keeping associations only with those of {@link #ASSOCIATED} the connector binds ({@code bound}: paths):
   * an association with an object of a type the connector cannot read (deals, before their binding) is no edge, and
   * its other end is never read.
   */
  HubSpotEngagementType keepingOnly(Collection<String> bound) {
    return new HubSpotEngagementType(kind, mapping, ASSOCIATED.stream().filter(bound::contains).toList());
  }

  /** Contacts, companies and deals, as far as the connector binds them ({@link #keepingOnly}). */
  @Override
  public List<String> associatedTypes() {
    return associated;
  }

  /** The canonical {@code kind} (and the vendor type): {@code meeting}, {@code call}, … */
  String kind() {
    return kind.vendorType;
  }

  /** HubSpot's object type id ({@code 0-47}): what {@code object.*} webhook events name the type by. */
  String objectTypeId() {
    return kind.objectTypeId;
  }

  @Override
  public String canonicalType() {
    return CANONICAL;
  }

  @Override
  public String vendorType() {
    return kind.vendorType;
  }

  @Override
  public String path() {
    return kind.path;
  }

  @Override
  public String lastModifiedProperty() {
    return mapping.lastModifiedProperty();
  }

  /** Engagements are not mergeable at HubSpot (the merge API serves contacts, companies and deals only). */
  @Override
  public boolean mergeable() {
    return false;
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return mapping.readProperties();
  }

  /** Canonical field → the properties it is read from; a call's end from its date and duration. */
  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    return mapping.fieldSources();
  }

  /**
   * A HubSpot engagement → an activity of this kind. Text properties read as trimmed text ({@code ""} when HubSpot
   * carries them empty); datetimes as instants; enumerations through the file's tables, a value outside them left out
   * (never guessed); the owner as HubSpot's owner id, for {@link HubSpotOwners} to resolve.
   */
  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    return new CanonicalRecord(CANONICAL, mapping.toFields(object.path("properties")));
  }

  /**
   * An activity → this kind's properties: only fields present in {@code desired} that the kind's file writes;
   * {@code ""} (or null) clears. A status or direction the kind cannot hold ({@link #accepts}) is not written. The
   * owner is written as the owner's e-mail here: {@link HubSpotOwners} turns it into an owner id before the call, or
   * leaves it out with a recorded reason.
   */
  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    return mapping.toProperties(desired);
  }

  /** A value the kind's file cannot write (a date that is none) refuses that write alone; it is never sent. */
  @Override
  public dev.switchboard.app.connectors.WriteResult.@Nullable Rejected refusal(
      dev.switchboard.app.connectors.WriteRequest write) {
    return mapping.refusal(write);
  }

  /** What HubSpot requires on every engagement create ({@code hs_timestamp}), as the file names it. */
  @Override
  public List<String> requiredAtCreate() {
    return mapping.requiredAtCreate();
  }

  /** An engagement created without its date is dated {@code now} (the time of the write). */
  @Override
  public void completeCreate(ObjectNode properties, Instant now) {
    mapping.completeCreate(properties, now);
  }

  /** Whether this kind can hold {@code value} in {@code field}: a status or direction its table has a value for. */
  boolean accepts(String field, Object value) {
    return mapping.accepts(field, value, TABLED);
  }
}
