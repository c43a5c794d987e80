package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.Money;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every path that writes golden records keeps their projection in step, in the same transaction: the sync engine's
 * creates and updates, a merge (the survivor's row takes the values it filled, the merged-away row goes), a split
 * (the new record gets its row of the link's snapshot).
 */
class ProjectionsSpineTests {
  final SpineFixture f = new SpineFixture();
  static final String TENANT = SpineFixture.TENANT;

  private String canonical(String email) {
    return f.identity.lookup(TENANT, "contact", IdentityResolver.EMAIL, email).orElseThrow();
  }

  private Projections.Row row(String id) {
    return f.projections.get(TENANT, id).orElseThrow();
  }

  @Test
  void inboundCreatesAndUpdatesTheRow() {
    String ann = f.hubspot.create(Map.of(ContactField.EMAIL, "ann@example.com", ContactField.LIFECYCLE_STAGE, "lead"));
    f.webhook(f.hubspot, ann);
    f.settle();
    String record = canonical("ann@example.com");
    assertThat(row(record).status()).isEqualTo("lead");

    f.clock.advance(Duration.ofSeconds(2));
    f.hubspot.edit(ann, Map.of(ContactField.LIFECYCLE_STAGE, "customer"));
    f.webhook(f.hubspot, ann);
    f.settle();

    assertThat(row(record).status()).isEqualTo("customer");
    assertThat(f.db.sql("select count(*) from record_projection").query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void aMergeGivesTheSurvivorsRowTheValuesItFilledAndDropsTheMergedAwayRow() {
    String into = UUID.randomUUID().toString();
    String from = UUID.randomUUID().toString();
    f.tx.executeWithoutResult(s -> {
      f.golden.insert(TENANT, into, "deal", ProjectionsTests.fields("name", "Renewal", "stage", "contract_sent"));
      f.golden.insert(TENANT, from, "deal", ProjectionsTests.fields("name", "Renewal (dup)", "stage", "closed_lost",
          "amount", ProjectionsTests.money("1500", "JPY"), "closeDate", "2026-12-15"));
    });

    RecordMerges.Result result = f.tx.execute(s -> f.merges.merge(TENANT, from, into, "hubspot", null,
        f.clock.instant(), null));

    assertThat(result).isEqualTo(RecordMerges.Result.MERGED);
    assertThat(f.projections.get(TENANT, from)).isEmpty();
    // the survivor keeps its stage and takes the amount and close date it lacked
    assertThat(row(into)).isEqualTo(new Projections.Row("contract_sent", null, Money.of("1500", "JPY"), null,
        LocalDate.of(2026, 12, 15), null, null));
    assertThat(f.projections.find(TENANT, "deal", Projections.Filter.all())).containsExactly(into);
  }

  @Test
  void aSplitGivesTheNewRecordTheRowOfItsSnapshot() {
    String ann = f.hubspot.create(Map.of(ContactField.EMAIL, "ann@example.com", ContactField.LIFECYCLE_STAGE,
        "customer", ContactField.PHONE, "+14155550142"));
    f.webhook(f.hubspot, ann);
    f.settle();
    String record = canonical("ann@example.com");
    String desk = f.hubspot.create(Map.of(ContactField.PHONE, "+14155550142", ContactField.LIFECYCLE_STAGE, "lead"));
    f.tx.executeWithoutResult(s -> f.links.put(TENANT, f.hubspotConnection.id(), "contact", desk, null, record,
        Map.of(ContactField.PHONE, "+14155550142", ContactField.LIFECYCLE_STAGE, "lead"), f.clock.instant(), false,
        IdentityResolver.PHONE));

    RecordSplits.Split split = f.splits.split(TENANT, record, f.hubspotConnection.id(), desk, "tok_test");

    assertThat(row(split.splitId()).status()).isEqualTo("lead");
    assertThat(row(record).status()).isEqualTo("customer");
    assertThat(f.projections.find(TENANT, "contact", Projections.Filter.all().statuses("lead")))
        .containsExactly(split.splitId());
  }
}
