package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Flyway migration 16: vendor objects are keyed by the vendor's own object type, not the canonical one
 * ({@code dev.switchboard.app.connectors.VendorType}).
 *
 * <ul>
 *   <li>{@code record_link} gains {@code vendor_type}, and its primary key becomes (tenant, connection, vendor type,
 *       external id): one vendor object belongs to one record whatever its canonical type; {@code object_type} stays
 *       as the record's canonical type (one primary per record, connection and canonical type);</li>
 *   <li>{@code sync_job}, {@code sync_cursor}, {@code inbox_event} and {@code outbox_merge_task} name the vendor type
 *       in {@code vendor_type} (renamed from {@code object_type}): they are per vendor object or per vendor type (a
 *       vendor merges two objects of one type), and never needed the canonical one.</li>
 * </ul>
 *
 * <p>Rows written before name the canonical type, which was the vendor type's name for every connector then except
 * Mailchimp, whose list members are {@code member}. Java, not SQL, only because the primary key's name differs
 * between PostgreSQL and H2; in Flyway's own package, so that every Flyway run over {@code db/migration} finds it
 * (it needs no Spring bean).
 */
public class V16__VendorTypes extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("alter table record_link add column vendor_type varchar(60)");
      s.execute("update record_link set vendor_type = case when exists (select 1 from connection c "
          + "where c.id = record_link.connection_id and c.system = 'mailchimp') then 'member' else object_type end");
      s.execute("alter table record_link alter column vendor_type set not null");
      s.execute("alter table record_link drop constraint \"" + primaryKey(c, "record_link") + "\"");
      s.execute("alter table record_link add constraint record_link_object "
          + "primary key (tenant_id, connection_id, vendor_type, external_id)");
      for (String table : new String[] {"sync_job", "sync_cursor", "inbox_event", "outbox_merge_task"}) {
        s.execute("alter table " + table + " rename column object_type to vendor_type");
        s.execute("update " + table + " set vendor_type = 'member' where vendor_type = 'contact' and exists "
            + "(select 1 from connection c where c.id = " + table + ".connection_id and c.system = 'mailchimp')");
        s.execute("alter table " + table + " alter column vendor_type set data type varchar(60)");
      }
    }
  }

  private static String primaryKey(Connection c, String table) throws SQLException {
    for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
      try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, c.getSchema(), name)) {
        if (rs.next()) {
          return rs.getString("PK_NAME");
        }
      }
    }
    throw new IllegalStateException("no primary key on " + table);
  }
}
