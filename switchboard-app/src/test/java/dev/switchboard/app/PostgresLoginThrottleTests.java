package dev.switchboard.app;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;

class PostgresLoginThrottleTests extends LoginThrottleTests {
  @Override
  DataSource freshDatabase() {
    return TestDatabases.migrated(TestDatabases.freshPostgresUrl());
  }
}
