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

/** Operator alerts: stored, logged (PII-free messages only) and published as {@link AlertRaised}. */
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

  public record Alert(long id, String severity, String code, String message, @Nullable String connectionId,
      Instant createdAt) {}

  public void raise(String tenantId, String severity, String code, String message, @Nullable String connectionId) {
    Instant now = clock.instant();
    db.sql("insert into alert(tenant_id, severity, code, message, connection_id, created_at) values (?,?,?,?,?,?)")
        .params(tenantId, severity, code, message, connectionId, Timestamp.from(now)).update();
    log.warn("alert {} {} tenant={} connection={}: {}", severity, code, tenantId, connectionId, message);
    publisher.publishEvent(new AlertRaised(tenantId, severity, code, message, connectionId, now));
  }

  public List<Alert> recent(String tenantId, int limit) {
    return db.sql("select id, severity, code, message, connection_id, created_at from alert where tenant_id = ? "
            + "order by id desc limit " + Math.min(limit, 200))
        .param(tenantId)
        .query((rs, i) -> new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getTimestamp(6).toInstant()))
        .list();
  }
}
