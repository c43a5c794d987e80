package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.support.TestDatabases;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration 16 on a database written by version 15: the rows keep their meaning under vendor types (Mailchimp's
 * contacts are list members, HubSpot's keep their names), and a link is then keyed by (connection, vendor type, id).
 */
class VendorTypesMigrationTests {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void rowsOfVersion15AreKeyedByVendorTypeAfterIt(String database) {
    String url = database.equals("h2") ? TestDatabases.freshH2Url() : TestDatabases.freshPostgresUrl();
    DataSource ds = new DriverManagerDataSource(url, database.equals("h2") ? "sa" : "postgres",
        database.equals("h2") ? "" : "postgres");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("15").load().migrate();
    JdbcClient db = JdbcClient.create(ds);
    db.sql("insert into tenant(id, name, created_at) values ('t', 'T', current_timestamp)").update();
    for (String system : List.of("hubspot", "mailchimp")) {
      db.sql("insert into connection(id, tenant_id, system, display_name, settings_json, credentials_enc, status, "
          + "created_at, updated_at) values (?, 't', ?, ?, '{}', 'x', 'ACTIVE', current_timestamp, current_timestamp)")
          .params("c-" + system, system, system).update();
      db.sql("insert into record_link(tenant_id, connection_id, object_type, external_id, canonical_id, updated_at, "
          + "primary_of) values ('t', ?, 'contact', 'k1', 'r1', current_timestamp, 'r1')").param("c-" + system).update();
      db.sql("insert into sync_job(tenant_id, connection_id, object_type, external_id, requested_seq, status, "
          + "next_attempt_at, first_requested_at, updated_at) values ('t', ?, 'contact', 'k1', 1, 'PENDING', "
          + "current_timestamp, current_timestamp, current_timestamp)").param("c-" + system).update();
      db.sql("insert into sync_cursor(tenant_id, connection_id, object_type, backfill_status, next_run_at, created_at, "
          + "updated_at) values ('t', ?, 'contact', 'DONE', current_timestamp, current_timestamp, current_timestamp)")
          .param("c-" + system).update();
      db.sql("insert into inbox_event(tenant_id, connection_id, system, event_key, object_type, external_id, kind, "
          + "occurred_at, received_at, correlation_id) values ('t', ?, ?, 'e1', 'contact', 'k1', 'CHANGED', "
          + "current_timestamp, current_timestamp, 'c')").params("c-" + system, system).update();
    }
    db.sql("insert into record_link(tenant_id, connection_id, object_type, external_id, canonical_id, updated_at, "
        + "primary_of) values ('t', 'c-hubspot', 'company', 'k1', 'r2', current_timestamp, 'r2')").update();

    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();

    for (String table : List.of("record_link", "sync_job", "sync_cursor", "inbox_event")) {
      assertThat(db.sql("select vendor_type from " + table + " where connection_id = 'c-mailchimp'").query(String.class)
          .list()).as(table).containsOnly("member");
      assertThat(db.sql("select vendor_type from " + table + " where connection_id = 'c-hubspot'").query(String.class)
          .set()).as(table).isSubsetOf("contact", "company").contains("contact");
    }
    assertThat(db.sql("select object_type from record_link where connection_id = 'c-mailchimp'").query(String.class)
        .single()).as("the record's canonical type stays").isEqualTo("contact");
    // the key: one object of a vendor type belongs to one record; another vendor type may reuse the id
    assertThatThrownBy(() -> db.sql("insert into record_link(tenant_id, connection_id, object_type, vendor_type, "
        + "external_id, canonical_id, updated_at) values ('t', 'c-mailchimp', 'contact', 'member', 'k1', 'r9', "
        + "current_timestamp)").update()).isInstanceOf(DuplicateKeyException.class);
    db.sql("insert into record_link(tenant_id, connection_id, object_type, vendor_type, external_id, canonical_id, "
        + "updated_at) values ('t', 'c-hubspot', 'contact', 'lead', 'k1', 'r3', current_timestamp)").update();
  }
}
