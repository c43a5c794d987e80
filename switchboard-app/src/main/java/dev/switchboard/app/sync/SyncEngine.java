package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.mapping.FieldAuthority;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Applies one source record to the golden record: clean → identity → diff against what that system last
 * held (echo suppression) → merge → links, identity keys, history, outbox tasks and {@code crm.synced}.
 * Must run inside a transaction (the caller's); holds no state between calls.
 */
@Component
class SyncEngine {
  private final GoldenRecords golden;
  private final Links links;
  private final IdentityResolver identity;
  private final Outbox outbox;
  private final Tenants tenants;
  private final FieldAuthority authority;
  private final ConnectorRegistry connectors;
  private final DomainEvents events;
  private final SyncMetrics metrics;
  private final ExternalIds ids;
  private final MergePolicies policies;
  private final DesiredValues desired;
  private final DeletePropagation deletes;
  private final AppliedChanges applied;
  private final IdentityReviews reviews;

  SyncEngine(GoldenRecords golden, Links links, IdentityResolver identity, Outbox outbox, Tenants tenants,
      FieldAuthority authority, ConnectorRegistry connectors, DomainEvents events, SyncMetrics metrics, ExternalIds ids,
      MergePolicies policies, DesiredValues desired, DeletePropagation deletes, AppliedChanges applied,
      IdentityReviews reviews) {
    this.reviews = reviews;
    this.desired = desired;
    this.golden = golden;
    this.links = links;
    this.identity = identity;
    this.outbox = outbox;
    this.tenants = tenants;
    this.authority = authority;
    this.connectors = connectors;
    this.events = events;
    this.metrics = metrics;
    this.ids = ids;
    this.policies = policies;
    this.deletes = deletes;
    this.applied = applied;
  }

  /**
   * What applying a record did.
   *
   * @param deferred our own write to this record in the source is in flight: apply the record again once it has
   *                 settled
   * @param stale    the record was read before the link last changed (our write landed since): it may predate
   *                 that write, so it must be read again, not applied
   * @param linked   the source's object is new to the record: the record became linked there (see {@link
   *                 EdgeFanOut#linked}, owed once the source's own associations are observed)
   */
  record Outcome(String canonicalId, long version, List<Merge.Change> changes, boolean echo, boolean deferred,
      boolean stale, boolean linked) {
    static Outcome deferredOutcome() {
      return new Outcome("", 0, List.of(), false, true, false, false);
    }

    static Outcome staleOutcome() {
      return new Outcome("", 0, List.of(), false, false, true, false);
    }
  }

  /**
   * {@code record}, read from {@code source}, cleaned ({@link #clean}) once the vendor references in its lines are
   * the records their objects are linked to ({@link LineReferences}).
   */
  CanonicalRecord cleanFrom(String tenantId, Connection source, CanonicalRecord record) {
    Connector connector = connectors.get(source.system());
    return clean(tenantId, LineReferences.inbound(record, (type, externalId) -> links.byExternal(tenantId,
        source.id(), connector.vendorTypeFor(type).orElse(type), externalId).filter(Links.Link::live)
        .map(Links.Link::canonicalId)));
  }

  CanonicalRecord clean(String tenantId, CanonicalRecord record) {
    String region = tenants.find(tenantId).map(Tenants.Tenant::defaultRegion).orElse("US");
    return RecordCleaning.clean(region, record);
  }

  /**
   * Applies a record read from {@code source} ({@code externalId} there, an object of the vendor type the binding holds
   * such records as), modified at {@code modifiedAt}.
   *
   * @param sourceSystem system name for provenance ({@code api} for the upsert API, else the connection's)
   * @param readAt       when the record was read from the source (before the read started)
   * @param origin       when the change reached us (for end-to-end latency)
   */
  Outcome apply(String tenantId, @Nullable Connection source, String sourceSystem, @Nullable String externalId,
      CanonicalRecord cleaned, Instant modifiedAt, Instant readAt, Instant origin, @Nullable String correlationId) {
    String vendorType = source == null ? cleaned.type()
        : connectors.get(source.system()).vendorTypeFor(cleaned.type()).orElse(cleaned.type());
    return apply(tenantId, source, sourceSystem, vendorType, externalId, null, cleaned, modifiedAt, null, readAt, origin,
        correlationId);
  }

  /**
   * The owners of parts the vendor no longer places (see {@link Connector#ownerTypes}): part id → its owner, from the
   * lines the spine last knew of the owners' objects in {@code source}.
   */
  Map<String, Connector.PartOf> lastKnownOwners(Connection source, String partType, Set<String> partIds) {
    Map<String, Connector.PartOf> out = new LinkedHashMap<>();
    for (String ownerType : connectors.get(source.system()).ownerTypes(partType)) {
      Set<String> left = new java.util.HashSet<>(partIds);
      left.removeAll(out.keySet());
      if (!left.isEmpty()) {
        links.holdersOf(source.tenantId(), source.id(), ownerType, left)
            .forEach((part, owner) -> out.put(part, new Connector.PartOf(ownerType, owner)));
      }
    }
    return out;
  }

  /** {@code record}, read from {@code source} as {@code vendorType}, as the type of its record (see {@link TypeRouting}). */
  SourceRecord routed(String tenantId, Connection source, String vendorType, SourceRecord record) {
    return TypeRouting.routed(links, connectors.get(source.system()), tenantId, source, vendorType, record);
  }

  /**
   * As above, with the source's own times of some fields ({@link dev.switchboard.app.connectors.SourceRecord#fieldModifiedAt},
   * null for none). How far the times count is the source's {@link dev.switchboard.app.connectors.TimestampCapability}
   * (see {@link Merge}); a source without usable times, or with record times only for a field, on a first link
   * only fills what the record lacks (see {@link Connector#seedsInitialSync}). {@code vendorType} is the type the
   * object was read as (links are keyed by it), {@code cleaned} already {@link #routed} to its record's type.
   */
  Outcome apply(String tenantId, @Nullable Connection source, String sourceSystem, String vendorType,
      @Nullable String externalId, @Nullable String previousExternalId, CanonicalRecord cleaned, Instant modifiedAt,
      @Nullable Map<String, Instant> fieldModifiedAt, Instant readAt, Instant origin, @Nullable String correlationId) {
    return apply(tenantId, source, sourceSystem, vendorType, externalId, previousExternalId, null, cleaned, modifiedAt,
        fieldModifiedAt, readAt, origin, correlationId);
  }

  /**
   * As above, for an object that was {@code previousExternalId} of {@code previousVendorType} before (a type change,
   * null for the object's own type): it takes that object's record, and that link is tombstoned {@code MOVED}. An
   * object whose link is {@code MOVED} (the converted lead read again) changes nothing.
   */
  Outcome apply(String tenantId, @Nullable Connection source, String sourceSystem, String vendorType,
      @Nullable String externalId, @Nullable String previousExternalId, @Nullable String previousVendorType,
      CanonicalRecord cleaned, Instant modifiedAt, @Nullable Map<String, Instant> fieldModifiedAt, Instant readAt,
      Instant origin, @Nullable String correlationId) {
    return apply(tenantId, source, sourceSystem, vendorType, externalId, previousExternalId, previousVendorType, null,
        cleaned, modifiedAt, fieldModifiedAt, readAt, origin, correlationId, null);
  }

  /**
   * As above, for an object carrying {@code createKey} ({@link dev.switchboard.app.connectors.SourceRecord#createKey}):
   * an unlinked object carrying a key we sent to this connection is the record we sent it for ({@link
   * Links#rememberCreate}), never a new record nor one its values match; it is linked ({@code create_key}) as the echo
   * of our create: it fills what the record lacks and is written what the record holds (a create reported refused,
   * such as a deal whose line items were refused, is retried by that write).
   */
  Outcome apply(String tenantId, @Nullable Connection source, String sourceSystem, String vendorType,
      @Nullable String externalId, @Nullable String previousExternalId, @Nullable String previousVendorType,
      CanonicalRecord cleaned, Instant modifiedAt, @Nullable Map<String, Instant> fieldModifiedAt, Instant readAt,
      Instant origin, @Nullable String correlationId, @Nullable String createKey) {
    return apply(tenantId, source, sourceSystem, vendorType, externalId, previousExternalId, previousVendorType, null,
        cleaned, modifiedAt, fieldModifiedAt, readAt, origin, correlationId, createKey);
  }

  /**
   * A change made through the API at {@code at} to the record the caller named, {@code canonicalId} (a type linked only,
   * such as a deal, found by its upsert key or its link; a new id makes the record): applied as {@link #apply} applies
   * the API's changes, without identity resolution. A record merged away meanwhile is followed to its survivor.
   */
  Outcome applyTo(String tenantId, String canonicalId, CanonicalRecord cleaned, Instant at,
      @Nullable String correlationId) {
    return applyTo(tenantId, canonicalId, cleaned, at, correlationId, ApiUpserts.API);
  }

  /** As above, a change made in {@code sourceSystem} (its provenance): an edit made in the console is one. */
  Outcome applyTo(String tenantId, String canonicalId, CanonicalRecord cleaned, Instant at,
      @Nullable String correlationId, String sourceSystem) {
    return apply(tenantId, null, sourceSystem, cleaned.type(), null, null, null, canonicalId, cleaned, at, null, at,
        at, correlationId, null);
  }

  private Outcome apply(String tenantId, @Nullable Connection source, String sourceSystem, String vendorType,
      @Nullable String externalId, @Nullable String previousExternalId, @Nullable String previousVendorType,
      @Nullable String knownCanonicalId, CanonicalRecord cleaned, Instant modifiedAt,
      @Nullable Map<String, Instant> fieldModifiedAt, Instant readAt, Instant origin, @Nullable String correlationId,
      @Nullable String createKey) {
    Links.Link link = source == null || externalId == null ? null
        : links.byExternal(tenantId, source.id(), vendorType, externalId).orElse(null);
    if (link != null && link.tombstone() == Links.Tombstone.MOVED) {
      return new Outcome("", 0, List.of(), true, false, false, false); // its record is held as another object now
    }
    if (link != null && link.live() && previousExternalId != null && previousVendorType != null
        && !previousVendorType.equals(vendorType)) {
      // the new object was read (and linked to the same person) before its type-change event: the old one ends here
      String record = link.canonicalId();
      links.byExternal(tenantId, source.id(), previousVendorType, previousExternalId)
          .filter(old -> old.live() && old.canonicalId().equals(record))
          .ifPresent(old -> links.tombstone(tenantId, source.id(), old.vendorType(), old.externalId(),
              Links.Tombstone.MOVED));
    }
    if (link == null && source != null && externalId != null && previousExternalId != null) {
      link = links.byExternal(tenantId, source.id(), previousVendorType == null ? vendorType : previousVendorType,
          previousExternalId).orElse(null);
      if (link != null && outbox.inFlight(tenantId, source.id(), link.canonicalId())) {
        return Outcome.deferredOutcome(); // our write under the old id must settle before the link moves
      }
      if (link == null && outbox.anyInFlight(tenantId, source.id())) {
        // The old id is not linked yet: most likely our own write of it is still in flight. Resolving by the
        // new e-mail now would create a second person; wait for the write to settle.
        return Outcome.deferredOutcome();
      }
    }
    String canonicalId;
    boolean created = false;
    String linkRule = "source";
    IdentityResolver.Resolution resolution = null;
    // an unlinked object we created: the record we sent its key for (followed to its survivor if merged since)
    Optional<GoldenRecords.Golden> ours = link != null || source == null || createKey == null ? Optional.empty()
        : links.createdFor(tenantId, source.id(), createKey).flatMap(id -> golden.find(tenantId, id))
            .filter(g -> g.objectType().equals(cleaned.type()));
    if (link != null) {
      canonicalId = link.canonicalId();
    } else if (ours.isPresent()) {
      canonicalId = ours.get().id();
      linkRule = "create_key";
    } else if (knownCanonicalId != null) {
      Optional<GoldenRecords.Golden> known = golden.find(tenantId, knownCanonicalId);
      canonicalId = known.map(GoldenRecords.Golden::id).orElse(knownCanonicalId);
      created = known.isEmpty();
    } else {
      // the API (no source) names its contact by e-mail: that is the upsert's key, not a match to judge
      IdentityResolver.Resolution r = identity.resolve(tenantId, cleaned, source == null);
      resolution = r;
      if (r.created() && r.match() == null && source != null
          && RecordCleaning.TYPES.find(cleaned.type()).map(t -> t.identity().isEmpty()).orElse(false)
          && outbox.anyInFlight(tenantId, source.id(), cleaned.type())) {
        // A type no key identifies (a deal): this object would become a new record, yet while a write of that type
        // to this system is on the wire it may be our own create, read (by its creation webhook) before the create
        // came back and was linked. Judge it once that write has settled: then its link says whose it is.
        return Outcome.deferredOutcome();
      }
      if (r.created() && r.match() != null && source != null
          && outbox.inFlight(tenantId, source.id(), r.match().candidateId())) {
        // the candidate is being written to this system: this object may be that write (its echo, edited meanwhile);
        // judge it once the write has settled and linked it
        return Outcome.deferredOutcome();
      }
      // a key may still name a record merged away (claimed while the merge moved the keys): find follows it
      Optional<GoldenRecords.Golden> matched = r.created() ? Optional.empty() : golden.find(tenantId, r.canonicalId());
      canonicalId = matched.map(GoldenRecords.Golden::id).orElse(r.canonicalId());
      if (!r.created() && isSomeoneElse(tenantId, source, vendorType, externalId, cleaned, r)) {
        canonicalId = java.util.UUID.randomUUID().toString();
        created = true;
      } else {
        created = r.created() || matched.isEmpty();
        linkRule = r.matchedBy() == null ? "source" : r.matchedBy();
      }
    }
    // Our own write to this system for this record is in flight: its echo could be read before we record
    // what we wrote. Come back after the write has settled.
    if (source != null && outbox.inFlight(tenantId, source.id(), canonicalId)) {
      return Outcome.deferredOutcome();
    }
    if (source != null && externalId != null) {
      // Read the link again now that the in-flight check holds the write's row: a write that finished while we
      // were resolving the record has committed its link by now, and what it wrote is what the source holds.
      Links.Link current = links.byExternal(tenantId, source.id(), vendorType, externalId).orElse(link);
      if (current != null && !current.canonicalId().equals(canonicalId)) {
        return Outcome.deferredOutcome(); // linked elsewhere meanwhile: resolve again on the next attempt
      }
      link = current;
    }
    // A read that started before the link last changed may not show our write that changed it: diffing it against
    // the snapshot of that write would take the vendor's old values for new edits (or date a real edit too early).
    if (link != null && readAt.isBefore(link.snapshotAt())) {
      return Outcome.staleOutcome();
    }

    Map<String, Object> snapshot = link == null ? Map.of() : link.snapshot();
    Map<String, Object> changedAtSource = new LinkedHashMap<>();
    Map<String, Set<String>> rules = authority.rules(tenantId, cleaned.type());
    GoldenRecords.Golden current = created ? null : golden.find(tenantId, canonicalId).orElse(null);
    if (current != null && !current.id().equals(canonicalId)) {
      // merged into another record meanwhile: start over, the links and keys now lead to the survivor
      throw new org.springframework.dao.OptimisticLockingFailureException("record was merged meanwhile");
    }
    Map<String, FieldValue> before = current == null ? Map.of() : current.fields();
    // A value that differs from the snapshot we took at S, in a read started after S, was changed after S.
    Merge.Stamp stamp = policies.stamp(sourceSystem, cleaned.type(), modifiedAt, fieldModifiedAt,
        link != null && readAt.isAfter(link.snapshotAt()) ? link.snapshotAt() : null);
    // A first link to a record that has values: only the seed's values replace them (see Connector#seedsInitialSync),
    // or values the source dates one by one; a source without usable times only fills, seed or not
    boolean fillOnly = link == null && source != null && !before.isEmpty()
        && (!stamp.capability().timed() || !seeds(source));
    boolean ourCreate = ours.isPresent() && link == null;
    cleaned.fields().forEach((f, v) -> {
      if (Merge.sameValue(snapshot.get(f), v)) {
        return;
      }
      if (ourCreate && before.get(f) != null && !Merge.sameValue(before.get(f).value(), null)) {
        // our own create read back: where it holds other values than the record (a part of the create that was
        // refused or is still on its way), they are not edits made there; the record's value is written below
        return;
      }
      if (fillOnly && !stamp.fieldTimes().containsKey(f) && before.get(f) != null
          && !Merge.sameValue(before.get(f).value(), null)) {
        return; // the record's value stays and is written to this system below
      }
      if (!FieldAuthority.allows(rules, f, sourceSystem)) {
        metrics.unauthorizedIgnored(sourceSystem); // not merged; the golden value goes back to the source below
        return;
      }
      changedAtSource.put(f, v);
    });
    Merge.Result merged = Merge.apply(before, changedAtSource, stamp, policies.forType(cleaned.type()));

    long version = golden.save(tenantId, canonicalId, cleaned.type(), current, merged);
    boolean linked = false;
    if (source != null && externalId != null) {
      Map<String, Object> newSnapshot = new LinkedHashMap<>(snapshot);
      newSnapshot.putAll(cleaned.fields());
      // a type change: the old object's link ends (never revived), the new one is the record's in its place
      boolean moved = link != null && !link.vendorType().equals(vendorType);
      if (moved) {
        links.tombstone(tenantId, source.id(), link.vendorType(), link.externalId(), Links.Tombstone.MOVED);
      }
      linked = links.put(tenantId, source.id(), vendorType, externalId,
          link == null || moved ? null : link.externalId(), canonicalId, newSnapshot, modifiedAt, false,
          moved ? "type_change" : linkRule);
      // A value the golden record did not take (an older change, a stale read) must not stay in the source: send it
      // the golden value, so that every linked system ends holding the same.
      GoldenRecords.Golden now = new GoldenRecords.Golden(canonicalId, tenantId, cleaned.type(), version, merged.fields());
      if (holdsOtherValues(source, newSnapshot, now)) {
        outbox.enqueue(tenantId, source.id(), canonicalId, cleaned.type(), version, origin, correlationId);
      }
    }
    Map<String, Object> event = new LinkedHashMap<>();
    if (resolution != null && resolution.match() != null) {
      event.putAll(recordMatch(tenantId, source, sourceSystem, vendorType, externalId, cleaned.type(), canonicalId,
          created, version, resolution, correlationId));
    }
    if (!merged.changed()) {
      if (link != null && changedAtSource.isEmpty()) {
        metrics.echoSuppressed(sourceSystem);
      }
      return new Outcome(canonicalId, version, List.of(), changedAtSource.isEmpty(), false, false, linked);
    }
    event.put("external_id", externalId == null ? null : ids.shown(sourceSystem, externalId));
    event.put("created", current == null);
    applied.record(tenantId, source == null ? null : source.id(), sourceSystem, cleaned.type(), canonicalId, version,
        before, merged, event, origin, correlationId);
    return new Outcome(canonicalId, version, merged.changes(), false, false, false, linked);
  }

  /**
   * Records how an unlinked object was resolved: an automatic link with its rule and score, or a new record with the
   * candidate it may be (the review queue); returns what {@code crm.synced} says of it ({@code identity}: rule, score,
   * reasons). A record made new for another reason (the source links the match to another object) records nothing.
   * {@code externalId} null: the record is derived from an object, not linked (such a link cannot be split back out).
   */
  Map<String, Object> recordMatch(String tenantId, @Nullable Connection source, String sourceSystem,
      String vendorType, @Nullable String externalId, String type, String canonicalId, boolean created, long version,
      IdentityResolver.Resolution r, @Nullable String correlationId) {
    IdentityResolver.Match m = java.util.Objects.requireNonNull(r.match());
    String connectionId = source == null ? null : source.id();
    if (!created && !r.created()) {
      reviews.linked(tenantId, type, canonicalId, connectionId, vendorType, externalId, m.verdict(), sourceSystem,
          version, correlationId);
    } else if (created && r.created() && canonicalId.equals(r.canonicalId())) {
      reviews.propose(tenantId, type, canonicalId, m.candidateId(), connectionId, vendorType, externalId, m.verdict());
    } else {
      return Map.of();
    }
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("decision", m.verdict().decision().name().toLowerCase(java.util.Locale.ROOT));
    identity.put("rule", m.verdict().rule());
    identity.put("score", m.verdict().score());
    identity.put("reasons", m.verdict().reasons());
    return Map.of("identity", identity);
  }

  boolean seeds(Connection source) {
    String setting = source.settings().get("initialSyncSeed");
    return setting != null ? Boolean.parseBoolean(setting)
        : connectors.find(source.system()).map(Connector::seedsInitialSync).orElse(false);
  }

  /** Whether {@code source} holds, for a field it should hold, something other than what it should (see {@link DesiredValues}). */
  private boolean holdsOtherValues(Connection source, Map<String, Object> held, GoldenRecords.Golden record) {
    for (Map.Entry<String, Object> e : desired.of(source, record).entrySet()) {
      if (!Merge.sameValue(held.get(e.getKey()), e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The vendor no longer has the object: its link is tombstoned, so that egress never re-creates the object there
   * (a person deleted from HubSpot is not brought back by an edit in Mailchimp) and the object coming back (a restore)
   * revives the same link and record. The golden record keeps the data; other systems get a delete only where
   * their policy says so ({@link DeletePropagation}). A deletion of an object already tombstoned (our own delete's
   * echo, a repeat) does nothing more.
   */
  void tombstoneDeleted(String tenantId, Connection source, String vendorType, String externalId,
      Links.Tombstone how) {
    links.tombstone(tenantId, source.id(), vendorType, externalId, how)
        .filter(was -> deletes.isNews(tenantId, source, was, how)).ifPresent(l -> {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("system", source.system());
      payload.put("type", l.objectType());
      payload.put("external_id", ids.shown(source.system(), externalId));
      payload.put("canonical_id", l.canonicalId());
      payload.put("direction", "inbound");
      payload.put("deleted", true);
      if (how == Links.Tombstone.ERASED) {
        payload.put("erased", true);
      }
      events.emit(tenantId, DomainEvents.CRM_SYNCED, payload, null);
      deletes.propagate(tenantId, source, l.objectType(), l.canonicalId(), how, null);
    });
  }

  /**
   * A match by key that must not be trusted: the source already links that person to another object (two
   * different objects in one system are two people), or the match was by phone while both sides have
   * different e-mails (a shared office line).
   */
  boolean isSomeoneElse(String tenantId, @Nullable Connection source, @Nullable String vendorType,
      @Nullable String externalId, CanonicalRecord cleaned, IdentityResolver.Resolution r) {
    if (source != null && externalId != null) {
      var existing = links.byCanonical(tenantId, source.id(), cleaned.type(), r.canonicalId());
      // a deleted object does not make a new one someone else: it is the person created there again. An erased one
      // does: nothing of the erased person may be sent to the new object. Nor does an object of another vendor type
      // (a lead, and the contact it is converted into, read before the conversion's event): one person, two shapes.
      if (existing.isPresent() && !existing.get().replaceable() && !existing.get().externalId().equals(externalId)
          && (vendorType == null || existing.get().vendorType().equals(vendorType))) {
        return true;
      }
    }
    String email = cleaned.string(ContactField.EMAIL);
    if (IdentityResolver.PHONE.equals(r.matchedBy()) && email != null && !email.isEmpty()) {
      Object known = golden.find(tenantId, r.canonicalId()).map(g -> g.fields().get(ContactField.EMAIL))
          .map(FieldValue::value).orElse(null);
      return known instanceof String k && !k.isEmpty() && !k.equals(email);
    }
    return false;
  }
}
