package dev.switchboard.app.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Golden records as the records API shows them: a record's values (decrypted; PII included, so only a tenant's own
 * token reads them), its live edges both ways and its links; and pages of a type's records. Every query is scoped by
 * tenant. A merged-away id answers the record it was merged into.
 */
@Component
public class RecordReads {
  /** Most records in one page. */
  public static final int MAX_PAGE = 200;

  /** One record: {@code fields} field → value, without the sources and times the merge keeps. */
  public record RecordView(String id, String type, long version, Map<String, Object> fields, List<EdgeView> edges,
      List<LinkView> links) {}

  /**
   * One live edge of the record: {@code out} from it ({@code deal --company--> company}), else to it; {@code otherId}
   * the record at the other end.
   */
  public record EdgeView(boolean out, String label, String otherId, boolean primary, String source) {}

  /** One object the record is linked to, live or tombstoned ({@code tombstone} null when live). */
  public record LinkView(String connectionId, String vendorType, String externalId, boolean primary,
      @Nullable String tombstone) {}

  private final GoldenRecords golden;
  private final Links links;
  private final JdbcClient db;

  RecordReads(GoldenRecords golden, Links links, JdbcClient db) {
    this.golden = golden;
    this.links = links;
    this.db = db;
  }

  /** The record with its edges and links, or empty when the tenant has none with this id. */
  public Optional<RecordView> find(String tenantId, String id) {
    return golden.find(tenantId, id).map(g -> new RecordView(g.id(), g.objectType(), g.version(), values(g),
        edges(tenantId, g.id()), links.forCanonical(tenantId, g.id()).stream()
            .map(l -> new LinkView(l.connectionId(), l.vendorType(), l.externalId(), l.primary(),
                l.tombstone() == null ? null : l.tombstone().name()))
            .toList()));
  }

  /** A page of {@code type}'s records after {@code afterId}, by id, without edges and links. */
  public List<RecordView> page(String tenantId, String type, @Nullable String afterId, int limit) {
    return golden.page(tenantId, type, afterId, Math.max(1, Math.min(MAX_PAGE, limit))).stream()
        .map(g -> new RecordView(g.id(), g.objectType(), g.version(), values(g), List.of(), List.of())).toList();
  }

  private static Map<String, Object> values(GoldenRecords.Golden g) {
    Map<String, Object> out = new LinkedHashMap<>();
    g.fields().forEach((field, v) -> out.put(field, v.value()));
    return out;
  }

  private List<EdgeView> edges(String tenantId, String id) {
    List<EdgeView> out = new ArrayList<>();
    db.sql("select label, to_id, is_primary, source_system from record_edge where tenant_id = ? and from_id = ? "
            + "and tombstoned_at is null order by label, to_id").params(tenantId, id)
        .query((rs, i) -> new EdgeView(true, rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)))
        .list().forEach(out::add);
    db.sql("select label, from_id, is_primary, source_system from record_edge where tenant_id = ? and to_id = ? "
            + "and tombstoned_at is null order by label, from_id").params(tenantId, id)
        .query((rs, i) -> new EdgeView(false, rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)))
        .list().forEach(out::add);
    return out;
  }
}
