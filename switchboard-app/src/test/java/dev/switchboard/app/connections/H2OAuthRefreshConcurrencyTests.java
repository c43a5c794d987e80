package dev.switchboard.app.connections;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;

class H2OAuthRefreshConcurrencyTests extends OAuthRefreshConcurrencyTests {
  @Override
  DataSource freshDatabase() {
    return TestDatabases.migrated(TestDatabases.freshH2Url());
  }
}
