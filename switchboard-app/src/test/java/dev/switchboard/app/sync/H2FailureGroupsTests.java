package dev.switchboard.app.sync;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;

class H2FailureGroupsTests extends FailureGroupsTests {
  @Override
  DataSource database() {
    return TestDatabases.migrated(TestDatabases.freshH2Url());
  }
}
