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
 *   <li>the edges go as the values do: what that system reported for the object, its {@link EdgeSnapshots edge
 *       snapshot} entries with the record at either end, move to the new record, and each edge it holds becomes the
 *       new record's (made by that system, primary as it holds it). The remaining record keeps such an edge only when
 *       another system in which it still has an object holds it too, as far as we know (its own snapshot says so):
 *       that system asserts it for the remaining record, and ending it here without a write there (the split writes
 *       nothing) would leave the spine and that system disagreeing for good. Otherwise the edge ends on the
 *       remaining record (tombstoned, not deleted) and its requests not yet sent elsewhere are skipped: they came from
 *       the object that left;</li>
 *   <li>{@code record.split} is emitted, and {@code audit.logged} naming who asked.</li>
 * </ul>
 *
 * <p>Nothing is written to any vendor by the split itself: the new record's values came from the one system it is
 * linked to, and writing it elsewhere could take over the remaining record's objects there (a Mailchimp member is
 * keyed by its e-mail). Its next change fans out as every change does. Likewise an edge ended on the remaining record
 * is not removed from any system (none holds it, as far as we know), and values derived through it (a member's company name) are
 * written with the remaining record's next change.
 *
 * <p>When the remaining record keeps another live object in the same connection, the edges stay as they are: the edge
 * snapshot is kept per record, not per object, so it cannot tell which object holds which edge. The next read of each
 * object with its associations sorts them out (the new record's makes its edges; the remaining one's ends those it no
 * longer reports).
 */
@Service
public class RecordSplits {
  private final GoldenRecords golden;
  private final Links links;
  private final IdentityResolver identity;
  private final Outbox outbox;
  private final Edges edges;
  private final EdgeSnapshots edgeSnapshots;
  private final EdgeOutbox edgeOutbox;
  private final Connections connections;
  private final DomainEvents events;
  private final ExternalIds ids;
  private final Vault vault;
  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Clock clock;

  RecordSplits(GoldenRecords golden, Links links, IdentityResolver identity, Outbox outbox, Edges edges,
      EdgeSnapshots edgeSnapshots, EdgeOutbox edgeOutbox, Connections connections, DomainEvents events, ExternalIds ids,
      Vault vault, JdbcClient db, TransactionTemplate tx, Clock clock) {
    this.edges = edges;
    this.edgeSnapshots = edgeSnapshots;
    this.edgeOutbox = edgeOutbox;
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
   *                 would be left), {@code write_in_flight} (a write of the record, or of one of its edges, is being
   *                 sent: try again)
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
    // an edge write of the record on the wire too: it would land after its edge moved or ended here
    if (outbox.inFlightAnywhere(tenantId, record.id()) || connections.forTenant(tenantId).stream()
        .anyMatch(c -> edgeOutbox.inFlight(tenantId, c.id(), record.id()))) {
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
    identity.refreshMatchKeys(tenantId, record.objectType(), splitId, IdentityResolver.plain(fields), null);
    recordHistory(tenantId, splitId, fields, now);
    int movedEdges = moveEdges(tenantId, record.id(), splitId, connection, now);

    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", record.objectType());
    payload.put("canonical_id", record.id());
    payload.put("split_id", splitId);
    payload.put("system", connection.system());
    payload.put("connection_id", connection.id());
    payload.put("external_id", ids.shown(connection.system(), externalId));
    payload.put("moved_keys", List.copyOf(moved));
    payload.put("moved_edges", movedEdges);
    events.emit(tenantId, DomainEvents.RECORD_SPLIT, payload, null);
    return new Split(record.id(), splitId, record.objectType(), List.copyOf(moved));
  }

  /**
   * Moves what {@code connection} holds of {@code recordId}'s edges to {@code splitId}, whose link there it now is (see
   * the class javadoc); returns how many edges the new record got. Call after the link moved.
   */
  private int moveEdges(String tenantId, String recordId, String splitId, Connection connection, Instant now) {
    if (links.forCanonical(tenantId, recordId).stream()
        .anyMatch(l -> l.live() && l.connectionId().equals(connection.id()))) {
      return 0; // another object of the record there: the snapshot cannot tell whose its edges are
    }
    List<EdgeSnapshots.Entry> held = edgeSnapshots.ofEnd(tenantId, connection.id(), recordId);
    edgeSnapshots.moveEnd(tenantId, connection.id(), recordId, splitId);
    int made = 0;
    for (EdgeSnapshots.Entry e : held) {
      if (!e.held()) {
        continue; // removed there by us: the moved entry keeps its time for echo suppression, no edge to make
      }
      boolean outgoing = e.fromId().equals(recordId);
      String newFrom = outgoing ? splitId : e.fromId();
      String newTo = outgoing ? e.toId() : splitId;
      // the new edge keeps the old one's time: which live edge was modified last decides a one-value target's pick
      Instant at = edges.from(tenantId, e.fromId(), e.label()).stream().filter(x -> x.toId().equals(e.toId()))
          .map(Edges.Edge::modifiedAt).findFirst().orElse(now);
      made += edges.change(tenantId, newFrom, e.label(), Map.of(newTo, e.primary()), java.util.Set.of(),
          connection.system(), at).size();
      if (!edgeSnapshots.heldElsewhere(tenantId, connection.id(), recordId, e.fromId(), e.label(), e.toId())) {
        edges.change(tenantId, e.fromId(), e.label(), Map.of(), java.util.Set.of(e.toId()), connection.system(), now);
        edgeOutbox.skipOpenAssociates(tenantId, e.fromId(), e.label(), e.toId());
      }
    }
    return made;
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
