package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * What {@code bin/switchboard demo} seeds into the sandbox HubSpot before the app starts (the request is read from the
 * script itself, so the two cannot drift apart) arrives through the first backfill and is visible through the
 * records API: the companies, every deal with its two lines, its company and its contact, and the engagements of every
 * kind as activities with what they are about.
 */
class DemoSeedEndToEndTests extends E2eSupport {

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) throws Exception {
    configure(r, TestDatabases.freshH2Url(), Map.of());
    RestClient.create(sandbox.baseUrl()).post().uri("/_sandbox/seed").contentType(MediaType.APPLICATION_JSON)
        .body(demoHubSpotSeed()).retrieve().toBodilessEntity();
  }

  /** The HubSpot seed request of {@code bin/switchboard demo}. */
  static String demoHubSpotSeed() throws Exception {
    Path script = Path.of("..", "bin", "switchboard");
    Matcher m = Pattern.compile("-d '(\\{\"vendor\":\"hubspot\"[^']*)'").matcher(Files.readString(script));
    assertThat(m.find()).as("bin/switchboard seeds HubSpot").isTrue();
    return m.group(1);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> records(String type) {
    return (List<Map<String, Object>>) api.get().uri("/api/records?type={t}&limit=200", type).retrieve()
        .body(Map.class).get("records");
  }

  /**
   * The demo's HubSpot people who opted in to marketing e-mail arrive in the Mailchimp audience subscribed; the others
   * as transactional members (the demo audience's setting), none subscribed without an opt-in.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theDemosOptedInPeopleArriveSubscribedAndTheOthersTransactional() throws Exception {
    Map<String, Object> seed = tools.jackson.databind.json.JsonMapper.builder().build()
        .readValue(demoHubSpotSeed(), Map.class);
    int contacts = ((Number) seed.get("contacts")).intValue();
    int optIns = ((Number) seed.get("marketingOptIns")).intValue();
    assertThat(optIns).isPositive().isLessThan(contacts);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<Map<String, Object>> members = (List<Map<String, Object>>) vendors.mailchimp.get()
          .uri("/lists/{list}/members?count=1000", Vendors.LIST).retrieve().body(Map.class).get("members");
      Map<Object, Long> byStatus = members.stream().collect(java.util.stream.Collectors.groupingBy(
          m -> m.get("status"), java.util.stream.Collectors.counting()));
      assertThat(byStatus).containsEntry("subscribed", (long) optIns)
          .containsEntry("transactional", (long) (contacts - optIns));
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDemosCompaniesAndDealsWithTheirLinesAreVisibleThroughTheRecordsApi() throws Exception {
    Map<String, Object> seed = tools.jackson.databind.json.JsonMapper.builder().build()
        .readValue(demoHubSpotSeed(), Map.class);
    int deals = ((Number) seed.get("deals")).intValue();
    int perDeal = ((Number) seed.get("lineItemsPerDeal")).intValue();
    assertThat(deals).isPositive();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(records("company")).hasSizeGreaterThanOrEqualTo(((Number) seed.get("companies")).intValue());
      assertThat(records("product")).hasSizeGreaterThanOrEqualTo(((Number) seed.get("products")).intValue());
      assertThat(records("deal")).hasSize(deals).allSatisfy(d -> assertThat(
          (List<Object>) ((Map<String, Object>) d.get("fields")).get("lines")).hasSize(perDeal));
    });
    for (Map<String, Object> d : records("deal")) {
      Map<String, Object> one = api.get().uri("/api/records/{id}", d.get("id")).retrieve().body(Map.class);
      assertThat((List<Map<String, Object>>) one.get("edges")).extracting(e -> e.get("label"))
          .as("its company and its contact").contains("company", "contact");
      assertThat((Map<String, Object>) one.get("fields")).containsKeys("name", "stage", "amount");
    }

    // the engagements: an activity of each kind seeded, each with what it is about
    Map<String, String> kinds = Map.of("notes", "note", "calls", "call", "meetings", "meeting", "emails", "email",
        "tasks", "task");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<Map<String, Object>> activities = records("activity");
      kinds.forEach((seeded, kind) -> assertThat(activities).as(kind)
          .filteredOn(a -> kind.equals(((Map<String, Object>) a.get("fields")).get("kind")))
          .hasSize(((Number) seed.get(seeded)).intValue()));
    });
    for (Map<String, Object> a : records("activity")) {
      Map<String, Object> one = api.get().uri("/api/records/{id}", a.get("id")).retrieve().body(Map.class);
      assertThat((List<Map<String, Object>>) one.get("edges")).as("its contact or company, and its deal")
          .extracting(e -> e.get("label")).isNotEmpty();
    }
  }
}
