package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.model.IdentityKey;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.mapping.FieldAuthority;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Applies the records a binding derived from one vendor object ({@link SourceRecord#derived()}: a booking's client),
 * after the object's own record, in the same transaction. Each is resolved by its derivation first (the same object and
 * key name the same record, as a link would, unless its identity key changed: the object names someone else now), else
 * by the identity keys of its type (a client by e-mail) or as a new
 * record; its values are diffed against what the object last said of it ({@link Derivations}: echo suppression) and
 * merged with the source's authority and the object's time, by the rules a linked object's values follow; the
 * derivation records the rule that resolved it. No link is made: egress never creates a derived record in the
 * connection it came from ({@link Derivations#derivedFrom}), and its changes are not written back to that connection.
 * A derived record naming an edge label gets an edge from the object's record, sourced from the object's system.
 *
 * <p>Not done here: in-flight checks (nothing of ours is written to the source for a derived record, so no echo of it
 * can race), and ending a derived record that a later read no longer carries (the derivation stays; the record keeps
 * its values).
 */
@Component
class DerivedRecords {
  private final Derivations derivations;
  private final GoldenRecords golden;
  private final IdentityResolver identity;
  private final SyncEngine engine;
  private final FieldAuthority authority;
  private final MergePolicies policies;
  private final AppliedChanges applied;
  private final Edges edges;
  private final EdgeFanOut edgeFanOut;
  private final ExternalIds ids;
  private final SyncMetrics metrics;

  DerivedRecords(Derivations derivations, GoldenRecords golden, IdentityResolver identity, SyncEngine engine,
      FieldAuthority authority, MergePolicies policies, AppliedChanges applied, Edges edges, EdgeFanOut edgeFanOut,
      ExternalIds ids, SyncMetrics metrics) {
    this.derivations = derivations;
    this.golden = golden;
    this.identity = identity;
    this.engine = engine;
    this.authority = authority;
    this.policies = policies;
    this.applied = applied;
    this.edges = edges;
    this.edgeFanOut = edgeFanOut;
    this.ids = ids;
    this.metrics = metrics;
  }

  /**
   * Applies {@code read}'s derived records ({@code read} is the object, read from {@code source} as {@code vendorType}
   * and already routed to its record's type) now that its own record is {@code primaryId}. Call in the transaction that
   * applied the object; a concurrent change of a derived record fails it as one of the object's own would
   * (optimistic locking), and the caller retries the whole.
   *
   * @param readAt when the object was read: a derivation applied from a newer read is left as it is
   * @return the canonical ids of the derived records, by derivation key (those skipped as older are absent)
   */
  Map<String, String> apply(Connection source, String vendorType, SourceRecord read, String primaryId, Instant readAt,
      Instant origin, @Nullable String correlationId) {
    Map<String, String> out = new LinkedHashMap<>();
    if (primaryId.isEmpty()) {
      return out;
    }
    Map<String, Set<String>> byLabel = new LinkedHashMap<>(); // an invoice's lines: one label, several records
    boolean skipped = false;
    for (SourceRecord.Derived d : read.derived()) {
      Optional<String> id = applyOne(source, vendorType, read, d, readAt, origin, correlationId);
      id.ifPresent(i -> out.put(d.key(), i));
      skipped |= id.isEmpty();
      if (d.edgeLabel() != null) {
        byLabel.computeIfAbsent(d.edgeLabel(), l -> new java.util.LinkedHashSet<>());
        id.ifPresent(i -> byLabel.get(d.edgeLabel()).add(i));
      }
    }
    if (!skipped) { // an older read says nothing about the edges
      byLabel.forEach((label, ids) -> edges(source, read, primaryId, label, ids, origin, correlationId));
    }
    return out;
  }

  /**
   * The source system an edge to a derived record is kept under: the object's own word, not an association the system
   * reports, so that reading the system's associations of the object ({@link AssociatedRecords#observe}, which ends the
   * system's edges it no longer reports) leaves it alone.
   */
  static String edgeSource(String system) {
    return system + ":derived";
  }

  private Optional<String> applyOne(Connection source, String vendorType, SourceRecord read, SourceRecord.Derived d,
      Instant readAt, Instant origin, @Nullable String correlationId) {
    String tenantId = source.tenantId();
    CanonicalRecord cleaned = engine.clean(tenantId, d.record());
    Optional<Derivations.Derivation> known = derivations.find(tenantId, source.id(), vendorType, read.externalId(),
        d.key());
    if (known.isPresent() && readAt.isBefore(known.get().updatedAt())) {
      return Optional.empty(); // a newer read of the object applied this derivation already
    }
    // the derivation first (a merge since leads to the survivor), as a link would — unless the object now names
    // another one under the key (a booking's client replaced: its e-mail is not the one the booking gave before);
    // else the type's identity keys
    GoldenRecords.Golden current = known.filter(k -> !namesAnother(k.snapshot(), cleaned))
        .flatMap(k -> golden.find(tenantId, k.canonicalId()))
        .filter(g -> g.objectType().equals(cleaned.type())).orElse(null);
    String canonicalId;
    String rule;
    Derivations.Derivation held = null; // the object's earlier word on this record, if it was about this record
    IdentityResolver.Resolution resolution = null;
    if (current != null) {
      canonicalId = current.id();
      rule = known.get().rule();
      held = known.get();
    } else {
      IdentityResolver.Resolution r = identity.resolve(tenantId, cleaned);
      resolution = r;
      current = r.created() ? null : golden.find(tenantId, r.canonicalId()).orElse(null);
      if (current != null && engine.isSomeoneElse(tenantId, null, null, null, cleaned, r)) {
        current = null; // a shared phone with another e-mail: another person
        canonicalId = UUID.randomUUID().toString();
      } else {
        canonicalId = current != null ? current.id() : r.canonicalId();
      }
      rule = current == null || r.matchedBy() == null ? "created" : r.matchedBy();
    }

    Map<String, Object> snapshot = held == null ? Map.of() : held.snapshot();
    Map<String, FieldValue> before = current == null ? Map.of() : current.fields();
    Merge.Stamp stamp = policies.stamp(source.system(), cleaned.type(), read.modifiedAt(), null,
        held != null && readAt.isAfter(held.updatedAt()) ? held.updatedAt() : null);
    // the same first-time rule as a first link: only a seeding, timed source replaces values the record has
    boolean fillOnly = held == null && !before.isEmpty() && (!stamp.capability().timed() || !engine.seeds(source));
    Map<String, Set<String>> rules = authority.rules(tenantId, cleaned.type());
    Map<String, Object> changedAtSource = new LinkedHashMap<>();
    cleaned.fields().forEach((f, v) -> {
      if (Merge.sameValue(snapshot.get(f), v)) {
        return; // what the object said already (our echo, or an unchanged object read again)
      }
      if (fillOnly && before.get(f) != null && !Merge.isEmpty(before.get(f).value())) {
        return;
      }
      if (!FieldAuthority.allows(rules, f, source.system())) {
        metrics.unauthorizedIgnored(source.system());
        return;
      }
      changedAtSource.put(f, v);
    });
    Merge.Result merged = Merge.apply(before, changedAtSource, stamp, policies.forType(cleaned.type()));
    long version = golden.save(tenantId, canonicalId, cleaned.type(), current, merged);
    Map<String, Object> newSnapshot = new LinkedHashMap<>(snapshot);
    newSnapshot.putAll(cleaned.fields());
    derivations.put(tenantId, source.id(), vendorType, read.externalId(), d.key(), cleaned.type(), canonicalId,
        newSnapshot, read.modifiedAt(), rule);
    Map<String, Object> matched = resolution == null || resolution.match() == null ? Map.of()
        : engine.recordMatch(tenantId, source, source.system(), vendorType, null, cleaned.type(), canonicalId,
            current == null, version, resolution, correlationId);
    if (merged.changed()) {
      Map<String, Object> event = new LinkedHashMap<>(matched);
      event.put("external_id", null); // it has no object of its own there
      event.put("created", current == null);
      event.put("derived_from", ids.shown(source.system(), read.externalId()));
      event.put("derivation_key", d.key());
      // never back to the source: it holds the record only inside the object it came from
      applied.record(tenantId, source.id(), source.system(), cleaned.type(), canonicalId, version, before, merged,
          event, origin, correlationId);
    } else if (held != null && changedAtSource.isEmpty()) {
      metrics.echoSuppressed(source.system());
    }
    return Optional.of(canonicalId);
  }

  /**
   * Whether {@code now} is someone else than the record the object said {@code said} of: its strongest identity key (a
   * contact's e-mail, else phone; a company's domain) changed. Renaming the record the key stood for would overwrite
   * one person with another everywhere; a corrected e-mail makes a second record instead, which a merge folds back.
   */
  static boolean namesAnother(Map<String, Object> said, CanonicalRecord now) {
    if (CanonicalRecord.CONTACT.equals(now.type())) {
      for (String key : List.of(ContactField.EMAIL, ContactField.PHONE)) {
        Object before = said.get(key);
        String after = now.string(key);
        if (!Merge.isEmpty(before) && after != null && !after.isEmpty()) {
          return !before.equals(after);
        }
      }
      return false;
    }
    List<IdentityKey> was = RecordCleaning.identityKeys(now.type(), said);
    List<IdentityKey> is = RecordCleaning.identityKeys(now.type(), now.fields());
    return !was.isEmpty() && !is.isEmpty() && !was.getFirst().equals(is.getFirst());
  }

  /**
   * The object's record has edges {@code label} to exactly the derived records {@code derivedIds}, as the object says
   * now: an edge of the label the object made earlier to another record (a client replaced) ends.
   */
  private void edges(Connection source, SourceRecord read, String primaryId, String label, Set<String> derivedIds,
      Instant origin, @Nullable String correlationId) {
    String tenantId = source.tenantId();
    String system = edgeSource(source.system());
    Set<String> ended = new java.util.LinkedHashSet<>();
    for (Edges.Edge e : edges.from(tenantId, primaryId, label)) {
      if (e.live() && e.sourceSystem().equals(system) && !derivedIds.contains(e.toId())) {
        ended.add(e.toId());
      }
    }
    Map<String, Boolean> made = new LinkedHashMap<>();
    derivedIds.forEach(id -> made.put(id, derivedIds.size() == 1)); // the one client is the primary one
    List<Edges.Change> changes = edges.change(tenantId, primaryId, label, made, ended, system, read.modifiedAt());
    edgeFanOut.changed(tenantId, source.id(), read.objectType(), primaryId, label, changes, origin, correlationId);
  }
}
