package dev.switchboard.app.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;

/**
 * A benchmark of a backfill: the sandbox is seeded before the tenant connects ({@link #seedBeforeConnect}, from the
 * subclass's {@code @DynamicPropertySource}), the clock starts when the first test connects, and nothing waits for the
 * backfill before the test: it is what the test measures ({@link #awaitBackfill}).
 */
abstract class AbstractBackfillBenchmark extends AbstractSyncBenchmark {
  /** When the class's first test began connecting the tenant (its backfill starts with the connection). */
  static long connectStart;
  /** When that connecting (the wiring itself) was done. */
  static long connectEnd;

  /** Seeds the sandbox's vendors with {@code seed} (the control API's seed body) before the app connects. */
  static void seedBeforeConnect(Map<String, Object> seed) {
    Res seeded = postJson(control() + "/seed", null, json(seed));
    if (seeded.status() >= 300) {
      throw new IllegalStateException("seed answered " + seeded.status() + " " + seeded.body());
    }
  }

  /** The backfill is what this benchmark watches: no waiting for it before the test. */
  @Override
  void quietStart() {}

  @Override
  @BeforeEach
  void wireOnce() {
    boolean first = wired == null;
    long t0 = System.nanoTime();
    super.wireOnce();
    if (first) {
      connectStart = t0;
      connectEnd = System.nanoTime();
    }
  }

  /**
   * Polls {@code synced} until it reaches {@code target} or {@code max} has passed since connecting, then waits for the
   * app to go quiet.
   *
   * @return seconds from connecting to the count reached (or to {@code max})
   */
  double awaitBackfill(LongSupplier synced, long target, Duration max) throws InterruptedException {
    long deadline = connectStart + max.toNanos();
    while (synced.getAsLong() < target && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - connectStart) / 1e9;
    awaitQuiescence(Duration.ofSeconds(2), Duration.ofSeconds(60));
    return seconds;
  }
}
