package dev.switchboard.app;

import dev.switchboard.app.crypto.Vault;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows down password guessing against the admin login, per account and per client address, with increasing
 * locks. The counters live in the database ({@code login_throttle}), so every node sees the same ones; times
 * come from the injected {@link Clock}.
 *
 * <p>Contract, for each key (the account, the address):
 * <ul>
 *   <li>{@link #begin} is called before a password is checked. While the account or the address is locked it
 *       answers how long to wait, and the attempt is refused without being checked or counted: a lock never
 *       outlasts its own delay, so nobody can lock the owner out for longer than {@code max-lock} at a time.</li>
 *   <li>Otherwise the attempt is counted as a failure up front, for both keys, before the password is checked,
 *       so guesses sent in parallel cannot slip past a lock. When a key's failures pass its free allowance, it is
 *       locked for {@code first-lock} × 2^(failures − allowance − 1), at most {@code max-lock}.</li>
 *   <li>{@link #succeeded}: the account's counter and lock are cleared; the address gets back the one attempt it
 *       was charged (its other failures stay). {@link #notChecked}: both get it back (e.g. the database was down).</li>
 *   <li>A key with no attempt for {@code forget-after} starts again from zero.</li>
 * </ul>
 * Keys are HMAC blind indexes: no username or address is stored or logged.
 */
@Component
class LoginThrottle {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  static final String ACCOUNT = "account";
  static final String ADDRESS = "address";

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Vault vault;
  private final Clock clock;
  private final int accountAllowance;
  private final int addressAllowance;
  private final Duration firstLock;
  private final Duration maxLock;
  private final Duration forgetAfter;
  private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

  LoginThrottle(JdbcClient db, TransactionTemplate tx, Vault vault, Clock clock,
      @Value("${switchboard.login.account-free-failures:5}") int accountAllowance,
      @Value("${switchboard.login.address-free-failures:20}") int addressAllowance,
      @Value("${switchboard.login.first-lock:1s}") Duration firstLock,
      @Value("${switchboard.login.max-lock:15m}") Duration maxLock,
      @Value("${switchboard.login.forget-after:24h}") Duration forgetAfter) {
    this.db = db;
    this.tx = tx;
    this.vault = vault;
    this.clock = clock;
    this.accountAllowance = accountAllowance;
    this.addressAllowance = addressAllowance;
    this.firstLock = firstLock;
    this.maxLock = maxLock;
    this.forgetAfter = forgetAfter;
  }

  /**
   * Before checking a password: the time still to wait when the account or the address is locked (the attempt
   * must then be refused), or empty when it may go ahead, in which case it has been counted as a failure.
   */
  Optional<Duration> begin(String username, String address) {
    Instant now = clock.instant();
    purgeQuietKeys(now);
    List<Key> keys = keys(username, address);
    return tx.execute(status -> {
      // Fixed order (account, then address) for the row locks, so two logins never wait for each other in a cycle.
      List<Counter> counters = keys.stream().map(k -> lockRow(k, now)).toList();
      Optional<Instant> lockedUntil = counters.stream().map(Counter::lockedUntil)
          .filter(u -> u != null && u.isAfter(now)).max(Instant::compareTo);
      if (lockedUntil.isPresent()) {
        return Optional.of(Duration.between(now, lockedUntil.get()));
      }
      for (Counter c : counters) {
        int failures = (c.lastAttemptAt().plus(forgetAfter).isAfter(now) ? c.failures() : 0) + 1;
        int over = failures - (c.key().scope().equals(ACCOUNT) ? accountAllowance : addressAllowance);
        Instant lock = null;
        if (over > 0) {
          Duration delay = lockFor(over);
          lock = now.plus(delay);
          log.warn("Failed logins: {} {} locked for {} after {} failures", c.key().scope(),
              "tok_" + c.key().hash().substring(0, 12), delay, failures);
        }
        // Two statements rather than a null parameter, whose SQL type PostgreSQL's driver would have to guess.
        if (lock == null) {
          db.sql("update login_throttle set failures = ?, locked_until = null, last_attempt_at = ? "
                  + "where scope = ? and key_hash = ?")
              .params(failures, Timestamp.from(now), c.key().scope(), c.key().hash()).update();
        } else {
          db.sql("update login_throttle set failures = ?, locked_until = ?, last_attempt_at = ? "
                  + "where scope = ? and key_hash = ?")
              .params(failures, Timestamp.from(lock), Timestamp.from(now), c.key().scope(), c.key().hash()).update();
        }
      }
      return Optional.<Duration>empty();
    });
  }

  /** The password was right: clears the account's counter and gives the address back this attempt. */
  void succeeded(String username, String address) {
    List<Key> keys = keys(username, address);
    tx.executeWithoutResult(status -> {
      db.sql("update login_throttle set failures = 0, locked_until = null where scope = ? and key_hash = ?")
          .params(ACCOUNT, keys.get(0).hash()).update();
      giveBack(keys.get(1));
    });
  }

  /** The password could not be checked (not a wrong password): both keys get this attempt back. */
  void notChecked(String username, String address) {
    tx.executeWithoutResult(status -> keys(username, address).forEach(this::giveBack));
  }

  /** {@code first-lock × 2^(over − 1)}, at most {@code max-lock} ({@code over} ≥ 1: failures past the allowance). */
  Duration lockFor(int over) {
    int doublings = over - 1;
    if (doublings >= 30) {
      return maxLock;
    }
    Duration d = firstLock.multipliedBy(1L << doublings);
    return d.compareTo(maxLock) > 0 ? maxLock : d;
  }

  private void giveBack(Key key) {
    db.sql("update login_throttle set failures = case when failures > 0 then failures - 1 else 0 end "
        + "where scope = ? and key_hash = ?").params(key.scope(), key.hash()).update();
  }

  private Counter lockRow(Key key, Instant now) {
    db.sql("insert into login_throttle(scope, key_hash, failures, last_attempt_at) values (?, ?, 0, ?) "
            + "on conflict do nothing")
        .params(key.scope(), key.hash(), Timestamp.from(now)).update();
    return db.sql("select failures, locked_until, last_attempt_at from login_throttle "
            + "where scope = ? and key_hash = ? for update")
        .params(key.scope(), key.hash())
        .query((rs, i) -> {
          Timestamp until = rs.getTimestamp("locked_until");
          return new Counter(key, rs.getInt("failures"), until == null ? null : until.toInstant(),
              rs.getTimestamp("last_attempt_at").toInstant());
        })
        .single();
  }

  /** Rows nobody has tried for {@code forget-after} count nothing any more; at most one sweep a minute. */
  private void purgeQuietKeys(Instant now) {
    Instant last = lastPurge.get();
    if (now.isAfter(last.plus(Duration.ofMinutes(1))) && lastPurge.compareAndSet(last, now)) {
      db.sql("delete from login_throttle where last_attempt_at < ?").param(Timestamp.from(now.minus(forgetAfter)))
          .update();
    }
  }

  private List<Key> keys(String username, String address) {
    return List.of(new Key(ACCOUNT, vault.blindIndex("login-" + ACCOUNT, username)),
        new Key(ADDRESS, vault.blindIndex("login-" + ADDRESS, addressKey(address))));
  }

  /**
   * IPv4 addresses count one by one; IPv6 ones by their /64, the block one subscriber usually holds, so a
   * guesser cannot get a fresh allowance by stepping through its own addresses.
   */
  static String addressKey(String address) {
    boolean literal = address.contains(":") || address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    if (!literal) {
      return "other:" + address; // never a name lookup
    }
    try {
      byte[] raw = InetAddress.getByName(address).getAddress();
      return raw.length == 16 ? "v6:" + HexFormat.of().formatHex(raw, 0, 8) : "v4:" + HexFormat.of().formatHex(raw);
    } catch (UnknownHostException | SecurityException e) {
      return "other:" + address;
    }
  }

  private record Key(String scope, String hash) {}

  private record Counter(Key key, int failures, Instant lockedUntil, Instant lastAttemptAt) {}
}
