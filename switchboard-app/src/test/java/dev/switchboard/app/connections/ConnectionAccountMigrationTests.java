package dev.switchboard.app.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration 24 on a database written by version 23 that already holds one account twice: the migration runs (no
 * connection is deleted or loses its account), the earliest of the two claims the account, and from then on no other
 * connection of the tenant can claim it; connections without an account, and other tenants, are not held by it.
 */
class ConnectionAccountMigrationTests {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void duplicatesOfVersion23AreKeptAndTheEarliestClaimsTheAccount(String database) {
    String url = database.equals("h2") ? TestDatabases.freshH2Url() : TestDatabases.freshPostgresUrl();
    DataSource ds = new DriverManagerDataSource(url, database.equals("h2") ? "sa" : "postgres",
        database.equals("h2") ? "" : "postgres");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("23").load().migrate();
    JdbcClient db = JdbcClient.create(ds);
    for (String t : new String[] {"t", "u"}) {
      db.sql("insert into tenant(id, name, created_at) values (?, ?, current_timestamp)").params(t, t).update();
    }
    insert(db, "c-later", "t", "acct", "2026-01-02 00:00:00");
    insert(db, "c-first", "t", "acct", "2026-01-01 00:00:00");
    insert(db, "c-none-1", "t", null, "2026-01-01 00:00:00");
    insert(db, "c-none-2", "t", null, "2026-01-01 00:00:00");
    insert(db, "c-other", "u", "acct", "2026-01-03 00:00:00");

    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();

    assertThat(db.sql("select id from connection where account_id = 'acct' and tenant_id = 't'").query(String.class)
        .set()).as("both kept, with their account").containsExactlyInAnyOrder("c-first", "c-later");
    assertThat(db.sql("select id from connection where account_claim = 'acct'").query(String.class).set())
        .containsExactlyInAnyOrder("c-first", "c-other");
    assertThatThrownBy(() -> insert(db, "c-new", "t", "acct", "2026-02-01 00:00:00"))
        .as("no new connection claims a claimed account").isInstanceOf(DuplicateKeyException.class);
    insert(db, "c-none-3", "t", null, "2026-02-01 00:00:00"); // many without an account
  }

  private static void insert(JdbcClient db, String id, String tenant, String account, String at) {
    boolean v24 = db.sql("select count(*) from information_schema.columns where lower(table_name) = 'connection' "
        + "and lower(column_name) = 'account_claim'").query(Long.class).single() > 0;
    db.sql("insert into connection(id, tenant_id, system, account_id, display_name, settings_json, credentials_enc, "
            + "status, created_at, updated_at" + (v24 ? ", account_claim" : "") + ") values (?, ?, "
            + "'mailchimp', ?, ?, '{}', 'x', 'ACTIVE', cast(? as timestamp), cast(? as timestamp)"
            + (v24 ? ", ?" : "") + ")")
        .params(v24 ? new Object[] {id, tenant, account, id, at, at, account}
            : new Object[] {id, tenant, account, id, at, at})
        .update();
  }
}
