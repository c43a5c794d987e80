package dev.switchboard.app.events;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 12.1 (a Spring bean, like migration 4, so it also runs from the packaged jar): the database keeps
 * the audit trail append-only, whichever code path — ours, a later bug, a hand-typed statement — tries otherwise.
 * On {@code domain_event}, a row named {@code audit.logged} cannot be updated (nor another row turned into one),
 * and cannot be deleted until it is {@link AuditRetention#DATABASE_FLOOR} old; on PostgreSQL the table cannot be
 * truncated either. The only delete the application issues is {@link AuditRetention#purge}, which keeps at least
 * {@link AuditRetention#FLOOR}. It is vendor-specific SQL, hence Java: PL/pgSQL on PostgreSQL, a Java trigger
 * ({@link AuditRowGuard}) on H2. A database owner can still drop the trigger; this guards against mistakes, not
 * against the database's administrator.
 */
@Component
class V12_1__AuditTrailAppendOnly extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws SQLException {
    String product = context.getConnection().getMetaData().getDatabaseProductName();
    try (Statement s = context.getConnection().createStatement()) {
      if (product.toLowerCase(java.util.Locale.ROOT).contains("h2")) {
        s.execute("create trigger domain_event_audit_guard before update, delete on domain_event for each row call \""
            + AuditRowGuard.class.getName() + "\"");
        return;
      }
      long days = AuditRetention.DATABASE_FLOOR.toDays();
      s.execute("""
          create function audit_trail_guard() returns trigger language plpgsql as $$
          begin
            if tg_op = 'TRUNCATE' then
              raise exception '%s' using errcode = 'check_violation';
            end if;
            if tg_op = 'UPDATE' and (old.name = 'audit.logged' or new.name = 'audit.logged') then
              raise exception '%s' using errcode = 'check_violation';
            end if;
            if tg_op = 'DELETE' and old.name = 'audit.logged' and old.created_at > now() - interval '%d days' then
              raise exception '%s' using errcode = 'check_violation';
            end if;
            if tg_op = 'DELETE' then
              return old;
            end if;
            return new;
          end $$""".formatted(AuditRetention.REFUSED_TRUNCATE, AuditRetention.REFUSED_UPDATE, days,
          AuditRetention.REFUSED_DELETE));
      s.execute("create trigger domain_event_audit_guard before update or delete on domain_event for each row "
          + "execute function audit_trail_guard()");
      s.execute("create trigger domain_event_audit_no_truncate before truncate on domain_event for each statement "
          + "execute function audit_trail_guard()");
    }
  }
}
