package dev.switchboard.app;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;

class H2LoginThrottleTests extends LoginThrottleTests {
  @Override
  DataSource freshDatabase() {
    return TestDatabases.migrated(TestDatabases.freshH2Url());
  }
}
