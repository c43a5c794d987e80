package dev.switchboard.app.connectors;

import dev.switchboard.app.mapping.FieldSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service-provider interface every vendor connector implements. Implementations are Spring beans,
 * stateless and thread-safe; everything per account arrives in the {@link ConnectionContext}.
 *
 * <p>Failure contract: a call that fails as a whole throws {@link VendorException} (with {@code retryable}
 * set for 429, 5xx and network errors, and {@code retryAfter} when the vendor said so). Per-item rejections
 * of a batch write are returned as {@link WriteResult.Rejected}, never thrown. No method logs or puts PII
 * (emails, phones, names) into exception messages.
 *
 * <p>Types: every {@code objectType} parameter is a {@link VendorType#name() vendor type} of {@link #vendorTypes()}
 * ({@code member} for Mailchimp list members), never a canonical type; the spine translates with
 * {@link #vendorTypeFor} and {@link VendorType#canonicalTypes()}. {@link SourceRecord#objectType()} and edges name
 * canonical types.
 *
 * <p>Shape: a connector is its descriptor plus one small {@link TypeBinding} per vendor type ({@link #bindings()}). The
 * per-type methods here (fetch, list, write, delete, merge, associate and the per-type declarations) are defaults that
 * dispatch to the binding of the vendor type they name: an operation on a type the connector binds none of throws an
 * {@link IllegalArgumentException} naming the type and the types it binds; a declaration about such a type
 * ({@link #timestamps}, {@link #deleteSemantics}, {@link #associationKinds}, {@link #accepts}, {@link #heldAs},
 * {@link #mapAs}) answers the neutral default, since the spine asks every connector about every canonical type.
 * What is per connection rather than per type (webhooks, the credential check, rate limits) stays here.
 */
public interface Connector {

  /** Static facts: system id ({@code hubspot}), webhook category ({@code crm}), credential fields. */
  ConnectorDescriptor descriptor();

  default String system() {
    return descriptor().system();
  }

  /**
   * One binding per vendor type the connector syncs, in the order backfill and reconciliation run them (a HubSpot
   * contact's company is linked before it). Vendor type names are unique. The default binds none: only a test double
   * that overrides the per-type methods itself may rely on it ({@link VendorConnector} requires bindings).
   */
  default List<TypeBinding> bindings() {
    return List.of();
  }

  /** The binding of {@code vendorType}, or empty when this connector binds no such type. */
  default Optional<TypeBinding> findBinding(String vendorType) {
    for (TypeBinding b : bindings()) {
      if (b.vendorType().name().equals(vendorType)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /**
   * The binding of {@code vendorType}.
   *
   * @throws IllegalArgumentException when this connector binds no such type (a canonical type passed where a vendor
   *                                  type belongs, or a type of another vendor); the message names the types it binds
   */
  default TypeBinding binding(String vendorType) {
    return findBinding(vendorType).orElseThrow(() -> new IllegalArgumentException(system()
        + " connector binds no vendor type '" + vendorType + "' (it binds "
        + vendorTypes().stream().map(VendorType::name).toList() + ")"));
  }

  /**
   * The vendor's object types this connector binds, each with the canonical types its objects are records of: its
   * {@link #bindings()}' types, in their order.
   */
  default List<VendorType> vendorTypes() {
    return bindings().stream().map(TypeBinding::vendorType).toList();
  }

  /**
   * The vendor type a record of {@code canonicalType} that has no object here yet is created as: the first vendor type
   * whose first canonical type it is, else the first that can hold it; empty when none can.
   */
  default Optional<String> vendorTypeFor(String canonicalType) {
    List<VendorType> types = vendorTypes();
    return types.stream().filter(t -> t.canonicalTypes().getFirst().equals(canonicalType)).findFirst()
        .or(() -> types.stream().filter(t -> t.holds(canonicalType)).findFirst()).map(VendorType::name);
  }

  /**
   * The vendor type this record, which has no object here yet, is created as: {@link #vendorTypeFor(String)} by
   * default. A connector whose vendor types split one canonical type by a value (HubSpot's engagements: an activity's
   * {@code kind} is a meeting, a call, …) chooses by the record's values, so that a call is created as a call.
   */
  default Optional<String> vendorTypeFor(String canonicalType, Map<String, ?> values) {
    return vendorTypeFor(canonicalType);
  }

  /** The {@link TypeBinding#fieldGroups() field groups} of {@code vendorType}'s binding; none without one. */
  default List<java.util.Set<String>> fieldGroups(String vendorType) {
    return findBinding(vendorType).map(TypeBinding::fieldGroups).orElse(List.of());
  }

  /** The declared vendor type named {@code vendorType}, or empty when this connector binds no such type. */
  default Optional<VendorType> vendorType(String vendorType) {
    return vendorTypes().stream().filter(t -> t.name().equals(vendorType)).findFirst();
  }

  /**
   * An object of a bound vendor type that a part belongs to ({@link #ownersOf}).
   *
   * @param vendorType the owner's vendor type ({@code deal})
   * @param externalId the owner's vendor id
   */
  record PartOf(String vendorType, String externalId) {}

  /**
   * Vendor types whose objects are parts of another type's objects and not records of their own (HubSpot line items:
   * lines of their deal). An event of such a type is a change of the objects its object belongs to: the spine asks
   * {@link #ownersOf} which, reads those instead, and makes no link for the part. None by default.
   */
  default java.util.Set<String> partTypes() {
    return java.util.Set.of();
  }

  /**
   * The vendor types whose objects hold parts of {@code partType} (HubSpot: a line item's deal), each keeping its parts
   * as a list of lines with their {@code id} in the record: where the vendor no longer names a part's owner (the part
   * was deleted), the spine looks for the part's id among the lines it last knew of those objects. None by default.
   */
  default java.util.Set<String> ownerTypes(String partType) {
    return java.util.Set.of();
  }

  /**
   * The objects the parts {@code ids} (of the part type {@code partType}) belong to; a part whose owner the vendor does
   * not name (gone, or not attached) is left out. {@code deleted}: those of {@code ids} known deleted (a deletion
   * event), the only ones worth a costlier look where a deleted part may still be placed (HubSpot: its key, read from
   * the recycle bin). A refused call is a {@link VendorException}, as for a read.
   */
  default java.util.Map<String, List<PartOf>> ownersOf(ConnectionContext connection, String partType,
      List<String> ids, java.util.Set<String> deleted) {
    return java.util.Map.of();
  }

  /**
   * {@code record} (an object of {@code vendorType} that the binding's routing rule made a record of another type) read
   * as a record of {@code canonicalType}: an object already linked keeps the type of its record whatever the rule says
   * now. Empty when the binding cannot map the object as that type; the spine then refuses the change, with a reason,
   * instead of moving the object to another record. Answered by the binding ({@link TypeBinding#mapAs}); a type bound
   * by none maps an object as its own type only.
   */
  default Optional<SourceRecord> mapAs(String vendorType, SourceRecord record, String canonicalType) {
    return findBinding(vendorType).map(b -> b.mapAs(record, canonicalType)).orElseGet(
        () -> record.objectType().equals(canonicalType) ? Optional.of(record) : Optional.empty());
  }

  /** Verifies the vendor's webhook signature scheme and says which account a request claims to be from. */
  WebhookVerifier webhookVerifier();

  /**
   * Turns a verified webhook request into thin events (one vendor request may carry up to 100). Events the
   * connector does not sync (other object types, unrelated subscription types) are left out. Must not call
   * the vendor: it runs inside the webhook's request before the 200.
   *
   * @throws IllegalArgumentException when the body is malformed (answered 400, nothing stored)
   */
  List<InboundEvent> parseWebhook(WebhookRequest request);

  /**
   * Verifies credentials against the vendor and returns the vendor account id (portal id, list id, …). Also sets up,
   * idempotently, what the connector's writes need in the account (HubSpot: the unique property {@code switchboard_id}),
   * so a missing permission shows at connection time, not as failed writes.
   */
  String check(ConnectionContext connection);

  /**
   * Reads the current state of one object (webhooks are thin). Empty when the vendor no longer has it
   * (deleted, archived, or 404). Dispatches to {@link TypeBinding#fetch}.
   */
  default Optional<SourceRecord> fetch(ConnectionContext connection, String objectType, String externalId) {
    return binding(objectType).fetch(connection, externalId);
  }

  /**
   * Reads the current state of several objects at once (HubSpot batch read: up to 100 per call). The result
   * maps each id the vendor still has to its record; ids it does not have are absent. Dispatches to
   * {@link TypeBinding#fetchMany} (whose default reads them one by one).
   */
  default java.util.Map<String, SourceRecord> fetchMany(ConnectionContext connection, String objectType,
      List<String> externalIds) {
    return binding(objectType).fetchMany(connection, externalIds);
  }

  /**
   * The current associations of {@code externalIds} (objects of {@code objectType}) for every association kind the
   * binding keeps: each id the vendor answered for maps to its list (empty: none). Read only for objects whose
   * associations changed ({@link InboundEvent.Kind#ASSOCIATIONS_CHANGED}), since it costs calls of its own. Dispatches
   * to {@link TypeBinding#fetchAssociations} (a binding that keeps none answers an empty map).
   */
  default java.util.Map<String, List<SourceRecord.Association>> fetchAssociations(ConnectionContext connection,
      String objectType, List<String> externalIds) {
    return binding(objectType).fetchAssociations(connection, externalIds);
  }

  /**
   * One page of objects modified at or after {@code since} (all objects when {@code since} is null), oldest
   * first where the binding declares it ({@link BindingCapabilities.Listing}); used by backfill and the reconciliation
   * poll. Dispatches to {@link TypeBinding#listModified}.
   *
   * @param cursor the {@link RecordPage#nextCursor()} of the previous page, or null for the first page
   */
  default RecordPage listModified(ConnectionContext connection, String objectType, @Nullable Instant since,
      @Nullable String cursor) {
    return binding(objectType).listModified(connection, since, cursor);
  }

  /**
   * Writes a batch (at most {@link #maxBatchSize}) as create-or-update. Returns one result per request, in
   * request order. Must be safe to repeat, also when the first attempt's answer was lost or never recorded (a crash
   * between the vendor's answer and the spine's commit): writes are upserts keyed by external id, by the request's
   * {@link WriteRequest#createKey} or by natural key. HubSpot stores the create key in its unique contact property
   * {@code switchboard_id} and creates by it, so a repeated create (even of a newer version with another e-mail)
   * updates the contact the first one made. Mailchimp ignores it: a member's id is the hash of its e-mail and a
   * {@code PUT} to it is idempotent already. The binding declares which keys it has ({@link BindingCapabilities.Keys}).
   * Dispatches to {@link TypeBinding#write}.
   */
  default List<WriteResult> write(ConnectionContext connection, String objectType, List<WriteRequest> batch) {
    return binding(objectType).write(connection, batch);
  }

  /**
   * Whether this vendor's object ids are derived from personal data (a Mailchimp member id is the MD5 of the
   * e-mail): such ids never leave the spine in clear (events, API answers, console), only as a token. The spine
   * stores every id as a keyed hash and encrypted, whatever this says.
   */
  default boolean idsArePersonal() {
    return false;
  }

  /**
   * Whether this vendor's values win when one of its objects is first linked to a record that already has values
   * (the initial sync of a second system). Its timestamps are per record, not per field, so recency cannot say
   * which of two systems' values is right: only the seed's values replace existing ones; every other system only
   * fills the fields the record lacks, and is then written the record's values. The hub (HubSpot) seeds by default;
   * a connection's {@code initialSyncSeed} setting overrides it.
   */
  default boolean seedsInitialSync() {
    return false;
  }

  /**
   * How this vendor dates changes of {@code objectType} (see {@link TimestampCapability}): the merge orders this
   * source's values against others' only as far as it says: the binding's {@link BindingCapabilities#timestamps()}; a
   * type bound by none is dated {@link TimestampCapability#DEFAULT} (a per-record time in milliseconds).
   */
  default TimestampCapability timestamps(String objectType) {
    return findBinding(objectType).map(b -> b.capabilities().timestamps()).orElse(TimestampCapability.DEFAULT);
  }

  /**
   * Whether the vendor can hold {@code value} in {@code field} of {@code objectType}. A value it cannot hold is left
   * out of writes (the field keeps what the vendor has) instead of failing the whole object: a Mailchimp ADDRESS needs
   * a street, city, state and zip, and a company address without a street would otherwise refuse the member.
   * Answered by the binding ({@link TypeBinding#accepts}); true for a type bound by none.
   */
  default boolean accepts(String objectType, String field, Object value) {
    return findBinding(objectType).map(b -> b.accepts(field, value)).orElse(true);
  }

  /**
   * {@code value} as the vendor will hold it and give it back: what a write of it reads back as. The values a target
   * should hold, and so its snapshot after a write, are kept in this form, so that reading back what we wrote is no
   * change — and is never taken for an edit made there (HubSpot and Mailchimp keep two street lines: a third is folded
   * into the second, see {@link AddressLines}). Answered by the binding ({@link TypeBinding#heldAs}); the value itself
   * for a type bound by none.
   */
  default Object heldAs(String objectType, String field, Object value) {
    return findBinding(objectType).map(b -> b.heldAs(field, value)).orElse(value);
  }

  /**
   * What {@link #delete} does to objects of {@code objectType} at this vendor ({@link BindingCapabilities#deletes()}),
   * or empty when the connector cannot delete them (also for a type bound by none). Deletion propagation to a
   * connection can only be turned on for a type that has one.
   */
  default Optional<DeleteSemantics> deleteSemantics(String objectType) {
    return findBinding(objectType).flatMap(b -> b.capabilities().deleteSemantics());
  }

  /**
   * Deletes (or archives, per {@link #deleteSemantics}) these objects at the vendor: at most {@link #maxBatchSize}
   * ids, one result per id, in request order. Idempotent: an object already gone is {@link DeleteResult.Deleted}. A
   * call that fails as a whole throws {@link VendorException}, as {@link #write} does; per-id refusals are
   * {@link DeleteResult.Rejected}. Dispatches to {@link TypeBinding#delete}; a binding that declares no delete
   * semantics rejects every id as {@code unsupported}.
   */
  default List<DeleteResult> delete(ConnectionContext connection, String objectType, List<String> externalIds) {
    TypeBinding b = binding(objectType);
    if (b.capabilities().deleteSemantics().isEmpty()) {
      return externalIds.stream().<DeleteResult>map(id -> new DeleteResult.Rejected(id, "unsupported",
          system() + " cannot delete " + objectType)).toList();
    }
    return b.delete(connection, externalIds);
  }

  /**
   * The associations this binding keeps for objects of {@code objectType}, as edges from them ({@code contact →
   * company}); empty (the default) when it keeps none. The spine writes an edge of a declared kind to the connection
   * once both ends are linked there, and holds back the create of an object whose kind is
   * {@link AssociationKind#requiredAtCreate() required at create} until the other end is linked. The binding's
   * {@link BindingCapabilities#associationKinds()}; empty for a type bound by none.
   */
  default List<AssociationKind> associationKinds(String objectType) {
    return findBinding(objectType).map(b -> b.capabilities().associationKinds()).orElse(List.of());
  }

  /**
   * Makes these associations at the vendor: one result per item, in any order, matched by {@link EdgeWrite#ref()}.
   * Idempotent (an association the vendor holds already is {@link EdgeWriteResult.Done}). A call that fails as a whole
   * throws {@link VendorException}, as {@link #write} does; per-item refusals are {@link EdgeWriteResult.Rejected}.
   * Each {@link EdgeWrite#fromType()}'s items go to that type's binding ({@link TypeBinding#associate}); an item whose
   * from-type is bound by none is rejected as {@code unsupported}.
   */
  default List<EdgeWriteResult> associate(ConnectionContext connection, List<EdgeWrite> edges) {
    return byFromType(edges, "associate", (b, group) -> b.associate(connection, group));
  }

  /**
   * Removes these associations at the vendor (every label between the two objects). Same contract as
   * {@link #associate}; an association the vendor does not hold is {@link EdgeWriteResult.Done}.
   */
  default List<EdgeWriteResult> dissociate(ConnectionContext connection, List<EdgeWrite> edges) {
    return byFromType(edges, "dissociate", (b, group) -> b.dissociate(connection, group));
  }

  private List<EdgeWriteResult> byFromType(List<EdgeWrite> edges, String what,
      java.util.function.BiFunction<TypeBinding, List<EdgeWrite>, List<EdgeWriteResult>> write) {
    java.util.Map<String, List<EdgeWrite>> groups = new java.util.LinkedHashMap<>();
    edges.forEach(e -> groups.computeIfAbsent(e.fromType(), k -> new java.util.ArrayList<>()).add(e));
    List<EdgeWriteResult> out = new java.util.ArrayList<>();
    groups.forEach((type, group) -> findBinding(type).ifPresentOrElse(b -> out.addAll(write.apply(b, group)),
        () -> group.forEach(e -> out.add(new EdgeWriteResult.Rejected(e.ref(), "unsupported",
            system() + " cannot " + what + " " + e.fromType() + " " + e.label())))));
    return out;
  }

  /**
   * The object types whose objects {@link #merge} can merge at this vendor: those whose binding declares
   * {@link BindingCapabilities#mergeable()}; empty when it can merge none. A connection's {@code repeatMerges} setting
   * can only be turned on when this is not empty.
   */
  default java.util.Set<String> mergeableTypes() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    bindings().stream().filter(b -> b.capabilities().mergeable()).forEach(b -> out.add(b.vendorType().name()));
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * Merges the vendor object {@code mergedId} into {@code survivorId} (both of {@code objectType}), the way the vendor
   * merges two objects of one person or company: the survivor keeps its values and fills its gaps, the merged object
   * is gone. Returns the id of the object that remains, or empty when the connector cannot merge objects of this type
   * (every type not in {@link #mergeableTypes}). Dispatches to {@link TypeBinding#merge}. A call that fails throws
   * {@link VendorException} as {@link #write} does: retryable for 429, 5xx and network errors, permanent for other
   * 4xx (an id the vendor does not have, two ids that cannot be merged).
   */
  default Optional<String> merge(ConnectionContext connection, String objectType, String survivorId,
      String mergedId) {
    return findBinding(objectType).filter(b -> b.capabilities().mergeable())
        .flatMap(b -> b.merge(connection, survivorId, mergedId));
  }

  /**
   * Largest batch {@link #write} accepts (HubSpot 100, Mailchimp batch subscribe 500): the binding's
   * {@link TypeBinding#maxBatchSize()}; for a type bound by none, the smallest of any binding's (1 without bindings).
   */
  default int maxBatchSize(String objectType) {
    return findBinding(objectType).map(TypeBinding::maxBatchSize)
        .orElseGet(() -> bindings().stream().mapToInt(TypeBinding::maxBatchSize).min().orElse(1));
  }

  /** The vendor's documented quota, applied per connection by the platform's HTTP guard. */
  RateLimitPolicy rateLimitPolicy();

  /**
   * Why a connection may not use {@code baseUrl} as its base URL override (see {@link VendorHosts}), or empty when it
   * may. Connectors that take no override refuse every one.
   */
  default Optional<String> baseUrlRefusal(String baseUrl) {
    return Optional.of(system() + " connections take no baseUrl setting");
  }

  /**
   * A connection setting of this connector's own that {@code settings} gives a value it cannot honour, as (setting
   * name, reason), or empty when there is none (HubSpot's {@code apiVersion}). Asked whenever settings are stored; the
   * spine's own settings ({@code baseUrl}, {@code deletePropagation.*}, {@code repeatMerges}) are checked elsewhere.
   */
  default Optional<java.util.Map.Entry<String, String>> settingRefusal(java.util.Map<String, String> settings) {
    return Optional.empty();
  }

  /**
   * What a connection of this connector can sync with, by name, where the account holds several (Mailchimp's
   * audiences), and the setting that names the chosen one; empty when there is no such choice. Reads only; needs the
   * credentials, not the choice.
   */
  default Optional<SyncTargets> syncTargets(ConnectionContext connection) {
    return Optional.empty();
  }

  /**
   * The setting that names what a connection syncs with, where the owner chooses it by name after connecting ({@link
   * #syncTargets}); empty when there is no such choice. A connection without it is not verified ({@link #check}
   * needs it) until it is chosen.
   */
  default Optional<String> syncTargetSetting() {
    return Optional.empty();
  }

  /**
   * @param setting the connection setting holding the chosen target's id ({@code listId})
   * @param targets the account's targets, in the vendor's order
   */
  record SyncTargets(String setting, List<SyncTarget> targets) {}

  /** One target: its id, its name as the owner knows it, and its size where the vendor says it. */
  record SyncTarget(String id, String name, @Nullable Integer size) {}

  /**
   * Whether objects of {@code vendorType} are members of a marketing audience (a Mailchimp list member): then a
   * contact is only added with a recorded opt-in, or as {@code transactional} where the connection says so, and an
   * existing member is never (re)subscribed by the spine ({@link ConsentSetting}). False by default.
   */
  default boolean consentGated(String vendorType) {
    return false;
  }

  /**
   * Creates at the vendor, unless it is there, the field {@code vendorField} of {@code vendorType} that a tenant's
   * mapping names (a HubSpot contact property, a Mailchimp merge field {@code merge_fields.TAG}), labelled
   * {@code label}, of the vendor's kind closest to {@code spec} (its type and options). Looks the field up first, so
   * repeating it creates nothing, and a field that is there is left as it is, whatever its type: the answer says what
   * it is. The default creates nothing and knows nothing: a connector whose types take no mapping overrides has no
   * fields to create.
   *
   * @throws VendorException when the vendor refuses the field (4xx: an invalid name or tag) or cannot be asked
   * @throws IllegalArgumentException for a field this connector cannot create in that type
   */
  default EnsuredField ensureField(ConnectionContext connection, String vendorType, String vendorField, String label,
      FieldSpec spec) {
    return new EnsuredField(false, null);
  }

  /**
   * The definition of the vendor field {@code vendorField} of {@code vendorType} in the common terms of
   * {@link FieldSpec} (a HubSpot enumeration property with its options, a Mailchimp dropdown with its choices), or
   * empty when the vendor has no such field or the connector cannot read its definitions (the default).
   *
   * @throws VendorException when the vendor cannot be asked
   */
  default Optional<FieldSpec> describeField(ConnectionContext connection, String vendorType, String vendorField) {
    return Optional.empty();
  }

  /**
   * What {@link #ensureField} did.
   *
   * @param created  whether this call created the field
   * @param existing the field that was there already, as the vendor defines it (null when created, or unknown)
   */
  record EnsuredField(boolean created, @Nullable FieldSpec existing) {}

  /**
   * Registers (idempotently) our webhook endpoint with the vendor where it has an API for that (Mailchimp
   * list webhooks). Returns false where the vendor needs it configured by hand (HubSpot app settings).
   */
  default boolean registerWebhook(ConnectionContext connection, String callbackUrl) {
    return false;
  }

  /**
   * Removes the webhook {@link #registerWebhook} registered for {@code callbackUrl}, if it is there (idempotent).
   * Returns false where nothing was registered through the vendor's API.
   *
   * @throws VendorException when the vendor could not be asked or refused
   */
  default boolean unregisterWebhook(ConnectionContext connection, String callbackUrl) {
    return false;
  }
}
