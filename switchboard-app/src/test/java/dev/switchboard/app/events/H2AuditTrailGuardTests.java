package dev.switchboard.app.events;

import dev.switchboard.app.support.TestDatabases;

class H2AuditTrailGuardTests extends AuditTrailGuardTests {
  @Override
  String freshDatabaseUrl() {
    return TestDatabases.freshH2Url();
  }
}
