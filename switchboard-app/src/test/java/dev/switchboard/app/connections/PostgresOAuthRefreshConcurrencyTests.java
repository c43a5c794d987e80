package dev.switchboard.app.connections;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;

class PostgresOAuthRefreshConcurrencyTests extends OAuthRefreshConcurrencyTests {
  @Override
  DataSource freshDatabase() {
    return TestDatabases.migrated(TestDatabases.freshPostgresUrl());
  }
}
