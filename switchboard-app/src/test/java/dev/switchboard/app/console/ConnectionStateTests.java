package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.sync.MutableClock;
import dev.switchboard.app.sync.SyncOperations.SyncProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A connection's one state on the dashboard, its backfill's rate and ETA, against a clock the test ticks. */
class ConnectionStateTests {
  static final Instant START = Instant.parse("2026-06-01T09:00:00Z");
  final MutableClock clock = new MutableClock(START);

  static Connection connection(String status) {
    return new Connection("con_1", "t1", "mailchimp", "acct", "Mailchimp", Map.of(), status, null, null, null);
  }

  static SyncProgress backfill(String type, String status, long seen, @Nullable Instant started,
      @Nullable Long total) {
    return new SyncProgress("contact", type, status, seen, null, null, null, null, null, started, total);
  }

  @Test
  void aRunningBackfillShowsPercentRateAndTimeLeftFromItsOwnCountsAsTheClockTicks() {
    clock.advance(Duration.ofMinutes(10));
    ConnectionState s = ConnectionState.of(connection(Connection.ACTIVE), false,
        List.of(backfill("member", "RUNNING", 400, START, 1000L)), null, clock.instant());
    assertThat(s.label()).isEqualTo("Catching up 40 %, about 15 min left");
    assertThat(s.kind()).isEqualTo("catching-up");
    assertThat(s.perMinute()).isEqualTo(40);
    assertThat(s.left()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.measured()).isTrue();
    assertThat(s.barValue()).isEqualTo(400);

    clock.advance(Duration.ofMinutes(10)); // slower now: 200 more in 10 minutes
    s = ConnectionState.of(connection(Connection.ACTIVE), false,
        List.of(backfill("member", "RUNNING", 600, START, 1000L)), null, clock.instant());
    assertThat(s.label()).isEqualTo("Catching up 60 %, about 14 min left"); // 400 left at 30 a minute
    assertThat(s.perMinute()).isEqualTo(30);
  }

  @Test
  void withoutTheVendorsTotalItSaysHowManyWereReadAndGuessesNoTime() {
    clock.advance(Duration.ofMinutes(2));
    ConnectionState s = ConnectionState.of(connection(Connection.ACTIVE), false, List.of(
        backfill("contact", "RUNNING", 1234, START, null), backfill("company", "DONE", 50, START, null)), null,
        clock.instant());
    assertThat(s.label()).isEqualTo("Catching up, 1,234 read so far");
    assertThat(s.measured()).isFalse();
    assertThat(s.left()).isNull();
    assertThat(s.perMinute()).isEqualTo(617);
  }

  @Test
  void aBackfillThatHasReadNothingYetHasNoRateAndRereadsNeverShowAHundredPercent() {
    assertThat(ConnectionState.of(connection(Connection.ACTIVE), false,
        List.of(backfill("member", "PENDING", 0, null, null)), null, clock.instant()).label())
        .isEqualTo("Catching up, 0 read so far");
    clock.advance(Duration.ofMinutes(1));
    ConnectionState overlap = ConnectionState.of(connection(Connection.ACTIVE), false,
        List.of(backfill("member", "RUNNING", 1003, START, 1000L)), null, clock.instant());
    assertThat(overlap.label()).isEqualTo("Catching up 99 %, about a minute left");
    assertThat(overlap.barValue()).isEqualTo(1000);
  }

  @Test
  void everyOtherStateIsOneWordAndEachSaysWhenAChangeWasLastSynced() {
    List<SyncProgress> done = List.of(backfill("member", "DONE", 10, START, 10L));
    Instant synced = clock.instant();
    clock.advance(Duration.ofMinutes(2));
    Instant now = clock.instant();
    assertThat(ConnectionState.of(connection(Connection.ACTIVE), false, done, synced, now))
        .extracting(ConnectionState::label, ConnectionState::lastSynced)
        .containsExactly("Working", "last change synced 2 min ago");
    assertThat(ConnectionState.of(connection(Connection.PAUSED), false, done, synced, now).label()).isEqualTo("Paused");
    assertThat(ConnectionState.of(connection(Connection.ACTIVE), true, done, null, now))
        .extracting(ConnectionState::label, ConnectionState::lastSynced).containsExactly("Paused", "nothing synced yet");
    assertThat(ConnectionState.of(connection(Connection.NEEDS_RECONNECTING), false, done, synced, now).label())
        .isEqualTo("Needs reconnecting");
    assertThat(ConnectionState.of(connection(Connection.CREDENTIALS_REJECTED), false, done, synced, now).label())
        .isEqualTo("Needs reconnecting");
    assertThat(ConnectionState.of(connection(Connection.ERROR), false, done, synced, now).label()).isEqualTo("Failing");
    clock.advance(Duration.ofHours(3));
    assertThat(ConnectionState.of(connection(Connection.ACTIVE), false, done, synced, clock.instant()).lastSynced())
        .isEqualTo("last change synced 3 hours ago");
  }
}
