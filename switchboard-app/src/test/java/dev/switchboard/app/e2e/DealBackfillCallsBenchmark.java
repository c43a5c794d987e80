package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deal backfill cost: {@value #DEALS} HubSpot deals with {@value #LINES} line items each (and the companies and
 * contacts they are associated with) exist before the tenant connects; the reconciler backfills on connect. Counts
 * every HubSpot call the app made by endpoint, the deal-related ones per deal synced with its lines, against the
 * batching minimum of 1/100 per record; then the latency of a stage change made in HubSpot until the golden record
 * has it (webhook → read → merge), p50/p95 over {@value #CHANGES} changes made one at a time.
 */
class DealBackfillCallsBenchmark extends AbstractBackfillBenchmark {
  static final int DEALS = 200;
  static final int LINES = 2;
  static final int CHANGES = 30;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, h2("bench-deals"), Map.of());
    seedBeforeConnect(Map.of("vendor", "hubspot", "companies", 20,
        "contacts", 40, "products", 5, "deals", DEALS, "lineItemsPerDeal", LINES));
  }

  @org.springframework.beans.factory.annotation.Autowired dev.switchboard.app.sync.ExternalIds externalIds;

  /** Golden deals whose lines the backfill brought (every seeded deal has {@value #LINES}). */
  private long dealsWithLines() {
    return db.sql("select count(*) from golden_record where object_type = 'deal' and merged_into is null")
        .query(Long.class).single();
  }

  @Test
  void callsPerBackfilledDealAndStageChangeLatency() throws Exception {
    double backfillS = awaitBackfill(this::dealsWithLines, DEALS, Duration.ofSeconds(120));
    long synced = dealsWithLines();
    Map<String, Long> calls = new TreeMap<>(counters().get("hubspot"));

    line("## Deals: HubSpot calls per backfilled deal with its lines, stage-change latency (`DealBackfillCallsBenchmark`)");
    line("");
    line("Machine: " + machine());
    line("");
    line(DEALS + " HubSpot deals of " + LINES + " line items each (with 20 companies, 40 contacts and 5 products) seeded"
        + " before connecting; " + synced + " golden deals at the end, " + f2(backfillS) + " s after connecting started"
        + " (the contacts also go to Mailchimp).");
    line("");
    line("| endpoint | calls | per synced deal | counted as |");
    line("|---|---:|---:|---|");
    long dealCalls = 0;
    long setup = 0;
    long other = 0;
    for (var e : calls.entrySet()) {
      String kind = kind(e.getKey());
      if (kind.equals("deal")) {
        dealCalls += e.getValue();
      } else if (kind.equals("setup")) {
        setup += e.getValue();
      } else {
        other += e.getValue();
      }
      line("| `" + e.getKey() + "` | " + e.getValue() + " | " + f2((double) e.getValue() / synced) + " | " + kind + " |");
    }
    line("| **deal reads (deals, their line items, pipelines)** | **" + dealCalls + "** | **"
        + f2((double) dealCalls / synced) + "** | batching minimum " + f2(1.0 / 100) + " per deal (+ "
        + f2((double) LINES / 100) + " for its lines) |");
    line("| **companies, contacts, products** | **" + other + "** | **" + f2((double) other / synced) + "** | |");
    line("| **connect-time setup (account, key properties, label catalogues, webhooks)** | **" + setup + "** | **"
        + f2((double) setup / synced) + "** | once per connection |");
    line("");

    // stage changes, one at a time: HubSpot edit → webhook → deal read (with lines) → golden record
    List<String> ids = new ArrayList<>();
    Res page = get(hubspot() + "/crm/v3/objects/deals?limit=" + CHANGES, "Bearer " + Vendors.HUBSPOT_TOKEN);
    page.json().path("results").forEach(d -> ids.add(d.path("id").asString()));
    List<Long> nanos = new ArrayList<>();
    Map<String, Long> before = counters().get("hubspot");
    String[] stages = {"closedwon", "closedlost"};
    for (int i = 0; i < ids.size(); i++) {
      String stage = stages[i % 2];
      String canonical = stage.equals("closedwon") ? "closed_won" : "closed_lost";
      long t0 = System.nanoTime();
      Res r = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hubspot() + "/crm/v3/objects/deals/"
              + ids.get(i))).header("Authorization", "Bearer " + Vendors.HUBSPOT_TOKEN)
          .header("Content-Type", "application/json")
          .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json(Map.of("properties",
              Map.of("dealstage", stage))))).build());
      assertThat(r.status()).isEqualTo(200);
      String externalKey = ids.get(i);
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < until && !hasStage(externalKey, canonical)) {
        Thread.sleep(5);
      }
      nanos.add(System.nanoTime() - t0);
      Thread.sleep(150);
    }
    awaitQuiescence(Duration.ofSeconds(2), Duration.ofSeconds(30));
    Map<String, Long> changeCalls = diff(counters().get("hubspot"), before);
    changeCalls.remove("PATCH /crm/v3/objects/deals/{dealId}"); // the benchmark's own edits
    line("### Stage change in HubSpot → golden record");
    line("");
    line("| phase | samples | p50 ms | p95 ms | max ms |");
    line("|---|---:|---:|---:|---:|");
    line("| stage change, 1 per ~150 ms " + latencyCells(nanos));
    line("");
    line("App's HubSpot calls for the " + nanos.size() + " changes: " + changeCalls + " ("
        + f2((double) sum(changeCalls) / Math.max(1, nanos.size())) + " per change).");
    line("");
    writeReport("deals");

    assertThat(synced).isEqualTo(DEALS);
  }

  /** Whether the golden deal linked to HubSpot deal {@code id} has {@code stage} (the projection's status column). */
  private boolean hasStage(String id, String stage) {
    return db.sql("select count(*) from record_projection p join record_link l on l.tenant_id = p.tenant_id "
        + "and l.canonical_id = p.canonical_id where l.vendor_type = 'deal' and l.external_id = ? and p.status = ?")
        .params(externalIds.key(id), stage).query(Long.class).single() > 0;
  }

  /** Connect-time setup (once per connection), a deal's own reads, or the other types' backfill. */
  private static String kind(String endpoint) {
    if (endpoint.contains("/account-info") || endpoint.contains("/properties") || endpoint.contains("/labels")
        || endpoint.contains("/webhooks")) {
      return "setup";
    }
    return endpoint.contains("/deals") || endpoint.contains("line_items") || endpoint.contains("/pipelines")
        ? "deal" : "other types";
  }
}
