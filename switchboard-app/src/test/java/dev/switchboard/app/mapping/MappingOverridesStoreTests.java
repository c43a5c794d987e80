package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The versions of a mapping override as stored ({@code mapping_override}, V22 + V25): each save a new version with its
 * fields and its record filter (none: the file's), read back newest first, per tenant. On H2 here, on PostgreSQL in
 * {@link PostgresMappingOverridesStoreTests}.
 */
class MappingOverridesStoreTests {
  DataSource database() {
    return TestDatabases.migrated(TestDatabases.freshH2Url());
  }

  @Test
  void aVersionKeepsItsFilterAndANewVersionWithoutOneHasNone() {
    MappingOverrides overrides = new MappingOverrides(JdbcClient.create(database()),
        Clock.fixed(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC));
    String filter = RecordFilters.toSetting(new RecordFilter("lifecycleStage", RecordFilter.Operator.IN,
        java.util.List.of("customer")));
    overrides.save("t1", "c1", "member", 0, "[]", filter, "ann");
    overrides.save("t1", "c1", "member", 1, "[]", null, "bob");
    overrides.save("t2", "c1", "member", 0, "[]", filter, "eve");

    assertThat(overrides.history("t1", "c1", "member")).extracting(MappingOverrides.Version::version,
        MappingOverrides.Version::filterJson, MappingOverrides.Version::changedBy)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, null, "bob"),
            org.assertj.core.groups.Tuple.tuple(1, filter, "ann"));
    assertThat(overrides.current("t2", "c1", "member").orElseThrow().filterJson()).isEqualTo(filter);
    assertThat(RecordFilters.fromSetting(overrides.history("t1", "c1", "member").get(1).filterJson()))
        .hasValue(new RecordFilter("lifecycleStage", RecordFilter.Operator.IN, java.util.List.of("customer")));
  }
}
