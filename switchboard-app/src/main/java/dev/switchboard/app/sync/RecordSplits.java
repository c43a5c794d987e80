package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.DomainEvents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Splits a wrong link off a canonical record into a new one (the undo of a wrong automatic match), in one
 * transaction of its own:
 *
 * <ul>
 *   <li>a new record with a fresh id (ids are never reused) whose values are the link's snapshot — what that system
 *       holds as far as we know — and one history row per value ({@code system = split});</li>
 *   <li>the link moves to it (its primary in that connection, {@code link_rule = split}); the record it left keeps
 *       its id, its values and its other links, and promotes another live link of that connection if it had one;</li>
 *   <li>the identity keys derived from the snapshot's e-mail and phone move with it, except a value the remaining
 *       record holds too (that key stays where it is, so that the remaining record still resolves by it);</li>
 *   <li>{@code record.split} is emitted, and {@code audit.logged} naming who asked.</li>
 * </ul>
 *
 * <p>Nothing is written to any vendor by the split itself: the new record's values came from the one system it is
 * linked to, and writing it elsewhere could take over the remaining record's objects there (a Mailchimp member is
 * keyed by its e-mail). Its next change fans out as every change does.
 */
@Service
public class RecordSplits {
  private final GoldenRecords golden;
  private final Links links;
  private final IdentityResolver identity;
  private final Outbox outbox;
  private final Connections connections;
  private final DomainEvents events;
  private final ExternalIds ids;
  private final Vault vault;
  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Clock clock;

  RecordSplits(GoldenRecords golden, Links links, IdentityResolver identity, Outbox outbox, Connections connections,
      DomainEvents events, ExternalIds ids, Vault vault, JdbcClient db, TransactionTemplate tx, Clock clock) {
    this.golden = golden;
    this.links = links;
    this.identity = identity;
    this.outbox = outbox;
    this.connections = connections;
    this.events = events;
    this.ids = ids;
    this.vault = vault;
    this.db = db;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * What a split did.
   *
   * @param canonicalId the record the link left (the survivor's id when the id asked for was merged into it)
   * @param splitId     the new record's id
   * @param movedKeys   the identity key kinds that moved with the link ({@code email}, {@code phone})
   */
  public record Split(String canonicalId, String splitId, String type, List<String> movedKeys) {}

  /** Why a split was refused: an HTTP status, a stable code, the input field at fault, and a reason (no PII). */
  public static final class Refused extends RuntimeException {
    private final int status;
    private final String code;
    private final @Nullable String field;

    Refused(int status, String code, @Nullable String field, String reason) {
      super(reason);
      this.status = status;
      this.code = code;
      this.field = field;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }

    public @Nullable String field() {
      return field;
    }
  }

  /**
   * Splits the object {@code externalId} of connection {@code connectionId} off record {@code canonicalId}.
   *
   * @param actor who asked (an API token's id, a user), for the audit record in the same transaction
   * @throws Refused 404 {@code not_found} (no such record, or no such connection); 409 {@code not_linked_here} (the
   *                 object is not linked to this record), {@code only_link} (the record has no other link: nothing
   *                 would be left), {@code write_in_flight} (a write of the record is being sent: try again)
   */
  public Split split(String tenantId, String canonicalId, String connectionId, String externalId, String actor) {
    Split split = tx.execute(s -> {
      Split done = splitInTransaction(tenantId, canonicalId, connectionId, externalId);
      Map<String, Object> audit = new LinkedHashMap<>();
      audit.put("action", "record.split");
      audit.put("canonical_id", done.canonicalId());
      audit.put("split_id", done.splitId());
      audit.put("connection_id", connectionId);
      audit.put("actor", actor);
      events.emit(tenantId, DomainEvents.AUDIT_LOGGED, audit, null);
      return done;
    });
    return java.util.Objects.requireNonNull(split);
  }

  private Split splitInTransaction(String tenantId, String canonicalId, String connectionId, String externalId) {
    GoldenRecords.Golden record = golden.find(tenantId, canonicalId)
        .orElseThrow(() -> new Refused(404, "not_found", "canonicalId", "no record " + canonicalId));
    Connection connection = connections.find(tenantId, connectionId)
        .orElseThrow(() -> new Refused(404, "not_found", "connectionId", "no connection " + connectionId));
    // the task rows first (locked until we commit), as every spine transaction takes them
    if (outbox.inFlightAnywhere(tenantId, record.id())) {
      throw new Refused(409, "write_in_flight", null, "a write of this record is being sent; try again shortly");
    }
    // the record's own object of that id there, whatever vendor type it is of
    Links.Link link = links.forCanonical(tenantId, record.id()).stream()
        .filter(l -> l.connectionId().equals(connection.id()) && l.externalId().equals(externalId)).findFirst()
        .orElseThrow(() -> new Refused(409, "not_linked_here", "externalId",
            "that object of " + connection.system() + " is not linked to this record"));
    // the record keeps at least one live object somewhere: a tombstoned link is not something that remains
    if (links.forCanonical(tenantId, record.id()).stream()
        .filter(l -> l.live() && !(l.connectionId().equals(link.connectionId())
            && l.externalId().equals(link.externalId()))).findAny().isEmpty()) {
      throw new Refused(409, "only_link", "externalId", "it is the record's only live link: there is nothing to split "
          + "off");
    }

    String splitId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    link.snapshot().forEach((f, v) -> {
      if (v != null) {
        fields.put(f, new FieldValue(v, connection.system(), link.sourceModifiedAt() == null ? now
            : link.sourceModifiedAt()));
      }
    });
    golden.insert(tenantId, splitId, record.objectType(), fields);
    links.moveOne(link, splitId);
    List<String> moved = new ArrayList<>();
    moveKey(tenantId, record, splitId, ContactField.EMAIL, IdentityResolver.EMAIL, link.snapshot(), moved);
    moveKey(tenantId, record, splitId, ContactField.PHONE, IdentityResolver.PHONE, link.snapshot(), moved);
    recordHistory(tenantId, splitId, fields, now);

    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", record.objectType());
    payload.put("canonical_id", record.id());
    payload.put("split_id", splitId);
    payload.put("system", connection.system());
    payload.put("connection_id", connection.id());
    payload.put("external_id", ids.shown(connection.system(), externalId));
    payload.put("moved_keys", List.copyOf(moved));
    events.emit(tenantId, DomainEvents.RECORD_SPLIT, payload, null);
    return new Split(record.id(), splitId, record.objectType(), List.copyOf(moved));
  }

  /** Moves the key of the snapshot's {@code field} value to the new record, unless the remaining record holds it. */
  private void moveKey(String tenantId, GoldenRecords.Golden record, String splitId, String field, String kind,
      Map<String, Object> snapshot, List<String> moved) {
    if (!(snapshot.get(field) instanceof String value) || value.isEmpty()) {
      return;
    }
    FieldValue kept = record.fields().get(field);
    if (kept != null && Merge.sameValue(kept.value(), value)) {
      return; // the remaining record still resolves by it
    }
    if (identity.lookup(tenantId, record.objectType(), kind, value).filter(record.id()::equals).isPresent()) {
      identity.release(tenantId, record.objectType(), kind, value, record.id());
    }
    if (identity.claim(tenantId, record.objectType(), kind, value, splitId)) {
      moved.add(kind);
    }
  }

  private void recordHistory(String tenantId, String splitId, Map<String, FieldValue> fields, Instant now) {
    fields.forEach((field, v) -> db.sql("insert into record_history(tenant_id, canonical_id, version, field, "
            + "old_value_enc, new_value_enc, system, source_modified_at, changed_at, correlation_id) "
            + "values (?,?,?,?,?,?,?,?,?,?)")
        .params(tenantId, splitId, 1L, field, null,
            vault.encrypt(String.valueOf(v.value()), "history:" + splitId + ":" + field), "split",
            Timestamp.from(v.modifiedAt()), Timestamp.from(now), null)
        .update());
  }
}
