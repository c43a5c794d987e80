package dev.switchboard.app.sync;

import dev.switchboard.app.identity.Thresholds;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's identity thresholds ({@link Thresholds}; {@link Thresholds#DEFAULT} until the owner sets them). */
@Service
public class IdentitySettings {
  private final JdbcClient db;
  private final Clock clock;

  IdentitySettings(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Thresholds of(String tenantId) {
    return db.sql("select auto_link, review from identity_setting where tenant_id = ?").param(tenantId)
        .query((rs, i) -> new Thresholds(rs.getBigDecimal(1).doubleValue(), rs.getBigDecimal(2).doubleValue()))
        .optional().orElse(Thresholds.DEFAULT);
  }

  /** Sets the tenant's thresholds (validated by {@link Thresholds}, at most three decimals kept). */
  @Transactional
  public Thresholds set(String tenantId, Thresholds t) {
    BigDecimal auto = BigDecimal.valueOf(t.autoLink()).setScale(3, java.math.RoundingMode.HALF_UP);
    BigDecimal review = BigDecimal.valueOf(t.review()).setScale(3, java.math.RoundingMode.HALF_UP);
    Timestamp now = Timestamp.from(clock.instant());
    int n = db.sql("update identity_setting set auto_link = ?, review = ?, updated_at = ? where tenant_id = ?")
        .params(auto, review, now, tenantId).update();
    if (n == 0) {
      db.sql("insert into identity_setting(tenant_id, auto_link, review, updated_at) values (?, ?, ?, ?) "
          + "on conflict do nothing").params(tenantId, auto, review, now).update();
    }
    return of(tenantId);
  }
}
