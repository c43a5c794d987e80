package dev.switchboard.app.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.h2.api.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * H2's half of the database-level guard on the audit trail (installed by {@link V12_1__AuditTrailAppendOnly}; the
 * PostgreSQL half is a PL/pgSQL trigger with the same rule): a row of {@code domain_event} named
 * {@code audit.logged} is never updated, no row is updated into one, and one is deleted only once it is older than
 * {@link AuditRetention#DATABASE_FLOOR}. Anything else is refused with an {@link SQLException}, whatever code or
 * console sent it. H2 calls this with rows in the table's column order: id, tenant_id, name, payload_json,
 * correlation_id, created_at.
 */
public final class AuditRowGuard implements Trigger {
  private static final int NAME = 2;
  private static final int CREATED_AT = 5;

  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
      int type) {
    // nothing to prepare: the rule reads only the rows H2 passes in
  }

  @Override
  public void fire(Connection conn, Object @Nullable [] oldRow, Object @Nullable [] newRow) throws SQLException {
    boolean audit = oldRow != null && DomainEvents.AUDIT_LOGGED.equals(oldRow[NAME]);
    if (oldRow != null && newRow != null
        && (audit || DomainEvents.AUDIT_LOGGED.equals(newRow[NAME]))) {
      throw new SQLException(AuditRetention.REFUSED_UPDATE, "23514");
    }
    if (audit && newRow == null
        && instant(oldRow[CREATED_AT]).isAfter(Instant.now().minus(AuditRetention.DATABASE_FLOOR))) {
      throw new SQLException(AuditRetention.REFUSED_DELETE, "23514");
    }
  }

  private static Instant instant(Object value) {
    return switch (value) {
      case OffsetDateTime o -> o.toInstant();
      case ZonedDateTime z -> z.toInstant();
      case Timestamp t -> t.toInstant();
      case Instant i -> i;
      default -> Instant.MAX; // a type we do not know: treat the row as new, i.e. refuse to delete it
    };
  }
}
