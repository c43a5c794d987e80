package dev.switchboard.app.mapping;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;

/** {@link MappingOverridesStoreTests} on PostgreSQL (embedded, as in production): V25 runs there too. */
class PostgresMappingOverridesStoreTests extends MappingOverridesStoreTests {
  @Override
  DataSource database() {
    return TestDatabases.migrated(TestDatabases.freshPostgresUrl());
  }
}
