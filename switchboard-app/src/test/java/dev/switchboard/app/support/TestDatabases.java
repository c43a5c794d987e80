package dev.switchboard.app.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Real databases for tests, without Docker: a PostgreSQL server (zonky's embedded binaries, started once per
 * JVM) and H2 in PostgreSQL mode. Each call returns a fresh, empty database.
 */
public final class TestDatabases {
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  public static synchronized String freshPostgresUrl() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // JVM is exiting
          }
        }));
      }
      String name = "sb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("create database " + name);
      }
      return postgres.getJdbcUrl("postgres", name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String freshH2Url() {
    return "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  /** A migrated data source for {@code url}. */
  public static DataSource migrated(String url) {
    DriverManagerDataSource ds = new DriverManagerDataSource(url, url.startsWith("jdbc:h2") ? "sa" : "postgres",
        url.startsWith("jdbc:h2") ? "" : "postgres");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }
}
