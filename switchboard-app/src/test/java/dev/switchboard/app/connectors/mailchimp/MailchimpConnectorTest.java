package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.support.FakeVendor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AccessTokens;
import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorHosts;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import dev.switchboard.app.mapping.FieldSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MailchimpConnectorTest {

  private static final String LIST = "57afe96172";
  private FakeVendor fake;
  private MailchimpConnector connector;
  private ConnectionContext conn;

  @BeforeEach
  void setUp() {
    fake = new FakeVendor();
    connector = connector(fake.url("/mailchimp/3.0"));
    conn = new ConnectionContext("mc-" + System.nanoTime(), "t1", "mailchimp", LIST,
        Map.of("listId", LIST, "mergeFields", "custom.loyalty_tier=LOYALTY"),
        Map.of("apiKey", "0123456789abcdef-us21", "webhookSecret", "s3cr3t"));
  }

  private static MailchimpConnector connector(String baseUrl) {
    return new MailchimpConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new MailchimpProperties(baseUrl, 10));
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private static JsonNode json(String s) {
    return MailchimpClient.JSON.readTree(s);
  }

  private static String hash(String email) {
    return MailchimpMapper.subscriberHash(email);
  }

  @Test
  void aMappedMergeFieldIsLookedUpAcrossPagesAndAddedOnlyWhenTheAudienceLacksIt() {
    fake.respond(200, "{\"merge_fields\":[{\"merge_id\":1,\"tag\":\"FNAME\"}],\"total_items\":2}")
        .respond(200, "{\"merge_fields\":[{\"merge_id\":7,\"tag\":\"TIER\"}],\"total_items\":2}");
    assertThat(connector.ensureField(conn, "member", "merge_fields.tier", "tier", FieldSpec.text()).created())
        .as("there already").isFalse();
    assertThat(fake.requests).extracting(FakeVendor.Request::method).containsExactly("GET", "GET");
    assertThat(fake.requests.get(1).query()).contains("offset=1").contains("count=1000");

    fake.requests.clear();
    fake.respond(200, "{\"merge_fields\":[{\"merge_id\":1,\"tag\":\"FNAME\"}],\"total_items\":1}")
        .respond(200, "{\"merge_id\":8,\"tag\":\"BRANCH\",\"type\":\"text\"}");
    assertThat(connector.ensureField(conn, "member", "merge_fields.BRANCH", "branch", FieldSpec.text()).created())
        .isTrue();
    FakeVendor.Request post = fake.requests.get(1);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path()).isEqualTo("/mailchimp/3.0/lists/" + LIST + "/merge-fields");
    JsonNode body = json(post.body());
    assertThat(body.get("tag").asString()).isEqualTo("BRANCH");
    assertThat(body.get("name").asString()).isEqualTo("branch");
    assertThat(body.get("type").asString()).isEqualTo("text");

    fake.requests.clear();
    fake.respond(200, "{\"merge_fields\":[],\"total_items\":0}").respond(400, "{\"type\":\"x\",\"title\":"
        + "\"Invalid Resource\",\"status\":400,\"detail\":\"bad tag\"}");
    assertThatThrownBy(() -> connector.ensureField(conn, "member", "merge_fields.WAYTOOLONGTAG", "x",
        FieldSpec.text()))
        .isInstanceOfSatisfying(VendorException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.retryable()).isFalse();
        });
  }

  /**
   * A typed merge field: an enumeration is a dropdown of its values, a date a date in Mailchimp's default format; one
   * that is there is described by its type and choices, and not created again.
   */
  @Test
  void aTypedMergeFieldIsCreatedAsMailchimpsTypeAndAnExistingOneIsDescribed() {
    fake.respond(200, "{\"merge_fields\":[],\"total_items\":0}").respond(200, "{\"merge_id\":8,\"tag\":\"TIER\"}");
    FieldSpec tiers = FieldSpec.enumeration(List.of(new FieldSpec.Option("gold", "Gold"),
        new FieldSpec.Option("silver", null)));
    assertThat(connector.ensureField(conn, "member", "merge_fields.tier", "tier", tiers).created()).isTrue();
    JsonNode body = json(fake.requests.get(1).body());
    assertThat(body.get("type").asString()).isEqualTo("dropdown");
    assertThat(body.at("/options/choices").toString()).isEqualTo("[\"gold\",\"silver\"]");

    fake.requests.clear();
    fake.respond(200, "{\"merge_fields\":[],\"total_items\":0}").respond(200, "{\"merge_id\":9,\"tag\":\"SINCE\"}");
    connector.ensureField(conn, "member", "merge_fields.SINCE", "since", FieldSpec.of(FieldSpec.DATE));
    body = json(fake.requests.get(1).body());
    // text until the member binding converts dates to and from the field's date_format
    assertThat(body.get("type").asString()).isEqualTo("text");

    fake.requests.clear();
    fake.respond(200, "{\"merge_fields\":[{\"merge_id\":8,\"tag\":\"TIER\",\"type\":\"dropdown\","
        + "\"options\":{\"choices\":[\"gold\",\"silver\"]}}],\"total_items\":1}");
    assertThat(connector.describeField(conn, "member", "merge_fields.tier")).contains(FieldSpec.enumeration(List.of(
        new FieldSpec.Option("gold", "gold"), new FieldSpec.Option("silver", "silver"))));
    assertThat(fake.requests.get(0).query()).contains("merge_fields.type").contains("merge_fields.options");
    fake.respond(200, "{\"merge_fields\":[{\"merge_id\":8,\"tag\":\"TIER\",\"type\":\"text\"}],\"total_items\":1}");
    Connector.EnsuredField there = connector.ensureField(conn, "member", "merge_fields.TIER", "tier", tiers);
    assertThat(there.created()).isFalse();
    assertThat(there.existing()).isEqualTo(FieldSpec.text());
  }

  @Test
  void checkPingsThenReadsTheListWithBasicAuth() {
    fake.respondFixture(200, "mailchimp/ping.json").respondFixture(200, "mailchimp/list.json");
    assertThat(connector.check(conn)).isEqualTo(LIST);
    assertThat(fake.requests).extracting(FakeVendor.Request::path)
        .containsExactly("/mailchimp/3.0/ping", "/mailchimp/3.0/lists/" + LIST);
    String auth = fake.requests.getFirst().header("Authorization");
    assertThat(auth).startsWith("Basic ");
    assertThat(new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8))
        .endsWith(":0123456789abcdef-us21");
  }

  @Test
  void dataCenterComesFromTheApiKeySuffix() {
    MailchimpClient c = new MailchimpClient(null, new MailchimpProperties(MailchimpProperties.DEFAULT_BASE_URL, 10),
        new VendorHosts("mailchimp", List.of("*.api.mailchimp.com"), MailchimpProperties.DEFAULT_BASE_URL,
            AllowedVendorHosts.of("127.0.0.1:8081")), connector.rateLimitPolicy(), AccessTokens.AS_STORED);
    assertThat(c.baseUrl(conn)).isEqualTo("https://us21.api.mailchimp.com/3.0");
    ConnectionContext noDc = new ConnectionContext("x", "t", "mailchimp", null, Map.of(), Map.of("apiKey", "abc"));
    assertThatThrownBy(() -> c.baseUrl(noDc)).isInstanceOf(VendorException.class);
    ConnectionContext override = new ConnectionContext("x", "t", "mailchimp", null,
        Map.of("baseUrl", "http://127.0.0.1:8081/mailchimp/3.0/"), Map.of("apiKey", "abc"));
    assertThat(c.baseUrl(override)).isEqualTo("http://127.0.0.1:8081/mailchimp/3.0");
  }

  @Test
  void fetchMapsTheMemberAndIsEmptyFor404AndArchived() {
    fake.respondFixture(200, "mailchimp/members/subscribed.json")
        .respondFixture(404, "mailchimp/members/not_found.json")
        .respondFixture(200, "mailchimp/members/archived.json");
    String h = hash("Urist.McVankab@freddiesjokes.com");
    SourceRecord r = connector.fetch(conn, "member", h).orElseThrow();
    assertThat(r.externalId()).isEqualTo(h);
    assertThat(r.modifiedAt()).isEqualTo(Instant.parse("2024-05-02T08:30:12Z"));
    assertThat(r.record().string("custom.loyalty_tier")).isEqualTo("gold");
    assertThat(fake.requests.getFirst().path()).isEqualTo("/mailchimp/3.0/lists/" + LIST + "/members/" + h);
    assertThat(connector.fetch(conn, "member", "ffff")).isEmpty();
    assertThat(connector.fetch(conn, "member", "0e7e")).isEmpty();
  }

  @Test
  void listModifiedPagesByLastChangedSoThatMembersChangingMidBackfillCannotBeSkipped() {
    // pages of 2 (members 1..5 changed at :00..:04). What Mailchimp answers to each request:
    String bandDone = "{\"members\":[],\"list_id\":\"" + LIST + "\",\"total_items\":5}";
    fake.respondFixture(200, "mailchimp/members/page1.json")   // since :00 → m1 (:00), m2 (:01): a full page in 2 s
        .respondFixture(200, "mailchimp/members/page1.json")    // so the band :00–:01 is read pinned, from its start
        .respond(200, bandDone)                                  // band at offset 2: nothing more in it
        .respondFixture(200, "mailchimp/members/page2.json")    // since :02 → m3, m4: again a full page in 2 s
        .respondFixture(200, "mailchimp/members/page2.json")    // band :02–:03 from its start
        .respond(200, bandDone)                                  // band at offset 2: done
        .respondFixture(200, "mailchimp/members/page3.json");   // since :04 → m5: last page
    MailchimpConnector small = small();
    Instant since = Instant.parse("2024-05-01T00:00:00Z");
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      RecordPage p = small.listModified(conn, "member", since, cursor);
      p.records().forEach(r -> seen.add(r.externalId()));
      cursor = p.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(7);
    // every member exactly once after de-duplicating the overlap; member 4 is archived and left out
    assertThat(new java.util.LinkedHashSet<>(seen)).containsExactly(hash("member1@example.com"),
        hash("member2@example.com"), hash("member3@example.com"), hash("member5@example.com"));
    assertThat(fake.requests.get(0).path()).isEqualTo("/mailchimp/3.0/lists/" + LIST + "/members");
    assertThat(fake.requests.get(0).query()).contains("count=2", "offset=0",
        "since_last_changed=2024-05-01T00%3A00%3A00%2B00%3A00", "sort_field=last_changed", "sort_dir=ASC")
        .doesNotContain("before_last_changed");
    assertThat(fake.requests.get(1).query()).contains("offset=0", "since_last_changed=2024-05-01T00%3A00%3A00",
        "before_last_changed=2024-05-01T00%3A00%3A02");
    assertThat(fake.requests.get(2).query()).contains("offset=2", "before_last_changed=2024-05-01T00%3A00%3A02");
    assertThat(fake.requests.get(3).query()).contains("offset=0", "since_last_changed=2024-05-01T00%3A00%3A02")
        .doesNotContain("before_last_changed");
    assertThat(fake.requests.get(4).query()).contains("offset=0", "before_last_changed=2024-05-01T00%3A00%3A04");
    assertThat(fake.requests.get(6).query()).contains("offset=0", "since_last_changed=2024-05-01T00%3A00%3A04");
  }

  /** A member of a bulk import changed while it is paged leaves the band: the rest move forward, none is skipped. */
  @Test
  void aBandThatShrankIsReadAgainFromAsFarBackAsItShrank() {
    fake.respond(200, "{\"members\":[],\"list_id\":\"" + LIST + "\",\"total_items\":4}") // one of 5 left
        .respondFixture(200, "mailchimp/members/page2.json");                              // offset 1: m3, m4
    long second = Instant.parse("2024-05-01T00:00:00Z").getEpochSecond();
    RecordPage p = small().listModified(conn, "member", Instant.parse("2024-05-01T00:00:00Z"),
        "band:" + second + ":2:5");
    assertThat(fake.requests.get(0).query()).contains("offset=2");
    assertThat(fake.requests.get(1).query()).contains("offset=1", "before_last_changed=2024-05-01T00%3A00%3A02");
    assertThat(p.records()).extracting(SourceRecord::externalId).containsExactly(hash("member3@example.com"));
    assertThat(p.nextCursor()).isEqualTo("band:" + second + ":3:5");
    // a cursor persisted before bands existed resumes as one
    fake.respondFixture(200, "mailchimp/members/page3.json");
    assertThat(small().listModified(conn, "member", null, "ks:" + second + ":4").nextCursor())
        .isEqualTo("ks:" + (second + 2) + ":0");
    assertThat(fake.requests.get(2).query()).contains("offset=4", "before_last_changed=2024-05-01T00%3A00%3A02");
  }

  private MailchimpConnector small() {
    return new MailchimpConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new MailchimpProperties(fake.url("/mailchimp/3.0"), 10, 2));
  }

  /** A backfill's first page carries the audience's total_items: its progress on the dashboard is measured by it. */
  @Test
  void listModifiedWithoutSinceListsAllMembersAndSaysHowManyThereAre() {
    fake.respondFixture(200, "mailchimp/members/page3.json").respondFixture(200, "mailchimp/members/page3.json");
    assertThat(connector.listModified(conn, "member", null, null).total()).isEqualTo(5L);
    assertThat(fake.requests.getFirst().query()).doesNotContain("since_last_changed");
    // a poll's page counts only the members changed since: no total of the audience
    assertThat(connector.listModified(conn, "member", Instant.parse("2024-05-01T00:00:00Z"), null).total()).isNull();
  }

  @Test
  void anOptOutOverwritesInOneBatchAndNewMembersGoInOneThatCannotChangeAnExistingMembersStatus() {
    fake.respondFixture(200, "mailchimp/batch/batch_subscribe.json")
        .respondFixture(200, "mailchimp/batch/batch_subscribe.json").respond(204, "");
    List<WriteResult> out = connector.write(conn, "member", List.of(
        new WriteRequest(1, null, CanonicalRecord.contact(Map.of("email", "new@example.com", "firstName", "New",
            "marketingStatus", "subscribed"))),
        new WriteRequest(2, hash("existing@example.com"), CanonicalRecord.contact(Map.of("email",
            "Existing@example.com", "marketingStatus", "unsubscribed", "tags", List.of("keep", "new-tag")))),
        new WriteRequest(3, null, CanonicalRecord.contact(Map.of("email", "fake@bad.example",
            "marketingStatus", "subscribed")))));
    assertThat(out.get(0)).isEqualTo(new WriteResult.Written(1, hash("new@example.com"),
        Instant.parse("2024-07-01T09:00:00Z")));
    assertThat(out.get(1)).isEqualTo(new WriteResult.Written(2, hash("existing@example.com"),
        Instant.parse("2024-07-01T09:00:01Z")));
    WriteResult.Rejected rej = (WriteResult.Rejected) out.get(2);
    assertThat(rej.errorCode()).isEqualTo("ERROR_GENERIC");
    assertThat(rej.field()).isEqualTo("email_address");
    assertThat(rej.message()).doesNotContain("fake@bad.example");

    assertThat(fake.requests).hasSize(3);
    JsonNode optOuts = json(fake.requests.get(0).body());
    assertThat(fake.requests.get(0).path()).isEqualTo("/mailchimp/3.0/lists/" + LIST);
    assertThat(optOuts.path("update_existing").asBoolean()).isTrue();
    assertThat(optOuts.path("members").size()).isEqualTo(1);
    assertThat(optOuts.path("members").path(0).path("status").asString()).isEqualTo("unsubscribed");
    JsonNode joins = json(fake.requests.get(1).body());
    assertThat(joins.path("update_existing").asBoolean()).as("a subscribe never reaches an existing member").isFalse();
    assertThat(joins.path("members").size()).isEqualTo(2);
    assertThat(joins.path("members").path(0).path("status").asString()).isEqualTo("subscribed");
    assertThat(joins.path("members").path(0).path("merge_fields").path("FNAME").asString()).isEqualTo("New");

    FakeVendor.Request t = fake.requests.get(2);
    assertThat(t.path()).isEqualTo("/mailchimp/3.0/lists/" + LIST + "/members/" + hash("existing@example.com")
        + "/tags");
    JsonNode tags = json(t.body()).path("tags");
    assertThat(tags.size()).isEqualTo(2);
    assertThat(tags.path(0).path("name").asString()).isEqualTo("new-tag");
    assertThat(tags.path(0).path("status").asString()).isEqualTo("active");
    assertThat(tags.path(1).path("name").asString()).isEqualTo("old-tag");
    assertThat(tags.path(1).path("status").asString()).isEqualTo("inactive");
  }

  @Test
  void aNewMemberThatExistsAfterAllIsUpdatedWithItsStatusLeftAlone() {
    fake.respond(200, "{\"new_members\":[],\"updated_members\":[],\"errors\":[{\"email_address\":"
            + "\"gone@example.com\",\"error\":\"gone@example.com is already a list member\",\"error_code\":"
            + "\"ERROR_CONTACT_EXISTS\"}],\"total_created\":0,\"total_updated\":0,\"error_count\":1}")
        .respondFixture(200, "mailchimp/members/put_response.json");
    List<WriteResult> out = connector.write(conn, "member", List.of(new WriteRequest(4, null,
        CanonicalRecord.contact(Map.of("email", "gone@example.com", "firstName", "Gone",
            "marketingStatus", "subscribed")))));
    assertThat(out.getFirst()).isInstanceOf(WriteResult.Written.class);
    assertThat(fake.requests).hasSize(2);
    FakeVendor.Request put = fake.requests.get(1);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.path()).endsWith("/members/" + hash("gone@example.com"));
    JsonNode body = json(put.body());
    assertThat(body.has("status")).as("an unsubscribed member stays unsubscribed").isFalse();
    assertThat(body.path("status_if_new").asString()).isEqualTo("subscribed");
  }

  @Test
  void noStatusMeansTransactionalIfNewAndNeverASubscribe() {
    fake.respondFixture(200, "mailchimp/members/put_response.json");
    ConnectionContext c = new ConnectionContext(conn.connectionId(), "t1", "mailchimp", LIST,
        Map.of("listId", LIST, "statusIfNew", "subscribed"), conn.credentials());
    List<WriteResult> out = connector.write(c, "member", List.of(new WriteRequest(5, null,
        CanonicalRecord.contact(Map.of("email", "someone@example.com", "firstName", "Some", "tags", List.of("keep"))))));
    assertThat(out.getFirst()).isEqualTo(new WriteResult.Written(5, hash("someone@example.com"),
        Instant.parse("2024-07-03T00:00:00Z")));
    assertThat(fake.requests).hasSize(1);
    FakeVendor.Request p = fake.requests.getFirst();
    assertThat(p.method()).isEqualTo("PUT");
    assertThat(p.path()).endsWith("/members/" + hash("someone@example.com"));
    JsonNode body = json(p.body());
    assertThat(body.path("status_if_new").asString()).as("the old statusIfNew setting subscribes nobody")
        .isEqualTo("transactional");
    assertThat(body.has("status")).isFalse();
    assertThat(body.path("email_address").asString()).isEqualTo("someone@example.com");
  }

  @Test
  void aPatchOfAnExistingMemberNeverSubscribesIt() {
    fake.respondFixture(200, "mailchimp/members/patch_response.json");
    String oldHash = hash("before@example.com");
    connector.write(conn, "member", List.of(new WriteRequest(7, oldHash,
        CanonicalRecord.contact(Map.of("email", "renamed@example.com", "marketingStatus", "subscribed")))));
    JsonNode body = json(fake.requests.getFirst().body());
    assertThat(fake.requests.getFirst().method()).isEqualTo("PATCH");
    assertThat(body.has("status")).isFalse();
  }

  /**
   * The upgrade after an opt-in: a linked member held as transactional is read and its status overwritten only while
   * Mailchimp still holds it transactional; one that unsubscribed meanwhile is updated with its status left alone.
   */
  @Test
  void aTransactionalMemberIsUpgradedOnlyWhileMailchimpStillHoldsItTransactional() {
    String h = hash("ann@example.com");
    CanonicalRecord optedIn = CanonicalRecord.contact(Map.of("email", "ann@example.com", "marketingStatus",
        "subscribed"));
    Map<String, Object> held = Map.of("email", "ann@example.com", "marketingStatus", "transactional");
    fake.respond(200, "{\"id\":\"" + h + "\",\"email_address\":\"ann@example.com\",\"status\":\"transactional\"}")
        .respond(200, "{\"id\":\"" + h + "\",\"email_address\":\"ann@example.com\",\"status\":\"subscribed\"}");
    List<WriteResult> out = connector.write(conn, "member", List.of(new WriteRequest(1, h, optedIn, null, Map.of(),
        held)));
    assertThat(out.getFirst()).isInstanceOf(WriteResult.Written.class);
    assertThat(fake.requests).extracting(FakeVendor.Request::method).containsExactly("GET", "PATCH");
    assertThat(json(fake.requests.get(1).body()).get("status").asString()).isEqualTo("subscribed");

    fake.requests.clear();
    fake.respond(200, "{\"id\":\"" + h + "\",\"email_address\":\"ann@example.com\",\"status\":\"unsubscribed\"}")
        .respond(200, "{\"id\":\"" + h + "\",\"email_address\":\"ann@example.com\",\"status\":\"unsubscribed\"}");
    connector.write(conn, "member", List.of(new WriteRequest(2, h, optedIn, null, Map.of(), held)));
    assertThat(fake.requests).extracting(FakeVendor.Request::method).containsExactly("GET", "PUT");
    JsonNode put = json(fake.requests.get(1).body());
    assertThat(put.has("status")).as("unsubscribed meanwhile: never subscribed").isFalse();

    fake.requests.clear();
    fake.respond(200, "{\"id\":\"" + h + "\",\"email_address\":\"ann@example.com\",\"status\":\"unsubscribed\"}");
    connector.write(conn, "member", List.of(new WriteRequest(3, h, optedIn, null, Map.of(),
        Map.of("email", "ann@example.com", "marketingStatus", "unsubscribed"))));
    assertThat(fake.requests).extracting(FakeVendor.Request::method).as("held unsubscribed: no upgrade tried")
        .doesNotContain("GET", "PATCH");
    assertThat(fake.requests.stream().map(r -> json(r.body())).filter(b -> b.has("status")).toList()).isEmpty();
  }

  @Test
  void emailChangePatchesTheOldMemberAndReturnsTheNewHash() {
    fake.respondFixture(200, "mailchimp/members/patch_response.json");
    String oldHash = hash("before@example.com");
    List<WriteResult> out = connector.write(conn, "member", List.of(new WriteRequest(7, oldHash,
        CanonicalRecord.contact(Map.of("email", "renamed@example.com", "firstName", "Ren")))));
    assertThat(out.getFirst()).isEqualTo(new WriteResult.Written(7, hash("renamed@example.com"),
        Instant.parse("2024-07-04T00:00:00Z")));
    FakeVendor.Request p = fake.requests.getFirst();
    assertThat(p.method()).isEqualTo("PATCH");
    assertThat(p.path()).endsWith("/members/" + oldHash);
    assertThat(json(p.body()).path("email_address").asString()).isEqualTo("renamed@example.com");
  }

  @Test
  void perMemberProblemIsRejectedWithItsTitle() {
    fake.respondFixture(400, "mailchimp/members/compliance_state.json");
    List<WriteResult> out = connector.write(conn, "member", List.of(new WriteRequest(8, null,
        CanonicalRecord.contact(Map.of("email", "jane@example.org")))));
    WriteResult.Rejected r = (WriteResult.Rejected) out.getFirst();
    assertThat(r.errorCode()).isEqualTo("Member In Compliance State");
    assertThat(r.message()).doesNotContain("jane@example.org");
  }

  @Test
  void wholeBatchValidationErrorRejectsTheNamedItemAndResendsTheRest() {
    fake.respondFixture(400, "mailchimp/batch/invalid_resource.json")
        .respond(200, "{\"new_members\":[],\"updated_members\":[],\"errors\":[],\"total_created\":0,"
            + "\"total_updated\":0,\"error_count\":0}");
    List<WriteResult> out = connector.write(conn, "member", List.of(
        new WriteRequest(1, null, CanonicalRecord.contact(Map.of("email", "a@example.com", "marketingStatus",
            "subscribed"))),
        new WriteRequest(2, null, CanonicalRecord.contact(Map.of("email", "b@example.com", "marketingStatus",
            "transactional")))));
    assertThat(out.get(0)).isInstanceOf(WriteResult.Written.class);
    WriteResult.Rejected r = (WriteResult.Rejected) out.get(1);
    assertThat(r.errorCode()).isEqualTo("Invalid Resource");
    assertThat(r.field()).isEqualTo("status");
    assertThat(json(fake.requests.get(1).body()).path("members").size()).isEqualTo(1);
  }

  @Test
  void duplicateEmailsInOneBatchSubscribeAreSentOnce() {
    fake.respondFixture(200, "mailchimp/batch/batch_subscribe.json");
    List<WriteResult> out = connector.write(conn, "member", List.of(
        new WriteRequest(1, null, CanonicalRecord.contact(Map.of("email", "new@example.com", "marketingStatus",
            "pending"))),
        new WriteRequest(2, null, CanonicalRecord.contact(Map.of("email", "NEW@example.com", "marketingStatus",
            "subscribed")))));
    assertThat(out).extracting(WriteResult::ref).containsExactly(1L, 2L);
    assertThat(out).allSatisfy(r -> assertThat(r).isInstanceOf(WriteResult.Written.class));
    JsonNode members = json(fake.requests.getFirst().body()).path("members");
    assertThat(members.size()).isEqualTo(1);
    assertThat(members.path(0).path("status").asString()).isEqualTo("subscribed");
  }

  @Test
  void missingEmailIsRejectedWithoutACall() {
    List<WriteResult> out = connector.write(conn, "member", List.of(new WriteRequest(1, null,
        CanonicalRecord.contact(Map.of("firstName", "X")))));
    assertThat(((WriteResult.Rejected) out.getFirst()).errorCode()).isEqualTo("missing_email");
    assertThat(fake.requests).isEmpty();
  }

  @Test
  void tooManyRequestsIsRetryableWithRetryAfterAnd5xxIsRetryable() {
    fake.respond(429, "{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":"
        + "\"Too Many Requests\",\"status\":429,\"detail\":\"You have exceeded the limit of 10 simultaneous "
        + "connections.\"}", Map.of("Retry-After", "3"));
    assertThatThrownBy(() -> connector.fetch(conn, "member", "abc"))
        .isInstanceOfSatisfying(VendorException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        });
    fake.respond(503, "<html>unavailable</html>");
    ConnectionContext other = new ConnectionContext("mc-other-" + System.nanoTime(), "t1", "mailchimp", LIST,
        conn.settings(), conn.credentials()); // the 429 paused conn for 3 s
    assertThatThrownBy(() -> connector.fetch(other, "member", "abc"))
        .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void badApiKeyIsAPermanentError() {
    fake.respond(401, "{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":"
        + "\"API Key Invalid\",\"status\":401,\"detail\":\"Your API key may be invalid.\"}");
    assertThatThrownBy(() -> connector.check(conn)).isInstanceOfSatisfying(VendorException.class, e -> {
      assertThat(e.retryable()).isFalse();
      assertThat(e.errorCode()).isEqualTo("API Key Invalid");
    });
  }

  @Test
  void registerWebhookAddsOurUrlOnceWithSecret() {
    fake.respondFixture(200, "mailchimp/webhooks_list.json").respond(200, "{\"id\":\"9f8e\"}");
    assertThat(connector.registerWebhook(conn, "https://sb.example.com/webhooks/marketing/mailchimp")).isTrue();
    FakeVendor.Request create = fake.requests.get(1);
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.path()).isEqualTo("/mailchimp/3.0/lists/" + LIST + "/webhooks");
    JsonNode body = json(create.body());
    assertThat(body.path("url").asString())
        .isEqualTo("https://sb.example.com/webhooks/marketing/mailchimp?secret=s3cr3t");
    assertThat(body.path("events").path("upemail").asBoolean()).isTrue();
    assertThat(body.path("events").path("campaign").asBoolean()).isFalse();
    assertThat(body.path("sources").path("api").asBoolean()).isTrue();

    fake.respond(200, "{\"webhooks\":[{\"id\":\"9f8e\",\"url\":"
        + "\"https://sb.example.com/webhooks/marketing/mailchimp?secret=s3cr3t\"}],\"total_items\":1}");
    assertThat(connector.registerWebhook(conn, "https://sb.example.com/webhooks/marketing/mailchimp")).isTrue();
    assertThat(fake.requests).hasSize(3);
  }

  @Test
  void unregisterWebhookDeletesOurUrlOnlyAndToleratesOneAlreadyGone() {
    fake.respond(200, "{\"webhooks\":[{\"id\":\"9f8e\",\"url\":"
            + "\"https://sb.example.com/webhooks/marketing/mailchimp?secret=s3cr3t\"},{\"id\":\"7a6b\",\"url\":"
            + "\"https://sb.example.com/webhooks/marketing/mailchimp?secret=someone-elses\"}],\"total_items\":2}")
        .respond(404, "{\"title\":\"Resource Not Found\",\"status\":404}");
    assertThat(connector.unregisterWebhook(conn, "https://sb.example.com/webhooks/marketing/mailchimp")).isTrue();
    assertThat(fake.requests).hasSize(2);
    assertThat(fake.requests.get(1).method()).isEqualTo("DELETE");
    assertThat(fake.requests.get(1).path()).isEqualTo("/mailchimp/3.0/lists/" + LIST + "/webhooks/9f8e");

    fake.respond(200, "{\"webhooks\":[],\"total_items\":0}");
    assertThat(connector.unregisterWebhook(conn, "https://sb.example.com/webhooks/marketing/mailchimp")).isFalse();
    fake.respond(401, "{\"title\":\"API Key Invalid\",\"status\":401}");
    assertThatThrownBy(() -> connector.unregisterWebhook(conn, "https://sb.example.com/webhooks/marketing/mailchimp"))
        .isInstanceOf(VendorException.class);
  }

  @Test
  void policyAndDescriptor() {
    assertThat(connector.rateLimitPolicy().maxConcurrent()).isEqualTo(10);
    assertThat(connector.rateLimitPolicy().windows()).isEmpty();
    assertThat(connector.maxBatchSize("member")).isEqualTo(500);
    assertThat(connector.descriptor().category()).isEqualTo("marketing");
  }
  @Test
  void anOAuthConnectionsRefusedTokenIsHandedOverAndAnApiKeysIsNot() {
    List<String> rejected = new java.util.ArrayList<>();
    dev.switchboard.app.connectors.AccessTokens tokens = new dev.switchboard.app.connectors.AccessTokens() {
      @Override
      public String accessToken(ConnectionContext connection) {
        return connection.requiredCredential("accessToken");
      }

      @Override
      public String rejected(ConnectionContext connection, String token) {
        rejected.add(token);
        throw new VendorException(401, false, null, "needs_reconnecting", "mailchimp: grant withdrawn");
      }
    };
    MailchimpClient c = new MailchimpClient(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new MailchimpProperties(fake.url("/mailchimp/3.0"), 10), new VendorHosts("mailchimp",
            List.of("*.api.mailchimp.com"), fake.url("/mailchimp/3.0"), AllowedVendorHosts.none()),
        connector.rateLimitPolicy(), tokens);
    ConnectionContext oauth = new ConnectionContext("mc-o", "t1", "mailchimp", LIST, Map.of("listId", LIST),
        Map.of("accessToken", "mc-token", "dataCenter", "us6"));
    fake.respond(401, "{\"title\":\"API Key Invalid\",\"status\":401,\"detail\":\"revoked\"}");

    VendorException e = org.assertj.core.api.Assertions.catchThrowableOfType(VendorException.class,
        () -> c.ping(oauth));

    assertThat(e.errorCode()).isEqualTo("needs_reconnecting");
    assertThat(rejected).containsExactly("mc-token");
    fake.respond(401, "{\"title\":\"API Key Invalid\",\"status\":401,\"detail\":\"bad key\"}");
    VendorException key = org.assertj.core.api.Assertions.catchThrowableOfType(VendorException.class,
        () -> c.ping(conn));
    assertThat(key.status()).isEqualTo(401);
    assertThat(rejected).as("an API key has no grant to lose").containsExactly("mc-token");
  }
}
