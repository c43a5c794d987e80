package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Backfill cost: {@value #K} HubSpot contacts exist before the tenant connects (seeded through the sandbox's
 * control API, which no counter sees); the reconciler backfills on connect. Measures the time from the start of
 * connecting until Mailchimp holds all of them, and every vendor call the app made (connect + backfill + the
 * webhook echoes of its own writes) per contact that reached Mailchimp.
 */
class BackfillCallsBenchmark extends AbstractBackfillBenchmark {
  static final int K = 200;
  static final String LIST_GET = "GET /lists/{listId}";
  /** Polled for the audience's size: every member counts (the list's {@code stats.member_count} leaves out
   * {@code transactional} members, which is what a contact without a recorded opt-in becomes). */
  static final String MEMBERS_GET = "GET /lists/{listId}/members";

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, h2("bench-backfill"), Map.of());
    seedBeforeConnect(Map.of("vendor", "hubspot", "contacts", K));
  }

  @Test
  void callsPerBackfilledContact() throws Exception {
    long ownListGets = 0;
    long members = 0;
    long deadline = connectStart + Duration.ofSeconds(90).toNanos();
    while (members < K && System.nanoTime() < deadline) {
      Thread.sleep(100);
      Res r = get(mailchimp() + "/lists/" + Vendors.LIST + "/members?count=0", MAILCHIMP_AUTH);
      ownListGets++;
      if (r.status() == 200) {
        members = r.json().path("total_items").asLong(0);
      }
    }
    double backfillS = (System.nanoTime() - connectStart) / 1e9;
    awaitQuiescence(Duration.ofSeconds(2), Duration.ofSeconds(60));
    long notDone = db.sql("select count(*) from sync_cursor where backfill_status <> 'DONE'").query(Long.class)
        .single();
    Map<String, Map<String, Long>> c = counters();
    Res list = get(mailchimp() + "/lists/" + Vendors.LIST + "/members?count=0", MAILCHIMP_AUTH);
    ownListGets++;
    long synced = list.json().path("total_items").asLong(0);

    line("## Backfill: vendor calls per contact (`BackfillCallsBenchmark`)");
    line("");
    line("Machine: " + machine());
    line("");
    line(K + " HubSpot contacts seeded before connecting; " + synced + " Mailchimp members at the end. Connect (wiring) took "
        + f2((connectEnd - connectStart) / 1e6) + " ms; all " + K + " members present in Mailchimp "
        + f2(backfillS) + " s after connecting started (members counted every 100 ms). Connections with"
        + " a backfill cursor not DONE at the end: " + notDone + ".");
    line("");
    line("| vendor | endpoint | calls | per synced contact | kind |");
    line("|---|---|---:|---:|---|");
    for (String vendor : List.of("hubspot", "mailchimp")) {
      Map<String, Long> calls = new TreeMap<>(c.get(vendor));
      if ("mailchimp".equals(vendor)) {
        long own = ownListGets;
        calls.computeIfPresent(MEMBERS_GET, (k, v) -> v - own);
        calls.values().removeIf(v -> v == 0);
      }
      long setup = 0;
      for (var e : calls.entrySet()) {
        boolean isSetup = isSetup(e.getKey());
        setup += isSetup ? e.getValue() : 0;
        line("| " + vendor + " | `" + e.getKey() + "` | " + e.getValue() + " | " + f2((double) e.getValue() / synced)
            + " | " + (isSetup ? "connect/setup" : "sync") + " |");
      }
      long total = sum(calls);
      line("| **" + vendor + "** | **total** | **" + total + "** | **" + f2((double) total / synced) + "** | all |");
      line("| **" + vendor + "** | **total without setup** | **" + (total - setup) + "** | **"
          + f2((double) (total - setup) / synced) + "** | sync |");
    }
    for (String vendor : List.of("hubspot", "mailchimp")) {
      Map<String, Long> w = c.get("webhooks." + vendor);
      line("| " + vendor + " → app | webhook deliveries " + w + " | " + w.getOrDefault("delivered", 0L) + " | "
          + f2((double) w.getOrDefault("delivered", 0L) / synced) + " | echo |");
    }
    line("");
    line("Responses by status: hubspot " + c.get("status.hubspot") + ", mailchimp " + c.get("status.mailchimp")
        + " (mailchimp includes the benchmark's " + ownListGets + " `" + MEMBERS_GET + "` polls, subtracted in the table).");
    line("");
    writeReport("backfill");

    assertThat(synced).isEqualTo(K);
  }

  /**
   * Calls made once per connection, not per contact: credential checks, webhook registration, and HubSpot's own
   * property (the {@code switchboard_id} made in each object type) and association label reads.
   */
  private static boolean isSetup(String endpoint) {
    return endpoint.contains("/webhooks") || endpoint.contains("/account-info") || endpoint.endsWith(" /ping")
        || endpoint.equals(LIST_GET) || endpoint.contains("/crm/properties/") || endpoint.endsWith("/labels");
  }
}
