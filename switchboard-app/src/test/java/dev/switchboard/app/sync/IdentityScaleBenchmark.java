package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.identity.BlockingKeys;
import dev.switchboard.app.identity.Decision;
import dev.switchboard.app.identity.Subject;
import dev.switchboard.app.support.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Identity resolution ({@link IdentityResolver#resolve}) on PostgreSQL at one tenant of {@value #CONTACTS} contacts,
 * each a golden record with its identity keys (e-mail, phone) and blocking keys ({@code match_key}), made by the real
 * {@link Vault}. Names are drawn from {@value #FIRST_NAMES} given and {@value #LAST_NAMES} family names, so a
 * phonetic family-name key files hundreds of records and the per-key cap is what bounds the work; every 20th contact
 * shares the phone of the one before (a family). Measured (at least {@value #SAMPLES} samples each, after a warm-up,
 * each in a rolled-back transaction): an exact e-mail hit (a link), a new person with a common family name (no exact
 * key: candidates by blocking keys only, judged, a new record), a second person on a family's phone (a review), and
 * the blocking-key lookup alone (EXPLAIN). Results go to stdout ({@code [bench]}) and
 * {@code target/benchmarks/identity-scale.md}.
 */
class IdentityScaleBenchmark {
  static final int CONTACTS = 200_000;
  static final int FIRST_NAMES = 120;
  static final int LAST_NAMES = 600;
  static final int SAMPLES = 1_000;
  static final int WARMUP = 200;
  static final String TENANT = "t-big";
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final String[] SYLLABLES = {"ka", "lo", "mi", "ra", "ne", "so", "ti", "va", "be", "do", "fi", "gu", "ha",
      "ju", "ze", "po", "ri", "sa", "te", "wo"};

  final Vault vault = new Vault(new byte[32]);
  final JsonMapper json = JsonMapper.builder().build();
  final StringBuilder report = new StringBuilder();
  JdbcTemplate jdbc;
  TransactionTemplate tx;
  IdentityResolver identity;

  /** A synthetic name: syllables chosen by the index (no real person's name). */
  static String name(int i, int syllables) {
    StringBuilder b = new StringBuilder();
    for (int s = 0, n = i; s < syllables; s++, n /= SYLLABLES.length) {
      b.append(SYLLABLES[n % SYLLABLES.length]);
    }
    return Character.toUpperCase(b.charAt(0)) + b.substring(1);
  }

  static String first(int i) {
    return name(i % FIRST_NAMES + 7, 2);
  }

  static String last(int i) {
    return name((i / 3) % LAST_NAMES + 401, 3);
  }

  static String email(int i) {
    return (first(i) + "." + last(i) + i).toLowerCase() + "@example" + (i % 97) + ".com";
  }

  static String phone(int i) {
    return String.format("+1555%07d", i % 20 == 19 ? i - 1 : i);
  }

  static Map<String, Object> contact(int i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(ContactField.EMAIL, email(i));
    m.put(ContactField.FIRST_NAME, first(i));
    m.put(ContactField.LAST_NAME, last(i));
    m.put(ContactField.PHONE, phone(i));
    return m;
  }

  static String id(int i) {
    return UUID.nameUUIDFromBytes(("contact:" + i).getBytes(StandardCharsets.UTF_8)).toString();
  }

  @Test
  void identityResolutionAtScale() throws IOException {
    String url = TestDatabases.freshPostgresUrl();
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
    ds.setUsername("postgres");
    ds.setPassword("postgres");
    ds.setMaximumPoolSize(4);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    JdbcClient db = JdbcClient.create(ds);
    jdbc = new JdbcTemplate(ds);
    tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    MutableClock clock = new MutableClock(NOW);
    GoldenRecords golden = new GoldenRecords(db, vault, clock, new Projections(db, clock));
    identity = new IdentityResolver(db, vault, golden, new IdentitySettings(db, clock));

    line("# Identity resolution at scale (`IdentityScaleBenchmark`)");
    line("");
    line("Machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", JDK " + System.getProperty("java.vm.version")
        + ", PostgreSQL " + jdbc.queryForObject("show server_version", String.class)
        + " (zonky embedded, default settings, same machine), "
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()));
    line("");
    long t0 = System.nanoTime();
    long keys = seed();
    jdbc.execute("analyze");
    line(String.format("Seeded %d contacts, %d identity keys, %d blocking keys in %.1f s (incl. ANALYZE).", CONTACTS,
        jdbc.queryForObject("select count(*) from identity_key", Long.class), keys, (System.nanoTime() - t0) / 1e9));
    line(String.format("Largest blocking key: %d records (cap per key %d, per lookup %d).",
        jdbc.queryForObject("select max(n) from (select count(*) n from match_key group by kind, key_hash) k",
            Long.class), IdentityResolver.PER_KEY, IdentityResolver.MAX_CANDIDATES));
    line("");
    line("| operation | samples | p50 ms | p95 ms | p99 ms | max ms |");
    line("|---|---:|---:|---:|---:|---:|");
    int[] k = {0};
    measure("e-mail hit, same person (link)", i -> {
      int n = (i * 7919) % CONTACTS;
      return new Check(contact(n), Decision.LINK, id(n));
    }, k);
    measure("new person, common family name, no exact key (blocking only; new)", i -> {
      int n = (i * 7919) % CONTACTS;
      Map<String, Object> c = new LinkedHashMap<>();
      c.put(ContactField.EMAIL, "newcomer" + i + "@example.org");
      c.put(ContactField.FIRST_NAME, first(n + 1));
      c.put(ContactField.LAST_NAME, last(n));
      c.put(ContactField.PHONE, String.format("+1666%07d", i));
      return new Check(c, null, null);
    }, k);
    measure("another first name on a family's phone (review)", i -> {
      int n = (i * 20 + 19) % CONTACTS;
      Map<String, Object> c = new LinkedHashMap<>();
      c.put(ContactField.FIRST_NAME, "Qwyx");
      c.put(ContactField.LAST_NAME, last(n));
      c.put(ContactField.PHONE, phone(n));
      return new Check(c, Decision.REVIEW, null);
    }, k);
    line("");
    int n = 12345;
    String nameKey = BlockingKeys.of(Subject.of("contact", contact(n))).stream().filter(b -> b.kind().equals("name"))
        .findFirst().orElseThrow().value();
    line("#### blocking-key lookup (`IdentityResolver.candidates`), the name key of a common family name");
    line("");
    line("```");
    jdbc.queryForList("explain (analyze, buffers, timing off, summary off) select canonical_id from match_key "
            + "where tenant_id = ? and object_type = ? and kind = ? and key_hash = ? order by canonical_id "
            + "fetch first " + IdentityResolver.PER_KEY + " rows only", String.class, TENANT, "contact", "name",
        vault.blindIndex(IdentityResolver.MATCH_PREFIX + "name", nameKey)).forEach(this::line);
    line("```");
    Path out = Path.of("target/benchmarks/identity-scale.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    ds.close();
  }

  record Check(Map<String, Object> fields, Decision expected, String expectedId) {}

  private long seed() {
    Timestamp now = Timestamp.from(NOW);
    Instant modified = NOW.minusSeconds(3600);
    int chunk = 2_000;
    long matchKeys = 0;
    Set<String> phones = new HashSet<>();
    for (int from = 0; from < CONTACTS; from += chunk) {
      List<Object[]> goldens = new ArrayList<>();
      List<Object[]> identities = new ArrayList<>();
      List<Object[]> blocking = new ArrayList<>();
      for (int i = from; i < Math.min(CONTACTS, from + chunk); i++) {
        String id = id(i);
        Map<String, Object> plain = contact(i);
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        plain.forEach((f, v) -> fields.put(f, new FieldValue(v, "hubspot", modified)));
        goldens.add(new Object[] {id, TENANT, "contact", 1L,
            vault.encrypt(json.writeValueAsString(fields), "golden:" + id), now, now});
        identities.add(new Object[] {TENANT, "contact", IdentityResolver.EMAIL,
            vault.blindIndex(IdentityResolver.EMAIL, email(i)), id});
        if (phones.add(phone(i))) { // a family's phone is the first member's identity key
          identities.add(new Object[] {TENANT, "contact", IdentityResolver.PHONE,
              vault.blindIndex(IdentityResolver.PHONE, phone(i)), id});
        }
        for (BlockingKeys.Key b : new HashSet<>(BlockingKeys.of(Subject.of("contact", plain)))) {
          blocking.add(new Object[] {TENANT, "contact", b.kind(),
              vault.blindIndex(IdentityResolver.MATCH_PREFIX + b.kind(), b.value()), id});
        }
      }
      jdbc.batchUpdate("insert into golden_record(id, tenant_id, object_type, version, fields_enc, created_at, "
          + "updated_at) values (?, ?, ?, ?, ?, ?, ?)", goldens);
      jdbc.batchUpdate("insert into identity_key(tenant_id, object_type, kind, key_hash, canonical_id) "
          + "values (?, ?, ?, ?, ?)", identities);
      jdbc.batchUpdate("insert into match_key(tenant_id, object_type, kind, key_hash, canonical_id) "
          + "values (?, ?, ?, ?, ?)", blocking);
      matchKeys += blocking.size();
    }
    return matchKeys;
  }

  private void measure(String name, IntFunction<Check> input, int[] counter) {
    Runnable op = () -> {
      Check c = input.apply(counter[0]++);
      tx.executeWithoutResult(s -> {
        IdentityResolver.Resolution r = identity.resolve(TENANT, CanonicalRecord.contact(c.fields()));
        if (c.expected() == Decision.LINK) {
          assertThat(r.canonicalId()).isEqualTo(c.expectedId());
        } else if (c.expected() == Decision.REVIEW) {
          assertThat(r.created()).isTrue();
          assertThat(r.match()).isNotNull();
        } else {
          assertThat(r.created()).isTrue();
        }
        s.setRollbackOnly();
      });
    };
    for (int i = 0; i < WARMUP; i++) {
      op.run();
    }
    long[] nanos = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      long t = System.nanoTime();
      op.run();
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    line(String.format("| %s | %d | %.3f | %.3f | %.3f | %.3f |", name, SAMPLES, pct(nanos, 50), pct(nanos, 95),
        pct(nanos, 99), nanos[SAMPLES - 1] / 1e6));
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
  }

  private void line(String s) {
    System.out.println("[bench] " + s);
    report.append(s).append('\n');
  }
}
