package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.crypto.Vault;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A golden record as the console's record page shows it: every field with its provenance (the system it came from
 * and when), the record's history of changes (latest first, values decrypted for the caller), its edges with the
 * record at the other end, and where it stands in each of the tenant's connections (linked, in sync, being sent,
 * waiting on another record, failed and why, not sent and why). Tenant-scoped; a merged-away id answers its survivor.
 */
@Component
public class RecordDetails {
  /** Most lines of history shown. */
  public static final int HISTORY = 200;

  /** The record. */
  public record Detail(String id, String type, long version, Map<String, FieldValue> fields, List<Edge> edges,
      List<Change> history, List<Target> targets) {}

  /** A live edge, with the type and a label of the record at the other end (null when that record is gone). */
  public record Edge(boolean out, String label, String otherId, @Nullable String otherType,
      @Nullable String otherLabel, boolean primary, String source) {}

  /** One changed field ({@code _identity}: an automatic link's rule, score and reasons, as JSON). */
  public record Change(long version, String field, @Nullable String oldValue, @Nullable String newValue,
      String system, Instant changedAt) {}

  /** Where the record stands in one connection. */
  public enum State {
    /** Linked there and nothing owed. */
    IN_SYNC,
    /** A write is queued or being sent. */
    SENDING,
    /** A write waits for another record to be linked there first ({@link Target#waitingOn}). */
    WAITING,
    /** The connection is paused or needs its credentials fixed: its writes wait for it. */
    HELD,
    /** The write was dead-lettered ({@link Target#reason}: the error code). */
    FAILED,
    /** Deliberately not sent ({@link Target#reason}: why, e.g. no consent). */
    NOT_SENT,
    /** Its object there was deleted (the link is tombstoned). */
    DELETED,
    /** Not linked and nothing owed: the connection does not take it (its type or its values). */
    NOT_THERE
  }

  /**
   * One connection's view of the record.
   *
   * @param externalId the object there (its live link, else its last one), null when never linked
   * @param attempts   the queued write's attempts so far (0 without one)
   */
  public record Target(Connection connection, @Nullable String vendorType, @Nullable String externalId,
      State state, @Nullable String reason, @Nullable String waitingOn, int attempts, @Nullable Instant nextAttemptAt) {}

  private final RecordReads reads;
  private final GoldenRecords golden;
  private final Connections connections;
  private final Vault vault;
  private final JdbcClient db;

  RecordDetails(RecordReads reads, GoldenRecords golden, Connections connections, Vault vault, JdbcClient db) {
    this.reads = reads;
    this.golden = golden;
    this.connections = connections;
    this.vault = vault;
    this.db = db;
  }

  /** The record, or empty when the tenant has none with this id. */
  public Optional<Detail> find(String tenantId, String id) {
    Optional<GoldenRecords.Golden> found = golden.find(tenantId, id);
    Optional<RecordReads.RecordView> view = found.flatMap(g -> reads.find(tenantId, g.id()));
    if (found.isEmpty() || view.isEmpty()) {
      return Optional.empty();
    }
    GoldenRecords.Golden g = found.get();
    return Optional.of(new Detail(g.id(), g.objectType(), g.version(), g.fields(), edges(tenantId, view.get()),
        history(tenantId, g.id()), targets(tenantId, g, view.get().links())));
  }

  private List<Edge> edges(String tenantId, RecordReads.RecordView view) {
    Map<String, GoldenRecords.Golden> others = new LinkedHashMap<>();
    golden.findAll(tenantId, view.edges().stream().map(RecordReads.EdgeView::otherId).distinct().toList())
        .forEach(o -> others.put(o.id(), o));
    return view.edges().stream().map(e -> {
      GoldenRecords.Golden o = others.get(e.otherId());
      return new Edge(e.out(), e.label(), e.otherId(), o == null ? null : o.objectType(), o == null ? null : label(o.fields()),
          e.primary(), e.source());
    }).toList();
  }

  /**
   * What names a record to a person: its name, a person's names, a subject or title, else its e-mail; of its fields as
   * {@link FieldValue}s or as plain values.
   */
  public static @Nullable String label(Map<String, ?> fields) {
    String person = (text(fields, "firstName") + " " + text(fields, "lastName")).strip();
    for (String candidate : List.of(text(fields, "name"), person, text(fields, "subject"), text(fields, "title"),
        text(fields, "email"))) {
      if (!candidate.isEmpty()) {
        return candidate;
      }
    }
    return null;
  }

  private static String text(Map<String, ?> fields, String field) {
    Object v = fields.get(field);
    Object value = v instanceof FieldValue f ? f.value() : v;
    return value instanceof String s ? s : "";
  }

  private List<Change> history(String tenantId, String id) {
    return db.sql("select version, field, old_value_enc, new_value_enc, system, changed_at from record_history "
            + "where tenant_id = ? and canonical_id = ? order by id desc fetch first " + HISTORY + " rows only")
        .params(tenantId, id)
        .query((rs, i) -> {
          String ctx = "history:" + id + ":" + rs.getString(2);
          String old = rs.getString(3);
          String now = rs.getString(4);
          return new Change(rs.getLong(1), rs.getString(2), old == null ? null : vault.decrypt(old, ctx),
              now == null ? null : vault.decrypt(now, ctx), rs.getString(5), rs.getTimestamp(6).toInstant());
        }).list();
  }

  private record Task(String status, int attempts, @Nullable String errorCode, @Nullable String waitingOn,
      @Nullable Timestamp next) {}

  private List<Target> targets(String tenantId, GoldenRecords.Golden g, List<RecordReads.LinkView> links) {
    List<Target> out = new ArrayList<>();
    for (Connection c : connections.forTenant(tenantId)) {
      List<RecordReads.LinkView> there = links.stream().filter(l -> l.connectionId().equals(c.id())).toList();
      RecordReads.LinkView link = there.stream().filter(l -> l.tombstone() == null).findFirst()
          .orElse(there.isEmpty() ? null : there.getFirst());
      Task task = db.sql("select status, attempts, last_error_code, waiting_on, next_attempt_at from outbox_task "
              + "where tenant_id = ? and connection_id = ? and canonical_id = ? and object_type = ?")
          .params(tenantId, c.id(), g.id(), g.objectType())
          .query((rs, i) -> new Task(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
              rs.getTimestamp(5)))
          .optional().orElse(null);
      State state;
      String reason = null;
      String status = task == null ? Outbox.DONE : task.status();
      if (Outbox.DEAD.equals(status) || Outbox.DISCARDED.equals(status)) {
        // a discarded write failed and was set aside by a person: not being sent, its error still says why
        state = State.FAILED;
        reason = task.errorCode();
      } else if (Outbox.WAITING.equals(status)) {
        state = State.WAITING;
      } else if (!Outbox.DONE.equals(status) && !Outbox.SKIPPED.equals(status)) {
        state = c.workable() ? State.SENDING : State.HELD;
        reason = c.workable() ? task.errorCode() : c.status();
      } else if (link != null && link.tombstone() != null) {
        state = State.DELETED;
        reason = link.tombstone();
      } else if (link != null) {
        state = State.IN_SYNC;
      } else if (Outbox.SKIPPED.equals(status)) {
        state = State.NOT_SENT;
        reason = task.errorCode();
      } else {
        state = State.NOT_THERE;
      }
      out.add(new Target(c, link == null ? null : link.vendorType(), link == null ? null : link.externalId(), state,
          reason, task == null ? null : task.waitingOn(), task == null ? 0 : task.attempts(),
          task == null || task.next() == null ? null : task.next().toInstant()));
    }
    return out;
  }
}
