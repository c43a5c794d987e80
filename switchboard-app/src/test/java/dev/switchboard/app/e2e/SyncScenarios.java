package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** HubSpot ↔ Mailchimp through the whole spine; run on each database by the subclasses. */
abstract class SyncScenarios extends E2eSupport {
  static final Duration SYNC = Duration.ofSeconds(15);

  @Autowired MeterRegistry meters;
  @Autowired JdbcClient db;
  @Autowired dev.switchboard.app.crypto.Vault vault;

  @Test
  void hubSpotContactAppearsInMailchimpAndItsEchoWritesNothingBack() {
    String email = email("ann");
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Ann", "lastname", "Lee", "phone", "(415) 555-0134"));
    long hubspotWritesBefore = hubspotWrites(); // after our own create

    await().atMost(SYNC).untilAsserted(() -> {
      Map<String, Object> member = vendors.mailchimpMember(email).orElseThrow();
      @SuppressWarnings("unchecked") Map<String, Object> merges = (Map<String, Object>) member.get("merge_fields");
      assertThat(merges.get("FNAME")).isEqualTo("Ann");
      assertThat(merges.get("LNAME")).isEqualTo("Lee");
      assertThat(merges.get("PHONE")).isEqualTo("+14155550134");
    });
    // A HubSpot contact has no recorded opt-in: the wired audience adds it as transactional (issue 17), and Mailchimp
    // sends no list webhook for a transactional member. Our own write read back (the next poll's, or a profile
    // change's webhook) must not write to HubSpot either: once everything is applied, nothing was.
    assertThat(vendors.mailchimpMember(email).orElseThrow().get("status")).isEqualTo("transactional");
    await().atMost(SYNC).until(() -> pendingJobs() == 0);
    assertThat(hubspotWrites()).isEqualTo(hubspotWritesBefore);
  }

  @Test
  void twoPeopleSharingAPhoneStayTwoPeople() {
    String a = email("office.a");
    String b = email("office.b");
    long before = golden();
    vendors.createHubSpotContact(Map.of("email", a, "firstname", "Alice", "phone", "+1 212 555 0142"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(a).isPresent());
    vendors.createHubSpotContact(Map.of("email", b, "firstname", "Bob", "phone", "+1 212 555 0142"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(b).isPresent());

    assertThat(golden()).isEqualTo(before + 2);
    @SuppressWarnings("unchecked") Map<String, Object> aliceMerges =
        (Map<String, Object>) vendors.mailchimpMember(a).orElseThrow().get("merge_fields");
    assertThat(aliceMerges.get("FNAME")).isEqualTo("Alice");
    assertThat(vendors.hubSpotContactByEmail(a).orElseThrow().get("firstname")).isEqualTo("Alice");
  }

  @Test
  void mailchimpEditComesBackToHubSpot() {
    String email = email("bob");
    String id = vendors.createHubSpotContact(Map.of("email", email, "firstname", "Bob"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent());

    double hubspotEchoes = echoes("hubspot");
    vendors.editInMailchimpUi(email, Map.of("merge_fields", Map.of("FNAME", "Robert", "COMPANY", "Acme")));

    await().atMost(SYNC).untilAsserted(() -> {
      Map<String, Object> contact = vendors.hubSpotContactByEmail(email).orElseThrow();
      assertThat(contact.get("firstname")).isEqualTo("Robert");
      assertThat(contact.get("company")).isEqualTo("Acme");
      assertThat(contact.get("hs_object_id")).isEqualTo(id);
    });
    assertThat(vendors.hubSpotContactsWithEmail(email)).isEqualTo(1);
    // HubSpot's webhook for our write is an echo: recognised, and nothing is written back to Mailchimp.
    Map<String, Long> mailchimpWrites = vendors.writesByEndpoint("mailchimp");
    await().atMost(SYNC).until(() -> echoes("hubspot") > hubspotEchoes && pendingJobs() == 0);
    // by endpoint, so that a failure says which write it was
    assertThat(vendors.writesByEndpoint("mailchimp")).isEqualTo(mailchimpWrites);
  }

  @Test
  void emailChangedInMailchimpMovesTheSameHubSpotContact() {
    String oldEmail = email("carol");
    String newEmail = email("carol.new");
    String id = vendors.createHubSpotContact(Map.of("email", oldEmail, "firstname", "Carol"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(oldEmail).isPresent());
    long goldenBefore = golden();

    vendors.editInMailchimpUi(oldEmail, Map.of("email_address", newEmail));

    await().atMost(SYNC).untilAsserted(() ->
        assertThat(vendors.hubSpotContactByEmail(newEmail).orElseThrow().get("hs_object_id")).isEqualTo(id));
    assertThat(vendors.hubSpotContactsWithEmail(oldEmail)).isZero();
    assertThat(vendors.mailchimpMember(oldEmail)).isEmpty();
    assertThat(golden()).isEqualTo(goldenBefore);
  }

  @Test
  void hubSpotEditUpdatesMailchimpAndOrderOfDeliveryDoesNotMatter() {
    String email = email("dan");
    String id = vendors.createHubSpotContact(Map.of("email", email, "firstname", "Dan"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent());

    vendors.faults(Map.of("vendor", "hubspot", "reorderWebhooks", true, "duplicateWebhooks", 1.0));
    vendors.editInHubSpotUi(id, Map.of("firstname", "Daniel"));
    vendors.editInHubSpotUi(id, Map.of("firstname", "Danny", "lastname", "Ray"));

    await().atMost(SYNC).untilAsserted(() -> {
      @SuppressWarnings("unchecked") Map<String, Object> merges =
          (Map<String, Object>) vendors.mailchimpMember(email).orElseThrow().get("merge_fields");
      assertThat(merges.get("FNAME")).isEqualTo("Danny");
      assertThat(merges.get("LNAME")).isEqualTo("Ray");
    });
  }

  @Test
  void duplicateDeliveryIsStoredOnceAndBadSignaturesAreRejected() {
    String id = vendors.createHubSpotContact(Map.of("email", email("eve")));
    String body = "[{\"eventId\":987654321,\"subscriptionId\":1,\"portalId\":1001,\"appId\":2001,\"occurredAt\":"
        + System.currentTimeMillis() + ",\"subscriptionType\":\"contact.propertyChange\",\"attemptNumber\":0,"
        + "\"objectId\":" + id + ",\"changeSource\":\"CRM_UI\",\"propertyName\":\"firstname\",\"propertyValue\":\"Eve\"}]";
    String url = "http://127.0.0.1:" + appPort + "/webhooks/crm/hubspot";
    long ts = System.currentTimeMillis();

    ResponseEntity<Map> first = postHubSpot(url, body, ts, sign("POST" + url + body + ts));
    ResponseEntity<Map> again = postHubSpot(url, body, ts, sign("POST" + url + body + ts));
    assertThat(first.getStatusCode().value()).isEqualTo(200);
    assertThat(first.getBody()).containsEntry("accepted", 1);
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(again.getBody()).containsEntry("status", "noop").containsEntry("duplicates", 1);
    assertThat(inboxRows("987654321")).isEqualTo(1);

    String tampered = body.replace("Eve", "Mallory");
    assertThat(postHubSpot(url, tampered, ts, sign("POST" + url + body + ts)).getStatusCode().value()).isEqualTo(401);
    long stale = ts - Duration.ofMinutes(6).toMillis();
    String staleBody = body.replace("987654321", "987654322");
    assertThat(postHubSpot(url, staleBody, stale, sign("POST" + url + staleBody + stale)).getStatusCode().value()).isEqualTo(401);
    assertThat(inboxRows("987654322")).isZero();

    String mailchimp = "http://127.0.0.1:" + appPort + "/webhooks/marketing/mailchimp?secret=wrong";
    var res = api.post().uri(mailchimp).contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body("type=profile&fired_at=2026-01-01+00%3A00%3A00&data%5Bemail%5D=x%40example.com&data%5Blist_id%5D=sandboxlist1")
        .retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void rateLimitStormIsRiddenOutWithoutLosingTheChange() {
    String email = email("storm");
    vendors.faults(Map.of("vendor", "mailchimp", "rateLimitStorm", true));
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Stormy"));
    await().atMost(SYNC).until(() -> status(vendors, "mailchimp", 429) > 0);
    assertThat(vendors.mailchimpMember(email)).isEmpty();

    vendors.clearFaults();
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent());
  }

  @Test
  void vendorOutageThenRecovery() {
    String email = email("outage");
    vendors.faults(Map.of("vendor", "mailchimp", "outage", true));
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Otto"));
    await().atMost(SYNC).until(() -> status(vendors, "mailchimp", 503) >= 2);

    vendors.clearFaults();
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent());
  }

  @Test
  void exhaustedRetriesAreDeadLetteredAlertedAndReplayable() {
    String email = email("dead");
    vendors.faults(Map.of("vendor", "mailchimp", "errorRate", 1.0));
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Dee"));

    await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().size() > 0);
    Map<String, Object> dead = deadLetters().getFirst();
    assertThat(dead.get("attempts")).isEqualTo(6);
    assertThat(String.valueOf(dead.get("error"))).doesNotContain(email);
    assertThat(db.sql("select count(*) from alert where code = 'dead_letter'").query(Long.class).single()).isPositive();

    vendors.clearFaults();
    var replay = api.post().uri("/api/dead-letters/{id}/replay", dead.get("id")).retrieve().toEntity(Map.class);
    assertThat(replay.getStatusCode().value()).isEqualTo(200);
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent());
    assertThat(deadLetters()).noneMatch(d -> d.get("id").equals(dead.get("id")));
  }

  /**
   * A person edits the member in Mailchimp the moment it appears there, while our own write is settling: the
   * edit is newer than the HubSpot value we wrote, so it must win in both systems, every time.
   */
  @Test
  void anEditMadeInMailchimpTheMomentTheMemberAppearsWins() {
    for (int round = 0; round < 50; round++) {
      String email = email("quick" + round);
      String edited = "New" + round;
      vendors.createHubSpotContact(Map.of("email", email, "firstname", "Old" + round));
      await().atMost(SYNC).pollInterval(Duration.ofMillis(2)).until(() -> vendors.mailchimpMember(email).isPresent());
      vendors.editInMailchimpUi(email, Map.of("merge_fields", Map.of("FNAME", edited)));

      int r = round;
      await().atMost(SYNC).untilAsserted(() -> {
        assertThat(vendors.hubSpotContactByEmail(email).orElseThrow().get("firstname")).as("HubSpot, round %d", r)
            .isEqualTo(edited);
        assertThat(mailchimpFirstName(email)).as("Mailchimp, round %d", r).isEqualTo(edited);
      });
    }
    await().atMost(SYNC).until(() -> pendingJobs() == 0);
  }

  /**
   * The same field is edited in HubSpot and in Mailchimp at the same moment: whichever wins, both systems end
   * holding the same value, and keep holding it.
   */
  @Test
  void concurrentEditsOfOneFieldOnBothSidesEndEqual() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        String email = email("both" + round);
        String id = vendors.createHubSpotContact(Map.of("email", email, "firstname", "Start"));
        await().atMost(SYNC).until(() -> "Start".equals(mailchimpFirstName(email)) && pendingJobs() == 0);
        String h = "H" + round;
        String m = "M" + round;
        var go = new java.util.concurrent.CountDownLatch(1);
        var a = pool.submit(() -> {
          go.await();
          vendors.editInHubSpotUi(id, Map.of("firstname", h));
          return null;
        });
        var b = pool.submit(() -> {
          go.await();
          vendors.editInMailchimpUi(email, Map.of("merge_fields", Map.of("FNAME", m)));
          return null;
        });
        go.countDown();
        a.get();
        b.get();
        int r = round;
        await().atMost(SYNC).during(Duration.ofMillis(300)).untilAsserted(() -> {
          Object inHubSpot = vendors.hubSpotContactByEmail(email).orElseThrow().get("firstname");
          assertThat(inHubSpot).as("round %d", r).isIn(h, m);
          assertThat(mailchimpFirstName(email)).as("round %d", r).isEqualTo(inHubSpot);
        });
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aHubSpotMergeLeavesOneRecordWhoseOldIdRedirects() {
    String a = email("merge.keep");
    String b = email("merge.gone");
    String keep = vendors.createHubSpotContact(Map.of("email", a, "firstname", "Kim"));
    String gone = vendors.createHubSpotContact(Map.of("email", b, "firstname", "Kimberly", "lastname", "Ng"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(a).isPresent() && vendors.mailchimpMember(b).isPresent()
        && pendingJobs() == 0);
    String goneId = canonicalOf(b);
    long before = golden();

    vendors.hubspot.post().uri("/crm/v3/objects/contacts/merge").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("primaryObjectId", keep, "objectIdToMerge", gone)).retrieve().toBodilessEntity();

    await().atMost(SYNC).untilAsserted(() -> {
      assertThat(golden()).isEqualTo(before - 1);
      assertThat(db.sql("select merged_into from golden_record where id = ?").param(goneId).query(String.class)
          .single()).isEqualTo(canonicalOf(a));
      // the survivor took the last name it lacked from the merged contact, and its member got it
      @SuppressWarnings("unchecked") Map<String, Object> merges =
          (Map<String, Object>) vendors.mailchimpMember(a).orElseThrow().get("merge_fields");
      assertThat(merges.get("LNAME")).isEqualTo("Ng");
    });
    await().atMost(SYNC).until(() -> pendingJobs() == 0);
    assertThat(db.sql("select count(*) from record_link where canonical_id = ?").param(goneId).query(Long.class)
        .single()).isZero();
    assertThat(api.get().uri("/api/events?name=record.merged&limit=50").retrieve().body(String.class))
        .contains(goneId);
  }

  @Test
  void aPersonErasedInHubSpotIsNotCreatedThereAgainByAMailchimpEdit() {
    String email = email("erased");
    String id = vendors.createHubSpotContact(Map.of("email", email, "firstname", "Eve"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent() && pendingJobs() == 0);

    vendors.hubspot.post().uri("/crm/v3/objects/contacts/gdpr-delete").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("objectId", id)).retrieve().toBodilessEntity();
    String canonical = canonicalOf(email);
    await().atMost(SYNC).until(() -> db.sql("select count(*) from record_link where canonical_id = ? "
        + "and tombstone = 'ERASED'").param(canonical).query(Long.class).single() == 1);
    long hubspotWrites = hubspotWrites();
    long mailchimpWebhooks = webhooksDelivered("mailchimp");

    vendors.editInMailchimpUi(email, Map.of("merge_fields", Map.of("FNAME", "Evelyn")));

    await().atMost(SYNC).until(() -> webhooksDelivered("mailchimp") > mailchimpWebhooks && pendingJobs() == 0);
    assertThat(db.sql("select count(*) from record_history where canonical_id = ? and field = 'firstName'")
        .param(canonical).query(Long.class).single()).isEqualTo(2); // the edit was applied …
    assertThat(vendors.hubSpotContactsWithEmail(email)).isZero(); // … and not sent to HubSpot
    assertThat(hubspotWrites()).isEqualTo(hubspotWrites);
  }

  private String canonicalOf(String email) {
    return db.sql("select canonical_id from identity_key where kind = 'email' and key_hash = ?")
        .param(vault.blindIndex("email", email)).query(String.class).single();
  }

  @SuppressWarnings("unchecked")
  private static String mailchimpFirstName(String email) {
    return vendors.mailchimpMember(email)
        .map(mm -> String.valueOf(((Map<String, Object>) mm.get("merge_fields")).get("FNAME"))).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> deadLetters() {
    return api.get().uri("/api/dead-letters").retrieve().body(List.class);
  }

  @SuppressWarnings("unchecked")
  static long status(Vendors vendors, String vendor, int status) {
    Map<String, Object> v = (Map<String, Object>) vendors.counters().get(vendor);
    Object byStatus = v == null ? null : v.get("byStatus");
    Object n = byStatus instanceof Map<?, ?> m ? m.get("status" + status) : v == null ? null : v.get("status" + status);
    return n == null ? 0 : ((Number) n).longValue();
  }

  /**
   * A member's COMPANY and ADDRESS merge fields come from the contact's primary company in HubSpot; renaming the company
   * updates every member of it, and none of it comes back to HubSpot as a write (the members' echoes are recognised).
   */
  @Test
  void aCompanysNameAndAddressReachEveryMemberAndARenameUpdatesThemAll() {
    String company = vendors.createHubSpotCompany(Map.of("name", "Fjord Bikes", "domain", "fjordbikes.example",
        "address", "1 Main St", "city", "Atlanta", "state", "GA", "zip", "30308", "country", "United States"));
    List<String> emails = List.of(email("fjord.a"), email("fjord.b"), email("fjord.c"));
    for (String e : emails) {
      vendors.createHubSpotContactAt(company, Map.of("email", e, "firstname", "Fjord"));
    }
    await().atMost(SYNC).untilAsserted(() -> {
      for (String e : emails) {
        Map<String, Object> merges = merges(e);
        assertThat(merges.get("COMPANY")).isEqualTo("Fjord Bikes");
        assertThat(merges.get("ADDRESS")).isEqualTo(Map.of("addr1", "1 Main St", "addr2", "", "city", "Atlanta",
            "state", "GA", "zip", "30308", "country", "US"));
      }
    });
    await().atMost(SYNC).until(() -> pendingJobs() == 0);
    long hubspotWrites = hubspotWrites();
    long companies = db.sql("select count(*) from golden_record where object_type = 'company' and merged_into is null")
        .query(Long.class).single();

    vendors.editHubSpotCompanyInUi(company, Map.of("name", "Fjord Cycles"));

    await().atMost(SYNC).untilAsserted(() -> {
      for (String e : emails) {
        assertThat(merges(e).get("COMPANY")).isEqualTo("Fjord Cycles");
      }
    });
    await().atMost(SYNC).until(() -> pendingJobs() == 0);
    assertThat(hubspotWrites()).as("nothing goes back to HubSpot").isEqualTo(hubspotWrites);
    assertThat(db.sql("select count(*) from golden_record where object_type = 'company' and merged_into is null")
        .query(Long.class).single()).as("one company record, renamed").isEqualTo(companies);
  }

  /** A contact moved to another company: its member takes the new company's name. */
  @Test
  void aContactMovedToAnotherCompanyTakesItsName() {
    String first = vendors.createHubSpotCompany(Map.of("name", "Old Co", "domain", "oldco.example"));
    String second = vendors.createHubSpotCompany(Map.of("name", "New Co", "domain", "newco.example"));
    String e = email("mover");
    String contact = vendors.createHubSpotContactAt(first, Map.of("email", e, "firstname", "Moe"));
    await().atMost(SYNC).untilAsserted(() -> assertThat(merges(e).get("COMPANY")).isEqualTo("Old Co"));

    vendors.associateHubSpotContact(contact, second);

    await().atMost(SYNC).untilAsserted(() -> assertThat(merges(e).get("COMPANY")).isEqualTo("New Co"));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> merges(String email) {
    return (Map<String, Object>) vendors.mailchimpMember(email).orElseThrow().get("merge_fields");
  }

  private long hubspotWrites() {
    return vendors.writes("hubspot");
  }

  private double echoes(String system) {
    var c = meters.find("switchboard.sync.echo.suppressed").tag("system", system).counter();
    return c == null ? 0 : c.count();
  }

  @SuppressWarnings("unchecked")
  private long webhooksDelivered(String vendor) {
    Map<String, Object> webhooks = (Map<String, Object>) vendors.counters().get("webhooks");
    Map<String, Object> v = webhooks == null ? null : (Map<String, Object>) webhooks.get(vendor);
    return v == null ? 0 : ((Number) v.getOrDefault("delivered", 0)).longValue();
  }

  private long pendingJobs() {
    return db.sql("select count(*) from sync_job where status = 'PENDING'").query(Long.class).single()
        + db.sql("select count(*) from outbox_task where status = 'PENDING'").query(Long.class).single();
  }

  private long mailchimpWrites() {
    return vendors.writes("mailchimp");
  }

  private long golden() {
    return db.sql("select count(*) from golden_record where merged_into is null").query(Long.class).single();
  }

  private long inboxRows(String eventKey) {
    return db.sql("select count(*) from inbox_event where event_key = ?").param(eventKey).query(Long.class).single();
  }

  @SuppressWarnings("rawtypes")
  private ResponseEntity<Map> postHubSpot(String url, String body, long ts, String signature) {
    return api.post().uri(url).contentType(MediaType.APPLICATION_JSON)
        .header("X-HubSpot-Request-Timestamp", Long.toString(ts))
        .header("X-HubSpot-Signature-v3", signature).header("X-HubSpot-Signature-Version", "v3")
        .body(body).retrieve().toEntity(Map.class);
  }

  static String sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec("sandbox-hubspot-client-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
