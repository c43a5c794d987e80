package dev.switchboard.app.e2e;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.api.Trigger;

/**
 * An H2 row trigger that fails one insert of a link of the armed connection: the spine's bookkeeping transaction of a
 * write the vendor has already applied then never commits, as if the process had died between the vendor's answer
 * and the commit. Lives in the test sources only; nothing in the app can reach it.
 */
public final class FailOnceTrigger implements Trigger {
  /** The connection whose next link insert fails; cleared when it fires. */
  static final AtomicReference<String> armedFor = new AtomicReference<>();
  static final AtomicInteger fired = new AtomicInteger();

  private int connectionColumn = -1;

  /** Installs the trigger on {@code record_link}. */
  static void install(org.springframework.jdbc.core.simple.JdbcClient db) {
    db.sql("create trigger if not exists fail_once_link before insert on record_link for each row call '"
        + FailOnceTrigger.class.getName() + "'").update();
  }

  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
      throws SQLException {
    try (ResultSet rs = conn.getMetaData().getColumns(null, schemaName, tableName, "connection_id")) {
      if (rs.next()) {
        connectionColumn = rs.getInt("ORDINAL_POSITION") - 1;
      }
    }
    if (connectionColumn < 0) {
      throw new SQLException("record_link has no connection_id column");
    }
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    String armed = armedFor.get();
    if (armed != null && armed.equals(String.valueOf(newRow[connectionColumn])) && armedFor.compareAndSet(armed, null)) {
      fired.incrementAndGet();
      throw new SQLException("simulated crash: the bookkeeping of a confirmed write never commits");
    }
  }
}
