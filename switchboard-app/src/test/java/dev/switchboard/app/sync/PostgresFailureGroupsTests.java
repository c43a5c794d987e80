package dev.switchboard.app.sync;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;

class PostgresFailureGroupsTests extends FailureGroupsTests {
  @Override
  DataSource database() {
    return TestDatabases.migrated(TestDatabases.freshPostgresUrl());
  }
}
