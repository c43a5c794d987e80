package dev.switchboard.app.e2e;

import dev.switchboard.app.support.TestDatabases;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The connection lifecycle on the embedded default database (H2). */
class H2ConnectionLifecycleTests extends ConnectionLifecycleScenarios {
  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }
}
