package dev.switchboard.app.connections;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants and their API tokens. Tokens are random 32-byte values shown once; only their SHA-256 is stored.
 */
@Service
public class Tenants {
  private final JdbcClient db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Tenants(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public record Tenant(String id, String name, String defaultRegion) {}

  @Transactional
  public Tenant ensure(String id, String name, String region) {
    db.sql("insert into tenant(id, name, default_region, created_at) values (?, ?, ?, ?) on conflict do nothing")
        .params(id, name, region, Timestamp.from(clock.instant())).update();
    return find(id).orElseThrow();
  }

  public Optional<Tenant> find(String id) {
    return db.sql("select id, name, default_region from tenant where id = ?").param(id)
        .query((rs, i) -> new Tenant(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
  }

  public List<Tenant> all() {
    return db.sql("select id, name, default_region from tenant order by id")
        .query((rs, i) -> new Tenant(rs.getString(1), rs.getString(2), rs.getString(3))).list();
  }

  /**
   * Sets the region phone numbers without a country code are read in (an ISO 3166-1 alpha-2 code the caller has
   * validated). Returns false when the tenant does not exist.
   */
  @Transactional
  public boolean setDefaultRegion(String tenantId, String region) {
    return db.sql("update tenant set default_region = ? where id = ?").params(region, tenantId).update() == 1;
  }

  /** Creates a new API token for the tenant and returns it; it cannot be read back later. */
  @Transactional
  public String issueToken(String tenantId, String label) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = "sbt_" + HexFormat.of().formatHex(raw);
    registerToken(tenantId, label, token);
    return token;
  }

  /** Registers a token chosen by the operator (demo, automation). Idempotent. */
  @Transactional
  public void registerToken(String tenantId, String label, String token) {
    db.sql("insert into api_token(token_hash, tenant_id, label, created_at) values (?, ?, ?, ?) on conflict do nothing")
        .params(hash(token), tenantId, label, Timestamp.from(clock.instant())).update();
  }

  /** The tenant owning {@code token}, if it is a valid token. */
  public Optional<String> tenantForToken(String token) {
    return db.sql("select tenant_id from api_token where token_hash = ?").param(hash(token))
        .query(String.class).optional();
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
