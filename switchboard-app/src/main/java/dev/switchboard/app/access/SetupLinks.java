package dev.switchboard.app.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first-run setup link's secret: 24 random bytes, URL-safe; only its SHA-256 is stored. A link works once and
 * until it expires; issuing a new one voids every unused older one, so only the link printed last works.
 */
@Service
public class SetupLinks {
  static final String SETUP = "setup";

  private final JdbcClient db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  SetupLinks(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A new setup link secret valid for {@code ttl}; older unused ones stop working. */
  @Transactional
  public String issue(Duration ttl) {
    byte[] raw = new byte[24];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    db.sql("delete from access_link where purpose = ? and used_at is null").param(SETUP).update();
    db.sql("insert into access_link(token_hash, purpose, created_at, expires_at) values (?, ?, ?, ?)")
        .params(hash(token), SETUP, Timestamp.from(now), Timestamp.from(now.plus(ttl))).update();
    return token;
  }

  /** Whether {@code token} is a setup link that is unused and unexpired. */
  public boolean usable(String token) {
    return db.sql("select count(*) from access_link where token_hash = ? and purpose = ? and used_at is null "
            + "and expires_at > ?").params(hash(token), SETUP, Timestamp.from(clock.instant()))
        .query(Long.class).single() > 0;
  }

  /**
   * Uses the link up: true exactly once for a usable link (two requests racing with it: one wins). Call it in the
   * transaction that does the setup, so a setup that fails leaves the link usable.
   */
  @Transactional
  public boolean use(String token) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("update access_link set used_at = ? where token_hash = ? and purpose = ? and used_at is null "
        + "and expires_at > ?").params(now, hash(token), SETUP, now).update() == 1;
  }

  /** The SHA-256 of a link's secret, in hex: the only form a link is stored in. */
  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
