package dev.switchboard.app.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How long the audit trail ({@code audit.logged} events) is kept, and the one code path that ever deletes it.
 *
 * <p>Contract: the trail is append-only. Nothing updates its rows, and nothing deletes them except {@link #purge},
 * which refuses a window shorter than {@link #FLOOR} (365 days). {@code switchboard.audit.retention}
 * ({@code SWITCHBOARD_AUDIT_RETENTION}, e.g. {@code 730d}) purges once a day; unset (the default), the trail is kept
 * for ever; set below the floor, the application refuses to start. The database enforces the same rule on its own
 * ({@link V12_1__AuditTrailAppendOnly}) with {@link #DATABASE_FLOOR}, one day shorter so that a node whose clock runs
 * a little ahead of the database's never has a legitimate purge refused.
 */
@Service
public class AuditRetention implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

  /** The shortest window the application purges with. */
  public static final Duration FLOOR = Duration.ofDays(365);
  /** The youngest audit row the database lets anyone delete. */
  static final Duration DATABASE_FLOOR = FLOOR.minusDays(1);
  static final String REFUSED_UPDATE = "the audit trail is append-only: audit.logged rows cannot be updated";
  static final String REFUSED_DELETE = "the audit trail is kept for at least 364 days: this row is too young to delete";
  static final String REFUSED_TRUNCATE = "the audit trail is append-only: domain_event cannot be truncated";

  private final JdbcClient db;
  private final Clock clock;
  private final @Nullable Duration retention;
  private final @Nullable ScheduledExecutorService daily;

  AuditRetention(JdbcClient db, Clock clock,
      @Value("${switchboard.audit.retention:}") @Nullable Duration retention) {
    if (retention != null && retention.compareTo(FLOOR) < 0) {
      throw new IllegalStateException("switchboard.audit.retention is " + retention.toDays()
          + " days; the audit trail is kept for at least " + FLOOR.toDays() + " days");
    }
    this.db = db;
    this.clock = clock;
    this.retention = retention;
    if (retention == null) {
      this.daily = null;
    } else {
      this.daily = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("audit-retention")
          .factory());
      daily.scheduleWithFixedDelay(this::purgeQuietly, 1, 24 * 60, TimeUnit.MINUTES);
    }
  }

  /** The configured window, or null when the trail is kept for ever. */
  public @Nullable Duration retention() {
    return retention;
  }

  /**
   * Deletes the audit rows older than {@code keep} and returns how many went.
   *
   * @throws IllegalArgumentException when {@code keep} is shorter than {@link #FLOOR}: nothing is deleted
   */
  public int purge(Duration keep) {
    if (keep.compareTo(FLOOR) < 0) {
      throw new IllegalArgumentException("the audit trail is kept for at least " + FLOOR.toDays() + " days, not "
          + keep.toDays());
    }
    return db.sql("delete from domain_event where name = ? and created_at < ?")
        .params(DomainEvents.AUDIT_LOGGED, Timestamp.from(clock.instant().minus(keep))).update();
  }

  private void purgeQuietly() {
    try {
      int gone = purge(java.util.Objects.requireNonNull(retention));
      if (gone > 0) {
        log.info("Audit trail: {} entries older than {} days deleted", gone, retention.toDays());
      }
    } catch (RuntimeException e) {
      log.warn("Audit trail purge failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void destroy() {
    if (daily != null) {
      daily.shutdownNow();
    }
  }
}
