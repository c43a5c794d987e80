package dev.switchboard.app.sync;

import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.identity.Verdict;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record of identity decisions and the review queue. Inbound resolution records every automatic link (the rule,
 * score and reasons that made it: {@code LINKED}) and every pair it was unsure of ({@code PENDING}: the object got a new
 * record, judged against an existing one). An owner then decides: {@link #merge} (the spine's merge: the new record
 * into the existing one), {@link #keepApart} (the pair is remembered and never proposed again), or {@link #split} (an
 * automatic link, or a merge made from the queue, was wrong: the spine's split, and the two are kept apart from then
 * on). Each decision is one transaction with its {@code audit.logged} event.
 */
@Service
public class IdentityReviews {
  /** States of an identity decision. */
  public enum Status { LINKED, PENDING, MERGED, KEPT_APART, SPLIT }

  private static final TypeReference<List<String>> REASONS = new TypeReference<>() {};
  private final JdbcClient db;
  private final Vault vault;
  private final GoldenRecords golden;
  private final RecordMerges merges;
  private final RecordSplits splits;
  private final DomainEvents events;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  IdentityReviews(JdbcClient db, Vault vault, GoldenRecords golden, RecordMerges merges, RecordSplits splits,
      DomainEvents events, TransactionTemplate tx, Clock clock) {
    this.db = db;
    this.vault = vault;
    this.golden = golden;
    this.merges = merges;
    this.splits = splits;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
  }

  /** One side of a pair: the record (followed through merges) and its current values, decrypted for the caller. */
  public record Side(String canonicalId, Map<String, Object> fields) {}

  /**
   * One identity decision: the object's record and the record it was judged against, side by side.
   *
   * @param connectionId where the object lives (null for a record not from a connection)
   */
  public record Item(String id, String type, Status status, String rule, double score, List<String> reasons,
      Instant createdAt, @Nullable Side record, @Nullable Side candidate, @Nullable String connectionId,
      @Nullable String vendorType, @Nullable Instant decidedAt, @Nullable String decidedBy) {}

  /** What a decision did: the record that remains (merge), or the new record split off ({@code splitId}). */
  public record Decided(String id, Status status, String canonicalId, @Nullable String otherId) {}

  /** The {@code record_history} field under which an automatic link's rule, score and reasons are kept. */
  static final String HISTORY_FIELD = "_identity";

  /**
   * Records that an object of {@code connectionId} was linked automatically to {@code recordId} (now at {@code version})
   * by {@code verdict}: a {@code LINKED} decision, and a line of the record's history ({@link #HISTORY_FIELD}, the
   * rule, score and reasons as JSON, encrypted as history values are).
   */
  void linked(String tenantId, String type, String recordId, @Nullable String connectionId, @Nullable String vendorType,
      @Nullable String externalId, Verdict verdict, String system, long version, @Nullable String correlationId) {
    String id = insert(tenantId, type, recordId, recordId, connectionId, vendorType, externalId, verdict,
        Status.LINKED);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("match_id", id);
    entry.put("rule", verdict.rule());
    entry.put("score", verdict.score());
    entry.put("reasons", verdict.reasons());
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("insert into record_history(tenant_id, canonical_id, version, field, old_value_enc, new_value_enc, system, "
            + "source_modified_at, changed_at, correlation_id) values (?,?,?,?,?,?,?,?,?,?)")
        .params(tenantId, recordId, version, HISTORY_FIELD, null,
            vault.encrypt(json.writeValueAsString(entry), "history:" + recordId + ":" + HISTORY_FIELD), system, now,
            now, correlationId)
        .update();
  }

  /**
   * Puts the pair (the object's new record {@code recordId}, the existing {@code candidateId}) in the review queue,
   * unless an owner kept the two apart before.
   */
  void propose(String tenantId, String type, String recordId, String candidateId, @Nullable String connectionId,
      @Nullable String vendorType, @Nullable String externalId, Verdict verdict) {
    if (keptApart(tenantId, recordId, candidateId)) {
      return;
    }
    insert(tenantId, type, recordId, candidateId, connectionId, vendorType, externalId, verdict, Status.PENDING);
  }

  private String insert(String tenantId, String type, String recordId, String candidateId,
      @Nullable String connectionId, @Nullable String vendorType, @Nullable String externalId, Verdict verdict,
      Status status) {
    String id = UUID.randomUUID().toString();
    db.sql("insert into identity_match(id, tenant_id, object_type, record_id, candidate_id, connection_id, vendor_type, "
            + "external_ref_enc, rule, score, reasons, status, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .params(id, tenantId, type, recordId, candidateId, connectionId, vendorType,
            externalId == null ? null : vault.encrypt(externalId, refContext(id)), verdict.rule(),
            BigDecimal.valueOf(verdict.score()), json.writeValueAsString(verdict.reasons()), status.name(),
            Timestamp.from(clock.instant()))
        .update();
    return id;
  }

  /**
   * Whether record {@code canonicalId} was made for a review pair (pending, or kept apart) and its e-mail {@code email}
   * is another record's identity key: two records sharing one e-mail (an office mailbox), which a system keyed by
   * e-mail cannot hold apart.
   */
  boolean sharesAnothersEmail(String tenantId, String canonicalId, String email) {
    boolean reviewed = db.sql("select count(*) from identity_match where tenant_id = ? and record_id = ? "
            + "and status in ('PENDING', 'KEPT_APART')")
        .params(tenantId, canonicalId).query(Long.class).single() > 0;
    if (!reviewed) {
      return false;
    }
    return db.sql("select canonical_id from identity_key where tenant_id = ? and object_type = 'contact' "
            + "and kind = 'email' and key_hash = ?")
        .params(tenantId, vault.blindIndex(IdentityResolver.EMAIL, email)).query(String.class).optional()
        .filter(owner -> !owner.equals(canonicalId)).isPresent();
  }

  boolean keptApart(String tenantId, String a, String b) {
    String first = a.compareTo(b) < 0 ? a : b;
    String second = first.equals(a) ? b : a;
    return db.sql("select count(*) from identity_apart where tenant_id = ? and first_id = ? and second_id = ?")
        .params(tenantId, first, second).query(Long.class).single() > 0;
  }

  private void keepApartPair(String tenantId, String a, String b) {
    String first = a.compareTo(b) < 0 ? a : b;
    String second = first.equals(a) ? b : a;
    db.sql("insert into identity_apart(tenant_id, first_id, second_id, decided_at) values (?, ?, ?, ?) "
        + "on conflict do nothing").params(tenantId, first, second, Timestamp.from(clock.instant())).update();
  }

  /**
   * The tenant's decisions in {@code status}, oldest first, after the one with id {@code after} (null: from the start),
   * at most {@code limit}.
   */
  public List<Item> list(String tenantId, Status status, int limit, @Nullable String after) {
    Instant from = after == null ? null : find(tenantId, after).map(Row::createdAt).orElse(null);
    String sql = "select id, object_type, record_id, candidate_id, connection_id, vendor_type, external_ref_enc, rule, "
        + "score, reasons, status, created_at, decided_at, decided_by from identity_match where tenant_id = ? "
        + "and status = ?" + (from == null ? "" : " and (created_at > ? or (created_at = ? and id > ?))")
        + " order by created_at, id fetch first " + limit + " rows only";
    var q = db.sql(sql).param(tenantId).param(status.name());
    if (from != null) {
      q = q.param(Timestamp.from(from)).param(Timestamp.from(from)).param(after);
    }
    return q.query((rs, i) -> row(rs)).list().stream().map(r -> item(tenantId, r)).toList();
  }

  /** One decision of the tenant, or empty. */
  public Optional<Item> get(String tenantId, String id) {
    return find(tenantId, id).map(r -> item(tenantId, r));
  }

  /**
   * Merges a pending pair: the object's new record into the existing one, as {@link RecordMerges} merges.
   *
   * @throws RecordSplits.Refused 404 {@code not_found}; 409 {@code not_pending} (decided already, or not a review
   *                              item), {@code write_in_flight} (a write of the record is being sent: try again)
   */
  public Decided merge(String tenantId, String id, String actor) {
    return decide(tenantId, id, actor, "identity.merge", List.of(Status.PENDING), Status.MERGED, r -> {
      RecordMerges.Result result = merges.merge(tenantId, r.recordId(), r.candidateId(), "review", null,
          clock.instant(), null);
      if (result == RecordMerges.Result.DEFERRED) {
        throw new RecordSplits.Refused(409, "write_in_flight", null,
            "a write of this record is being sent; try again shortly");
      }
      String survivor = golden.find(tenantId, r.candidateId()).map(GoldenRecords.Golden::id).orElse(r.candidateId());
      return new Decided(r.id(), Status.MERGED, survivor, r.recordId());
    });
  }

  /**
   * Keeps a pending pair apart: both records stay, and the pair is never proposed again.
   *
   * @throws RecordSplits.Refused 404 {@code not_found}; 409 {@code not_pending}
   */
  public Decided keepApart(String tenantId, String id, String actor) {
    return decide(tenantId, id, actor, "identity.keep_apart", List.of(Status.PENDING), Status.KEPT_APART, r -> {
      keepApartPair(tenantId, r.recordId(), r.candidateId());
      return new Decided(r.id(), Status.KEPT_APART, r.recordId(), r.candidateId());
    });
  }

  /**
   * Splits an automatic link (or a merge made from the queue) back out: the object leaves the record it was linked or
   * merged into for a new record ({@link RecordSplits}), and the two are kept apart.
   *
   * @throws RecordSplits.Refused 404 {@code not_found}; 409 {@code not_splittable} (not a link or merge, or the
   *                              object is not known), and {@link RecordSplits#split}'s refusals
   */
  public Decided split(String tenantId, String id, String actor) {
    return decide(tenantId, id, actor, "identity.split", List.of(Status.LINKED, Status.MERGED), Status.SPLIT, r -> {
      if (r.connectionId() == null || r.externalRef() == null) {
        throw new RecordSplits.Refused(409, "not_splittable", null, "this record did not come from a connection");
      }
      String record = golden.find(tenantId, r.status() == Status.MERGED ? r.candidateId() : r.recordId())
          .map(GoldenRecords.Golden::id).orElse(r.recordId());
      RecordSplits.Split s = splits.split(tenantId, record, r.connectionId(),
          vault.decrypt(r.externalRef(), refContext(r.id())), actor);
      keepApartPair(tenantId, s.canonicalId(), s.splitId());
      return new Decided(r.id(), Status.SPLIT, s.canonicalId(), s.splitId());
    });
  }

  private Decided decide(String tenantId, String id, String actor, String action, List<Status> from, Status to,
      java.util.function.Function<Row, Decided> change) {
    Decided decided = tx.execute(s -> {
      Row r = find(tenantId, id).orElseThrow(() -> new RecordSplits.Refused(404, "not_found", "id",
          "no identity decision " + id));
      // the row first: two owners deciding the same pair at once, one wins
      int n = db.sql("update identity_match set status = ?, decided_at = ?, decided_by = ? where tenant_id = ? "
              + "and id = ? and status in (" + String.join(",", from.stream().map(f -> "'" + f.name() + "'").toList())
              + ")")
          .params(to.name(), Timestamp.from(clock.instant()), actor, tenantId, id).update();
      if (n == 0) {
        throw new RecordSplits.Refused(409, to == Status.SPLIT ? "not_splittable" : "not_pending", "id",
            "this decision is " + r.status().name().toLowerCase(java.util.Locale.ROOT) + ": it cannot be "
                + (to == Status.SPLIT ? "split" : "decided") + " now");
      }
      Decided d = change.apply(r);
      Map<String, Object> audit = new LinkedHashMap<>();
      audit.put("action", action);
      audit.put("match_id", id);
      audit.put("type", r.type());
      audit.put("canonical_id", d.canonicalId());
      audit.put("other_id", d.otherId());
      audit.put("rule", r.rule());
      audit.put("score", r.score());
      audit.put("actor", actor);
      events.emit(tenantId, DomainEvents.AUDIT_LOGGED, audit, null);
      return d;
    });
    return java.util.Objects.requireNonNull(decided);
  }

  private record Row(String id, String type, String recordId, String candidateId, @Nullable String connectionId,
      @Nullable String vendorType, @Nullable String externalRef, String rule, double score, List<String> reasons,
      Status status, Instant createdAt, @Nullable Instant decidedAt, @Nullable String decidedBy) {}

  private Optional<Row> find(String tenantId, String id) {
    return db.sql("select id, object_type, record_id, candidate_id, connection_id, vendor_type, external_ref_enc, rule, "
            + "score, reasons, status, created_at, decided_at, decided_by from identity_match where tenant_id = ? "
            + "and id = ?")
        .params(tenantId, id).query((rs, i) -> row(rs)).optional();
  }

  private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
    Timestamp decided = rs.getTimestamp(13);
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getBigDecimal(9).doubleValue(),
        json.readValue(rs.getString(10), REASONS), Status.valueOf(rs.getString(11)),
        rs.getTimestamp(12).toInstant(), decided == null ? null : decided.toInstant(), rs.getString(14));
  }

  private Item item(String tenantId, Row r) {
    return new Item(r.id(), r.type(), r.status(), r.rule(), r.score(), r.reasons(), r.createdAt(),
        side(tenantId, r.recordId()), side(tenantId, r.candidateId()), r.connectionId(), r.vendorType(),
        r.decidedAt(), r.decidedBy());
  }

  private @Nullable Side side(String tenantId, String id) {
    return golden.find(tenantId, id).map(g -> new Side(g.id(), IdentityResolver.plain(g.fields()))).orElse(null);
  }

  private static String refContext(String matchId) {
    return "identity_match:" + matchId;
  }
}
