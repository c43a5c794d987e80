package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.sync.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link LoginThrottle} against a real database (each subclass one kind), the clock moved by hand: free
 * failures, doubling locks up to the cap, what a success resets, what is forgotten, and guesses in parallel.
 */
abstract class LoginThrottleTests {
  static final String A = "203.0.113.7";
  static final String B = "198.51.100.20";

  final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
  JdbcClient db;
  LoginThrottle throttle;

  abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    DataSource ds = freshDatabase();
    db = JdbcClient.create(ds);
    throttle = new LoginThrottle(db, new TransactionTemplate(new DataSourceTransactionManager(ds)),
        new Vault(new byte[32]), clock, 5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(24));
  }

  @Test
  void fiveFailuresAreFreeThenLocksDoubleUpToFifteenMinutes() {
    for (int i = 1; i <= 5; i++) {
      assertThat(throttle.begin("admin", A)).as("failure %d", i).isEmpty();
    }
    List<Long> locks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      assertThat(throttle.begin("admin", A)).as("the attempt that ends a lock is checked").isEmpty();
      Duration lock = throttle.begin("admin", A).orElseThrow();
      locks.add(lock.toSeconds());
      clock.advance(lock);
    }
    assertThat(locks).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 900L, 900L);
  }

  @Test
  void attemptsRefusedDuringALockDoNotProlongIt() {
    failures("admin", A, 6);
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.begin("admin", A)).hasValue(Duration.ofSeconds(1));
    }
    clock.advance(Duration.ofMillis(999));
    assertThat(throttle.begin("admin", A)).hasValue(Duration.ofMillis(1));
    clock.advance(Duration.ofMillis(1));
    assertThat(throttle.begin("admin", A)).isEmpty();
  }

  @Test
  void aSuccessClearsTheAccountAndGivesTheAddressOnlyItsOwnAttemptBack() {
    failures("admin", A, 6);
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.begin("admin", A)).isEmpty(); // the right password, as it turns out
    throttle.succeeded("admin", A);

    assertThat(counter(LoginThrottle.ACCOUNT)).isZero();
    assertThat(counter(LoginThrottle.ADDRESS)).isEqualTo(6);
    failures("admin", A, 5);
    assertThat(throttle.begin("admin", A)).as("five free failures again, the sixth locks").isEmpty();
    assertThat(throttle.begin("admin", A)).isPresent();
  }

  @Test
  void anotherAccountAndAnotherAddressAreLockedOnlyByTheirOwnCounters() {
    failures("admin", A, 40);
    assertThat(throttle.begin("admin", A)).isPresent();
    assertThat(throttle.begin("admin", B)).as("the account is locked from everywhere").isPresent();
    assertThat(throttle.begin("ops", B)).as("another account from another address").isEmpty();
    assertThat(throttle.begin("ops", A)).as("another account from the same address, under its allowance").isEmpty();

    // spraying many accounts from A: the address is locked after its 20 free failures (6 + 1 + 13 so far)
    for (int i = 0; i < 13; i++) {
      assertThat(throttle.begin("user" + i, A)).isEmpty();
    }
    assertThat(throttle.begin("user-last", A)).as("failure 21 from A is checked, and locks A").isEmpty();
    assertThat(throttle.begin("ops", A)).as("address rule").hasValue(Duration.ofSeconds(1));
    assertThat(throttle.begin("carol", B)).isEmpty();
  }

  @Test
  void aKeyQuietForADayStartsAgainFromZero() {
    failures("admin", A, 8);
    clock.advance(Duration.ofHours(24).plusSeconds(1));
    failures("admin", A, 5);
    assertThat(throttle.begin("admin", A)).isEmpty();
    assertThat(throttle.begin("admin", A)).hasValue(Duration.ofSeconds(1));
  }

  @Test
  void guessesSentInParallelCannotSlipPastTheLock() throws Exception {
    int parallel = 24;
    List<Callable<Boolean>> guesses = new ArrayList<>();
    for (int i = 0; i < parallel; i++) {
      guesses.add(() -> throttle.begin("admin", A).isEmpty());
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      long checked = 0;
      for (Future<Boolean> f : pool.invokeAll(guesses)) {
        checked += f.get() ? 1 : 0;
      }
      assertThat(checked).as("5 free failures + the one that locks").isEqualTo(6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ipv6AddressesCountPerSlash64() {
    assertThat(LoginThrottle.addressKey("2001:db8:1:2::1")).isEqualTo(LoginThrottle.addressKey("2001:db8:1:2:ffff::9"))
        .isNotEqualTo(LoginThrottle.addressKey("2001:db8:1:3::1"));
    assertThat(LoginThrottle.addressKey("::ffff:203.0.113.7")).isEqualTo(LoginThrottle.addressKey(A));
    assertThat(LoginThrottle.addressKey(A)).isNotEqualTo(LoginThrottle.addressKey("203.0.113.8"));
    assertThat(LoginThrottle.addressKey("unknown")).isEqualTo("other:unknown");
  }

  private void failures(String user, String address, int n) {
    for (int i = 0; i < n; i++) {
      Optional<Duration> ignoredWhenLocked = throttle.begin(user, address);
    }
  }

  private int counter(String scope) {
    return db.sql("select failures from login_throttle where scope = ?").param(scope).query(Integer.class).single();
  }
}
