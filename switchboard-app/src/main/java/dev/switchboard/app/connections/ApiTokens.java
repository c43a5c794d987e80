package dev.switchboard.app.connections;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's API tokens. A token is {@code sbt_} + 32 random bytes in hex, shown once when issued; only its SHA-256
 * is stored. Its public id ({@code tok_} + the first 16 hex digits of that hash) names it in lists, revocations and
 * audit events. A token authenticates until it is revoked or expires; {@code read} tokens may only read; {@code
 * metrics} tokens may only read the instance's metrics.
 */
@Service
public class ApiTokens {
  public static final String READ = "read";
  public static final String WRITE = "write";
  /**
   * Reads the instance's metrics ({@code /actuator/prometheus}, {@code /actuator/metrics}, health details) and
   * nothing else: not the tenant's API. Instance-wide numbers are the instance owner's: only a member who may
   * change instance settings issues one.
   */
  public static final String METRICS = "metrics";
  /** Every scope a token may have. */
  public static final java.util.Set<String> SCOPES = java.util.Set.of(READ, WRITE, METRICS);
  /** {@code last_used_at} is written at most this often per token: using a token is not a write per request. */
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private final JdbcClient db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ApiTokens(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A token just issued: the only time {@code token} is known. */
  public record Issued(String id, String token, String label, String scope, @Nullable Instant expiresAt) {}

  /** A token as listed: never its secret or hash. */
  public record Token(String id, String label, String scope, @Nullable String createdBy, Instant createdAt,
      @Nullable Instant lastUsedAt, @Nullable Instant expiresAt, boolean revoked) {}

  /** Who a valid token is. */
  public record Caller(String tenantId, String tokenId, String scope) {
    public boolean mayWrite() {
      return WRITE.equals(scope);
    }
  }

  /**
   * Issues a new token.
   *
   * @param scope     {@link #READ}, {@link #WRITE} or {@link #METRICS} (who may issue which is the caller's to check)
   * @param expiresAt null for a token that does not expire
   * @param createdBy who asked for it (an admin's user name, {@code first-start}); no secret
   */
  @Transactional
  public Issued issue(String tenantId, String label, String scope, @Nullable Instant expiresAt, String createdBy) {
    if (!SCOPES.contains(scope)) {
      throw new IllegalArgumentException("scope must be read, write or metrics");
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = "sbt_" + HexFormat.of().formatHex(raw);
    String hash = hash(token);
    db.sql("insert into api_token(token_hash, id, tenant_id, label, scope, created_by, expires_at, created_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(hash, id(hash), tenantId, label, scope, createdBy, ts(expiresAt), Timestamp.from(clock.instant()))
        .update();
    return new Issued(id(hash), token, label, scope, expiresAt);
  }

  /** Registers a write token chosen by the operator (demo, tests). Idempotent. */
  @Transactional
  public void register(String tenantId, String label, String token) {
    String hash = hash(token);
    db.sql("insert into api_token(token_hash, id, tenant_id, label, scope, created_by, created_at) "
            + "values (?, ?, ?, ?, 'write', 'operator', ?) on conflict do nothing")
        .params(hash, id(hash), tenantId, label, Timestamp.from(clock.instant())).update();
  }

  /** Whether the tenant has ever had a token (revoked and expired ones count: they were issued on purpose). */
  public boolean anyIssued(String tenantId) {
    return db.sql("select count(*) from api_token where tenant_id = ?").param(tenantId).query(Long.class).single() > 0;
  }

  /** The tenant's tokens, newest first. */
  public List<Token> list(String tenantId) {
    return db.sql("select id, label, scope, created_by, created_at, last_used_at, expires_at, revoked_at "
            + "from api_token where tenant_id = ? order by created_at desc, id")
        .param(tenantId).query(this::row).list();
  }

  /** Revokes a token of the tenant; true when it exists (revoking a revoked token changes nothing). */
  @Transactional
  public boolean revoke(String tenantId, String id) {
    db.sql("update api_token set revoked_at = ? where tenant_id = ? and id = ? and revoked_at is null")
        .params(Timestamp.from(clock.instant()), tenantId, id).update();
    return db.sql("select count(*) from api_token where tenant_id = ? and id = ?").params(tenantId, id)
        .query(Long.class).single() > 0;
  }

  /**
   * The caller {@code token} authenticates, unless it is unknown, revoked or expired. Records the use, at most once
   * per {@link #LAST_USED_RESOLUTION} (the row read here says whether it is due).
   */
  public Optional<Caller> authenticate(String token) {
    Instant now = clock.instant();
    String hash = hash(token);
    record Found(Caller caller, @Nullable Instant lastUsedAt) {}
    Optional<Found> found = db.sql("select tenant_id, id, scope, last_used_at from api_token where token_hash = ? "
            + "and revoked_at is null and (expires_at is null or expires_at > ?)")
        .params(hash, Timestamp.from(now))
        .query((rs, i) -> new Found(new Caller(rs.getString(1), rs.getString(2), rs.getString(3)),
            instant(rs.getTimestamp(4))))
        .optional();
    found.filter(f -> f.lastUsedAt() == null || !f.lastUsedAt().plus(LAST_USED_RESOLUTION).isAfter(now))
        .ifPresent(f -> db.sql("update api_token set last_used_at = ? where token_hash = ? and (last_used_at is null "
                + "or last_used_at <= ?)")
            .params(Timestamp.from(now), hash, Timestamp.from(now.minus(LAST_USED_RESOLUTION))).update());
    return found.map(Found::caller);
  }

  private Token row(ResultSet rs, int i) throws SQLException {
    return new Token(rs.getString("id"), rs.getString("label"), rs.getString("scope"), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
        instant(rs.getTimestamp("expires_at")), rs.getTimestamp("revoked_at") != null);
  }

  /** The public id of the token with this hash; the same rule as migration V3 applied to older tokens. */
  private static String id(String hash) {
    return "tok_" + hash.substring(0, 16);
  }

  static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static @Nullable Timestamp ts(@Nullable Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static @Nullable Instant instant(@Nullable Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
