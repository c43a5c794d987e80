package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Companies through the real app and the in-JVM sandbox: what a synced company costs in HubSpot calls, and how long a
 * company rename takes to reach the Mailchimp members of its contacts.
 *
 * <ul>
 *   <li>Create: {@value #N} companies, each created through HubSpot's API with {@value #MEMBERS} contacts created at it
 *       (primary company, one call each); done when every member carries the company's name. The app's HubSpot
 *       calls are counted per company (the benchmark's own creates are not).</li>
 *   <li>Rename: each company renamed in HubSpot's UI, one every {@value #PACE_MS} ms; a sample is the time from the
 *       rename returning until every member of it carries the new name (member GETs every {@value #POLL_MS} ms).</li>
 * </ul>
 */
class CompanySyncBenchmark extends AbstractSyncBenchmark {
  static final int WARMUP = 3;
  static final int N = 30;
  static final int MEMBERS = 2;
  static final long PACE_MS = 300;
  static final long POLL_MS = 10;
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, h2("bench-company"), Map.of());
  }

  private String token;
  /** Member GETs the benchmark made (its polling), subtracted from the app's Mailchimp calls. */
  private final java.util.concurrent.atomic.AtomicLong gets = new java.util.concurrent.atomic.AtomicLong();

  record Company(String id, List<String> emails) {}

  @Test
  void companyCallsAndRenameLatency() throws Exception {
    token = hubspotBenchToken();
    line("## Companies: HubSpot calls per synced company, rename latency (`CompanySyncBenchmark`)");
    line("");
    line("Machine: " + machine());
    line("");
    createAll(WARMUP, "warm");
    awaitQuiescence(Duration.ofSeconds(1), Duration.ofSeconds(60));
    Thread.sleep(10_500); // a fresh HubSpot 10 s window for the measured phase

    Map<String, Map<String, Long>> before = counters();
    long getsBefore = gets.get();
    List<Company> companies = createAll(N, "bench");
    awaitQuiescence(Duration.ofSeconds(1), Duration.ofSeconds(60));
    Map<String, Map<String, Long>> afterCreate = counters();
    long getsAfterCreate = gets.get();
    Thread.sleep(10_500);

    List<Long> renames = new ArrayList<>();
    for (int i = 0; i < companies.size(); i++) {
      Company c = companies.get(i);
      String name = "Renamed " + i + " " + UUID.randomUUID().toString().substring(0, 6);
      long start = System.nanoTime();
      Res r = postJson(control() + "/hubspot/companies/" + c.id() + "/ui-edit", null,
          json(Map.of("properties", Map.of("name", name))));
      assertThat(r.status()).isEqualTo(200);
      long t = awaitName(c.emails(), name, start);
      if (t > 0) {
        renames.add(t);
      }
      long wait = start + PACE_MS * 1_000_000 - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    awaitQuiescence(Duration.ofSeconds(1), Duration.ofSeconds(60));
    Map<String, Map<String, Long>> afterRename = counters();

    line("### Rename latency (HubSpot company rename → every member's COMPANY)");
    line("");
    line("| phase | samples | p50 ms | p95 ms | max ms |");
    line("|---|---:|---:|---:|---:|");
    line("| rename, " + MEMBERS + " members each, 1 per " + PACE_MS + " ms " + latencyCells(renames));
    line("");
    calls("Create: " + N + " companies with " + MEMBERS + " contacts each", before, afterCreate,
        getsAfterCreate - getsBefore);
    calls("Rename: " + N + " companies", afterCreate, afterRename, gets.get() - getsAfterCreate);
    writeReport("company-sync");
    assertThat(renames).hasSize(N);
  }

  private List<Company> createAll(int n, String prefix) {
    List<Company> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String tag = prefix + i + "-" + UUID.randomUUID().toString().substring(0, 6);
      Res co = postJson(hubspot() + "/crm/v3/objects/companies", token, json(Map.of("properties", Map.of(
          "name", "Co " + tag, "domain", tag + ".example", "address", i + " Main St", "city", "Atlanta",
          "state", "GA", "zip", "30308", "country", "US"))));
      assertThat(co.status()).isEqualTo(201);
      String id = co.json().get("id").asString();
      List<String> emails = new ArrayList<>();
      for (int m = 0; m < MEMBERS; m++) {
        String email = tag + "-m" + m + "@example.com";
        Res ct = postJson(hubspot() + "/crm/v3/objects/contacts", token, json(Map.of(
            "properties", Map.of("email", email, "firstname", "M" + m),
            "associations", List.of(Map.of("to", Map.of("id", id), "types", List.of(Map.of(
                "associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 1)))))));
        assertThat(ct.status()).isEqualTo(201);
        emails.add(email);
      }
      out.add(new Company(id, emails));
    }
    for (Company c : out) {
      assertThat(awaitName(c.emails(), null, System.nanoTime())).as("members of company %s", c.id()).isPositive();
    }
    return out;
  }

  /** Nanoseconds from {@code start} until every member carries {@code name} (any company name when null), or -1. */
  private long awaitName(List<String> emails, String name, long start) {
    List<String> left = new ArrayList<>(emails);
    while (!left.isEmpty() && System.nanoTime() - start < TIMEOUT.toNanos()) {
      LockSupport.parkNanos(POLL_MS * 1_000_000);
      left.removeIf(e -> {
        Res r = get(mailchimp() + "/lists/" + Vendors.LIST + "/members/" + Vendors.md5(e), MAILCHIMP_AUTH);
        gets.incrementAndGet();
        if (r.status() != 200) {
          return false;
        }
        JsonNode company = r.json().path("merge_fields").path("COMPANY");
        return name == null ? !company.asString("").isEmpty() : name.equals(company.asString(""));
      });
    }
    return left.isEmpty() ? System.nanoTime() - start : -1;
  }

  private void calls(String title, Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after,
      long ownGets) {
    line("### App's vendor calls: " + title);
    line("");
    line("| vendor | endpoint | calls | per company |");
    line("|---|---|---:|---:|");
    for (String vendor : List.of("hubspot", "mailchimp")) {
      Map<String, Long> d = diff(after.get(vendor), before.get(vendor));
      // the benchmark's own calls: creates and renames (UI edits are not API calls), member GETs (Mailchimp)
      d.remove("POST /crm/v3/objects/companies");
      d.remove("POST /crm/v3/objects/contacts");
      d.computeIfPresent("GET /lists/{listId}/members/{hash}", (k, v) -> v - ownGets);
      d.values().removeIf(v -> v == 0);
      for (var e : d.entrySet()) {
        line("| " + vendor + " | `" + e.getKey() + "` | " + e.getValue() + " | " + f2((double) e.getValue() / N) + " |");
      }
      line("| **" + vendor + "** | **total** | **" + sum(d) + "** | **" + f2((double) sum(d) / N) + "** |");
    }
    line("");
    line("The benchmark's own calls (" + ownGets + " member GETs polling, the creates) are subtracted.");
    line("");
  }
}
