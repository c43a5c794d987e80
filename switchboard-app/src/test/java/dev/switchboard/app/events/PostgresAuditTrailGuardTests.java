package dev.switchboard.app.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

class PostgresAuditTrailGuardTests extends AuditTrailGuardTests {
  @Override
  String freshDatabaseUrl() {
    return TestDatabases.freshPostgresUrl();
  }

  @Test
  void theEventLogCannotBeTruncated() {
    insert(DomainEvents.AUDIT_LOGGED, NOW);
    assertThatThrownBy(() -> db.sql("truncate domain_event").update()).isInstanceOf(DataAccessException.class)
        .hasMessageContaining("cannot be truncated");
  }
}
