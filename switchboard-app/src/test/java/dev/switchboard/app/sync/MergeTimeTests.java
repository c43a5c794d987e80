package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connectors.TimestampCapability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merge's use of time, each case with its own fixed instants: per-field times where given, ties within the
 * sources' declared precision decided by the field's priority (whatever came last), and a source without usable
 * times never winning by recency.
 */
class MergeTimeTests {
  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  static final TimestampCapability MS = TimestampCapability.perRecord(Duration.ofMillis(1));
  static final TimestampCapability SECONDS = TimestampCapability.perRecord(Duration.ofSeconds(1));
  static final TimestampCapability PER_FIELD = TimestampCapability.perField(Duration.ofMillis(1));
  static final Merge.Policy POLICY = new Merge.Policy(
      Map.of("hubspot", PER_FIELD, "mailchimp", SECONDS, "stripe", TimestampCapability.UNTIMED),
      new FieldPriority(List.of("api", "hubspot", "mailchimp"),
          Map.of("marketingStatus", List.of("mailchimp", "hubspot"), "phone", List.of("stripe", "hubspot"))));

  private static Merge.Result merge(Map<String, FieldValue> golden, String field, Object value, Merge.Stamp stamp) {
    return Merge.apply(golden, Map.of(field, value), stamp, POLICY);
  }

  private static Merge.Stamp hubspot(Instant recordTime, Map<String, Instant> fieldTimes) {
    return new Merge.Stamp("hubspot", PER_FIELD, recordTime, fieldTimes);
  }

  @Test
  void aFieldsOwnTimeIsUsedInsteadOfTheRecordsWhereTheSourceGivesOne() {
    // Mailchimp changed the first name at T+30 s; HubSpot's record was touched at T+60 s (another property), but its
    // first name was set at T+10 s: the record time would wrongly make HubSpot's older first name win
    Map<String, FieldValue> golden = Map.of("firstName", new FieldValue("Mailchimp's", "mailchimp", T.plusSeconds(30)));
    Merge.Result r = Merge.apply(golden, Map.of("firstName", "HubSpot's", "lastName", "Ray"),
        hubspot(T.plusSeconds(60), Map.of("firstName", T.plusSeconds(10))), POLICY);
    assertThat(r.fields().get("firstName").value()).isEqualTo("Mailchimp's");
    assertThat(r.fields().get("lastName")).isEqualTo(new FieldValue("Ray", "hubspot", T.plusSeconds(60)));

    // and a field time newer than the golden one wins, stored with its own time
    Merge.Result later = merge(golden, "firstName", "HubSpot's", hubspot(T.plusSeconds(60),
        Map.of("firstName", T.plusSeconds(40))));
    assertThat(later.fields().get("firstName")).isEqualTo(new FieldValue("HubSpot's", "hubspot", T.plusSeconds(40)));
  }

  @Test
  void aTieWithinTheCoarserPrecisionGoesToTheFieldsPriorityNotToTheNewerMillisecond() {
    // Mailchimp's "10:00:00" is any instant of that second: HubSpot's 10:00:00.400 cannot be ordered against it
    Map<String, FieldValue> golden = Map.of("marketingStatus", new FieldValue("subscribed", "mailchimp", T));
    assertThat(merge(golden, "marketingStatus", "unsubscribed", Merge.Stamp.of("hubspot", PER_FIELD,
        T.plusMillis(400))).changed()).as("marketingStatus ranks mailchimp first").isFalse();
    // the default order ranks hubspot first for other fields
    Map<String, FieldValue> name = Map.of("firstName", new FieldValue("Al", "mailchimp", T));
    assertThat(merge(name, "firstName", "Alan", Merge.Stamp.of("hubspot", PER_FIELD, T.plusMillis(400))).changed())
        .isTrue();
  }

  @Test
  void aTieEndsTheSameWhicheverValueCameLast() {
    FieldValue fromMailchimp = new FieldValue("subscribed", "mailchimp", T);
    FieldValue fromHubSpot = new FieldValue("unsubscribed", "hubspot", T.plusMillis(999));
    Merge.Result hubspotLast = merge(Map.of("marketingStatus", fromMailchimp), "marketingStatus", "unsubscribed",
        Merge.Stamp.of("hubspot", PER_FIELD, fromHubSpot.modifiedAt()));
    Merge.Result mailchimpLast = merge(Map.of("marketingStatus", fromHubSpot), "marketingStatus", "subscribed",
        Merge.Stamp.of("mailchimp", SECONDS, T));
    assertThat(hubspotLast.fields().get("marketingStatus").value()).isEqualTo("subscribed");
    assertThat(mailchimpLast.fields().get("marketingStatus").value()).isEqualTo("subscribed");
  }

  @Test
  void aCoarseTimeStandsForItsWholeIntervalSoAClearlyLaterSecondStillWinsByRecency() {
    // Mailchimp's 10:00:01 is [10:00:01, 10:00:02): after HubSpot's 10:00:00.300 whatever the instant
    Map<String, FieldValue> golden = Map.of("firstName", new FieldValue("Al", "hubspot", T.plusMillis(300)));
    assertThat(merge(golden, "firstName", "Alan", Merge.Stamp.of("mailchimp", SECONDS, T.plusSeconds(1))).changed())
        .isTrue();
    // and HubSpot's 10:00:00.999 is inside Mailchimp's 10:00:00: a tie, which the default order gives to hubspot
    Map<String, FieldValue> mc = Map.of("firstName", new FieldValue("Al", "mailchimp", T));
    assertThat(merge(mc, "firstName", "Alan", Merge.Stamp.of("hubspot", PER_FIELD, T.plusMillis(999))).changed())
        .isTrue();
    // while Mailchimp's 10:00:00 against HubSpot's 10:00:01.000 is ordered: HubSpot's is later
    Map<String, FieldValue> hs = Map.of("firstName", new FieldValue("Al", "hubspot", T.plusSeconds(1)));
    assertThat(merge(hs, "firstName", "Alan", Merge.Stamp.of("mailchimp", SECONDS, T)).changed()).isFalse();
  }

  @Test
  void aSourceWithoutUsableTimesNeverWinsByRecencyButFillsAndFollowsPriority() {
    Merge.Stamp stripeMuchLater = Merge.Stamp.of("stripe", TimestampCapability.UNTIMED, T.plus(Duration.ofDays(9)));
    Map<String, FieldValue> golden = Map.of("firstName", new FieldValue("Al", "hubspot", T),
        "phone", new FieldValue("+15550001", "hubspot", T));
    Merge.Result r = Merge.apply(golden, Map.of("firstName", "Alan", "phone", "+15550002", "lastName", "Ray"),
        stripeMuchLater, POLICY);
    assertThat(r.fields().get("firstName").value()).as("unlisted for firstName: no recency").isEqualTo("Al");
    assertThat(r.fields().get("phone").value()).as("phone ranks stripe first").isEqualTo("+15550002");
    assertThat(r.fields().get("lastName").value()).as("a field the record lacks is filled").isEqualTo("Ray");
  }

  @Test
  void aValueFromASourceWithoutUsableTimesIsReplacedByPriorityNotByItsStoredTime() {
    // the stored time of an untimed value means nothing: an earlier-dated HubSpot change still replaces it, since
    // hubspot ranks above stripe for firstName; for phone stripe ranks first and keeps it
    Map<String, FieldValue> golden = Map.of("firstName", new FieldValue("Al", "stripe", T.plusSeconds(60)),
        "phone", new FieldValue("+15550001", "stripe", T.minusSeconds(60)));
    Merge.Result r = Merge.apply(golden, Map.of("firstName", "Alan", "phone", "+15550002"),
        Merge.Stamp.of("hubspot", PER_FIELD, T), POLICY);
    assertThat(r.fields().get("firstName").value()).isEqualTo("Alan");
    assertThat(r.fields().get("phone").value()).isEqualTo("+15550001");
    // the same untimed system's own later report replaces its own value
    assertThat(merge(golden, "phone", "+15550003", Merge.Stamp.of("stripe", TimestampCapability.UNTIMED, T))
        .fields().get("phone").value()).isEqualTo("+15550003");
  }

  @Test
  void theFieldPriorityDefaultsToTheSystemPriority() {
    FieldPriority p = new FieldPriority(List.of("api", "hubspot"), Map.of("marketingStatus", List.of("mailchimp")));
    assertThat(p.of("firstName")).containsExactly("api", "hubspot");
    assertThat(p.rank("marketingStatus", "mailchimp")).isZero();
    assertThat(p.rank("marketingStatus", "hubspot")).isEqualTo(Integer.MAX_VALUE);
  }
}
