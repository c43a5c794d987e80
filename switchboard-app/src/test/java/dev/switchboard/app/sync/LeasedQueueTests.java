package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.TestDatabases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claim protocol on both databases: concurrent workers never claim the same row, and a row whose lease
 * expired (its worker died) is taken over.
 */
class LeasedQueueTests {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  /**
   * A claim as the workers make it: a claim that fails (a lock timeout on a contended database) is made again, as
   * {@code Workers} does on its next step.
   */
  private static List<Long> claimRetrying(LeasedQueue queue, String owner) {
    for (int attempt = 0; ; attempt++) {
      try {
        return queue.claim(owner, 7, NOW, NOW.plusSeconds(60), "");
      } catch (RuntimeException e) {
        if (attempt >= 200) {
          throw e;
        }
        try {
          Thread.sleep(1 + attempt % 5); // the other worker's claim ends within milliseconds
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void concurrentWorkersNeverClaimTheSameRow(String database) throws Exception {
    DataSource ds = TestDatabases.migrated(database.equals("h2") ? TestDatabases.freshH2Url() : TestDatabases.freshPostgresUrl());
    JdbcClient db = JdbcClient.create(ds);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    int rows = 400;
    for (int i = 0; i < rows; i++) {
      insertJob(db, "obj-" + i, null);
    }
    LeasedQueue queue = new LeasedQueue(db, tx, "sync_job");
    Set<Long> claimed = ConcurrentHashMap.newKeySet();
    List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
    int workers = 8;
    // every worker makes its first claim at the same moment (a busy machine could otherwise let one worker drain the
    // queue before the others start, and "the work was shared" would fail for no fault of the queue)
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(workers);
    List<java.util.concurrent.Future<Object>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      for (int w = 0; w < workers; w++) {
        String owner = "worker-" + w;
        done.add(pool.submit(() -> {
          start.await();
          List<Long> got;
          while (!(got = claimRetrying(queue, owner)).isEmpty()) {
            for (Long id : got) {
              if (!claimed.add(id)) {
                duplicates.add(id);
              }
            }
            // as a worker does: it works its batch before claiming again (without this, one thread on a busy
            // machine could drain all 400 rows in the milliseconds before the others are scheduled)
            Thread.sleep(2);
          }
          return null;
        }));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    for (java.util.concurrent.Future<Object> f : done) {
      f.get(); // a worker that died says why here, instead of leaving the others to drain the queue silently
    }
    assertThat(duplicates).isEmpty();
    assertThat(claimed).hasSize(rows);
    Set<String> owners = new HashSet<>(db.sql("select lease_owner from sync_job").query(String.class).list());
    assertThat(owners).hasSizeGreaterThan(1); // the work really was shared
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void anExpiredLeaseIsTakenOverAndALiveOneIsNot(String database) {
    DataSource ds = TestDatabases.migrated(database.equals("h2") ? TestDatabases.freshH2Url() : TestDatabases.freshPostgresUrl());
    JdbcClient db = JdbcClient.create(ds);
    LeasedQueue queue = new LeasedQueue(db, new TransactionTemplate(new DataSourceTransactionManager(ds)), "sync_job");
    insertJob(db, "crashed", NOW.minusSeconds(1));   // its worker died; lease ran out a second ago
    insertJob(db, "busy", NOW.plusSeconds(30));      // its worker is alive

    List<Long> got = queue.claim("survivor", 10, NOW, NOW.plusSeconds(60), "");

    assertThat(got).hasSize(1);
    assertThat(db.sql("select external_id from sync_job where id = ?").param(got.getFirst()).query(String.class).single())
        .isEqualTo("crashed");
    assertThat(db.sql("select lease_owner from sync_job where external_id = 'busy'").query(String.class).single())
        .isEqualTo("previous");
  }

  private static void insertJob(JdbcClient db, String externalId, Instant leaseUntil) {
    Timestamp t = Timestamp.from(NOW.minusSeconds(5));
    db.sql("insert into sync_job(tenant_id, connection_id, vendor_type, external_id, requested_seq, status, "
            + "next_attempt_at, first_requested_at, updated_at, lease_owner, lease_until) values "
            + "('t', 'c', 'contact', ?, 1, 'PENDING', ?, ?, ?, ?, ?)")
        .params(externalId, t, t, t, leaseUntil == null ? null : "previous",
            leaseUntil == null ? null : Timestamp.from(leaseUntil))
        .update();
  }
}
