package dev.switchboard.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The audit trail is append-only at the database (migration 12.1, one subclass per kind of database): whatever SQL
 * is sent, an {@code audit.logged} row is never updated and is deleted only once older than the floor; and the
 * application's only delete, {@link AuditRetention#purge}, refuses a window under a year. Ages are relative to the
 * real clock, because the database's guard reads its own.
 */
abstract class AuditTrailGuardTests {
  static final Instant NOW = Instant.now();
  JdbcClient db;

  abstract String freshDatabaseUrl();

  @BeforeEach
  void migrate() {
    String url = freshDatabaseUrl();
    boolean h2 = url.startsWith("jdbc:h2");
    DataSource ds = new DriverManagerDataSource(url, h2 ? "sa" : "postgres", h2 ? "" : "postgres");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration")
        .javaMigrations(new V12_1__AuditTrailAppendOnly()).load().migrate();
    db = JdbcClient.create(ds);
  }

  @Test
  void anAuditRowCannotBeUpdatedNorAnotherEventTurnedIntoOne() {
    long audit = insert(DomainEvents.AUDIT_LOGGED, NOW);
    long synced = insert(DomainEvents.CRM_SYNCED, NOW);

    assertThatThrownBy(() -> db.sql("update domain_event set payload_json = '{\"action\":\"nothing\"}' where id = ?")
        .param(audit).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> db.sql("update domain_event set created_at = ? where id = ?")
        .params(Timestamp.from(NOW.minus(Duration.ofDays(1000))), audit).update())
        .as("not even backdated, to become purgeable").isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> db.sql("update domain_event set name = 'audit.logged' where id = ?").param(synced)
        .update()).as("a forged entry").isInstanceOf(DataAccessException.class);
    assertThat(db.sql("update domain_event set payload_json = '{}' where id = ?").param(synced).update())
        .as("other events are not the audit trail").isEqualTo(1);
    assertThat(db.sql("select payload_json from domain_event where id = ?").param(audit).query(String.class)
        .single()).isEqualTo("{\"action\":\"login.succeeded\"}");
  }

  @Test
  void anAuditRowYoungerThanTheFloorCannotBeDeletedAnOlderOneCan() {
    long young = insert(DomainEvents.AUDIT_LOGGED, NOW.minus(Duration.ofDays(300)));
    long old = insert(DomainEvents.AUDIT_LOGGED, NOW.minus(Duration.ofDays(400)));
    long synced = insert(DomainEvents.CRM_SYNCED, NOW);

    assertThatThrownBy(() -> db.sql("delete from domain_event where id = ?").param(young).update())
        .isInstanceOf(DataAccessException.class).hasMessageContaining("at least 364 days");
    assertThatThrownBy(() -> db.sql("delete from domain_event").update()).as("a statement touching one young row "
        + "deletes nothing").isInstanceOf(DataAccessException.class);
    assertThat(count()).isEqualTo(3);
    assertThat(db.sql("delete from domain_event where id in (?, ?)").params(old, synced).update()).isEqualTo(2);
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void thePurgeKeepsAtLeastAYearAndRefusesAShorterWindow() {
    insert(DomainEvents.AUDIT_LOGGED, NOW.minus(Duration.ofDays(366)));
    insert(DomainEvents.AUDIT_LOGGED, NOW.minus(Duration.ofDays(364)));
    insert(DomainEvents.AUDIT_LOGGED, NOW.minus(Duration.ofDays(30)));
    AuditRetention retention = new AuditRetention(db, Clock.systemUTC(), null);

    assertThatThrownBy(() -> retention.purge(Duration.ofDays(364))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retention.purge(Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
    assertThat(count()).isEqualTo(3);
    assertThat(retention.purge(Duration.ofDays(365))).isEqualTo(1);
    assertThat(retention.purge(Duration.ofDays(730))).isZero();
    assertThat(count()).isEqualTo(2);
    assertThatThrownBy(() -> new AuditRetention(db, Clock.systemUTC(), Duration.ofDays(90)))
        .as("a configured window under a year stops the start").isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 365 days");
  }

  long insert(String name, Instant at) {
    db.sql("insert into domain_event(tenant_id, name, payload_json, created_at) values ('t', ?, ?, ?)")
        .params(name, "{\"action\":\"login.succeeded\"}", Timestamp.from(at)).update();
    return db.sql("select max(id) from domain_event").query(Long.class).single();
  }

  long count() {
    return db.sql("select count(*) from domain_event").query(Long.class).single();
  }
}
