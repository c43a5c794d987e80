package dev.switchboard.app.mapping;

import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds {@link FieldAuthority} for hand-wired tests outside its package. */
public final class FieldAuthorityFixture {
  private FieldAuthorityFixture() {}

  public static FieldAuthority of(JdbcClient db, Clock clock) {
    return new FieldAuthority(db, clock);
  }
}
