package dev.switchboard.app.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Operator alerts: stored, logged (PII-free messages only) and published as {@link AlertRaised}. An alert about a
 * lasting condition (a connection failing, a reconciliation overdue) is raised once while it lasts and resolved when
 * its cause is gone; the console shows open alerts first.
 */
@Service
public class Alerts {
  private static final Logger log = LoggerFactory.getLogger(Alerts.class);
  private final JdbcClient db;
  private final Clock clock;
  private final ApplicationEventPublisher publisher;

  Alerts(JdbcClient db, Clock clock, ApplicationEventPublisher publisher) {
    this.db = db;
    this.clock = clock;
    this.publisher = publisher;
  }

  public record AlertRaised(String tenantId, String severity, String code, String message,
      @Nullable String connectionId, Instant at) {}

  /** An alert as shown to operators; {@code resolvedAt} is null while it is open. */
  public record Alert(long id, String severity, String code, String message, @Nullable String connectionId,
      Instant createdAt, @Nullable Instant resolvedAt) {

    public boolean open() {
      return resolvedAt == null;
    }
  }

  /** Raises an alert, whether or not one of its kind is open (each dead letter is its own event). */
  public void raise(String tenantId, String severity, String code, String message, @Nullable String connectionId) {
    Instant now = clock.instant();
    db.sql("insert into alert(tenant_id, severity, code, message, connection_id, created_at) values (?,?,?,?,?,?)")
        .params(tenantId, severity, code, message, connectionId, Timestamp.from(now)).update();
    log.warn("alert {} {} tenant={} connection={}: {}", severity, code, tenantId, connectionId, message);
    publisher.publishEvent(new AlertRaised(tenantId, severity, code, message, connectionId, now));
  }

  /** Raises the alert unless one of the same code is open for the same connection; true when it raised it. */
  public boolean raiseOnce(String tenantId, String severity, String code, String message, @Nullable String connectionId) {
    if (isOpen(tenantId, code, connectionId)) {
      return false;
    }
    raise(tenantId, severity, code, message, connectionId);
    return true;
  }

  /** Resolves the open alerts of {@code code} for {@code connectionId} (null: those of no connection). */
  public int resolve(String tenantId, String code, @Nullable String connectionId) {
    int n = db.sql("update alert set resolved_at = ? where tenant_id = ? and code = ? and "
            + (connectionId == null ? "connection_id is null" : "connection_id = ?") + " and resolved_at is null")
        .params(connectionId == null
            ? new Object[] {Timestamp.from(clock.instant()), tenantId, code}
            : new Object[] {Timestamp.from(clock.instant()), tenantId, code, connectionId})
        .update();
    if (n > 0) {
      log.info("alert {} resolved tenant={} connection={}", code, tenantId, connectionId);
    }
    return n;
  }

  /** Resolves every open alert of {@code connectionId} (the connection is gone: nothing about it is left to fix). */
  public int resolveAll(String tenantId, String connectionId) {
    return db.sql("update alert set resolved_at = ? where tenant_id = ? and connection_id = ? and resolved_at is null")
        .params(Timestamp.from(clock.instant()), tenantId, connectionId).update();
  }

  public boolean isOpen(String tenantId, String code, @Nullable String connectionId) {
    return db.sql("select count(*) from alert where tenant_id = ? and code = ? and "
            + (connectionId == null ? "connection_id is null" : "connection_id = ?") + " and resolved_at is null")
        .params(connectionId == null ? new Object[] {tenantId, code} : new Object[] {tenantId, code, connectionId})
        .query(Long.class).single() > 0;
  }

  /** Open alerts first, then the newest resolved ones. */
  public List<Alert> recent(String tenantId, int limit) {
    return db.sql("select id, severity, code, message, connection_id, created_at, resolved_at from alert "
            + "where tenant_id = ? order by case when resolved_at is null then 0 else 1 end, id desc limit "
            + Math.max(1, Math.min(limit, 200)))
        .param(tenantId)
        .query((rs, i) -> new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
        .list();
  }
}
