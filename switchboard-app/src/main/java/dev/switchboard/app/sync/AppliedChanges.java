package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.mapping.FieldMappings;
import dev.switchboard.app.mapping.RecordFilter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What follows a merge that changed a golden record, whatever brought the change (a linked object, a derived record):
 * identity keys moved to the new values, field history, a write enqueued to every other connection that maps a changed
 * field or filters records on one (and to the records that carry values of this one, {@link Dependents}), and
 * {@code crm.synced}. One place, so that a record changed through a derivation is kept exactly as one changed through
 * its link. Call in the transaction that wrote the record.
 */
@Component
class AppliedChanges {
  private final IdentityResolver identity;
  private final Outbox outbox;
  private final Connections connections;
  private final FieldMappings mappings;
  private final Dependents dependents;
  private final EdgeFanOut edgeFanOut;
  private final DomainEvents events;
  private final SyncMetrics metrics;
  private final Vault vault;
  private final JdbcClient db;
  private final Clock clock;

  AppliedChanges(IdentityResolver identity, Outbox outbox, Connections connections, FieldMappings mappings,
      Dependents dependents, EdgeFanOut edgeFanOut, DomainEvents events, SyncMetrics metrics, Vault vault, JdbcClient db,
      Clock clock) {
    this.edgeFanOut = edgeFanOut;
    this.identity = identity;
    this.outbox = outbox;
    this.connections = connections;
    this.mappings = mappings;
    this.dependents = dependents;
    this.events = events;
    this.metrics = metrics;
    this.vault = vault;
    this.db = db;
    this.clock = clock;
  }

  /**
   * Records that {@code merged} (which changed something) is now version {@code version} of {@code canonicalId}, whose
   * fields were {@code before}; {@code sourceConnectionId} (null for the API) is not written back to here.
   *
   * @param event what {@code crm.synced} says besides the change itself ({@code external_id}, {@code created}, …)
   */
  void record(String tenantId, @Nullable String sourceConnectionId, String sourceSystem, String type,
      String canonicalId, long version, Map<String, FieldValue> before, Merge.Result merged,
      Map<String, Object> event, Instant origin, @Nullable String correlationId) {
    updateIdentityKeys(tenantId, type, canonicalId, before, merged.fields(), merged.changes());
    identity.refreshMatchKeys(tenantId, type, canonicalId, IdentityResolver.plain(merged.fields()),
        merged.changes().stream().map(Merge.Change::field).toList());
    recordHistory(tenantId, canonicalId, version, merged.changes(), sourceSystem, merged.fields(), correlationId);
    fanOut(tenantId, sourceConnectionId, canonicalId, type, version, before, merged, origin, correlationId);
    metrics.applied(sourceSystem, "inbound");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("system", sourceSystem);
    payload.put("type", type);
    payload.put("external_id", event.get("external_id"));
    payload.put("canonical_id", canonicalId);
    payload.put("direction", "inbound");
    payload.put("version", version);
    payload.put("changed_fields", merged.changes().stream().map(Merge.Change::field).toList());
    event.forEach(payload::putIfAbsent);
    events.emit(tenantId, DomainEvents.CRM_SYNCED, payload, correlationId);
  }

  /**
   * Enqueues a write to every other connection of the tenant that maps one of the changed fields, and owes the edge
   * changes dropped while a connection's record filter kept the record out to each connection whose filter the change
   * lets it in again ({@link EdgeFanOut#letIn}).
   */
  private void fanOut(String tenantId, @Nullable String sourceConnectionId, String canonicalId, String objectType,
      long version, Map<String, FieldValue> before, Merge.Result merged, Instant origin,
      @Nullable String correlationId) {
    List<Merge.Change> changes = merged.changes();
    for (Connection target : connections.forTenant(tenantId)) {
      if (target.id().equals(sourceConnectionId)) {
        continue; // a paused target still gets the task: its writes wait for it to resume
      }
      Set<String> wanted = mappings.fieldsFor(target.system(), objectType, target.settings());
      // a change to a filter's field may let the record in (created, or written again, at once) even when the target
      // does not receive that field; one that keeps it out is skipped by egress
      Set<String> filtering = mappings.filterFields(target.system(), objectType, target.settings());
      boolean filterFieldChanged = changes.stream().anyMatch(c -> filtering.contains(c.field()));
      if (filterFieldChanged || changes.stream().anyMatch(c -> wanted.contains(c.field()))) {
        outbox.enqueue(tenantId, target.id(), canonicalId, objectType, version, origin, correlationId);
      }
      if (filterFieldChanged) {
        RecordFilter filter = mappings.filterFor(target.system(), objectType, null, target.settings());
        if (filter.matches(plain(merged.fields())) && !filter.matches(plain(before))) {
          edgeFanOut.letIn(target, canonicalId, origin, correlationId);
        }
      }
    }
    // records that carry values of this one (the members of a renamed company)
    dependents.sourceChanged(tenantId, canonicalId, objectType,
        changes.stream().map(Merge.Change::field).collect(Collectors.toSet()), origin, correlationId);
  }

  private void updateIdentityKeys(String tenantId, String type, String canonicalId, Map<String, FieldValue> before,
      Map<String, FieldValue> after, List<Merge.Change> changes) {
    if (!CanonicalRecord.CONTACT.equals(type)) {
      identity.rekey(tenantId, type, canonicalId, plain(before), plain(after));
      return;
    }
    for (Merge.Change c : changes) {
      String kind = c.field().equals(ContactField.EMAIL) ? IdentityResolver.EMAIL
          : c.field().equals(ContactField.PHONE) ? IdentityResolver.PHONE : null;
      if (kind == null) {
        continue;
      }
      if (c.oldValue() instanceof String old) {
        identity.release(tenantId, type, kind, old, canonicalId);
      }
      if (c.newValue() instanceof String now) {
        identity.claim(tenantId, type, kind, now, canonicalId);
      }
    }
  }

  private static Map<String, Object> plain(Map<String, FieldValue> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((f, v) -> out.put(f, v.value()));
    return out;
  }

  private void recordHistory(String tenantId, String canonicalId, long version, List<Merge.Change> changes,
      String system, Map<String, FieldValue> merged, @Nullable String correlationId) {
    Timestamp now = Timestamp.from(clock.instant());
    for (Merge.Change c : changes) {
      String ctx = "history:" + canonicalId + ":" + c.field();
      db.sql("insert into record_history(tenant_id, canonical_id, version, field, old_value_enc, new_value_enc, system, "
              + "source_modified_at, changed_at, correlation_id) values (?,?,?,?,?,?,?,?,?,?)")
          .params(tenantId, canonicalId, version, c.field(),
              c.oldValue() == null ? null : vault.encrypt(String.valueOf(c.oldValue()), ctx),
              c.newValue() == null ? null : vault.encrypt(String.valueOf(c.newValue()), ctx), system,
              Timestamp.from(merged.get(c.field()).modifiedAt()), now, correlationId)
          .update();
    }
  }
}
