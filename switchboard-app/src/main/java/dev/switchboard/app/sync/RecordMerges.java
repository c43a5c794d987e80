package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.RepeatMergesSetting;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.mapping.FieldMappings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merges one canonical record into another, as one spine operation inside the caller's transaction. Canonical ids
 * are never reused or deleted: the merged record points at the survivor ({@code merged_into}) and every lookup by
 * its id follows it. Its links, edges (deduplicated), identity keys, history and idempotency records move to the
 * survivor (encrypted values
 * re-encrypted under the survivor's context); its owed writes are coalesced into the survivor's; the survivor takes
 * the values it lacked; {@code record.merged} is emitted. Used by vendor merges (HubSpot {@code contact.merge}).
 *
 * <p>Where both records had a live object in another connection whose {@code repeatMerges} setting is on
 * ({@link RepeatMergesSetting}) and whose connector can merge that type, the merge of those two objects is owed to it
 * ({@link MergeRepeats}, sent by {@link MergeEgress} after the commit); never to the connection the merge came from.
 * Elsewhere both objects stay linked to the survivor, its own object primary.
 */
@Component
class RecordMerges {
  private final GoldenRecords golden;
  private final Links links;
  private final Edges edges;
  private final Dependents dependents;
  private final Outbox outbox;
  private final Connections connections;
  private final FieldMappings mappings;
  private final DomainEvents events;
  private final Vault vault;
  private final JdbcClient db;
  private final ConnectorRegistry connectors;
  private final ExternalIds ids;
  private final MergeRepeats repeats;

  RecordMerges(GoldenRecords golden, Links links, Edges edges, Dependents dependents, Outbox outbox, Connections connections, FieldMappings mappings,
      DomainEvents events, Vault vault, JdbcClient db, ConnectorRegistry connectors, ExternalIds ids,
      MergeRepeats repeats) {
    this.connectors = connectors;
    this.ids = ids;
    this.repeats = repeats;
    this.golden = golden;
    this.links = links;
    this.edges = edges;
    this.dependents = dependents;
    this.outbox = outbox;
    this.connections = connections;
    this.mappings = mappings;
    this.events = events;
    this.vault = vault;
    this.db = db;
  }

  /** What a merge did. */
  enum Result {
    /** Merged. */
    MERGED,
    /** Already one record (merged before, or the same id). */
    ALREADY_ONE,
    /** A write of the merged record is in flight: try again once it has settled. */
    DEFERRED
  }

  /**
   * Merges {@code fromId} into {@code intoId}.
   *
   * @param sourceConnectionId the connection where the merge happened (it holds the merged values already: no write
   *                           is owed to it), or null
   */
  Result merge(String tenantId, String fromId, String intoId, String system, @Nullable String sourceConnectionId,
      Instant origin, @Nullable String correlationId) {
    // the task rows first (locked until we commit): the same lock order as every spine transaction
    if (outbox.inFlightAnywhere(tenantId, fromId)) {
      return Result.DEFERRED; // its bookkeeping would link the write to the old id after we moved everything
    }
    GoldenRecords.Golden from = golden.find(tenantId, fromId).orElse(null);
    GoldenRecords.Golden into = golden.find(tenantId, intoId).orElse(null);
    if (from == null || into == null || from.id().equals(into.id())) {
      return Result.ALREADY_ONE;
    }
    Map<String, FieldValue> fields = new LinkedHashMap<>(into.fields());
    from.fields().forEach(fields::putIfAbsent); // as HubSpot does: the survivor keeps its values, fills its gaps
    long version = fields.equals(into.fields()) ? into.version()
        : golden.update(into, fields);
    golden.markMerged(tenantId, from.id(), from.version(), into.id());
    List<OwedMerge> repeated = owedMerges(tenantId, from.id(), into.id(), sourceConnectionId);
    links.moveAll(tenantId, from.id(), into.id());
    repeated.forEach(m -> repeats.enqueue(tenantId, m.connectionId(), m.vendorType(), into.id(), m.survivorKey(),
        m.mergedKey(), correlationId));
    edges.moveAll(tenantId, from.id(), into.id());
    db.sql("update identity_key set canonical_id = ? where tenant_id = ? and canonical_id = ?")
        .params(into.id(), tenantId, from.id()).update();
    // the merged record's blocking keys file the survivor too (its other e-mail still finds it); one row per key
    db.sql("update match_key set canonical_id = ? where tenant_id = ? and canonical_id = ? and not exists (select 1 "
            + "from match_key k where k.tenant_id = match_key.tenant_id and k.object_type = match_key.object_type "
            + "and k.kind = match_key.kind and k.key_hash = match_key.key_hash and k.canonical_id = ?)")
        .params(into.id(), tenantId, from.id(), into.id()).update();
    db.sql("delete from match_key where tenant_id = ? and canonical_id = ?").params(tenantId, from.id()).update();
    db.sql("update idempotency_record set canonical_id = ? where tenant_id = ? and canonical_id = ?")
        .params(into.id(), tenantId, from.id()).update();
    moveHistory(tenantId, from.id(), into.id());

    Set<String> owed = new LinkedHashSet<>(outbox.takeOver(tenantId, from.id()));
    Set<String> filled = new LinkedHashSet<>(fields.keySet());
    filled.removeAll(into.fields().keySet());
    for (Connection c : connections.forTenant(tenantId)) {
      if (c.id().equals(sourceConnectionId) && !owed.contains(c.id())) {
        continue; // it merged them itself; but a write it was still owed (a newer value from elsewhere) stands
      }
      Set<String> wanted = mappings.fieldsFor(c.system(), into.objectType(), c.settings());
      if (owed.contains(c.id()) || filled.stream().anyMatch(wanted::contains)) {
        outbox.enqueue(tenantId, c.id(), into.id(), into.objectType(), version, origin, correlationId);
      }
    }
    // the merged record's dependents now take their derived values (a member's company name) from the survivor
    dependents.sourceChanged(tenantId, into.id(), into.objectType(), fields.keySet(), origin, correlationId);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", into.objectType());
    payload.put("canonical_id", into.id());
    payload.put("merged_id", from.id());
    payload.put("system", system);
    payload.put("filled_fields", List.copyOf(filled));
    events.emit(tenantId, DomainEvents.RECORD_MERGED, payload, correlationId);
    return Result.MERGED;
  }

  /**
   * {@code mergedId} was merged into {@code survivorId} in {@code source} (HubSpot {@code contact.merge}): the merged
   * object's link is tombstoned ({@link Links.Tombstone#MERGED}, so nothing is ever written to that id again) and,
   * when the two objects were two records here, the merged one's record is merged into the survivor's. When the
   * survivor is not linked yet, its own change job links it (by identity) when it runs.
   */
  Result vendorMerged(String tenantId, Connection source, String vendorType, String mergedId, String survivorId,
      Instant origin, @Nullable String correlationId) {
    Links.Link merged = links.byExternal(tenantId, source.id(), vendorType, mergedId).orElse(null);
    if (merged == null) {
      return Result.ALREADY_ONE; // never seen here: nothing to fold
    }
    if (outbox.inFlightAnywhere(tenantId, merged.canonicalId())) {
      return Result.DEFERRED;
    }
    links.tombstone(tenantId, source.id(), vendorType, mergedId, Links.Tombstone.MERGED);
    Links.Link survivor = links.byExternal(tenantId, source.id(), vendorType, survivorId).orElse(null);
    if (survivor == null) {
      // The survivor is not linked yet (its own change job has not run): it is this record's object now. Linking it
      // here (with no snapshot, so its next read is applied in full) keeps the record connected to the vendor.
      links.put(tenantId, source.id(), vendorType, survivorId, null, merged.canonicalId(), Map.of(), null, false,
          "merge");
      return Result.ALREADY_ONE;
    }
    return merge(tenantId, merged.canonicalId(), survivor.canonicalId(), source.system(), source.id(), origin,
        correlationId);
  }

  private record OwedMerge(String connectionId, String vendorType, String survivorKey, String mergedKey) {}

  /**
   * The merges owed to other connections: each live object of {@code fromId} in a connection (not the source) with
   * {@code repeatMerges} on, whose connector merges its type, and where {@code intoId} has a live primary object.
   * Read before the links move, while each object still says whose it was.
   */
  private List<OwedMerge> owedMerges(String tenantId, String fromId, String intoId,
      @Nullable String sourceConnectionId) {
    List<Links.Link> merged = links.forCanonical(tenantId, fromId);
    if (merged.isEmpty()) {
      return List.of();
    }
    Map<String, Connection> repeating = new LinkedHashMap<>();
    for (Connection c : connections.forTenant(tenantId)) {
      if (!c.id().equals(sourceConnectionId) && RepeatMergesSetting.enabled(c.settings())) {
        repeating.put(c.id(), c);
      }
    }
    if (repeating.isEmpty()) {
      return List.of();
    }
    List<Links.Link> survivors = links.forCanonical(tenantId, intoId);
    List<OwedMerge> out = new ArrayList<>();
    for (Links.Link m : merged) {
      Connection c = repeating.get(m.connectionId());
      if (!m.live() || c == null || !connectors.get(c.system()).mergeableTypes().contains(m.vendorType())) {
        continue;
      }
      // a vendor merges two objects of one of its types
      survivors.stream()
          .filter(s -> s.live() && s.primary() && s.connectionId().equals(c.id()) && s.vendorType().equals(m.vendorType()))
          .findFirst()
          .ifPresent(s -> out.add(new OwedMerge(c.id(), m.vendorType(), ids.key(s.externalId()),
              ids.key(m.externalId()))));
    }
    return out;
  }

  /** History rows are encrypted bound to their record and field: re-encrypt them under the survivor. */
  private void moveHistory(String tenantId, String fromId, String intoId) {
    record Row(long id, String field, @Nullable String oldEnc, @Nullable String newEnc) {}
    List<Row> rows = db.sql("select id, field, old_value_enc, new_value_enc from record_history where tenant_id = ? "
            + "and canonical_id = ?")
        .params(tenantId, fromId)
        .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    for (Row r : rows) {
      String was = "history:" + fromId + ":" + r.field();
      String now = "history:" + intoId + ":" + r.field();
      db.sql("update record_history set canonical_id = ?, old_value_enc = ?, new_value_enc = ? where tenant_id = ? "
              + "and id = ?")
          .params(intoId, reseal(r.oldEnc(), was, now), reseal(r.newEnc(), was, now), tenantId, r.id()).update();
    }
  }

  private @Nullable String reseal(@Nullable String enc, String was, String now) {
    return enc == null ? null : vault.encrypt(vault.decrypt(enc, was), now);
  }
}
