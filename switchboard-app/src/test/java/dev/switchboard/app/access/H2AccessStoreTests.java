package dev.switchboard.app.access;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;

class H2AccessStoreTests extends AccessStoreTests {
  @Override
  DataSource freshDatabase() {
    return TestDatabases.migrated(TestDatabases.freshH2Url());
  }
}
