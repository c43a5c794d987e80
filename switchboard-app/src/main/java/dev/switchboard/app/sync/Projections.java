package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.DateValue;
import dev.switchboard.app.canonical.EnumValue;
import dev.switchboard.app.canonical.InstantValue;
import dev.switchboard.app.canonical.MinorUnits;
import dev.switchboard.app.canonical.Money;
import dev.switchboard.app.canonical.Ref;
import dev.switchboard.app.canonical.TextValue;
import dev.switchboard.app.canonical.Value;
import dev.switchboard.app.canonical.model.CanonicalType;
import dev.switchboard.app.canonical.model.CanonicalTypes;
import dev.switchboard.app.canonical.model.FieldDef;
import dev.switchboard.app.canonical.model.Projection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clear, indexed projection of a golden record's non-PII fields ({@code record_projection}, V17), as its type
 * declares it ({@link CanonicalType#projections()}): lifecycle status, pipeline, amount in ISO minor units with its
 * currency, due and close dates, start instant, parent id. Written only by {@link GoldenRecords}, in the transaction
 * that writes the golden record, so the two never disagree; a type without projections has no row. Features filter
 * records with {@link #find} instead of decrypting golden records.
 */
@Repository
public class Projections {
  private static final CanonicalTypes TYPES = CanonicalTypes.standard();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COLUMNS = "status, pipeline, amount_minor, currency, due_on, close_on, starts_at, parent_id";

  /**
   * One record's projected values; null where the record has no canonical value for the column.
   *
   * @param amount the projected money, which the row holds as ISO 4217 minor units and currency
   */
  public record Row(@Nullable String status, @Nullable String pipeline, @Nullable Money amount,
      @Nullable LocalDate dueOn, @Nullable LocalDate closeOn, @Nullable Instant startsAt, @Nullable String parentId) {}

  private final JdbcClient db;
  private final Clock clock;

  Projections(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * The row of a record of {@code objectType} holding {@code fields}; empty for a type without projections. A value
   * that is not canonical for its field (kept as the source typed it) projects as null, as does money that ISO minor
   * units cannot hold exactly (a currency without a minor unit, beyond 64 bits).
   */
  static Optional<Row> row(String objectType, Map<String, FieldValue> fields) {
    CanonicalType type = TYPES.find(objectType).orElse(null);
    if (type == null || type.projections().isEmpty()) {
      return Optional.empty();
    }
    Map<Projection, Value> values = new EnumMap<>(Projection.class);
    type.projections().forEach((column, field) -> {
      FieldValue stored = fields.get(field);
      Value v = stored == null ? Value.EMPTY : read(type.require(field), stored.value());
      if (!v.isEmpty()) {
        values.put(column, v);
      }
    });
    Money amount = values.get(Projection.AMOUNT) instanceof Money m && minor(m) != null ? m : null;
    return Optional.of(new Row(code(values.get(Projection.STATUS)), code(values.get(Projection.PIPELINE)), amount,
        values.get(Projection.DUE_ON) instanceof DateValue d ? d.date() : null,
        values.get(Projection.CLOSE_ON) instanceof DateValue d ? d.date() : null,
        values.get(Projection.STARTS_AT) instanceof InstantValue i ? i.instant() : null,
        values.get(Projection.PARENT_ID) instanceof Ref r ? r.id() : null));
  }

  /** Writes the row of record {@code id} (in the golden record's transaction); nothing for a type without one. */
  void write(String tenantId, String id, String objectType, Map<String, FieldValue> fields) {
    Optional<Row> row = row(objectType, fields);
    if (row.isEmpty()) {
      return;
    }
    Row r = row.get();
    Long minor = r.amount() == null ? null : minor(r.amount());
    String currency = r.amount() == null ? null : r.amount().currencyCode();
    Timestamp startsAt = r.startsAt() == null ? null : Timestamp.from(r.startsAt());
    Timestamp now = Timestamp.from(clock.instant());
    // the golden row is locked by this transaction: no other writer of this record's row runs meanwhile
    int n = db.sql("update record_projection set object_type = ?, status = ?, pipeline = ?, amount_minor = ?, "
            + "currency = ?, due_on = ?, close_on = ?, starts_at = ?, parent_id = ?, updated_at = ? "
            + "where tenant_id = ? and canonical_id = ?")
        .params(objectType, r.status(), r.pipeline(), minor, currency, r.dueOn(), r.closeOn(), startsAt, r.parentId(),
            now, tenantId, id)
        .update();
    if (n == 0) {
      db.sql("insert into record_projection(tenant_id, canonical_id, object_type, " + COLUMNS + ", updated_at) "
              + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(tenantId, id, objectType, r.status(), r.pipeline(), minor, currency, r.dueOn(), r.closeOn(),
              startsAt, r.parentId(), now)
          .update();
    }
  }

  /** Drops the row of record {@code id} (merged away: the survivor's row holds its values now). */
  void remove(String tenantId, String id) {
    db.sql("delete from record_projection where tenant_id = ? and canonical_id = ?").params(tenantId, id).update();
  }

  /** The stored row of record {@code id}, amounts back as money. */
  public Optional<Row> get(String tenantId, String id) {
    return db.sql("select " + COLUMNS + " from record_projection where tenant_id = ? and canonical_id = ?")
        .params(tenantId, id).query((rs, i) -> read(rs)).optional();
  }

  /**
   * Ids of the tenant's live records of {@code objectType} that match every condition of {@code filter}, ordered by
   * id, at most {@link Filter#limit()}. Each condition is served by an index led by (tenant_id, object_type) and its
   * column (docs/design/indexes.md).
   */
  public List<String> find(String tenantId, String objectType, Filter filter) {
    StringBuilder sql = new StringBuilder("select canonical_id from record_projection where tenant_id = :tenant "
        + "and object_type = :type");
    if (!filter.statuses().isEmpty()) {
      sql.append(" and status in (:statuses)");
    }
    if (filter.pipeline() != null) {
      sql.append(" and pipeline = :pipeline");
    }
    if (filter.parentId() != null) {
      sql.append(" and parent_id = :parent");
    }
    range(sql, "close_on", filter.closeFrom(), filter.closeBefore());
    range(sql, "due_on", filter.dueFrom(), filter.dueBefore());
    range(sql, "starts_at", filter.startsFrom(), filter.startsBefore());
    sql.append(" order by canonical_id limit :limit");
    JdbcClient.StatementSpec spec = db.sql(sql.toString()).param("tenant", tenantId).param("type", objectType).param("limit", filter.limit());
    if (!filter.statuses().isEmpty()) {
      spec = spec.param("statuses", List.copyOf(filter.statuses()));
    }
    if (filter.pipeline() != null) {
      spec = spec.param("pipeline", filter.pipeline());
    }
    if (filter.parentId() != null) {
      spec = spec.param("parent", filter.parentId());
    }
    spec = bind(spec, "close_on", filter.closeFrom(), filter.closeBefore());
    spec = bind(spec, "due_on", filter.dueFrom(), filter.dueBefore());
    spec = bind(spec, "starts_at", ts(filter.startsFrom()), ts(filter.startsBefore()));
    return spec.query(String.class).list();
  }

  /**
   * Conditions of {@link #find}, all optional: statuses (any of), pipeline, parent id, and half-open ranges
   * {@code [from, before)} of close date, due date and start. {@code Filter.all().pipeline("p").closeOn(a, b)}.
   */
  public record Filter(Set<String> statuses, @Nullable String pipeline, @Nullable String parentId,
      @Nullable LocalDate closeFrom, @Nullable LocalDate closeBefore, @Nullable LocalDate dueFrom,
      @Nullable LocalDate dueBefore, @Nullable Instant startsFrom, @Nullable Instant startsBefore, int limit) {
    public static final int MAX = 1_000;

    public Filter {
      statuses = Set.copyOf(statuses);
      if (limit < 1 || limit > MAX) {
        throw new IllegalArgumentException("limit is 1.." + MAX);
      }
    }

    public static Filter all() {
      return new Filter(Set.of(), null, null, null, null, null, null, null, null, MAX);
    }

    public Filter statuses(String... codes) {
      return new Filter(Set.of(codes), pipeline, parentId, closeFrom, closeBefore, dueFrom, dueBefore, startsFrom,
          startsBefore, limit);
    }

    public Filter pipeline(String p) {
      return new Filter(statuses, p, parentId, closeFrom, closeBefore, dueFrom, dueBefore, startsFrom, startsBefore,
          limit);
    }

    public Filter parent(String id) {
      return new Filter(statuses, pipeline, id, closeFrom, closeBefore, dueFrom, dueBefore, startsFrom, startsBefore,
          limit);
    }

    public Filter closeOn(@Nullable LocalDate from, @Nullable LocalDate before) {
      return new Filter(statuses, pipeline, parentId, from, before, dueFrom, dueBefore, startsFrom, startsBefore,
          limit);
    }

    public Filter dueOn(@Nullable LocalDate from, @Nullable LocalDate before) {
      return new Filter(statuses, pipeline, parentId, closeFrom, closeBefore, from, before, startsFrom, startsBefore,
          limit);
    }

    public Filter startsAt(@Nullable Instant from, @Nullable Instant before) {
      return new Filter(statuses, pipeline, parentId, closeFrom, closeBefore, dueFrom, dueBefore, from, before, limit);
    }

    public Filter limit(int n) {
      return new Filter(statuses, pipeline, parentId, closeFrom, closeBefore, dueFrom, dueBefore, startsFrom,
          startsBefore, n);
    }
  }

  private static void range(StringBuilder sql, String column, @Nullable Object from, @Nullable Object before) {
    if (from != null) {
      sql.append(" and ").append(column).append(" >= :").append(column).append("_from");
    }
    if (before != null) {
      sql.append(" and ").append(column).append(" < :").append(column).append("_before");
    }
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, String column, @Nullable Object from,
      @Nullable Object before) {
    JdbcClient.StatementSpec s = from == null ? spec : spec.param(column + "_from", from);
    return before == null ? s : s.param(column + "_before", before);
  }

  private static @Nullable Timestamp ts(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Row read(ResultSet rs) throws SQLException {
    long minor = rs.getLong(3);
    Money amount = rs.wasNull() || rs.getString(4) == null ? null : MinorUnits.ISO_4217.fromMinor(minor, rs.getString(4));
    Timestamp startsAt = rs.getTimestamp(7);
    return new Row(rs.getString(1), rs.getString(2), amount, rs.getObject(5, LocalDate.class),
        rs.getObject(6, LocalDate.class), startsAt == null ? null : startsAt.toInstant(), rs.getString(8));
  }

  /** The stored value of {@code def} as its canonical value; EMPTY when it has none or is not canonical. */
  private static Value read(FieldDef def, @Nullable Object plain) {
    try {
      return def.type().fromJson(Merge.isEmpty(plain) ? null : JSON.valueToTree(plain));
    } catch (CanonicalException | IllegalArgumentException e) {
      return Value.EMPTY; // kept as the source typed it: nothing to filter by
    }
  }

  private static @Nullable String code(@Nullable Value v) {
    return switch (v) {
      case EnumValue e -> e.code();
      case TextValue t -> t.text();
      case null, default -> null;
    };
  }

  private static @Nullable Long minor(Money m) {
    try {
      return MinorUnits.ISO_4217.toMinor(m);
    } catch (CanonicalException e) {
      return null;
    }
  }
}
