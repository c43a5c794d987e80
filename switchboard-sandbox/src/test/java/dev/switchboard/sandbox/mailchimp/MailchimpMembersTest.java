package dev.switchboard.sandbox.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.TestClock;
import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Members: ADDRESS merge fields, tags on creation, date filters, hypermedia links. Clock moved by hand. */
class MailchimpMembersTest {

  static final String MEMBERS = "/lists/sandboxlist1/members";
  static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of(), CLOCK);
  static final Http mc = sandbox.http("/mailchimp/3.0", Map.of("Authorization", "Bearer sandboxkey0000000000000000000000-us21"));
  static final Http ctl = sandbox.ctl();

  @Test
  void addressMergeFieldIsAnObject() {
    Map<String, Object> address = Map.of("addr1", "1 Main St", "addr2", "Suite 2", "city", "Atlanta", "state", "GA",
        "zip", "30308");
    JsonNode created = mc.post(MEMBERS, Map.of("email_address", "addr@example.com", "status", "subscribed",
        "merge_fields", Map.of("ADDRESS", address))).json();
    assertThat(created.at("/merge_fields/ADDRESS").isObject()).isTrue();
    JsonNode read = mc.get(MEMBERS + "/addr@example.com").json().at("/merge_fields/ADDRESS");
    assertThat(read.get("addr1").asString()).isEqualTo("1 Main St");
    assertThat(read.get("addr2").asString()).isEqualTo("Suite 2");
    assertThat(read.get("zip").asString()).isEqualTo("30308");
    assertThat(read.get("country").asString()).isEqualTo("US");
    assertThat(mc.get(MEMBERS + "/addr@example.com").json().at("/merge_fields/PHONE").asString()).isEmpty();

    String before = created.get("last_changed").asString();
    CLOCK.advance(Duration.ofSeconds(5));
    JsonNode same = mc.patch(MEMBERS + "/addr@example.com", Map.of("merge_fields", Map.of("ADDRESS", address))).json();
    assertThat(same.get("last_changed").asString()).isEqualTo(before); // an equal address is no change

    Http.Res incomplete = mc.patch(MEMBERS + "/addr@example.com", Map.of("merge_fields", Map.of("ADDRESS", Map.of("city", "Atlanta"))));
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.json().get("detail").asString()).isEqualTo("Your merge fields were invalid.");
    assertThat(incomplete.json().at("/errors/0/field").asString()).isEqualTo("ADDRESS");
    assertThat(incomplete.json().at("/errors/0/message").asString()).isEqualTo("Please enter a complete address");

    JsonNode cleared = mc.patch(MEMBERS + "/addr@example.com", Map.of("merge_fields", Map.of("ADDRESS", ""))).json();
    assertThat(cleared.at("/merge_fields/ADDRESS").asString()).isEmpty();
  }

  @Test
  void postAppliesTagsWithAudienceWideIdsAndDates() {
    JsonNode a = mc.post(MEMBERS, Map.of("email_address", "ta@example.com", "status", "subscribed", "tags", List.of("vip", "lead"))).json();
    assertThat(a.get("tags_count").asInt()).isEqualTo(2);
    assertThat(a.at("/tags/0/name").asString()).isEqualTo("vip");
    assertThat(a.at("/tags/0/id").isInt()).isTrue();
    assertThat(a.at("/tags/1/name").asString()).isEqualTo("lead");
    JsonNode b = mc.post(MEMBERS, Map.of("email_address", "tb@example.com", "status", "subscribed", "tags", List.of("lead"))).json();
    assertThat(b.at("/tags/0/id").asInt()).isEqualTo(a.at("/tags/1/id").asInt());
    JsonNode tags = mc.get(MEMBERS + "/ta@example.com/tags").json();
    assertThat(tags.get("total_items").asInt()).isEqualTo(2);
    assertThat(tags.at("/tags/0/date_added").asString()).isEqualTo(ChangeClock.SECONDS_OFFSET.format(CLOCK.instant()));
  }

  @Test
  void dateFiltersAcceptIsoVariantsAndOptInTimes() {
    Instant day = CLOCK.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)); // tests share the clock
    String d = day.toString().substring(0, 10);
    mc.post(MEMBERS, Map.of("email_address", "old@example.com", "status", "subscribed"));       // before that day
    CLOCK.advance(Duration.between(CLOCK.instant(), day.plus(Duration.ofHours(12))));
    mc.post(MEMBERS, Map.of("email_address", "new@example.com", "status", "subscribed"));       // at noon of that day
    mc.post(MEMBERS, Map.of("email_address", "unsub@example.com", "status", "unsubscribed"));  // never opted in
    for (String since : List.of(d, d + "T00:00:00Z", d + "T00:00:00", d + "T00:00:00.000%2B00:00",
        d + "T02:00:00%2B02:00", d + "%2000:00:00", d + "T00:00:00+00:00")) {
      Http.Res r = mc.get(MEMBERS + "?since_last_changed=" + since);
      assertThat(r.status()).as(since).isEqualTo(200);
      assertThat(r.json().get("total_items").asInt()).as(since).isEqualTo(2);
    }
    assertThat(mc.get(MEMBERS + "?since_timestamp_opt=" + d).json().get("total_items").asInt()).isEqualTo(1);
    assertThat(mc.get(MEMBERS + "?before_timestamp_opt=" + d).json().at("/members/0/email_address").asString())
        .isEqualTo("old@example.com");
    assertThat(mc.get(MEMBERS + "?before_last_changed=" + d + "T12:00:00Z").json().get("total_items").asInt()).isEqualTo(1);
    Http.Res bad = mc.get(MEMBERS + "?since_last_changed=yesterday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("since_last_changed");
  }

  @Test
  void membersAndListsCarryLinks() {
    JsonNode m = mc.post(MEMBERS, Map.of("email_address", "l@example.com", "status", "subscribed")).json();
    String self = sandbox.baseUrl() + "/mailchimp/3.0" + MEMBERS + "/" + m.get("id").asString();
    assertThat(m.at("/_links/0/rel").asString()).isEqualTo("self");
    assertThat(m.at("/_links/0/href").asString()).isEqualTo(self);
    assertThat(m.at("/_links/0/method").asString()).isEqualTo("GET");
    JsonNode list = mc.get("/lists/sandboxlist1").json();
    assertThat(list.at("/_links/0/href").asString()).isEqualTo(sandbox.baseUrl() + "/mailchimp/3.0/lists/sandboxlist1");
  }

  /** Clients page by last_changed: a member changed late must come after the ones changed before it, not in add order. */
  @Test
  void membersSortByLastChangedEitherWay() {
    for (String e : List.of("s1@example.com", "s2@example.com", "s3@example.com")) {
      mc.post(MEMBERS, Map.of("email_address", e, "status", "subscribed"));
      CLOCK.advance(Duration.ofSeconds(2));
    }
    mc.patch(MEMBERS + "/s1@example.com", Map.of("merge_fields", Map.of("FNAME", "Later")));
    String q = "?count=1000&fields=members.email_address&sort_field=last_changed&sort_dir=";
    assertThat(emails(mc.get(MEMBERS + q + "ASC").json())).containsSubsequence("s2@example.com", "s3@example.com",
        "s1@example.com");
    assertThat(emails(mc.get(MEMBERS + q + "DESC").json())).containsSubsequence("s1@example.com", "s3@example.com",
        "s2@example.com");
    assertThat(emails(mc.get(MEMBERS + "?count=1000").json())).containsSubsequence("s1@example.com", "s2@example.com",
        "s3@example.com");
    Http.Res bad = mc.get(MEMBERS + "?sort_field=email_address");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("sort_field");
  }

  private static List<String> emails(JsonNode page) {
    List<String> out = new java.util.ArrayList<>();
    page.get("members").forEach(m -> out.add(m.get("email_address").asString()));
    return out;
  }
}
