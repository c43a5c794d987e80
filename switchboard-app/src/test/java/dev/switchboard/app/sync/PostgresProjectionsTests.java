package dev.switchboard.app.sync;

import dev.switchboard.app.support.TestDatabases;
import javax.sql.DataSource;

/** {@link ProjectionsTests} on PostgreSQL (embedded, as in production): dates, instants and bigints round-trip. */
class PostgresProjectionsTests extends ProjectionsTests {
  @Override
  DataSource database() {
    return TestDatabases.migrated(TestDatabases.freshPostgresUrl());
  }
}
