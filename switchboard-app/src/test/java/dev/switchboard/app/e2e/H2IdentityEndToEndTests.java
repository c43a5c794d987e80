package dev.switchboard.app.e2e;

import dev.switchboard.app.support.TestDatabases;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The identity scenarios on the embedded default database (H2). */
class H2IdentityEndToEndTests extends IdentityScenarios {
  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }
}
