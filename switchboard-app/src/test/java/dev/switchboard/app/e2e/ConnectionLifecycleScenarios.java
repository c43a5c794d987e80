package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A connection can be fixed, paused, resumed and deleted through the API, through the whole spine against the
 * sandbox; run on each database by the subclasses. Mailchimp's second sandbox account (its own key and list) stands
 * for the account a person connects with a typo.
 */
abstract class ConnectionLifecycleScenarios extends E2eSupport {
  static final Duration SYNC = Duration.ofSeconds(20);

  @Autowired JdbcClient db;
  @Autowired Connections connections;

  /**
   * The wired Mailchimp connection is paused meanwhile, so that the fixed one is the tenant's only Mailchimp list
   * being written, as for a person whose one Mailchimp connection had the typo (a second list would also receive
   * the first list's subscription status, a second, legitimate write).
   */
  @Test
  void aMistypedKeyWaitsQuietlyAndThePatchThatFixesItDeliversWhatWaitedOnce() {
    Map<String, Object> account2 = mailchimpAccount(2);
    String key = (String) account2.get("apiKey");
    String list = (String) account2.get("listId");
    String typo = key.substring(0, 5) + (key.charAt(5) == 'x' ? 'y' : 'x') + key.substring(6);
    Connection wired = wiredMailchimp();
    api.post().uri("/api/connections/{id}/pause", wired.id()).retrieve().toBodilessEntity();
    try {
      ResponseEntity<Map> created = api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("system", "mailchimp", "display_name", "Newsletter 2", "settings", Map.of("listId", list,
              "withoutConsent", "transactional", "firstSync", "immediate"),
              "credentials", Map.of("apiKey", typo))).retrieve().toEntity(Map.class);
      assertThat(created.getStatusCode().value()).isEqualTo(200);
      assertThat(created.getBody()).containsEntry("status", Connection.CREDENTIALS_REJECTED);
      String id = (String) created.getBody().get("id");

      List<String> emails = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String email = email("waiting" + i);
        emails.add(email);
        vendors.createHubSpotContact(Map.of("email", email, "firstname", "Waiting"));
      }
      // the HubSpot changes are applied and their writes to the rejected connection wait, untried
      await().atMost(SYNC).until(() -> count("outbox_task where connection_id = ? and status = 'PENDING'", id) == 3);
      assertThat(count("outbox_task where connection_id = ? and (status = 'DEAD' or attempts > 0)", id)).isZero();
      assertThat(alerts(id)).as("one alert for the connection, not one per contact")
          .containsExactly("credentials_rejected:open");
      assertThat(emails).allSatisfy(e -> assertThat(member(list, e)).isEmpty());

      long writesBefore = memberWrites(list);
      long eventsBefore = db.sql("select coalesce(max(id), 0) from domain_event").query(Long.class).single();
      ResponseEntity<Map> fixed = patch(id, Map.of("credentials", Map.of("apiKey", key)));
      assertThat(fixed.getStatusCode().value()).as(String.valueOf(fixed.getBody())).isEqualTo(200);
      assertThat(fixed.getBody()).containsEntry("status", Connection.ACTIVE).containsEntry("accountId", list)
          .containsEntry("lastError", null);
      assertThat(fixed.getBody().toString()).doesNotContain(key).doesNotContain("apiKey");
      assertThat(alerts(id)).containsExactly("credentials_rejected:resolved");

      await().atMost(SYNC).until(() -> emails.stream().allMatch(e -> member(list, e).isPresent()));
      await().atMost(SYNC).until(() -> count("outbox_task where connection_id = ? and status = 'PENDING'", id) == 0);
      // the echoes of those writes, applied (the paused connection's own jobs wait, as they should)
      await().atMost(SYNC).until(() -> count("sync_job where status = 'PENDING' and connection_id <> ? "
          + "and connection_id in (select id from connection)", wired.id()) == 0);
      // once: since the fix, one confirmed Mailchimp write per contact — three for the three, all of which arrived, so
      // none twice (counted in the crm.synced log, whatever form a vendor id takes in it)
      assertThat(count("domain_event where name = 'crm.synced' and id > ? and payload_json like ? and payload_json "
          + "like ?", eventsBefore, "%\"system\":\"mailchimp\"%", "%\"direction\":\"outbound\"%"))
          .as("confirmed writes to Mailchimp since the fix").isEqualTo(3);
      assertThat(memberWrites(list) - writesBefore).as("in at most one call per contact").isBetween(1L, 3L);
      assertThat(count("outbox_task where connection_id = ? and status = 'DEAD'", id)).isZero();
    } finally {
      api.post().uri("/api/connections/{id}/resume", wired.id()).retrieve().toBodilessEntity();
    }
  }

  @Test
  void whilePausedNothingIsReadOrWrittenWebhooksAreKeptAndResumeDeliversEverythingOnce() {
    Connection mc = wiredMailchimp();
    String list = Vendors.LIST;
    String linked = email("linked");
    vendors.createHubSpotContact(Map.of("email", linked, "firstname", "Before"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(linked).isPresent());
    await().atMost(SYNC).until(() -> count("sync_job where connection_id = ? and status = 'PENDING'", mc.id()) == 0);

    ResponseEntity<Map> paused = api.post().uri("/api/connections/{id}/pause", mc.id()).retrieve().toEntity(Map.class);
    try {
      assertThat(paused.getBody()).containsEntry("status", Connection.PAUSED);
      // work claimed before the pause finishes its call; from then on nothing may call the vendor for it
      await().atMost(SYNC).until(() -> leased(mc.id()) == 0);
      int listCallsBefore = listCalls(list);
      long inboxBefore = count("inbox_event where connection_id = ?", mc.id());

      String fresh = email("paused");
      vendors.createHubSpotContact(Map.of("email", fresh, "firstname", "During"));
      vendors.editInMailchimpUi(linked, Map.of("merge_fields", Map.of("FNAME", "EditedInMailchimp")));
      // the change from HubSpot is applied and waits for Mailchimp; Mailchimp's webhook is accepted and kept
      await().atMost(SYNC).until(() -> count("outbox_task where connection_id = ? and status = 'PENDING'", mc.id()) >= 1);
      await().atMost(SYNC).until(() -> count("inbox_event where connection_id = ?", mc.id()) > inboxBefore);
      assertThat(count("sync_job where connection_id = ? and status = 'PENDING'", mc.id())).isPositive();
      sleep(1500); // workers poll every 50 ms: ample time to do what they must not
      assertThat(listCalls(list)).as("no call for the paused connection (before this test reads the list)")
          .isEqualTo(listCallsBefore);
      assertThat(vendors.mailchimpMember(fresh)).isEmpty();
      assertThat(vendors.hubSpotContactByEmail(linked).orElseThrow().get("firstname")).isEqualTo("Before");

      long writesBefore = memberWrites(list);
      ResponseEntity<Map> resumed = api.post().uri("/api/connections/{id}/resume", mc.id()).retrieve()
          .toEntity(Map.class);
      assertThat(resumed.getBody()).containsEntry("status", Connection.ACTIVE);
      await().atMost(SYNC).until(() -> vendors.mailchimpMember(fresh).isPresent());
      await().atMost(SYNC).until(() -> "EditedInMailchimp".equals(vendors.hubSpotContactByEmail(linked).orElseThrow()
          .get("firstname")));
      await().atMost(SYNC).until(() -> count("outbox_task where connection_id = ? and status = 'PENDING'", mc.id()) == 0);
      assertThat(memberWrites(list) - writesBefore).as("the waiting write went out once").isEqualTo(1);
      assertThat(vendors.hubSpotContactsWithEmail(fresh)).isEqualTo(1);
    } finally {
      api.post().uri("/api/connections/{id}/resume", mc.id()).retrieve().toBodilessEntity();
    }
  }

  @Test
  void deletingAConnectionRemovesItsWebhookWorkAndCredentialsKeepsRecordsAndTheOthersWork() {
    Map<String, Object> account2 = mailchimpAccount(2);
    String list = (String) account2.get("listId");
    String id = (String) api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "mailchimp", "display_name", "To delete", "settings", Map.of("listId", list,
            "firstSync", "immediate", "withoutConsent", "transactional"),
            "credentials", Map.of("apiKey", account2.get("apiKey")))).retrieve().body(Map.class).get("id");
    String ours = "http://127.0.0.1:" + appPort + "/webhooks/marketing/mailchimp?secret="
        + connections.context(connections.find(TENANT, id).orElseThrow()).credential("webhookSecret");
    assertThat(webhookUrls(list)).contains(ours);
    String email = email("deleted");
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Kept"));
    await().atMost(SYNC).until(() -> member(list, email).isPresent() && count("record_link where connection_id = ?", id) > 0);
    await().atMost(SYNC).until(() -> count("sync_cursor where connection_id = ?", id) > 0);
    long golden = count("golden_record where tenant_id = ?", TENANT);
    long history = count("record_history where tenant_id = ?", TENANT);

    ResponseEntity<Void> deleted = api.delete().uri("/api/connections/{id}", id).retrieve().toBodilessEntity();
    assertThat(deleted.getStatusCode().value()).isEqualTo(204);
    assertThat(deleted.getHeaders().getFirst("Switchboard-Webhook")).isEqualTo("removed");
    assertThat(webhookUrls(list)).doesNotContain(ours);
    for (String table : List.of("connection where id = ?", "record_link where connection_id = ?",
        "sync_cursor where connection_id = ?", "sync_job where connection_id = ?", "outbox_task where connection_id = ?")) {
      assertThat(count(table, id)).as(table).isZero();
    }
    // records and their history stay (the member's own webhook may still add a row meanwhile: never fewer)
    assertThat(count("golden_record where tenant_id = ?", TENANT)).isGreaterThanOrEqualTo(golden);
    assertThat(count("record_history where tenant_id = ?", TENANT)).isGreaterThanOrEqualTo(history);
    ResponseEntity<Map> gone = api.get().uri("/api/connections/{id}", id).retrieve().toEntity(Map.class);
    assertThat(gone.getStatusCode().value()).isEqualTo(404);
    assertThat(gone.getBody()).containsEntry("error_code", "not_found");

    // the others keep working
    String after = email("after-delete");
    vendors.createHubSpotContact(Map.of("email", after, "firstname", "After"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(after).isPresent());
    assertThat(member(list, after)).isEmpty();

    // a vendor that cannot be reached does not stop the delete: the answer and an alert say what is left
    String second = (String) api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "mailchimp", "display_name", "Unreachable", "settings", Map.of("listId", list,
            "firstSync", "immediate"),
            "credentials", Map.of("apiKey", account2.get("apiKey")))).retrieve().body(Map.class).get("id");
    vendors.faults(Map.of("vendor", "mailchimp", "errorRate", 1.0));
    ResponseEntity<Void> despite = api.delete().uri("/api/connections/{id}", second).retrieve().toBodilessEntity();
    assertThat(despite.getStatusCode().value()).isEqualTo(204);
    assertThat(despite.getHeaders().getFirst("Switchboard-Webhook")).startsWith("failed; reason=\"");
    assertThat(count("connection where id = ?", second)).isZero();
    assertThat(alerts(second)).contains("webhook_not_removed:open");
  }

  @Test
  void aChangeTheVendorRefusesOrThatPointsElsewhereChangesNothing() {
    Connection hubspot = connections.forTenantAndSystem(TENANT, "hubspot").getFirst();
    String token = connections.context(hubspot).credential("accessToken");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> portals = (List<Map<String, Object>>) credentials("hubspot").get("portals");
    String otherPortalToken = (String) portals.stream().filter(p -> !String.valueOf(p.get("portalId"))
        .equals(hubspot.accountId())).findFirst().orElseThrow().get("accessToken");

    assertProblem(patch(hubspot.id(), Map.of("credentials", Map.of("accessToken", otherPortalToken))), 409,
        "account_changed", "credentials");
    assertProblem(patch(hubspot.id(), Map.of("credentials", Map.of("accessToken", "pat-mistyped"))), 422,
        "credentials_rejected", "credentials");
    for (String url : List.of("http://169.254.169.254/latest/meta-data", "https://api.hubapi.com.evil.example",
        "https://api.hubapi.com@evil.example/")) {
      assertProblem(patch(hubspot.id(), Map.of("settings", Map.of("baseUrl", url))), 400, "base_url_not_allowed",
          "settings.baseUrl");
    }
    Connection now = connections.find(TENANT, hubspot.id()).orElseThrow();
    assertThat(now.status()).isEqualTo(Connection.ACTIVE);
    assertThat(now.settings()).isEqualTo(hubspot.settings());
    assertThat(now.accountId()).isEqualTo(hubspot.accountId());
    assertThat(connections.context(now).credential("accessToken")).isEqualTo(token);

    long checks = vendors.calls("hubspot", "GET /account-info/2026-03/details");
    ResponseEntity<Map> renamed = patch(hubspot.id(), Map.of("display_name", "CRM"));
    assertThat(renamed.getBody()).containsEntry("displayName", "CRM");
    assertThat(vendors.calls("hubspot", "GET /account-info/2026-03/details")).as("a new name needs no check").isEqualTo(checks);

    // another tenant's connection does not exist for this one
    tenants.ensure("someone-else", "Someone else", "US");
    Connection theirs = connections.create("someone-else", "hubspot", "Theirs", Map.of(), Map.of("accessToken", "x"));
    assertProblem(patch(theirs.id(), Map.of("display_name", "Mine")), 404, "not_found", "id");
    assertThat(api.post().uri("/api/connections/{id}/pause", theirs.id()).retrieve().toEntity(Map.class)
        .getStatusCode().value()).isEqualTo(404);
    assertThat(api.delete().uri("/api/connections/{id}", theirs.id()).retrieve().toBodilessEntity()
        .getStatusCode().value()).isEqualTo(404);
    assertThat(connections.find("someone-else", theirs.id()).orElseThrow().displayName()).isEqualTo("Theirs");
  }

  @Test
  @SuppressWarnings("unchecked")
  void connectionsAreShownWithTheirProgressPerObjectTypeAndNoSecret() {
    Connection mc = wiredMailchimp();
    await().atMost(SYNC).until(() -> count("sync_cursor where connection_id = ?", mc.id()) > 0);
    ResponseEntity<List> all = api.get().uri("/api/connections").retrieve().toEntity(List.class);
    assertThat(all.getBody()).isNotEmpty();
    String body = all.getBody().toString();
    assertThat(body).doesNotContain(Vendors.HUBSPOT_TOKEN).doesNotContain(Vendors.MAILCHIMP_KEY)
        .doesNotContain("webhookSecret").doesNotContain("credentials");
    Map<String, Object> one = api.get().uri("/api/connections/{id}", mc.id()).retrieve().body(Map.class);
    List<Map<String, Object>> progress = (List<Map<String, Object>>) one.get("progress");
    assertThat(progress).singleElement().satisfies(p -> assertThat(p).containsEntry("objectType", "contact")
        .containsKeys("backfillStatus", "backfillSeen", "reconciledAt"));
  }

  /**
   * Two connects of one vendor account at once (a double click, two tabs): one is made, the other refused 409
   * {@code already_connected} with nothing stored — a check before the insert lets both through, the database's
   * claim on the account (V24) does not. A later connect of the account is refused the same way.
   */
  @Test
  void twoConnectsOfOneAccountAtOnceMakeOneConnection() throws Exception {
    Map<String, Object> account2 = mailchimpAccount(2);
    String list = (String) account2.get("listId");
    Map<String, Object> body = Map.of("system", "mailchimp", "display_name", "Twice", "settings",
        Map.of("listId", list, "firstSync", "immediate"), "credentials", Map.of("apiKey", account2.get("apiKey")));
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<ResponseEntity<Map>>> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        both.add(pool.submit(() -> {
          start.await();
          return api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
              .toEntity(Map.class);
        }));
      }
      start.countDown();
      List<ResponseEntity<Map>> answers = new ArrayList<>();
      for (var f : both) {
        answers.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(answers).filteredOn(r -> r.getStatusCode().is2xxSuccessful()).hasSize(1);
      ResponseEntity<Map> refused = answers.stream().filter(r -> !r.getStatusCode().is2xxSuccessful()).findFirst()
          .orElseThrow();
      assertProblem(refused, 409, "already_connected", "credentials");
      assertThat(count("connection where tenant_id = ? and account_id = ?", TENANT, list)).isEqualTo(1);
      assertThat(count("connection where tenant_id = ? and display_name = ?", TENANT, "Twice"))
          .as("nothing stored for the refused one").isEqualTo(1);

      ResponseEntity<Map> again = api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
          .body(body).retrieve().toEntity(Map.class);
      assertProblem(again, 409, "already_connected", "credentials");
    } finally {
      pool.shutdownNow();
      connections.forTenant(TENANT).stream().filter(c -> list.equals(c.accountId()))
          .forEach(c -> api.delete().uri("/api/connections/{id}", c.id()).retrieve().toBodilessEntity());
    }
  }

  private Connection wiredMailchimp() {
    return connections.forTenantAndSystem(TENANT, "mailchimp").stream()
        .filter(c -> Vendors.LIST.equals(c.accountId())).findFirst().orElseThrow();
  }

  private ResponseEntity<Map> patch(String id, Map<String, Object> body) {
    return api.patch().uri("/api/connections/{id}", id).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
        .toEntity(Map.class);
  }

  private static void assertProblem(ResponseEntity<Map> r, int status, String code, String field) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
    assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(r.getBody()).containsEntry("error_code", code).containsEntry("field", field);
  }

  private long count(String fromWhere, Object... params) {
    return db.sql("select count(*) from " + fromWhere).params(params).query(Long.class).single();
  }

  /** Rows of the connection's work a worker holds right now (outbox tasks, jobs, its cursors). */
  private long leased(String connectionId) {
    java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
    return count("outbox_task where connection_id = ? and lease_until > ?", connectionId, now)
        + count("sync_job where connection_id = ? and lease_until > ?", connectionId, now)
        + count("sync_cursor where connection_id = ? and lease_until > ?", connectionId, now);
  }

  /** The connection's alerts, oldest first, as {@code code:open} or {@code code:resolved}. */
  private List<String> alerts(String connectionId) {
    return db.sql("select code, resolved_at from alert where connection_id = ? order by id").param(connectionId)
        .query((rs, i) -> rs.getString(1) + ":" + (rs.getTimestamp(2) == null ? "open" : "resolved")).list();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> credentials(String vendor) {
    return (Map<String, Object>) vendors.control.get().uri("/credentials").retrieve().body(Map.class).get(vendor);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> mailchimpAccount(int number) {
    return ((List<Map<String, Object>>) credentials("mailchimp").get("accounts")).stream()
        .filter(a -> ((Number) a.get("account")).intValue() == number).findFirst().orElseThrow();
  }

  /** The member of {@code list} (read with that list's account key), if there. */
  @SuppressWarnings("unchecked")
  private java.util.Optional<Map<String, Object>> member(String list, String email) {
    Map<String, Object> account = ((List<Map<String, Object>>) credentials("mailchimp").get("accounts")).stream()
        .filter(a -> list.equals(a.get("listId"))).findFirst().orElseThrow();
    var res = vendors.mailchimp.get().uri("/lists/{list}/members/{hash}", list, Vendors.md5(email))
        .headers(h -> h.setBasicAuth("anystring", (String) account.get("apiKey"))).retrieve().toEntity(Map.class);
    return res.getStatusCode().is2xxSuccessful() ? java.util.Optional.of(res.getBody()) : java.util.Optional.empty();
  }

  /** Successful member writes to {@code list} (batch subscribe, PUT, PATCH), from the sandbox's request log. */
  private long memberWrites(String list) {
    return requests().stream().filter(r -> List.of("POST", "PUT", "PATCH").contains(r.get("method")))
        .filter(r -> String.valueOf(r.get("path")).matches(".*/lists/" + list + "(/members/[0-9a-f]{32})?"))
        .filter(r -> ((Number) r.get("status")).intValue() < 300).count();
  }

  /** Calls touching {@code list}, from the sandbox's request log. */
  private int listCalls(String list) {
    return (int) requests().stream().filter(r -> String.valueOf(r.get("path")).contains("/lists/" + list)).count();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> requests() {
    return vendors.control.get().uri("/requests?vendor=mailchimp&limit=2000").retrieve().body(List.class);
  }

  @SuppressWarnings("unchecked")
  private List<String> webhookUrls(String list) {
    Map<String, Object> account = mailchimpAccountByList(list);
    Map<String, Object> hooks = vendors.mailchimp.get().uri("/lists/{list}/webhooks", list)
        .headers(h -> h.setBasicAuth("anystring", (String) account.get("apiKey"))).retrieve().body(Map.class);
    return ((List<Map<String, Object>>) hooks.get("webhooks")).stream().map(h -> (String) h.get("url")).toList();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> mailchimpAccountByList(String list) {
    return ((List<Map<String, Object>>) credentials("mailchimp").get("accounts")).stream()
        .filter(a -> list.equals(a.get("listId"))).findFirst().orElseThrow();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
