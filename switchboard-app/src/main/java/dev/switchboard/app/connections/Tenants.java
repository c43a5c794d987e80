package dev.switchboard.app.connections;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants (their API tokens: {@link ApiTokens}). */
@Service
public class Tenants {
  private final JdbcClient db;
  private final Clock clock;

  Tenants(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** @param timeZone an IANA time zone id, {@code UTC} until the owner chooses one */
  public record Tenant(String id, String name, String defaultRegion, String timeZone) {}

  @Transactional
  public Tenant ensure(String id, String name, String region) {
    db.sql("insert into tenant(id, name, default_region, created_at) values (?, ?, ?, ?) on conflict do nothing")
        .params(id, name, region, Timestamp.from(clock.instant())).update();
    return find(id).orElseThrow();
  }

  public Optional<Tenant> find(String id) {
    return db.sql("select id, name, default_region, time_zone from tenant where id = ?").param(id)
        .query((rs, i) -> new Tenant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
  }

  public List<Tenant> all() {
    return db.sql("select id, name, default_region, time_zone from tenant order by id")
        .query((rs, i) -> new Tenant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
  }

  /**
   * Sets the region phone numbers without a country code are read in (an ISO 3166-1 alpha-2 code the caller has
   * validated). Returns false when the tenant does not exist.
   */
  @Transactional
  public boolean setDefaultRegion(String tenantId, String region) {
    return db.sql("update tenant set default_region = ? where id = ?").params(region, tenantId).update() == 1;
  }

  /**
   * Names the organisation and sets its default phone region and time zone (values the caller has validated: an
   * ISO 3166-1 alpha-2 region, an IANA zone id). Returns false when the tenant does not exist.
   */
  @Transactional
  public boolean configure(String tenantId, String name, String region, String timeZone) {
    return db.sql("update tenant set name = ?, default_region = ?, time_zone = ? where id = ?")
        .params(name, region, timeZone, tenantId).update() == 1;
  }
}
