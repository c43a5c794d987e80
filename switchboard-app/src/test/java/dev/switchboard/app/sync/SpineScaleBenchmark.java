package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.MinorUnits;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.ConnectionsFixture;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.EventsFixture;
import dev.switchboard.app.support.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * The spine's hot queries on PostgreSQL at one large tenant: {@value #CONTACTS} contacts, {@value #COMPANIES}
 * companies and {@value #DEALS} deals, each a golden record linked in HubSpot (contacts in Mailchimp too), contacts
 * with e-mail and phone identity keys, and an outbox as a full backfill leaves it: one finished write per contact
 * (all older than the purge retention) plus pending, dead and in-flight ones. Every ciphertext and blind index is
 * made by the real {@link Vault}, so the measured code decrypts what it would in production.
 *
 * <p>Measured by calling the spine's own classes (at least {@value #SAMPLES} samples each, after a warm-up):
 * identity resolution by e-mail (hit, and a miss that claims the new key, rolled back), the in-flight check in a
 * transaction, and egress batch assembly (golden record and primary link of each of 100 pending tasks) — first with
 * the finished rows present, then after {@link OutboxPurge} removed them. {@code -Dspine.schema=6} migrates only up to
 * V6 (the schema before {@code V9__spine_indexes}); the default is the latest. Results go to stdout ({@code [bench]})
 * and {@code target/benchmarks/spine-scale-<schema>.md}.
 */
class SpineScaleBenchmark {
  static final int CONTACTS = 200_000;
  static final int COMPANIES = 50_000;
  static final int DEALS = 100_000;
  static final int SAMPLES = 1_000;
  static final int WARMUP = 200;
  static final int BATCH = 100;
  static final String TENANT = "t-big";
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final List<String> STAGES = List.of("appointment_scheduled", "qualified_to_buy", "presentation_scheduled",
      "decision_maker_bought_in", "contract_sent", "closed_won", "closed_lost");
  static final List<String> OPEN_STAGES = STAGES.subList(0, 5);
  static final List<String> PIPELINES = List.of("sales", "renewals", "partners", "enterprise");

  final String schema = System.getProperty("spine.schema", "latest");
  /** record_projection exists (V17 on). */
  final boolean projected = schema.equals("latest") || Integer.parseInt(schema) >= 17;
  final MutableClock clock = new MutableClock(NOW);
  final Vault vault = new Vault(new byte[32]);
  final JsonMapper json = JsonMapper.builder().build();
  final Random random = new Random(42);
  final StringBuilder report = new StringBuilder();

  HikariDataSource ds;
  JdbcTemplate jdbc;
  TransactionTemplate tx;
  ExternalIds ids;
  GoldenRecords golden;
  Projections projections;
  Links links;
  IdentityResolver identity;
  Outbox outbox;
  Connection hubspot;
  Connection mailchimp;
  int finished;

  @Test
  void spineQueriesAtScale() throws IOException {
    String url = TestDatabases.freshPostgresUrl();
    ds = new HikariDataSource();
    ds.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
    ds.setUsername("postgres");
    ds.setPassword("postgres");
    ds.setMaximumPoolSize(4);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(schema).load().migrate();
    JdbcClient db = JdbcClient.create(ds);
    jdbc = new JdbcTemplate(ds);
    tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    ids = new ExternalIds(vault, new ConnectorRegistry(List.of()));
    projections = new Projections(db, clock);
    golden = new GoldenRecords(db, vault, clock, projections);
    links = new Links(db, vault, ids, clock, tx);
    identity = new IdentityResolver(db, vault);
    outbox = new Outbox(db, clock, tx, new WorkSignal());
    EventsFixture events = new EventsFixture(db, clock);
    Connections connections = ConnectionsFixture.connections(db, vault, clock, events.alerts);
    ConnectionsFixture.tenants(db, clock).ensure(TENANT, "Big tenant", "US");
    hubspot = ConnectionsFixture.connect(connections, TENANT, "hubspot", "acct-h", Map.of(), Map.of("accessToken", "x"));
    mailchimp = ConnectionsFixture.connect(connections, TENANT, "mailchimp", "acct-m", Map.of(), Map.of());

    line("# Spine at scale (`SpineScaleBenchmark`), schema: " + schema);
    line("");
    line("Machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", JDK " + System.getProperty("java.vm.version")
        + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + ", PostgreSQL " + jdbc.queryForObject("show server_version", String.class)
        + " (zonky embedded, default settings, same machine), "
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()));
    line("");
    long t0 = System.nanoTime();
    seed();
    jdbc.execute("analyze");
    line("");
    line(String.format("Seed total (incl. ANALYZE): %.1f s", (System.nanoTime() - t0) / 1e9));
    line("");

    List<String> pending = jdbc.queryForList("select canonical_id from outbox_task where tenant_id = ? and connection_id = ? "
        + "and status = 'PENDING' and lease_until is null order by id", String.class, TENANT, mailchimp.id());
    measureAll("with " + finished + " finished outbox rows (before the purge)", pending);

    long p0 = System.nanoTime();
    OutboxPurge purge = new OutboxPurge(outbox, new EdgeOutbox(db, clock, tx, new WorkSignal()),
        new SyncJobs(db, clock, vault, ids, tx, new WorkSignal()), links, clock,
        Duration.ofHours(1));
    int purged = 0;
    for (int n; (n = purge.runOnce()) > 0; ) {
      purged += n;
    }
    double purgeS = (System.nanoTime() - p0) / 1e9;
    jdbc.execute("vacuum analyze outbox_task");
    line("");
    line(String.format("Purge: %d finished rows deleted in batches of %d in %.1f s (then VACUUM ANALYZE outbox_task, "
        + "as autovacuum would).", purged, OutboxPurge.BATCH, purgeS));
    line("");
    measureAll("after the purge", pending);
    if (projected) {
      measureProjections();
    }
    explain(pending.getFirst());

    Path out = Path.of("target/benchmarks/spine-scale-" + schema + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    ds.close();
  }

  // ---------------------------------------------------------------------------------------------------- seeding

  static String id(String type, int i) {
    return UUID.nameUUIDFromBytes((type + ":" + i).getBytes(StandardCharsets.UTF_8)).toString();
  }

  static String email(int i) {
    return "person" + i + "@example" + (i % 997) + ".com";
  }

  private void seed() {
    line("| seeded | rows | seconds |");
    line("|---|---:|---:|");
    seedType("contact", CONTACTS, i -> Map.of(ContactField.EMAIL, email(i), ContactField.FIRST_NAME, "First" + i,
        ContactField.LAST_NAME, "Last" + i, ContactField.PHONE, String.format("+1555%07d", i),
        ContactField.LIFECYCLE_STAGE, "customer", ContactField.COMPANY, "Company " + (i % COMPANIES)));
    seedType("company", COMPANIES, i -> Map.of("name", "Company " + i, "domain", "company" + i + ".example",
        "industry", "Retail", "city", "Springfield"));
    // canonical deal values, as the registry's cleaning stores them: 4 pipelines, 7 stages (5 open), close dates
    // over 24 months (2026-01-01 .. 2027-12-28), amounts in USD or JPY
    seedType("deal", DEALS, i -> Map.of("name", "Deal " + i,
        "amount", Map.of("amount", (1000 + i % 50_000) + (i % 3 == 0 ? "" : ".00"), "currency", i % 3 == 0 ? "JPY" : "USD"),
        "stage", STAGES.get(i % STAGES.size()), "pipeline", PIPELINES.get((i / 7) % PIPELINES.size()),
        "closeDate", LocalDate.of(2026, 1, 1).plusMonths((i / 28) % 24).plusDays(i % 28).toString()));
    seedOutbox();
  }

  private void seedType(String type, int count, IntFunction<Map<String, Object>> values) {
    long t0 = System.nanoTime();
    Timestamp now = Timestamp.from(NOW.minus(Duration.ofDays(3)));
    Instant modified = NOW.minus(Duration.ofDays(3));
    int chunk = 2_000;
    long keys = 0;
    long linkRows = 0;
    long projections = 0;
    for (int from = 0; from < count; from += chunk) {
      List<Object[]> goldens = new ArrayList<>();
      List<Object[]> identities = new ArrayList<>();
      List<Object[]> linkArgs = new ArrayList<>();
      List<Object[]> projectionArgs = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + chunk); i++) {
        String id = id(type, i);
        Map<String, Object> plain = values.apply(i);
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        plain.forEach((k, v) -> fields.put(k, new FieldValue(v, "hubspot", modified)));
        goldens.add(new Object[] {id, TENANT, type, 3L, vault.encrypt(json.writeValueAsString(fields), "golden:" + id),
            now, now});
        // the projection row GoldenRecords would write, computed by the same code (Projections.row)
        Projections.row(type, fields).ifPresent(r -> projectionArgs.add(new Object[] {TENANT, id, type, r.status(),
            r.pipeline(), r.amount() == null ? null : MinorUnits.ISO_4217.toMinor(r.amount()),
            r.amount() == null ? null : r.amount().currencyCode(), r.dueOn(), r.closeOn(),
            r.startsAt() == null ? null : Timestamp.from(r.startsAt()), r.parentId(), now}));
        if (type.equals("contact")) {
          identities.add(new Object[] {TENANT, type, IdentityResolver.EMAIL,
              vault.blindIndex(IdentityResolver.EMAIL, (String) plain.get(ContactField.EMAIL)), id});
          identities.add(new Object[] {TENANT, type, IdentityResolver.PHONE,
              vault.blindIndex(IdentityResolver.PHONE, (String) plain.get(ContactField.PHONE)), id});
        }
        linkArgs.add(link(hubspot, type, String.valueOf(10_000_000L + i), id, plain, now));
        if (type.equals("contact")) {
          linkArgs.add(link(mailchimp, type, "md5-" + Integer.toHexString(email(i).hashCode()) + "-" + i, id, plain, now));
        }
      }
      jdbc.batchUpdate("insert into golden_record(id, tenant_id, object_type, version, fields_enc, created_at, "
          + "updated_at) values (?, ?, ?, ?, ?, ?, ?)", goldens);
      if (!identities.isEmpty()) {
        jdbc.batchUpdate("insert into identity_key(tenant_id, object_type, kind, key_hash, canonical_id) "
            + "values (?, ?, ?, ?, ?)", identities);
      }
      jdbc.batchUpdate("insert into record_link(tenant_id, connection_id, object_type, vendor_type, external_id, "
          + "external_ref_enc, canonical_id, snapshot_enc, source_modified_at, last_written_at, updated_at, primary_of, "
          + "link_rule) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'source')", linkArgs);
      if (projected && !projectionArgs.isEmpty()) {
        jdbc.batchUpdate("insert into record_projection(tenant_id, canonical_id, object_type, status, pipeline, "
            + "amount_minor, currency, due_on, close_on, starts_at, parent_id, updated_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", projectionArgs);
      }
      projections += projected ? projectionArgs.size() : 0;
      keys += identities.size();
      linkRows += linkArgs.size();
    }
    line(String.format("| %s golden records + %d identity keys + %d links + %d projection rows | %d | %.1f |", type,
        keys, linkRows, projections, count + keys + linkRows + projections, (System.nanoTime() - t0) / 1e9));
  }

  private Object[] link(Connection c, String type, String externalId, String canonicalId, Map<String, Object> snapshot,
      Timestamp at) {
    String enc = vault.encrypt(json.writeValueAsString(snapshot), "link:" + TENANT + ":" + c.id() + ":" + canonicalId);
    // the vendor type as each connector names it (a Mailchimp contact is a list member)
    String vendorType = c.system().equals("mailchimp") ? "member" : type;
    return new Object[] {TENANT, c.id(), type, vendorType, ids.key(externalId), ids.seal(TENANT, c.id(), externalId),
        canonicalId, enc, at, at, at, canonicalId};
  }

  /**
   * One write per contact to Mailchimp, as a backfill leaves the outbox: finished two hours ago (past the purge
   * retention), except every 40th pending, every 2000th dead and every 4000th on the wire (leased).
   */
  private void seedOutbox() {
    long t0 = System.nanoTime();
    Timestamp old = Timestamp.from(NOW.minus(Duration.ofHours(2)));
    Timestamp now = Timestamp.from(NOW);
    Timestamp leased = Timestamp.from(NOW.plusSeconds(60));
    List<Object[]> rows = new ArrayList<>();
    int[] byStatus = new int[4];
    for (int i = 0; i < CONTACTS; i++) {
      String status = i % 4000 == 2 ? "PENDING" : i % 2000 == 1 ? "DEAD" : i % 40 == 0 ? "PENDING" : "DONE";
      boolean inFlight = i % 4000 == 2;
      byStatus[inFlight ? 3 : Arrays.asList("PENDING", "DEAD", "DONE").indexOf(status)]++;
      Timestamp updated = status.equals("DONE") ? old : now;
      rows.add(new Object[] {TENANT, mailchimp.id(), id("contact", i), "contact", 3L, status, status.equals("DEAD") ? 8 : 0,
          updated, inFlight ? "bench-worker" : null, inFlight ? leased : null, updated,
          status.equals("DEAD") ? "invalid e-mail" : null, updated});
      if (rows.size() == 5_000 || i == CONTACTS - 1) {
        jdbc.batchUpdate("insert into outbox_task(tenant_id, connection_id, canonical_id, object_type, version, status, "
            + "attempts, next_attempt_at, lease_owner, lease_until, enqueued_at, last_error, updated_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        rows.clear();
      }
    }
    finished = byStatus[2];
    line(String.format("| outbox: %d DONE, %d PENDING, %d DEAD, %d in flight | %d | %.1f |", byStatus[2], byStatus[0],
        byStatus[1], byStatus[3], CONTACTS, (System.nanoTime() - t0) / 1e9));
  }

  // ------------------------------------------------------------------------------------------------- measuring

  private void measureAll(String phase, List<String> pending) {
    line("### " + phase);
    line("");
    line("| operation | samples | p50 ms | p95 ms | p99 ms | max ms |");
    line("|---|---:|---:|---:|---:|---:|");
    measure("identity resolution, e-mail hit (`IdentityResolver.resolve`)", SAMPLES, () -> {
      int i = random.nextInt(CONTACTS);
      String got = inRolledBackTx(() -> identity.resolve(TENANT, contact(email(i)))).canonicalId();
      assertThat(got).isEqualTo(id("contact", i));
    });
    measure("identity resolution, e-mail miss: new key claimed, rolled back", SAMPLES, () -> {
      IdentityResolver.Resolution r = inRolledBackTx(() -> identity.resolve(TENANT,
          contact("nobody" + random.nextLong() + "@example.org")));
      assertThat(r.created()).isTrue();
    });
    measure("in-flight check in a transaction (`Outbox.inFlight`)", SAMPLES, () -> {
      String canonical = id("contact", random.nextInt(CONTACTS));
      tx.execute(s -> outbox.inFlight(TENANT, mailchimp.id(), canonical));
    });
    measure("egress batch assembly: 100 pending tasks, golden find + primary link each", SAMPLES, () -> {
      int from = random.nextInt(pending.size() - BATCH);
      for (String canonical : pending.subList(from, from + BATCH)) {
        assertThat(golden.find(TENANT, canonical)).isPresent();
        assertThat(links.byCanonical(TENANT, mailchimp.id(), "contact", canonical)).isPresent();
      }
    });
    // The outbox's other per-batch and per-record queries, which V9 gives their own indexes.
    measure("`Outbox.hasDead` (after each egress batch that wrote)", 300, () -> outbox.hasDead(TENANT, mailchimp.id()));
    measure("`Outbox.anyInFlight` (inbound, before linking a new record)", 300,
        () -> outbox.anyInFlight(TENANT, mailchimp.id()));
    measure("`Outbox.inFlightAnywhere` (merges)", 300,
        () -> outbox.inFlightAnywhere(TENANT, id("contact", random.nextInt(CONTACTS))));
    measure("`Outbox.countsByStatus` of the tenant (console, every 3 s)", 100, () -> outbox.countsByStatus(TENANT, null));
    line("");
  }

  /**
   * The projection (V17) at 100,000 deals: open deals of one pipeline closing this month, as a forecast feature asks
   * it, through {@link Projections#find}; then its plan.
   */
  private void measureProjections() {
    LocalDate month = LocalDate.of(2026, 12, 1);
    Projections.Filter open = Projections.Filter.all().statuses(OPEN_STAGES.toArray(String[]::new))
        .closeOn(month, month.plusMonths(1));
    int[] found = new int[1];
    line("### projection (`record_projection`, V17)");
    line("");
    line("| operation | samples | p50 ms | p95 ms | p99 ms | max ms |");
    line("|---|---:|---:|---:|---:|---:|");
    measure("open deals of a pipeline closing this month (`Projections.find`)", 300, () -> {
      List<String> ids = projections.find(TENANT, "deal", open.pipeline(PIPELINES.get(random.nextInt(PIPELINES.size()))));
      assertThat(ids).isNotEmpty();
      found[0] = ids.size();
    });
    line("");
    line("Each call returns " + found[0] + " deal ids (the last call's count) of " + DEALS + ".");
    line("");
    List<Object> args = new ArrayList<>(List.of(TENANT, "deal"));
    args.addAll(OPEN_STAGES);
    args.addAll(List.of("sales", month, month.plusMonths(1), Projections.Filter.MAX));
    plan("open deals of a pipeline closing this month (`Projections.find`)", "select canonical_id from record_projection "
        + "where tenant_id = ? and object_type = ? and status in (?, ?, ?, ?, ?) and pipeline = ? and close_on >= ? "
        + "and close_on < ? order by canonical_id limit ?", args.toArray());
    line("");
  }

  private static CanonicalRecord contact(String email) {
    return CanonicalRecord.contact(Map.of(ContactField.EMAIL, email, ContactField.FIRST_NAME, "Ann"));
  }

  private <T> T inRolledBackTx(java.util.function.Supplier<T> work) {
    return tx.execute(s -> {
      s.setRollbackOnly(); // a miss claims its key: keep the data set as seeded
      return work.get();
    });
  }

  private void measure(String name, int samples, Runnable op) {
    for (int i = 0; i < Math.min(WARMUP, samples); i++) {
      op.run();
    }
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      op.run();
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    line(String.format("| %s | %d | %.3f | %.3f | %.3f | %.3f |", name, samples, pct(nanos, 50), pct(nanos, 95),
        pct(nanos, 99), nanos[samples - 1] / 1e6));
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
  }

  // -------------------------------------------------------------------------------------------------- plans

  /** EXPLAIN ANALYZE of the statements behind the three measurements (text as in the classes). */
  private void explain(String pendingCanonical) {
    line("### Plans (after the purge)");
    plan("identity lookup (`IdentityResolver.lookup`)",
        "select canonical_id from identity_key where tenant_id = ? and object_type = ? and kind = ? and key_hash = ?",
        TENANT, "contact", "email", vault.blindIndex("email", email(12345)));
    plan("in-flight check (`Outbox.inFlight`)", "select lease_until from outbox_task where tenant_id = ? "
        + "and connection_id = ? and canonical_id = ? for update", TENANT, mailchimp.id(), pendingCanonical);
    plan("egress: golden find (`GoldenRecords.find`)", "select id, tenant_id, object_type, version, fields_enc, "
        + "merged_into from golden_record where tenant_id = ? and id = ?", TENANT, pendingCanonical);
    plan("egress: primary link (`Links.byCanonical`)", "select * from record_link where tenant_id = ? and "
        + "connection_id = ? and canonical_id = ? and object_type = ? order by case when primary_of is null then 1 "
        + "else 0 end, updated_at desc", TENANT, mailchimp.id(), pendingCanonical, "contact");
    plan("inbound: a vendor object's link (`Links.byExternal`, keyed by vendor type)", "select * from record_link "
        + "where tenant_id = ? and connection_id = ? and vendor_type = ? and external_id = ?", TENANT, mailchimp.id(),
        "member", ids.key("member-12345"));
    plan("`Outbox.hasDead`", "select count(*) from outbox_task where tenant_id = ? and connection_id = ? "
        + "and status = 'DEAD'", TENANT, mailchimp.id());
    plan("`Outbox.anyInFlight`", "select count(*) from outbox_task where tenant_id = ? and connection_id = ? "
        + "and lease_until is not null and lease_until > ?", TENANT, mailchimp.id(), Timestamp.from(NOW));
  }

  private void plan(String name, String sql, Object... args) {
    line("");
    line("#### " + name);
    line("");
    line("```");
    jdbc.queryForList("explain (analyze, buffers, timing off, summary off) " + sql, String.class, args)
        .forEach(this::line);
    line("```");
  }

  private void line(String s) {
    System.out.println("[bench] " + s);
    report.append(s).append('\n');
  }
}
