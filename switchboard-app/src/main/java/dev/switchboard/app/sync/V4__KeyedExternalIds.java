package dev.switchboard.app.sync;

import dev.switchboard.app.crypto.Vault;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 4 (a Spring bean: it needs the master key): re-keys the vendor ids stored in clear before
 * version 3 — links, sync jobs and inbox events now hold a keyed hash with the id encrypted beside it
 * ({@link ExternalIds}), and a job's prefetched record is bound to that key. Rows already keyed are left alone, so
 * the migration is safe on a database created by version 3 or later (where there is nothing to do).
 */
@Component
class V4__KeyedExternalIds extends BaseJavaMigration {
  private final ExternalIds ids;
  private final Vault vault;

  V4__KeyedExternalIds(ExternalIds ids, Vault vault) {
    this.ids = ids;
    this.vault = vault;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    rekeyLinks(c);
    rekeyJobs(c);
    rekeyInbox(c);
  }

  private void rekeyLinks(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("select tenant_id, connection_id, object_type, external_id "
            + "from record_link where external_ref_enc is null");
        PreparedStatement update = c.prepareStatement("update record_link set external_id = ?, external_ref_enc = ? "
            + "where tenant_id = ? and connection_id = ? and object_type = ? and external_id = ?");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        String tenant = rs.getString(1);
        String connection = rs.getString(2);
        String id = rs.getString(4);
        update.setString(1, ids.key(id));
        update.setString(2, ids.seal(tenant, connection, id));
        update.setString(3, tenant);
        update.setString(4, connection);
        update.setString(5, rs.getString(3));
        update.setString(6, id);
        update.executeUpdate();
      }
    }
  }

  private void rekeyJobs(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("select id, tenant_id, connection_id, external_id, "
            + "previous_external_id, prefetched_enc from sync_job where external_ref_enc is null");
        PreparedStatement update = c.prepareStatement("update sync_job set external_id = ?, external_ref_enc = ?, "
            + "previous_external_id = ?, previous_external_ref_enc = ?, prefetched_enc = ? where id = ?");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        String tenant = rs.getString(2);
        String connection = rs.getString(3);
        String id = rs.getString(4);
        String previous = rs.getString(5);
        String prefetched = rs.getString(6);
        update.setString(1, ids.key(id));
        update.setString(2, ids.seal(tenant, connection, id));
        update.setString(3, previous == null ? null : ids.key(previous));
        update.setString(4, previous == null ? null : ids.seal(tenant, connection, previous));
        update.setString(5, prefetched == null ? null : vault.encrypt(
            vault.decrypt(prefetched, "job:" + tenant + ":" + id), "job:" + tenant + ":" + ids.key(id)));
        update.setLong(6, rs.getLong(1));
        update.executeUpdate();
      }
    }
  }

  private void rekeyInbox(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("select id, external_id from inbox_event "
            + "where external_id not like 'k1!_%' escape '!'");
        PreparedStatement update = c.prepareStatement("update inbox_event set external_id = ? where id = ?");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        update.setString(1, ids.key(rs.getString(2)));
        update.setLong(2, rs.getLong(1));
        update.executeUpdate();
      }
    }
  }
}
