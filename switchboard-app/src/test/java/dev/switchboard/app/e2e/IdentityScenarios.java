package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Identity matching through the whole app and the sandbox (issue 13): a typo'd name with the same phone and e-mail
 * links automatically with its rule and score on record; two people sharing a phone stay two and a review item
 * appears with both records side by side; merging it from the queue moves the object, and a split undoes it.
 * (A phone-only booking-style client is tested at spine level, {@code IdentityMatchingTests}: no booking connector yet.)
 * Run on each database by the subclasses.
 */
abstract class IdentityScenarios extends E2eSupport {
  static final Duration SYNC = Duration.ofSeconds(15);

  @Autowired JdbcClient db;

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> matches(String status) {
    Map<String, Object> page = api.get().uri("/api/identity/matches?status=" + status + "&limit=200").retrieve()
        .body(Map.class);
    return (List<Map<String, Object>>) page.get("items");
  }

  @Autowired dev.switchboard.app.sync.ExternalIds ids;

  private String canonicalOfHubSpot(String hubspotId) {
    return db.sql("select l.canonical_id from record_link l join connection c on c.id = l.connection_id "
            + "where c.system = 'hubspot' and l.external_id = ? and l.tombstone is null")
        .param(ids.key(hubspotId)).query(String.class).single();
  }

  private long pendingJobs() {
    return db.sql("select count(*) from sync_job where status = 'PENDING'").query(Long.class).single()
        + db.sql("select count(*) from outbox_task where status = 'PENDING'").query(Long.class).single();
  }

  /**
   * The example: "Katherine Whitmore" known to HubSpot by phone only, and "Katharine Whitmoore" with that phone
   * written otherwise and an e-mail, added in Mailchimp by another tool: one person, linked by the phone rule, with
   * the rule and score on record.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aTypoedNameWithTheSamePhoneLinksWithItsRuleAndScore() {
    String email = email("kw");
    String hubspotId = vendors.createHubSpotContact(Map.of("firstname", "Katherine", "lastname", "Whitmore",
        "phone", "+1 415 555 0177"));
    await().atMost(SYNC).until(() -> pendingJobs() == 0 && jdbcCount("select count(*) from record_link l join "
        + "connection c on c.id = l.connection_id where c.system = 'hubspot' and l.external_id = '"
        + ids.key(hubspotId) + "'") == 1);
    String record = canonicalOfHubSpot(hubspotId);
    long goldenBefore = golden();

    var put = vendors.mailchimp.put().uri("/lists/{list}/members/{hash}", Vendors.LIST, Vendors.md5(email))
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("email_address", email, "status_if_new", "subscribed",
            "merge_fields", Map.of("FNAME", "Katharine", "LNAME", "Whitmoore", "PHONE", "(415) 555-0177")))
        .retrieve().toEntity(Map.class);
    assertThat(put.getStatusCode().is2xxSuccessful()).as("%s", put.getBody()).isTrue();

    await().atMost(SYNC).until(() -> matches("linked").stream()
        .anyMatch(m -> record.equals(((Map<String, Object>) m.get("record")).get("canonical_id"))));
    assertThat(golden()).isEqualTo(goldenBefore);
    Map<String, Object> linked = matches("linked").stream()
        .filter(m -> record.equals(((Map<String, Object>) m.get("record")).get("canonical_id"))).findFirst()
        .orElseThrow();
    assertThat(linked).containsEntry("rule", "phone").containsEntry("vendor_type", "member");
    assertThat((Double) linked.get("score")).isGreaterThanOrEqualTo(0.9);
    assertThat((List<String>) linked.get("reasons")).contains("phone_same", "first_name_similar", "last_name_similar",
        "email_not_compared");
    // the e-mail Mailchimp knew reaches HubSpot's contact: one person in both
    await().atMost(SYNC).untilAsserted(() -> assertThat(vendors.hubSpotContactByEmail(email)).get()
        .extracting(c -> c.get("hs_object_id")).isEqualTo(hubspotId));
  }

  /** Through the upsert API the e-mail is the key (its contract): a typo'd name with it updates that contact. */
  @Test
  void aTypoedNameThroughTheUpsertApiUpdatesTheContactOfItsEmail() {
    String email = email("kw2");
    String hubspotId = vendors.createHubSpotContact(Map.of("email", email, "firstname", "Katherine",
        "lastname", "Whitmore", "phone", "+1 415 555 0178"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent() && pendingJobs() == 0);
    long goldenBefore = golden();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tenant_id", TENANT);
    body.put("type", "contact");
    body.put("attributes", Map.of("email", email, "firstname", "Katharine", "lastname", "Whitmoore",
        "phone", "(415) 555-0178"));
    body.put("correlation_id", "identity-e2e");
    ResponseEntity<Map> r = api.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().toEntity(Map.class);
    assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(200);
    assertThat(r.getBody()).containsEntry("status", "updated").containsEntry("external_id", hubspotId);
    assertThat(golden()).isEqualTo(goldenBefore);
    assertThat(vendors.hubSpotContactsWithEmail(email)).isEqualTo(1);
  }

  private long jdbcCount(String sql) {
    return db.sql(sql).query(Long.class).single();
  }

  @Test
  @SuppressWarnings("unchecked")
  void twoPeopleSharingAPhoneStayTwoAReviewItemAppearsAndAMergeFromTheQueueIsSplitBack() {
    String markEmail = email("mark");
    String maryEmail = email("mary");
    String mark = vendors.createHubSpotContact(Map.of("email", markEmail, "firstname", "Mark", "lastname", "Lindqvist",
        "phone", "+1 415 555 0188"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(markEmail).isPresent() && pendingJobs() == 0);
    String mary = vendors.createHubSpotContact(Map.of("email", maryEmail, "firstname", "Mary", "lastname", "Lindqvist",
        "phone", "415.555.0188"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(maryEmail).isPresent() && pendingJobs() == 0);

    String markRecord = canonicalOfHubSpot(mark);
    String maryRecord = canonicalOfHubSpot(mary);
    assertThat(maryRecord).isNotEqualTo(markRecord);
    Map<String, Object> item = matches("pending").stream()
        .filter(m -> maryRecord.equals(((Map<String, Object>) m.get("record")).get("canonical_id"))).findFirst()
        .orElseThrow();
    assertThat(item).containsEntry("rule", "phone_first_names_differ").containsEntry("type", "contact");
    assertThat(((Map<String, Object>) item.get("candidate")).get("canonical_id")).isEqualTo(markRecord);
    assertThat((Map<String, Object>) ((Map<String, Object>) item.get("record")).get("fields"))
        .containsEntry("firstName", "Mary").containsEntry("phone", "+14155550188");
    assertThat((Map<String, Object>) ((Map<String, Object>) item.get("candidate")).get("fields"))
        .containsEntry("firstName", "Mark");
    String id = (String) item.get("id");
    long goldenBefore = golden();

    // the owner says they are one: the spine's merge
    ResponseEntity<Map> merged = api.post().uri("/api/identity/matches/" + id + "/merge").retrieve()
        .toEntity(Map.class);
    assertThat(merged.getStatusCode().value()).as("%s", merged.getBody()).isEqualTo(200);
    assertThat(merged.getBody()).containsEntry("status", "merged").containsEntry("canonical_id", markRecord);
    assertThat(golden()).isEqualTo(goldenBefore - 1);
    assertThat(canonicalOfHubSpot(mary)).isEqualTo(markRecord);
    assertThat(db.sql("select merged_into from golden_record where id = ?").param(maryRecord).query(String.class)
        .single()).isEqualTo(markRecord);
    ResponseEntity<Map> again = api.post().uri("/api/identity/matches/" + id + "/merge").retrieve()
        .toEntity(Map.class);
    assertThat(again.getStatusCode().value()).isEqualTo(409);
    assertThat(again.getBody()).containsEntry("error_code", "not_pending");

    // it was wrong after all: the split takes Mary's HubSpot contact back out into a record of its own
    await().atMost(SYNC).until(() -> pendingJobs() == 0);
    ResponseEntity<Map> split = api.post().uri("/api/identity/matches/" + id + "/split").retrieve().toEntity(Map.class);
    assertThat(split.getStatusCode().value()).as("%s", split.getBody()).isEqualTo(200);
    String splitId = (String) split.getBody().get("other_id");
    assertThat(canonicalOfHubSpot(mary)).isEqualTo(splitId);
    assertThat(canonicalOfHubSpot(mark)).isEqualTo(markRecord);
    assertThat(golden()).isEqualTo(goldenBefore);
    assertThat(api.get().uri("/api/events?name=audit.logged&limit=50").retrieve().body(String.class))
        .contains("identity.merge").contains("identity.split");
    // and nobody else's tenant sees the queue
    assertThat(api.get().uri("/api/identity/matches?status=nonsense").retrieve().toEntity(Map.class)
        .getStatusCode().value()).isEqualTo(400);
  }

  private long golden() {
    return db.sql("select count(*) from golden_record where merged_into is null").query(Long.class).single();
  }
}
