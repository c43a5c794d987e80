package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connections.ConnectionsFixture;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.EventsFixture;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's operations on each database (the subclasses): one row per (target, record), the newest request wins
 * — an upsert followed by a delete becomes the delete, a delete followed by an upsert becomes the upsert — and a task
 * sent as one operation is not finished when another arrived while it was on the wire.
 */
abstract class OutboxOperationsTests {
  final MutableClock clock = new MutableClock(SpineFixture.START);
  JdbcClient db;
  TransactionTemplate tx;
  Outbox outbox;
  String target;

  abstract DataSource database();

  @BeforeEach
  void setUp() {
    DataSource ds = database();
    db = JdbcClient.create(ds);
    tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    outbox = new Outbox(db, clock, tx, new WorkSignal());
    var events = new EventsFixture(db, clock);
    ConnectionsFixture.tenants(db, clock).ensure(SpineFixture.TENANT, "Tenant one", "US");
    var connections = ConnectionsFixture.connections(db, new Vault(new byte[32]), clock, events.alerts);
    target = ConnectionsFixture.connect(connections, SpineFixture.TENANT, "mailchimp", "acct", Map.of(), Map.of()).id();
  }

  private void upsert(long version) {
    tx.executeWithoutResult(s -> outbox.enqueue(SpineFixture.TENANT, target, "c1", "contact", version,
        clock.instant(), "corr"));
  }

  private void delete(long version) {
    tx.executeWithoutResult(s -> outbox.enqueueDelete(SpineFixture.TENANT, target, "c1", "contact", version,
        clock.instant(), "corr"));
  }

  private Outbox.Task claim() {
    return outbox.claim("w", 10, clock.instant().plusSeconds(60)).getFirst();
  }

  private long rows() {
    return db.sql("select count(*) from outbox_task").query(Long.class).single();
  }

  @Test
  void anUpsertFollowedByADeleteBecomesTheDelete() {
    upsert(1);
    upsert(2);
    delete(2);
    assertThat(rows()).isEqualTo(1);
    assertThat(claim()).satisfies(t -> {
      assertThat(t.operation()).isEqualTo(Outbox.Operation.DELETE);
      assertThat(t.version()).isEqualTo(2);
    });
  }

  @Test
  void aDeleteFollowedByAnUpsertBecomesTheUpsert() {
    delete(3);
    upsert(4);
    assertThat(rows()).isEqualTo(1);
    assertThat(claim().operation()).isEqualTo(Outbox.Operation.UPSERT);
  }

  @Test
  void anOperationThatArrivesWhileAnotherIsOnTheWireStaysPendingEvenAtTheSameVersion() {
    upsert(5);
    Outbox.Task sending = claim();
    delete(5);
    assertThat(outbox.finish(sending, "w", Outbox.DONE)).isTrue();
    assertThat(outbox.state(SpineFixture.TENANT, target, "c1").orElseThrow().status()).isEqualTo(Outbox.PENDING);
    Outbox.Task deleting = claim();
    assertThat(deleting.operation()).isEqualTo(Outbox.Operation.DELETE);
    assertThat(outbox.deleteInFlight(SpineFixture.TENANT, target, "c1")).isTrue();
    // a dead letter of the delete does not bury an upsert that replaced it meanwhile
    upsert(6);
    assertThat(outbox.dead(deleting, "w", "refused", "http_400")).isFalse();
    assertThat(claim().operation()).isEqualTo(Outbox.Operation.UPSERT);
  }

  @Test
  void aFinishedDeleteIsReopenedByALaterUpsert() {
    delete(1);
    assertThat(outbox.finish(claim(), "w", Outbox.DONE)).isTrue();
    assertThat(outbox.state(SpineFixture.TENANT, target, "c1").orElseThrow().status()).isEqualTo(Outbox.DONE);
    upsert(2);
    assertThat(claim().operation()).isEqualTo(Outbox.Operation.UPSERT);
  }

  private EdgeOutbox edges() {
    return new EdgeOutbox(db, clock, tx, new WorkSignal());
  }

  private void edge(EdgeOutbox edges, Outbox.Operation op, boolean primary) {
    tx.executeWithoutResult(s -> edges.enqueue(op, SpineFixture.TENANT, target, "c1", "contact", "company", "co1",
        "company", primary, clock.instant(), "corr"));
  }

  @Test
  void edgeTasksCoalescePerEdgeAndOneSentBeforeANewerRequestStaysPending() {
    EdgeOutbox edges = edges();
    edge(edges, Outbox.Operation.ASSOCIATE, true);
    edge(edges, Outbox.Operation.DISSOCIATE, true);
    assertThat(db.sql("select count(*) from outbox_edge_task").query(Long.class).single()).isOne();
    EdgeOutbox.EdgeTask sent = edges.claim("w", 10, clock.instant().plusSeconds(60)).getFirst();
    assertThat(sent.operation()).isEqualTo(Outbox.Operation.DISSOCIATE);
    Boolean otherEndInFlight = tx.execute(s -> edges.inFlight(SpineFixture.TENANT, target, "co1"));
    assertThat(otherEndInFlight).as("the other end too").isTrue();

    edge(edges, Outbox.Operation.ASSOCIATE, false); // arrives while the removal is on the wire
    assertThat(edges.finish(sent, "w", Outbox.DONE)).isTrue();
    EdgeOutbox.EdgeTask next = edges.claim("w", 10, clock.instant().plusSeconds(60)).getFirst();
    assertThat(next.operation()).isEqualTo(Outbox.Operation.ASSOCIATE);
    assertThat(next.primary()).isFalse();
  }

  @Test
  void waitingWritesAreNotClaimedSpendNoAttemptsAndAreWokenByTheLink() {
    EdgeOutbox edges = edges();
    upsert(1);
    edge(edges, Outbox.Operation.ASSOCIATE, true);
    Outbox.Task create = claim();
    EdgeOutbox.EdgeTask association = edges.claim("w", 10, clock.instant().plusSeconds(60)).getFirst();
    tx.executeWithoutResult(s -> {
      outbox.waitFor(create, "w", "co1");
      edges.waitFor(association, "w", "co1");
    });
    clock.advance(java.time.Duration.ofHours(1));
    assertThat(outbox.claim("w", 10, clock.instant().plusSeconds(60))).isEmpty();
    assertThat(edges.claim("w", 10, clock.instant().plusSeconds(60))).isEmpty();
    assertThat(outbox.countsByStatus(SpineFixture.TENANT, target)).containsEntry(Outbox.WAITING, 1L);
    assertThat(outbox.waiting(SpineFixture.TENANT, 10)).singleElement()
        .satisfies(w -> assertThat(w.waitingOn()).isEqualTo("co1"));

    Vault vault = new Vault(new byte[32]);
    Links links = new Links(db, vault, new ExternalIds(vault, new dev.switchboard.app.connectors.ConnectorRegistry(
        java.util.List.of())), clock, tx);
    tx.executeWithoutResult(s -> links.wakeWaiting(SpineFixture.TENANT, target, "co1"));
    assertThat(claim().attempts()).isZero();
    assertThat(edges.claim("w", 10, clock.instant().plusSeconds(60))).hasSize(1);
  }

  /**
   * The lost wake: a worker parks an edge write on record co1 while another transaction links co1 there. The link's
   * wake ran before the row was parked, and the worker's check after parking cannot see the link, not committed yet.
   * The wake that follows the link's commit finds the parked row; without it the write waited for good.
   */
  @Test
  void anEdgeParkedWhileItsEndIsBeingLinkedIsWokenOnceTheLinkCommits() throws Exception {
    EdgeOutbox edges = edges();
    edge(edges, Outbox.Operation.ASSOCIATE, true);
    EdgeOutbox.EdgeTask association = edges.claim("w", 10, clock.instant().plusSeconds(60)).getFirst();
    db.sql("insert into golden_record(id, tenant_id, object_type, version, fields_enc, created_at, updated_at) "
        + "values ('co1', ?, 'company', 1, '', ?, ?)").params(SpineFixture.TENANT, java.sql.Timestamp.from(
        clock.instant()), java.sql.Timestamp.from(clock.instant())).update();
    Vault vault = new Vault(new byte[32]);
    Links links = new Links(db, vault, new ExternalIds(vault, new dev.switchboard.app.connectors.ConnectorRegistry(
        java.util.List.of())), clock, tx);
    var linkedUncommitted = new java.util.concurrent.CountDownLatch(1);
    var parked = new java.util.concurrent.CountDownLatch(1);
    try (var executor = java.util.concurrent.Executors.newSingleThreadExecutor()) {
      var linking = executor.submit(() -> tx.executeWithoutResult(s -> {
        links.put(SpineFixture.TENANT, target, "company", "9001", null, "co1", Map.of(), null, true, "test");
        linkedUncommitted.countDown();
        try {
          assertThat(parked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }));
      assertThat(linkedUncommitted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      tx.executeWithoutResult(s -> {
        assertThat(edges.waitFor(association, "w", "co1")).isTrue();
        assertThat(links.byCanonical(SpineFixture.TENANT, target, "company", "co1")).as("not committed yet").isEmpty();
      });
      parked.countDown();
      linking.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(db.sql("select status from outbox_edge_task").query(String.class).single()).isEqualTo(Outbox.PENDING);
    assertThat(edges.claim("w", 10, clock.instant().plusSeconds(60))).hasSize(1);
  }

  /** A write left waiting for a record that is linked by now (its wake was lost) is woken by the purge's sweep. */
  @Test
  void aWriteLeftWaitingForALinkedRecordIsWokenByTheSweep() {
    EdgeOutbox edges = edges();
    edge(edges, Outbox.Operation.ASSOCIATE, true);
    EdgeOutbox.EdgeTask association = edges.claim("w", 10, clock.instant().plusSeconds(60)).getFirst();
    tx.executeWithoutResult(s -> edges.waitFor(association, "w", "co1"));
    Vault vault = new Vault(new byte[32]);
    Links links = new Links(db, vault, new ExternalIds(vault, new dev.switchboard.app.connectors.ConnectorRegistry(
        java.util.List.of())), clock, tx);
    assertThat(links.wakeStranded(100)).as("co1 is not linked").isZero();
    db.sql("insert into record_link(tenant_id, connection_id, object_type, vendor_type, external_id, canonical_id, "
        + "updated_at) values (?, ?, 'company', 'company', '9001', 'co1', ?)")
        .params(SpineFixture.TENANT, target, java.sql.Timestamp.from(clock.instant())).update();
    assertThat(links.wakeStranded(100)).isOne();
    assertThat(edges.claim("w", 10, clock.instant().plusSeconds(60))).hasSize(1);
  }

  /** V21: the record a create key was sent for is remembered once per connection, inside a transaction too. */
  @Test
  void aCreateKeyIsRememberedOnceAndNamesItsRecord() {
    Vault vault = new Vault(new byte[32]);
    Links links = new Links(db, vault, new ExternalIds(vault, new dev.switchboard.app.connectors.ConnectorRegistry(
        java.util.List.of())), clock, tx);
    tx.executeWithoutResult(s -> {
      links.rememberCreate(SpineFixture.TENANT, "conn-1", "sb1_key", "rec-1");
      links.rememberCreate(SpineFixture.TENANT, "conn-1", "sb1_key", "rec-1"); // a retried create
    });
    assertThat(links.createdFor(SpineFixture.TENANT, "conn-1", "sb1_key")).contains("rec-1");
    assertThat(links.createdFor(SpineFixture.TENANT, "conn-2", "sb1_key")).as("per connection").isEmpty();
    assertThat(links.createdFor("other-tenant", "conn-1", "sb1_key")).as("per tenant").isEmpty();
  }

  /**
   * Two workers on one create (a lease taken over while the first still sends): each checks, neither sees the other's
   * row yet, both insert. The second insert finds the key remembered and is done, the batch is not aborted by a
   * primary-key violation. The check that misses the other's row is simulated by a Links that never sees it.
   */
  @Test
  void aCreateKeyRememberedByTwoWorkersAtOnceIsRememberedOnce() {
    Vault vault = new Vault(new byte[32]);
    var ids = new ExternalIds(vault, new dev.switchboard.app.connectors.ConnectorRegistry(java.util.List.of()));
    Links first = new Links(db, vault, ids, clock, tx);
    Links racing = new Links(db, vault, ids, clock, tx) {
      @Override
      java.util.Optional<String> createdFor(String tenantId, String connectionId, String createKey) {
        return java.util.Optional.empty(); // its check ran before the other worker's row was committed
      }
    };
    tx.executeWithoutResult(s -> first.rememberCreate(SpineFixture.TENANT, target, "sb1_key", "rec-1"));
    tx.executeWithoutResult(s -> {
      racing.rememberCreate(SpineFixture.TENANT, target, "sb1_key", "rec-1");
      // the transaction is still usable after it (PostgreSQL aborts one whose statement failed)
      assertThat(first.createdFor(SpineFixture.TENANT, target, "sb1_key")).contains("rec-1");
    });
    assertThat(db.sql("select count(*) from create_key").query(Long.class).single()).isEqualTo(1L);
  }

  /** A create key goes a day after it was sent once its record is linked there; a record never linked keeps its key. */
  @Test
  void aCreateKeyGoesOnceItsRecordIsLinkedAndADayHasPassed() {
    Vault vault = new Vault(new byte[32]);
    Links links = new Links(db, vault, new ExternalIds(vault, new dev.switchboard.app.connectors.ConnectorRegistry(
        java.util.List.of())), clock, tx);
    tx.executeWithoutResult(s -> {
      links.rememberCreate(SpineFixture.TENANT, target, "sb1_linked", "rec-1");
      links.rememberCreate(SpineFixture.TENANT, target, "sb2_refused", "rec-2");
      links.rememberCreate(SpineFixture.TENANT, "other-conn", "sb3_elsewhere", "rec-1");
    });
    db.sql("insert into record_link(tenant_id, connection_id, object_type, vendor_type, external_id, canonical_id, "
        + "updated_at) values (?, ?, 'deal', 'deal', '9001', 'rec-1', ?)")
        .params(SpineFixture.TENANT, target, java.sql.Timestamp.from(clock.instant())).update();
    assertThat(links.purgeLinkedCreateKeys(clock.instant().minus(OutboxPurge.CREATE_KEY_RETENTION), 100))
        .as("too young: a read that began before the link may still ask").isZero();
    clock.advance(java.time.Duration.ofDays(2));
    assertThat(links.purgeLinkedCreateKeys(clock.instant().minus(OutboxPurge.CREATE_KEY_RETENTION), 100)).isOne();
    assertThat(links.createdFor(SpineFixture.TENANT, target, "sb1_linked")).isEmpty();
    assertThat(links.createdFor(SpineFixture.TENANT, target, "sb2_refused")).as("never linked").contains("rec-2");
    assertThat(links.createdFor(SpineFixture.TENANT, "other-conn", "sb3_elsewhere")).as("not linked there")
        .contains("rec-1");
  }

  /** A deleted connection takes the create keys sent to it with it. */
  @Test
  void aDeletedConnectionTakesItsCreateKeysWithIt() {
    Vault vault = new Vault(new byte[32]);
    Links links = new Links(db, vault, new ExternalIds(vault, new dev.switchboard.app.connectors.ConnectorRegistry(
        java.util.List.of())), clock, tx);
    tx.executeWithoutResult(s -> {
      links.rememberCreate(SpineFixture.TENANT, target, "sb1_key", "rec-1");
      links.rememberCreate(SpineFixture.TENANT, "other-conn", "sb2_key", "rec-2");
    });
    new ConnectionWork(db, clock, new WorkSignal()).deleted(new dev.switchboard.app.connections.ConnectionDeleted(
        SpineFixture.TENANT, target));
    assertThat(links.createdFor(SpineFixture.TENANT, target, "sb1_key")).isEmpty();
    assertThat(links.createdFor(SpineFixture.TENANT, "other-conn", "sb2_key")).as("another connection's").isPresent();
  }

  @Test
  void edgeSnapshotsTellHeldFromRemoved() {
    EdgeSnapshots snapshots = new EdgeSnapshots(db, clock);
    tx.executeWithoutResult(s -> snapshots.put(SpineFixture.TENANT, target, "c1", "company", "co1", true, true));
    assertThat(snapshots.holds(SpineFixture.TENANT, target, "c1", "company", "co1", true)).isTrue();
    assertThat(snapshots.holds(SpineFixture.TENANT, target, "c1", "company", "co1", false)).isFalse();
    tx.executeWithoutResult(s -> snapshots.put(SpineFixture.TENANT, target, "c1", "company", "co1", true, false));
    assertThat(snapshots.holdsAny(SpineFixture.TENANT, target, "c1", "company", "co1")).isFalse();
    assertThat(snapshots.of(SpineFixture.TENANT, target, "c1", "company")).containsOnlyKeys("co1");
  }
}
