package dev.switchboard.app.access;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset links for e-mail: 24 random bytes, URL-safe; only the SHA-256 is stored ({@code access_link},
 * purpose {@code reset}, with the user). Contract:
 * <ul>
 *   <li>a link is issued only for a user with an e-mail address, at most {@link #PER_ACCOUNT_PER_HOUR} an hour per
 *       user (counted in the database, so every node shares the count and nobody floods an inbox);</li>
 *   <li>it works once and until it expires ({@code switchboard.password-reset.link-ttl}, default 1 h); a newer link
 *       of the user, or a completed reset, voids the user's older unused ones;</li>
 *   <li>{@link #reset} sets the password through {@link Users#setPassword}, so every session of the user started
 *       before it ends, as with any change of password.</li>
 * </ul>
 * Nothing here says to the caller whether an account exists; the page that asks for a link must not either.
 */
@Service
public class PasswordResets {
  static final String RESET = "reset";
  /** Links one user may be sent in an hour. */
  public static final int PER_ACCOUNT_PER_HOUR = 3;

  private final JdbcClient db;
  private final Users users;
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();

  PasswordResets(JdbcClient db, Users users, Clock clock,
      @Value("${switchboard.password-reset.link-ttl:1h}") Duration ttl) {
    this.db = db;
    this.users = users;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A link to send: the secret goes into the URL, the address is where to send it. */
  public record Link(String username, String email, String token, Duration validFor) {}

  /**
   * A new link for the user who is {@code account} (username or e-mail address); empty when there is no such user,
   * they have no e-mail address, or they have had {@link #PER_ACCOUNT_PER_HOUR} links in the last hour.
   */
  @Transactional
  public Optional<Link> request(String account) {
    Optional<String> username = users.username(account);
    Optional<String> email = username.flatMap(users::email);
    if (email.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    long recent = db.sql("select count(*) from access_link where username = ? and purpose = ? and created_at > ?")
        .params(username.get(), RESET, Timestamp.from(now.minus(Duration.ofHours(1)))).query(Long.class).single();
    if (recent >= PER_ACCOUNT_PER_HOUR) {
      return Optional.empty();
    }
    byte[] raw = new byte[24];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    // Voided, not deleted: the row still counts towards the hourly limit.
    db.sql("update access_link set expires_at = ? where username = ? and purpose = ? and used_at is null "
        + "and expires_at > ?").params(Timestamp.from(now), username.get(), RESET, Timestamp.from(now)).update();
    db.sql("insert into access_link(token_hash, purpose, username, created_at, expires_at) values (?, ?, ?, ?, ?)")
        .params(SetupLinks.hash(token), RESET, username.get(), Timestamp.from(now), Timestamp.from(now.plus(ttl)))
        .update();
    return Optional.of(new Link(username.get(), email.get(), token, ttl));
  }

  /** The user whose unused, unexpired link {@code token} is. */
  public Optional<String> usable(String token) {
    return db.sql("select username from access_link where token_hash = ? and purpose = ? and used_at is null "
            + "and expires_at > ?").params(SetupLinks.hash(token), RESET, Timestamp.from(clock.instant()))
        .query(String.class).optional();
  }

  /**
   * Uses the link up and gives its user {@code password}: the user's name exactly once for a usable link (two
   * requests racing with it: one wins), else empty and nothing changes. The user's sessions end.
   */
  @Transactional
  public Optional<String> reset(String token, String password) {
    Optional<String> username = usable(token);
    Timestamp now = Timestamp.from(clock.instant());
    if (username.isEmpty() || db.sql("update access_link set used_at = ? where token_hash = ? and purpose = ? "
        + "and used_at is null and expires_at > ?").params(now, SetupLinks.hash(token), RESET, now).update() != 1) {
      return Optional.empty();
    }
    db.sql("update access_link set expires_at = ? where username = ? and purpose = ? and used_at is null")
        .params(now, username.get(), RESET).update();
    users.setPassword(username.get(), password);
    return username;
  }
}
