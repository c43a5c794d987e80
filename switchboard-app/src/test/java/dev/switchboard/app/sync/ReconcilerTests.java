package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.hubspot.HubSpotConnector;
import dev.switchboard.app.connectors.hubspot.HubSpotProperties;
import dev.switchboard.app.events.Alerts;
import dev.switchboard.app.support.FakeHubSpotCrm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation recovers every change whose webhook was lost, at any backlog size, without ever making a 429 an
 * error of the connection; it resumes where it stopped, takes turns between connections, and says so when it stops
 * keeping up. Time is the test's clock: waiting for quota is moving it.
 */
class ReconcilerTests {

  /**
   * The app was down for an hour while 50,000 HubSpot contacts changed (in bulk: 250 share each millisecond), and
   * people kept editing contacts the poll had already paged past. Search answers at most 10,000 results per query
   * and a few requests per second: the poll pages by key through all of them, within the limit, and enqueues
   * every one.
   */
  @Test
  void fiftyThousandChangesAcrossTheSearchCapAreAllRecovered() {
    MutableClock clock = new MutableClock(SpineFixture.START);
    try (FakeHubSpotCrm crm = new FakeHubSpotCrm(clock)) {
      SpineFixture f = hubspotAgainst(crm, clock);
      runUntilCompleted(f, clock); // connected to an empty portal: the backfill completes at once

      Instant downtime = clock.instant().plus(Duration.ofMinutes(10));
      int changes = 50_000;
      for (int i = 1; i <= changes; i++) {
        crm.put(i, "c" + i + "@example.com", "C" + i, downtime.plusMillis(i / 250));
      }
      clock.advance(Duration.ofHours(1));
      Random random = new Random(7);
      crm.beforeEachSearch(() -> {
        if (random.nextInt(5) == 0) { // an edit of a contact somewhere in the backlog, now
          crm.touch(1 + random.nextInt(changes), "Edited", clock.instant());
        }
      });
      runUntilCompleted(f, clock);

      assertThat(distinctJobs(f)).isEqualTo(changes);
      assertThat(crm.capExceeded.get()).isZero();
      assertThat(crm.rateLimited.get()).as("our limiter keeps search under HubSpot's limit").isZero();
      assertThat(connection(f).status()).isEqualTo(Connection.ACTIVE);
      assertThat(f.events.alerts.recent(SpineFixture.TENANT, 10)).noneMatch(Alerts.Alert::open);
    }
  }

  /** HubSpot answers 429 more often than our limiter expects: each is a pause, and nothing is lost or failed. */
  @Test
  void aTooManyRequestsIsAPauseNeverAnErrorOfTheConnection() {
    MutableClock clock = new MutableClock(SpineFixture.START);
    try (FakeHubSpotCrm crm = new FakeHubSpotCrm(clock)) {
      crm.searchPerSecond(1);
      SpineFixture f = hubspotAgainst(crm, clock);
      runUntilCompleted(f, clock);
      for (int i = 1; i <= 3_000; i++) {
        crm.put(i, "r" + i + "@example.com", "R" + i, clock.instant().plusSeconds(60).plusMillis(i));
      }
      clock.advance(Duration.ofHours(1));
      runUntilCompleted(f, clock);

      assertThat(crm.rateLimited.get()).isPositive();
      assertThat(distinctJobs(f)).isEqualTo(3_000);
      assertThat(connection(f).status()).isEqualTo(Connection.ACTIVE);
      assertThat(f.events.alerts.recent(SpineFixture.TENANT, 10)).noneMatch(Alerts.Alert::open);
    }
  }

  /** A run reads a bounded number of pages; the next run, even on a restarted node, goes on from there. */
  @Test
  void thePollResumesWhereItStoppedAcrossARestart() {
    SpineFixture f = new SpineFixture(false);
    f.hubspot.pageSize = 10;
    runUntilCompleted(f, f.clock);
    for (int i = 0; i < 300; i++) {
      f.hubspot.create(Map.of(ContactField.EMAIL, "p" + i + "@example.com"));
    }
    f.clock.advance(Duration.ofMinutes(10));
    int listsBefore = f.hubspot.contactListCalls.get();
    f.reconciler.runOnce("node-1", 1); // 10 pages of 30, then the node goes down

    Reconciler restarted = new Reconciler(f.connections, f.registry, f.jobs, f.cursors,
        new AssociationSweep(f.links, f.edgeSnapshots, f.jobs, f.cursors, f.tx, f.clock), f.events.alerts, f.retry, f.tx,
        f.clock, 300_000, 120_000, 10);
    while (cursorBusy(f)) {
      restarted.runOnce("node-2", 1);
    }
    assertThat(distinctJobs(f)).isEqualTo(300);
    assertThat(f.hubspot.contactListCalls.get() - listsBefore).as("pages read: none twice").isEqualTo(30);
  }

  /** One tenant's backlog does not hold up another connection's reconciliation. */
  @Test
  void aLargeBacklogTakesTurnsWithTheOtherConnections() {
    SpineFixture f = new SpineFixture();
    runUntilCompleted(f, f.clock);
    for (int i = 0; i < 5_000; i++) {
      f.hubspot.create(Map.of(ContactField.EMAIL, "h" + i + "@example.com"));
    }
    f.mailchimp.create(Map.of(ContactField.EMAIL, "m@example.com"));
    f.clock.advance(Duration.ofMinutes(10));

    f.reconciler.runOnce("node", 4); // a turn each: the contacts and the companies of both connections

    assertThat(completedAt(f, f.mailchimpConnection)).isEqualTo(f.clock.instant());
    assertThat(completedAt(f, f.hubspotConnection)).isBefore(f.clock.instant()); // 10 of its 50 pages read
    assertThat(cursorBusy(f)).isTrue();
  }

  /**
   * The vendor fails every reconciliation call: after two intervals without completing, one alert names the
   * connection; it is resolved when a poll completes again. Retryable failures do not mark the connection ERROR.
   */
  @Test
  void aReconciliationThatStopsCompletingRaisesOneAlertUntilItCompletes() {
    SpineFixture f = new SpineFixture(false);
    runUntilCompleted(f, f.clock);
    f.hubspot.listFailure = () -> new VendorException(503, true, null, "server_error", "hubspot answered 503");
    for (int minute = 0; minute < 12; minute++) {
      f.clock.advance(Duration.ofMinutes(1));
      f.reconciler.runOnce("node");
    }
    List<Alerts.Alert> alerts = f.events.alerts.recent(SpineFixture.TENANT, 10);
    assertThat(alerts).filteredOn(a -> a.code().equals(Reconciler.OVERDUE)).hasSize(1)
        .allSatisfy(a -> {
          assertThat(a.open()).isTrue();
          assertThat(a.connectionId()).isEqualTo(f.hubspotConnection.id());
          assertThat(a.message()).contains("hubspot");
        });

    f.hubspot.listFailure = null;
    runUntilCompleted(f, f.clock);
    assertThat(f.events.alerts.recent(SpineFixture.TENANT, 10)).filteredOn(a -> a.code().equals(Reconciler.OVERDUE))
        .singleElement().satisfies(a -> assertThat(a.open()).isFalse());
  }

  /** Refused credentials stop reconciliation until they are updated; no attempt is wasted meanwhile. */
  @Test
  void refusedCredentialsStopTheConnectionsWork() {
    SpineFixture f = new SpineFixture(false);
    f.hubspot.listFailure = () -> new VendorException(401, false, null, "INVALID_AUTHENTICATION", "hubspot answered 401");
    f.reconciler.runOnce("node");
    assertThat(connection(f).status()).isEqualTo(Connection.CREDENTIALS_REJECTED);
    int calls = f.hubspot.listCalls.get();
    f.clock.advance(Duration.ofHours(1));
    f.reconciler.runOnce("node");
    assertThat(f.hubspot.listCalls.get()).isEqualTo(calls);
  }

  private static SpineFixture hubspotAgainst(FakeHubSpotCrm crm, MutableClock clock) {
    // max-permit-wait 0: a call that would wait for quota is a 429 at once, so the test moves the clock instead
    HubSpotConnector connector = new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), clock, 10_000, 0),
        new HubSpotProperties(crm.baseUrl(), 100, 4));
    return new SpineFixture(clock, false, connector, Map.of());
  }

  /** Runs the reconciler, moving the clock a quarter second when nothing is due, until no cursor has work left. */
  /**
   * A deletion whose webhook was lost: the object is no longer listed as modified, so only the sweep of the vendor's
   * deleted objects finds it — once per sweep interval, and only while its link is live.
   */
  @Test
  void aDeletionWhoseWebhookWasLostIsFoundByTheSweepOfDeletedObjectsAndTombstonesTheLink() {
    SpineFixture f = new SpineFixture(false);
    f.hubspot.listsDeletions = true;
    runUntilCompleted(f, f.clock);
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "gone@example.com"));
    String other = f.hubspot.create(Map.of(ContactField.EMAIL, "stays@example.com"));
    f.webhook(f.hubspot, id);
    f.webhook(f.hubspot, other);
    f.inbound();
    f.hubspot.remove(id); // its deletion webhook never arrives
    String neverSeen = f.hubspot.create(Map.of(ContactField.EMAIL, "unseen@example.com"));
    f.hubspot.remove(neverSeen);

    int sweeps = f.hubspot.deletedListCalls.get();
    f.clock.advance(Duration.ofMinutes(6)); // a poll, no sweep due yet
    runUntilCompleted(f, f.clock);
    assertThat(f.hubspot.deletedListCalls.get()).as("no sweep before its interval").isEqualTo(sweeps);

    f.clock.advance(Duration.ofMinutes(5).multipliedBy(Reconciler.SWEEPS_EVERY));
    runUntilCompleted(f, f.clock);
    int types = f.hubspot.types.size(); // a sweep per vendor type: contacts and companies
    assertThat(f.hubspot.deletedListCalls.get()).isEqualTo(sweeps + types);
    assertThat(f.db.sql("select count(*) from sync_job where delete_requested").query(Long.class).single())
        .as("a job for the linked object only").isEqualTo(1);
    f.inbound();
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", id).orElseThrow()
        .tombstone()).isEqualTo(Links.Tombstone.DELETED);
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", other).orElseThrow()
        .live()).isTrue();

    f.clock.advance(Duration.ofMinutes(5).multipliedBy(Reconciler.SWEEPS_EVERY));
    runUntilCompleted(f, f.clock);
    assertThat(f.hubspot.deletedListCalls.get()).isEqualTo(sweeps + 2 * types);
    assertThat(f.db.sql("select count(*) from sync_job where status = 'PENDING' and delete_requested")
        .query(Long.class).single()).as("a tombstoned link needs nothing more").isZero();
  }

  private static void runUntilCompleted(SpineFixture f, MutableClock clock) {
    for (int i = 0; i < 100_000; i++) {
      f.reconciler.runOnce("node");
      if (!cursorBusy(f)) {
        return;
      }
      clock.advance(Duration.ofMillis(250));
    }
    throw new IllegalStateException("reconciliation never completed: " + f.db.sql("select * from sync_cursor")
        .query().listOfRows());
  }

  /** Whether some cursor still has a backfill or poll under way. */
  private static boolean cursorBusy(SpineFixture f) {
    return f.db.sql("select count(*) from sync_cursor where backfill_status <> 'DONE' or poll_since is not null")
        .query(Long.class).single() > 0;
  }

  private static Instant completedAt(SpineFixture f, Connection c) {
    return f.db.sql("select completed_at from sync_cursor where connection_id = ? and vendor_type = 'contact'")
        .param(c.id())
        .query(java.sql.Timestamp.class).single().toInstant();
  }

  private static long distinctJobs(SpineFixture f) {
    return f.db.sql("select count(distinct external_id) from sync_job where connection_id = ?")
        .param(f.hubspotConnection.id()).query(Long.class).single();
  }

  private static Connection connection(SpineFixture f) {
    return f.connections.find(SpineFixture.TENANT, f.hubspotConnection.id()).orElseThrow();
  }

  private static boolean calledFrom(String method) {
    return StackWalker.getInstance().walk(s -> s.anyMatch(f -> f.getMethodName().equals(method)));
  }

  @Test
  void aFailingDeletionSweepDoesNotStarveThePollOfChanges() {
    SpineFixture f = new SpineFixture(false);
    f.hubspot.listsDeletions = true;
    for (int i = 0; i < 1000 && busy(f); i++) {
      f.reconciler.runOnce("node");
      f.clock.advance(Duration.ofMillis(250));
    }
    for (int i = 0; i < 5; i++) { // a few polls so that every cursor has completed and scheduled its first sweep
      f.clock.advance(Duration.ofMinutes(6));
      f.reconciler.runOnce("node");
    }
    f.clock.advance(Duration.ofMinutes(5).multipliedBy(Reconciler.SWEEPS_EVERY)); // the sweep is due
    // the recycle-bin listing now fails permanently (e.g. a 400), the change listing keeps working
    f.hubspot.listFailure = () -> calledFrom("listDeleted")
        ? new VendorException(400, false, null, "http_400", "bad request") : null;
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "lost-webhook@example.com")); // its webhook is lost
    for (int i = 0; i < 24; i++) { // two hours of polls
      f.clock.advance(Duration.ofMinutes(5));
      f.reconciler.runOnce("node");
    }
    long jobs = f.db.sql("select count(*) from sync_job where connection_id = ? and external_id = ?")
        .params(f.hubspotConnection.id(), f.externalIds.key(id)).query(Long.class).single();
    assertThat(jobs).as("the poll found the change whose webhook was lost").isEqualTo(1);
  }

  private static boolean busy(SpineFixture f) {
    return f.db.sql("select count(*) from sync_cursor where backfill_status <> 'DONE' or poll_since is not null")
        .query(Long.class).single() > 0;
  }
}
