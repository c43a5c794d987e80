package dev.switchboard.app.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends events to the durable log and publishes them in-process ({@link EventRecorded}) for listeners such
 * as metrics. Call inside the transaction that made the change.
 */
@Service
public class DomainEvents {
  public static final String CRM_SYNCED = "crm.synced";
  public static final String AUDIT_LOGGED = "audit.logged";
  /** Two canonical records became one: {@code {type, canonical_id, merged_id, system}}; the merged id redirects. */
  public static final String RECORD_MERGED = "record.merged";
  /**
   * A link was split off one canonical record into a new one: {@code {type, canonical_id, split_id, system,
   * connection_id, external_id, moved_keys}}; both ids stay valid.
   */
  public static final String RECORD_SPLIT = "record.split";
  public static final String BOOKING_IMPORTED = "booking.imported";
  public static final String BOOKING_UPDATED = "booking.updated";
  public static final String KPI_SNAPSHOT = "kpi.snapshot";

  private final JdbcClient db;
  private final Clock clock;
  private final ApplicationEventPublisher publisher;
  private final JsonMapper json = JsonMapper.builder().build();

  DomainEvents(JdbcClient db, Clock clock, ApplicationEventPublisher publisher) {
    this.db = db;
    this.clock = clock;
    this.publisher = publisher;
  }

  /** A recorded event, as stored. */
  public record EventRecorded(long id, String tenantId, String name, Map<String, Object> payload,
      @Nullable String correlationId, Instant createdAt) {}

  public void emit(String tenantId, String name, Map<String, Object> payload, @Nullable String correlationId) {
    Instant now = clock.instant();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", name);
    body.put("tenant_id", tenantId);
    body.putAll(payload);
    if (AUDIT_LOGGED.equals(name) && !body.containsKey("ip")) {
      body.put("ip", clientAddress()); // who acted from where: a person's request, or null for the app itself
    }
    body.put("correlation_id", correlationId);
    body.put("occurred_at", now.toString());
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    db.sql("insert into domain_event(tenant_id, name, payload_json, correlation_id, created_at) values (?,?,?,?,?)")
        .params(tenantId, name, json.writeValueAsString(body), correlationId, Timestamp.from(now))
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    publisher.publishEvent(new EventRecorded(id, tenantId, name, body, correlationId, now));
  }

  /**
   * A tenant's {@code audit.logged} events, newest first, created in {@code [from, to)} (either bound may be open).
   * The audit trail is append-only: nothing in the application updates or deletes these rows.
   */
  public List<EventRecorded> audit(String tenantId, @Nullable Instant from, @Nullable Instant to, int limit) {
    var stmt = db.sql("select id, tenant_id, name, payload_json, correlation_id, created_at from domain_event "
            + "where tenant_id = ? and name = ? and created_at >= ? and created_at < ? order by id desc limit "
            + Math.min(limit, 10_000))
        .params(tenantId, AUDIT_LOGGED, Timestamp.from(from == null ? Instant.EPOCH : from),
            Timestamp.from(to == null ? Instant.parse("9999-01-01T00:00:00Z") : to));
    return stmt.query((rs, i) -> new EventRecorded(rs.getLong(1), rs.getString(2), rs.getString(3),
        json.readValue(rs.getString(4), new TypeReference<Map<String, Object>>() {}), rs.getString(5),
        rs.getTimestamp(6).toInstant())).list();
  }

  /** The client address of the request this thread serves (as the servlet container sees it), if any. */
  private static @Nullable String clientAddress() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes web
        ? web.getRequest().getRemoteAddr() : null;
  }

  /** The newest events of a tenant, optionally of one name. */
  public List<EventRecorded> recent(String tenantId, @Nullable String name, int limit) {
    String sql = "select id, tenant_id, name, payload_json, correlation_id, created_at from domain_event where tenant_id = ?"
        + (name == null ? "" : " and name = ?") + " order by id desc limit " + Math.min(limit, 500);
    var stmt = db.sql(sql).param(tenantId);
    if (name != null) {
      stmt = stmt.param(name);
    }
    return stmt.query((rs, i) -> new EventRecorded(rs.getLong(1), rs.getString(2), rs.getString(3),
        json.readValue(rs.getString(4), new TypeReference<Map<String, Object>>() {}), rs.getString(5),
        rs.getTimestamp(6).toInstant())).list();
  }
}
