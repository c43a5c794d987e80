package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Engagement backfill cost: {@value #EACH} HubSpot notes, calls and meetings (and {@value #FEW} e-mails and tasks),
 * each associated with a contact (or a company) and a deal, exist before the tenant connects; the reconciler backfills
 * on connect. Counts every HubSpot call the app made by endpoint, and per engagement type the calls that read it (its
 * list, batch reads and association reads) per synced activity, against the batching minimum of 1/100 per record.
 */
class EngagementBackfillCallsBenchmark extends AbstractBackfillBenchmark {
  static final int EACH = 300;
  static final int FEW = 100;
  static final Map<String, Integer> SEEDED = new LinkedHashMap<>();

  static {
    SEEDED.put("notes", EACH);
    SEEDED.put("calls", EACH);
    SEEDED.put("meetings", EACH);
    SEEDED.put("emails", FEW);
    SEEDED.put("tasks", FEW);
  }

  static final int TOTAL = SEEDED.values().stream().mapToInt(Integer::intValue).sum();

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, h2("bench-engagements"), Map.of());
    Map<String, Object> seed = new LinkedHashMap<>(Map.of("vendor", "hubspot", "companies", 20, "contacts", 60,
        "products", 3, "deals", 30, "lineItemsPerDeal", 1));
    seed.putAll(SEEDED);
    seedBeforeConnect(seed);
  }

  private long activities() {
    return db.sql("select count(*) from golden_record where object_type = 'activity' and merged_into is null")
        .query(Long.class).single();
  }

  @Test
  void callsPerBackfilledEngagement() throws Exception {
    double backfillS = awaitBackfill(this::activities, TOTAL, Duration.ofSeconds(180));
    long synced = activities();
    Map<String, Long> calls = new TreeMap<>(counters().get("hubspot"));

    line("## Engagements: HubSpot calls per backfilled engagement (`EngagementBackfillCallsBenchmark`)");
    line("");
    line("Machine: " + machine());
    line("");
    line(SEEDED + " HubSpot engagements, each associated with a contact (or a company) and a deal (with 20 companies, "
        + "60 contacts, 30 deals), seeded before connecting; " + synced + " golden activities at the end, "
        + f2(backfillS) + " s after connecting started.");
    line("");
    line("| endpoint | calls | counted as |");
    line("|---|---:|---|");
    Map<String, Long> byType = new LinkedHashMap<>();
    SEEDED.keySet().forEach(t -> byType.put(t, 0L));
    for (var e : calls.entrySet()) {
      String kind = kind(e.getKey());
      byType.merge(kind, e.getValue(), Long::sum);
      line("| `" + e.getKey() + "` | " + e.getValue() + " | " + kind + " |");
    }
    line("");
    line("| engagement type | seeded | calls reading it | per synced record | batching minimum |");
    line("|---|---:|---:|---:|---:|");
    for (var e : SEEDED.entrySet()) {
      long c = byType.get(e.getKey());
      line("| " + e.getKey() + " | " + e.getValue() + " | " + c + " | " + f3((double) c / e.getValue()) + " | "
          + f3(Math.ceil(e.getValue() / 100.0) / e.getValue()) + " |");
    }
    line("| other types (companies, contacts, products, deals and lines) | | " + byType.getOrDefault("other types", 0L)
        + " | | |");
    line("| connect-time setup (account, key properties, label catalogues, owners, webhooks) | | "
        + byType.getOrDefault("setup", 0L) + " | | once per connection |");
    line("");
    writeReport("engagements");

    assertThat(synced).isEqualTo(TOTAL);
  }

  private static String f3(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }

  /** Connect-time setup, the engagement type whose objects or associations the call reads, or another type. */
  private static String kind(String endpoint) {
    if (endpoint.contains("/account-info") || endpoint.contains("/properties") || endpoint.contains("/labels")
        || endpoint.contains("/webhooks") || endpoint.contains("/owners")) {
      return "setup";
    }
    for (String type : SEEDED.keySet()) {
      if (endpoint.contains("/" + type + "/") || endpoint.endsWith("/" + type)) {
        return type;
      }
    }
    return "other types";
  }
}
