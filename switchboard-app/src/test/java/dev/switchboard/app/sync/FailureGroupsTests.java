package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connections.ConnectionsFixture;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.EventsFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed writes grouped by cause on each database (the subclasses): one group per (connection, error code) of the
 * tenant's dead letters, with count, oldest and newest; a group's retry makes exactly its writes pending again; a
 * discard keeps them, as discarded, through the purge of finished writes, and the record's next change is written.
 */
abstract class FailureGroupsTests {
  static final String OTHER = "t2";
  final MutableClock clock = new MutableClock(SpineFixture.START);
  JdbcClient db;
  TransactionTemplate tx;
  Outbox outbox;
  String mailchimp;
  String hubspot;
  String othersMailchimp;

  abstract DataSource database();

  @BeforeEach
  void setUp() {
    DataSource ds = database();
    db = JdbcClient.create(ds);
    tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    outbox = new Outbox(db, clock, tx, new WorkSignal());
    var events = new EventsFixture(db, clock);
    var tenants = ConnectionsFixture.tenants(db, clock);
    tenants.ensure(SpineFixture.TENANT, "Tenant one", "US");
    tenants.ensure(OTHER, "Tenant two", "US");
    var connections = ConnectionsFixture.connections(db, new Vault(new byte[32]), clock, events.alerts);
    mailchimp = ConnectionsFixture.connect(connections, SpineFixture.TENANT, "mailchimp", "acct", Map.of(), Map.of())
        .id();
    hubspot = ConnectionsFixture.connect(connections, SpineFixture.TENANT, "hubspot", "portal", Map.of(), Map.of())
        .id();
    othersMailchimp = ConnectionsFixture.connect(connections, OTHER, "mailchimp", "acct2", Map.of(), Map.of()).id();
  }

  /** Enqueues, claims and dead-letters a write of {@code record} with {@code code}, one minute after the last. */
  private void dead(String tenant, String connection, String record, String code) {
    clock.advance(Duration.ofMinutes(1));
    tx.executeWithoutResult(s -> outbox.enqueue(tenant, connection, record, "contact", 1, clock.instant(), "c"));
    Outbox.Task task = outbox.claim("w", 100, clock.instant().plusSeconds(60)).stream()
        .filter(t -> t.canonicalId().equals(record)).findFirst().orElseThrow();
    assertThat(outbox.dead(task, "w", "refused", code)).isTrue();
  }

  private String status(String record) {
    return db.sql("select status from outbox_task where canonical_id = ?").param(record).query(String.class).single();
  }

  private void seed() {
    dead(SpineFixture.TENANT, mailchimp, "r1", "Member Exists");
    dead(SpineFixture.TENANT, mailchimp, "r2", "http_500");
    dead(SpineFixture.TENANT, mailchimp, "r3", "Member Exists");
    dead(SpineFixture.TENANT, hubspot, "r4", "Member Exists"); // same code, another connection: its own group
    dead(OTHER, othersMailchimp, "r5", "Member Exists");
  }

  @Test
  void deadLettersAreGroupedByConnectionAndCodeWithCountsAndTheirTimeSpan() {
    seed();
    List<Outbox.DeadGroup> groups = outbox.deadGroups(SpineFixture.TENANT);
    assertThat(groups).extracting(Outbox.DeadGroup::connectionId, Outbox.DeadGroup::errorCode,
        Outbox.DeadGroup::count).containsExactly(
            org.assertj.core.groups.Tuple.tuple(mailchimp, "Member Exists", 2L),
            org.assertj.core.groups.Tuple.tuple(mailchimp, "http_500", 1L),
            org.assertj.core.groups.Tuple.tuple(hubspot, "Member Exists", 1L));
    Outbox.DeadGroup first = groups.getFirst();
    assertThat(first.oldest()).isEqualTo(SpineFixture.START.plus(Duration.ofMinutes(1)));
    assertThat(first.newest()).isEqualTo(SpineFixture.START.plus(Duration.ofMinutes(3)));
    assertThat(first.sampleRecord()).isIn("r1", "r3");
    assertThat(outbox.deadGroups(OTHER)).singleElement().extracting(Outbox.DeadGroup::count).isEqualTo(1L);
  }

  @Test
  void retryingAGroupMakesExactlyItsWritesPendingWithAFreshBudget() {
    seed();
    assertThat(outbox.replayGroup(SpineFixture.TENANT, mailchimp, "Member Exists")).isEqualTo(2);
    assertThat(List.of(status("r1"), status("r2"), status("r3"), status("r4"), status("r5")))
        .containsExactly("PENDING", "DEAD", "PENDING", "DEAD", "DEAD");
    assertThat(db.sql("select attempts from outbox_task where canonical_id = 'r1'").query(Integer.class).single())
        .isZero();
    assertThat(outbox.claim("w", 100, clock.instant().plusSeconds(60))).extracting(Outbox.Task::canonicalId)
        .containsExactlyInAnyOrder("r1", "r3");
    // another tenant's group of the same name is not this tenant's to retry
    assertThat(outbox.replayGroup(SpineFixture.TENANT, othersMailchimp, "Member Exists")).isZero();
    assertThat(status("r5")).isEqualTo("DEAD");
  }

  @Test
  void discardingAGroupKeepsItsWritesOnRecordAndTheNextChangeIsWritten() {
    seed();
    assertThat(outbox.discardGroup(SpineFixture.TENANT, mailchimp, "Member Exists")).isEqualTo(2);
    assertThat(List.of(status("r1"), status("r3"), status("r4"))).containsExactly("DISCARDED", "DISCARDED", "DEAD");
    assertThat(db.sql("select last_error_code from outbox_task where canonical_id = 'r1'").query(String.class)
        .single()).as("why it failed is kept").isEqualTo("Member Exists");
    assertThat(outbox.deadGroups(SpineFixture.TENANT)).extracting(Outbox.DeadGroup::errorCode)
        .containsExactly("http_500", "Member Exists");
    assertThat(outbox.claim("w", 100, clock.instant().plusSeconds(60))).as("not sent").isEmpty();

    clock.advance(Duration.ofDays(30));
    outbox.purgeFinished(clock.instant(), 1000);
    assertThat(status("r1")).as("a decision on record, not purged").isEqualTo("DISCARDED");

    tx.executeWithoutResult(s -> outbox.enqueue(SpineFixture.TENANT, mailchimp, "r1", "contact", 2, clock.instant(),
        "c"));
    assertThat(status("r1")).as("the record's next change is written").isEqualTo("PENDING");
    assertThat(outbox.discardGroup(SpineFixture.TENANT, mailchimp, "Member Exists")).as("nothing left to discard")
        .isZero();
  }

  @Test
  void aGroupKeyNamesConnectionAndCodeAndRefusesAnythingElse() {
    String key = FailureGroupKey.encode(mailchimp, "Member Exists");
    assertThat(key).matches("[A-Za-z0-9_-]+");
    assertThat(FailureGroupKey.decode(key)).contains(new FailureGroupKey(mailchimp, "Member Exists"));
    assertThat(FailureGroupKey.decode(FailureGroupKey.encode(mailchimp, null)))
        .contains(new FailureGroupKey(mailchimp, null));
    assertThat(FailureGroupKey.decode("not a key")).isEmpty();
    assertThat(FailureGroupKey.decode("bm8tbmV3bGluZQ")).as("no newline inside").isEmpty();
    assertThat(FailureGroupKey.decode("")).isEmpty();
  }
}
