package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Issue 12's record filter through the sandbox, HubSpot to Mailchimp: a tenant lets only customers into the audience;
 * a lead stays out, and arrives once HubSpot makes it a customer. A filter change then keeps the customers out: their
 * members stay in the audience as they are (nothing deleted, nothing written), while the leads it lets in are sent;
 * the save says how many records it affected and how many it re-sent.
 */
class RecordFilterEndToEndTests extends E2eSupport {
  private static final Duration SYNC = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }

  private RestClient admin() {
    return RestClient.builder().baseUrl("http://127.0.0.1:" + appPort)
        .defaultHeaders(h -> h.setBasicAuth("admin", "test-admin-password"))
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
  }

  private String connection(String system) {
    return wired.stream().filter(c -> c.system().equals(system)).findFirst().orElseThrow().id();
  }

  /** Saves the audience's mapping: no field overrides, only customers or leads. */
  @SuppressWarnings("unchecked")
  private ResponseEntity<Map> onlyStages(String connection, String... stages) {
    return admin().put().uri("/api/connections/{id}/mappings", connection).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("vendor_type", "member", "fields", List.of(), "filter", Map.of("field", "lifecycleStage",
            "operator", "in", "values", List.of(stages)))).retrieve().toEntity(Map.class);
  }

  private boolean settled() {
    return jdbc.sql("select count(*) from outbox_task where status in ('PENDING', 'WAITING')").query(Long.class)
        .single() == 0 && jdbc.sql("select count(*) from sync_job where status <> 'DONE'").query(Long.class)
        .single() == 0;
  }

  @SuppressWarnings("unchecked")
  private static Object firstName(String email) {
    return vendors.mailchimpMember(email).map(m -> ((Map<String, Object>) m.get("merge_fields")).get("FNAME"))
        .orElse(null);
  }

  /** Changes of a first name applied to golden records (field names are stored in clear, values encrypted). */
  private long firstNameChanges() {
    return jdbc.sql("select count(*) from record_history where field = 'firstName'").query(Long.class).single();
  }

  private static String hubSpotId(String email) {
    return String.valueOf(vendors.hubSpotContactByEmail(email).orElseThrow().get("hs_object_id"));
  }

  @Test
  void onlyCustomersReachTheAudienceAndAFilterChangeStopsASyncWithoutDeletingTheMember() {
    String mailchimp = connection("mailchimp");
    ResponseEntity<Map> saved = onlyStages(mailchimp, "customer");
    assertThat(saved.getStatusCode().value()).as(String.valueOf(saved.getBody())).isEqualTo(200);

    String buyer = email("buyer");
    String lead = email("lead");
    vendors.createHubSpotContact(Map.of("email", buyer, "firstname", "Cora", "lifecyclestage", "customer"));
    vendors.createHubSpotContact(Map.of("email", lead, "firstname", "Leo", "lifecyclestage", "lead"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(buyer).isPresent());
    await().atMost(SYNC).until(this::settled);
    assertThat(vendors.mailchimpMember(lead)).as("a lead is kept out of the audience").isEmpty();

    // HubSpot makes the lead a customer: it arrives at once (the stage is no merge field, yet its change lets it in)
    vendors.editInHubSpotUi(hubSpotId(lead), Map.of("lifecyclestage", "customer"));
    await().atMost(SYNC).until(() -> "Leo".equals(firstName(lead)));

    // a new lead, kept out for now
    String later = email("later");
    vendors.createHubSpotContact(Map.of("email", later, "firstname", "Lana", "lifecyclestage", "lead"));
    await().atMost(SYNC).until(this::settled);
    assertThat(vendors.mailchimpMember(later)).isEmpty();
    String buyerStatus = String.valueOf(vendors.mailchimpMember(buyer).orElseThrow().get("status"));

    // leads only: the two customers are kept out (affected, nothing sent), the lead is let in and sent
    ResponseEntity<Map> leads = onlyStages(mailchimp, "lead");
    assertThat(leads.getStatusCode().value()).as(String.valueOf(leads.getBody())).isEqualTo(200);
    assertThat(leads.getBody()).containsEntry("resync", Map.of("affected", 3, "enqueued", 1))
        .containsEntry("filter_changed", true);
    await().atMost(SYNC).until(() -> "Lana".equals(firstName(later)));

    // an edit of a customer no longer reaches its member, which stays in the audience as it was; the lead's does
    long renames = firstNameChanges();
    vendors.editInHubSpotUi(hubSpotId(buyer), Map.of("firstname", "Corinne"));
    vendors.editInHubSpotUi(hubSpotId(later), Map.of("firstname", "Lanie"));
    await().atMost(SYNC).until(() -> "Lanie".equals(firstName(later)));
    // both edits applied (each enqueues its audience write in the same transaction), and every write settled
    await().atMost(SYNC).until(() -> firstNameChanges() >= renames + 2 && settled());
    assertThat(firstName(buyer)).isEqualTo("Cora");
    assertThat(vendors.mailchimpMember(buyer).orElseThrow()).containsEntry("status", buyerStatus);
    assertThat(String.valueOf(vendors.hubSpotContactByEmail(buyer).orElseThrow().get("firstname")))
        .as("nothing written back to HubSpot").isEqualTo("Corinne");
    assertThat(jdbc.sql("select count(*) from outbox_task where connection_id = ? and status = 'SKIPPED'")
        .param(mailchimp).query(Long.class).single()).isPositive();

    // the customer opts out in HubSpot: whatever the filter says, the audience is told, and only that is sent
    var optOut = vendors.hubspot.post().uri("/communication-preferences/v3/unsubscribe")
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("emailAddress", buyer, "subscriptionId", "15000101"))
        .retrieve().toBodilessEntity();
    assertThat(optOut.getStatusCode().is2xxSuccessful()).isTrue();
    await().atMost(SYNC).until(() -> "unsubscribed".equals(vendors.mailchimpMember(buyer).orElseThrow()
        .get("status")));
    assertThat(firstName(buyer)).as("the filter still keeps the rest of the record out").isEqualTo("Cora");
  }

  /**
   * A held audience's first-sync plan counts what its record filter keeps out as not sent ({@code filtered_out}), not
   * as to be added: Start would not send them.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aFirstSyncPlanCountsTheRecordsTheFilterKeepsOutAsNotSent() {
    String kept = email("kept");
    String out = email("out");
    vendors.createHubSpotContact(Map.of("email", kept, "firstname", "Kit"));
    vendors.createHubSpotContact(Map.of("email", out, "firstname", "Otto"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(kept).isPresent()
        && vendors.mailchimpMember(out).isPresent());
    Map<String, Object> all = (Map<String, Object>) vendors.control.get().uri("/credentials").retrieve().body(Map.class)
        .get("mailchimp");
    Map<String, Object> account = ((List<Map<String, Object>>) all.get("accounts")).stream()
        .filter(a -> ((Number) a.get("account")).intValue() == 2).findFirst().orElseThrow();
    ResponseEntity<Map> created = api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "mailchimp", "display_name", "Audience 2", "settings", Map.of("listId",
            account.get("listId"), "withoutConsent", "transactional"), "credentials", Map.of("apiKey",
            account.get("apiKey")))).retrieve().toEntity(Map.class);
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(200);
    String audience = (String) created.getBody().get("id");
    try {
      ResponseEntity<Map> saved = admin().put().uri("/api/connections/{id}/mappings", audience)
          .contentType(MediaType.APPLICATION_JSON).body(Map.of("vendor_type", "member", "fields", List.of(),
              "filter", Map.of("field", "email", "operator", "in", "values", List.of(kept)))).retrieve()
          .toEntity(Map.class);
      assertThat(saved.getStatusCode().value()).as(String.valueOf(saved.getBody())).isEqualTo(200);
      long contacts = jdbc.sql("select count(*) from golden_record where tenant_id = ? and object_type = 'contact' "
          + "and merged_into is null").param(TENANT).query(Long.class).single();

      Map<String, Object> plan = api.get().uri("/api/connections/{id}/first-sync", audience).retrieve()
          .body(Map.class);
      assertThat(plan).containsEntry("state", "HELD").containsEntry("read", 0);
      assertThat((Map<String, Integer>) plan.get("to_create_in_connection")).as("only the record the filter lets in")
          .isEqualTo(Map.of("transactional", 1));
      Map<String, Integer> skipped = (Map<String, Integer>) plan.get("skipped");
      assertThat(skipped.get("filtered_out")).isEqualTo((int) contacts - 1 - skipped.getOrDefault("no_email", 0));
      assertThat(((Map<String, List<String>>) plan.get("samples")).get("create_there_transactional"))
          .containsExactly(kept.charAt(0) + "•••@example.com");
    } finally {
      api.delete().uri("/api/connections/{id}", audience).retrieve().toBodilessEntity();
    }
  }
}
