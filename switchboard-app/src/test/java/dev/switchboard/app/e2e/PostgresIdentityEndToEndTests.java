package dev.switchboard.app.e2e;

import dev.switchboard.app.support.TestDatabases;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The identity scenarios on a real PostgreSQL server (V20's tables and queries as production runs them). */
class PostgresIdentityEndToEndTests extends IdentityScenarios {
  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshPostgresUrl(), Map.of("spring.datasource.username", "postgres",
        "spring.datasource.password", "postgres"));
  }
}
