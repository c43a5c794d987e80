package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.Money;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.support.TestDatabases;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clear projection of golden records' non-PII fields (V17 {@code record_projection}), written with every golden
 * write, on H2 (this class) and PostgreSQL ({@link PostgresProjectionsTests}): values round-trip equal, updates
 * replace them, a record merged away loses its row, a type without projections has none, PII never appears, and
 * {@link Projections#find} filters by the indexed columns.
 */
class ProjectionsTests {
  static final String TENANT = SpineFixture.TENANT;
  static final Instant AT = SpineFixture.START;
  final MutableClock clock = new MutableClock(SpineFixture.START);
  JdbcClient db;
  TransactionTemplate tx;
  Projections projections;
  GoldenRecords golden;

  DataSource database() {
    return TestDatabases.migrated(TestDatabases.freshH2Url());
  }

  @BeforeEach
  void setUp() {
    DataSource ds = database();
    db = JdbcClient.create(ds);
    tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    projections = new Projections(db, clock);
    golden = new GoldenRecords(db, new Vault(new byte[32]), clock, projections);
  }

  static Map<String, FieldValue> fields(Object... kv) {
    Map<String, FieldValue> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], new FieldValue(kv[i + 1], "hubspot", AT));
    }
    return out;
  }

  static Map<String, Object> money(String amount, String currency) {
    return Map.of("amount", amount, "currency", currency);
  }

  private String insert(String type, Map<String, FieldValue> fields) {
    String id = UUID.randomUUID().toString();
    tx.executeWithoutResult(s -> golden.insert(TENANT, id, type, fields));
    return id;
  }

  private Map<String, Object> stored(String id) {
    return db.sql("select * from record_projection where canonical_id = ?").param(id).query().singleRow();
  }

  @Test
  void aDealGetsItsRowWithAmountInMinorUnitsAndItRoundTripsEqual() {
    String company = UUID.randomUUID().toString();
    Map<String, FieldValue> deal = fields("name", "Tokyo renewal", "amount", money("1500", "JPY"),
        "stage", "contract_sent", "pipeline", "enterprise", "closeDate", "2026-12-15",
        "company", Map.of("type", "company", "id", company), "owner", "rep@example.com");
    String id = insert("deal", deal);

    Map<String, Object> row = stored(id);
    assertThat(row).containsEntry("tenant_id", TENANT).containsEntry("object_type", "deal")
        .containsEntry("status", "contract_sent").containsEntry("pipeline", "enterprise")
        .containsEntry("amount_minor", 1500L).containsEntry("currency", "JPY").containsEntry("parent_id", company);
    assertThat(row.get("due_on")).isNull();
    assertThat(row.get("starts_at")).isNull();
    Projections.Row read = projections.get(TENANT, id).orElseThrow();
    assertThat(read).isEqualTo(Projections.row("deal", deal).orElseThrow());
    assertThat(read.amount()).isEqualTo(Money.of("1500", "JPY"));
    assertThat(read.closeOn()).isEqualTo(LocalDate.of(2026, 12, 15));
    // the owner's e-mail is PII: it stays in the ciphertext only
    assertThat(db.sql("select * from record_projection").query().listOfRows().toString())
        .doesNotContain("rep@example.com").doesNotContain("Tokyo");
  }

  @Test
  void anUpdateReplacesTheRowAndAClearedFieldBecomesNull() {
    String id = insert("deal", fields("name", "D", "amount", money("1500", "JPY"), "stage", "contract_sent",
        "closeDate", "2026-12-15"));
    GoldenRecords.Golden current = golden.find(TENANT, id).orElseThrow();

    tx.executeWithoutResult(s -> golden.update(current, fields("name", "D", "amount", money("12.50", "USD"),
        "stage", "closed_won", "closeDate", "")));

    Projections.Row row = projections.get(TENANT, id).orElseThrow();
    assertThat(row.status()).isEqualTo("closed_won");
    assertThat(row.amount()).isEqualTo(Money.of("12.50", "USD"));
    assertThat(stored(id)).containsEntry("amount_minor", 1250L).containsEntry("currency", "USD");
    assertThat(row.closeOn()).isNull();
    // a value kept as the source typed it (not canonical) is no value to filter by
    GoldenRecords.Golden v2 = golden.find(TENANT, id).orElseThrow();
    tx.executeWithoutResult(s -> golden.update(v2, fields("amount", "about 1000", "stage", "closedwon")));
    assertThat(projections.get(TENANT, id).orElseThrow()).isEqualTo(new Projections.Row(null, null, null, null, null,
        null, null));
  }

  @Test
  void everyColumnRoundTripsForInvoicesBookingsAndSubscriptions() {
    String customer = UUID.randomUUID().toString();
    Map<String, FieldValue> invoice = fields("status", "open", "currency", "KWD", "total", money("1.250", "KWD"),
        "dueOn", "2027-01-31", "customer", Map.of("type", "company", "id", customer));
    Map<String, FieldValue> booking = fields("externalId", "b-1", "status", "scheduled",
        "startAt", "2026-12-02T09:30:00.000Z", "endAt", "2026-12-02T10:00:00.000Z", "clientEmail", "ann@example.com");
    String inv = insert("invoice", invoice);
    String book = insert("booking", booking);

    assertThat(projections.get(TENANT, inv).orElseThrow()).isEqualTo(Projections.row("invoice", invoice).orElseThrow())
        .isEqualTo(new Projections.Row("open", null, Money.of("1.250", "KWD"), LocalDate.of(2027, 1, 31), null, null,
            customer));
    assertThat(stored(inv)).containsEntry("amount_minor", 1250L);
    assertThat(projections.get(TENANT, book).orElseThrow()).isEqualTo(new Projections.Row("scheduled", null, null,
        null, null, Instant.parse("2026-12-02T09:30:00Z"), null));
    assertThat(db.sql("select * from record_projection").query().listOfRows().toString())
        .doesNotContain("ann@example.com");
  }

  @Test
  void aTypeWithoutProjectedFieldsWritesNoRow() {
    String company = insert("company", fields("name", "Acme", "domain", "acme.example"));
    String product = insert("product", fields("name", "Widget"));

    assertThat(projections.get(TENANT, company)).isEmpty();
    assertThat(projections.get(TENANT, product)).isEmpty();
    assertThat(db.sql("select count(*) from record_projection").query(Long.class).single()).isZero();
  }

  @Test
  void aRecordMergedAwayLosesItsRow() {
    String from = insert("deal", fields("name", "A", "stage", "qualified_to_buy"));
    String into = insert("deal", fields("name", "B", "stage", "contract_sent"));
    GoldenRecords.Golden merged = golden.find(TENANT, from).orElseThrow();

    tx.executeWithoutResult(s -> golden.markMerged(TENANT, from, merged.version(), into));

    assertThat(projections.get(TENANT, from)).isEmpty();
    assertThat(projections.get(TENANT, into)).isPresent();
  }

  @Test
  void recordsWrittenBeforeTheProjectionGetTheirRowsFromOneBackfillPass() {
    Map<String, FieldValue> deal = fields("stage", "contract_sent", "amount", money("1500", "JPY"),
        "closeDate", "2026-12-15");
    String dealId = insert("deal", deal);
    String bookingId = insert("booking", fields("status", "scheduled", "startAt", "2026-12-02T09:30:00.000Z"));
    insert("company", fields("name", "Acme"));
    String mergedId = insert("deal", fields("stage", "closed_lost"));
    tx.executeWithoutResult(s -> golden.markMerged(TENANT, mergedId, 1, dealId));
    db.sql("delete from record_projection").update(); // as the records were before V17
    ProjectionBackfill backfill = new ProjectionBackfill(db, golden, tx);

    assertThat(backfill.runOnce()).isEqualTo(2); // not the company (nothing projected), not the merged-away deal
    assertThat(backfill.runOnce()).isZero();

    assertThat(projections.get(TENANT, dealId)).contains(Projections.row("deal", deal).orElseThrow());
    assertThat(projections.get(TENANT, bookingId).orElseThrow().status()).isEqualTo("scheduled");
    assertThat(projections.get(TENANT, mergedId)).isEmpty();
    assertThat(db.sql("select count(*) from record_projection").query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void findFiltersByPipelineStatusDatesAndParentWithinTheTenantAndType() {
    String acme = UUID.randomUUID().toString();
    String open = insert("deal", fields("stage", "contract_sent", "pipeline", "sales", "closeDate", "2026-12-10",
        "company", Map.of("type", "company", "id", acme)));
    String openToo = insert("deal", fields("stage", "qualified_to_buy", "pipeline", "sales", "closeDate", "2026-12-31"));
    insert("deal", fields("stage", "closed_won", "pipeline", "sales", "closeDate", "2026-12-12"));
    insert("deal", fields("stage", "contract_sent", "pipeline", "renewals", "closeDate", "2026-12-12"));
    insert("deal", fields("stage", "contract_sent", "pipeline", "sales", "closeDate", "2027-01-01"));
    String booking = insert("booking", fields("status", "scheduled", "startAt", "2026-12-02T09:30:00.000Z",
        "client", Map.of("type", "contact", "id", acme)));
    tx.executeWithoutResult(s -> new GoldenRecords(db, new Vault(new byte[32]), clock, projections)
        .insert("other-tenant", UUID.randomUUID().toString(), "deal", fields("stage", "contract_sent",
            "pipeline", "sales", "closeDate", "2026-12-10")));

    Projections.Filter openThisMonth = Projections.Filter.all().pipeline("sales")
        .statuses("qualified_to_buy", "contract_sent").closeOn(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1));
    assertThat(projections.find(TENANT, "deal", openThisMonth)).containsExactlyInAnyOrder(open, openToo);
    assertThat(projections.find(TENANT, "deal", openThisMonth.limit(1))).hasSize(1);
    assertThat(projections.find(TENANT, "deal", Projections.Filter.all().parent(acme))).containsExactly(open);
    assertThat(projections.find(TENANT, "booking", Projections.Filter.all().parent(acme))).containsExactly(booking);
    assertThat(projections.find(TENANT, "booking", Projections.Filter.all()
        .startsAt(Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z"))))
        .containsExactly(booking);
    assertThat(projections.find(TENANT, "booking", Projections.Filter.all()
        .startsAt(Instant.parse("2026-12-02T09:30:00.001Z"), null))).isEmpty();
    assertThat(projections.find(TENANT, "invoice", Projections.Filter.all())).isEmpty();
    assertThat(projections.find(TENANT, "deal", Projections.Filter.all())).hasSize(5);
    assertThat(projections.find(TENANT, "deal", Projections.Filter.all().statuses("closed_lost"))).isEqualTo(List.of());
  }
}
