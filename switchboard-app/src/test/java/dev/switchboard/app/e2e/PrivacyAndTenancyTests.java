package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** No personal data or secret in logs or at rest in clear; one tenant sees nothing of another. */
@ExtendWith(OutputCaptureExtension.class)
class PrivacyAndTenancyTests extends E2eSupport {
  @Autowired JdbcClient db;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of("logging.level.dev.switchboard", "DEBUG"));
  }

  @Test
  void personalDataAndSecretsNeverReachTheLogsOrTheDatabaseInClear(CapturedOutput output) {
    String email = email("private.person");
    String phone = "+14155550177";
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Private", "phone", "(415) 555-0177"));
    await().atMost(Duration.ofSeconds(15)).until(() -> vendors.mailchimpMember(email).isPresent());
    // a vendor error that quotes the address back must not leak it either
    vendors.faults(Map.of("vendor", "mailchimp", "errorRate", 1.0));
    vendors.editInHubSpotUi(vendors.hubSpotContactByEmail(email).orElseThrow().get("hs_object_id").toString(),
        Map.of("firstname", "Changed"));
    await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("mailchimp answered 503"));

    // through the upsert API too: its idempotency key is SHA-256 of tenant + system + type + e-mail
    String viaApi = email("private.api");
    var upsert = api.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("tenant_id", TENANT, "type", "contact", "attributes", Map.of("email", viaApi)))
        .retrieve().toEntity(Map.class);
    assertThat(upsert.getStatusCode().is2xxSuccessful()).isTrue();
    String idempotencyKey = String.valueOf(upsert.getBody().get("idempotency_key"));
    // a Mailchimp member id is the MD5 of the e-mail: reversible with a dictionary of e-mails, so never in clear
    List<String> reversible = List.of(Vendors.md5(email), Vendors.md5(viaApi), idempotencyKey);

    String logs = output.getAll();
    assertThat(logs).doesNotContain(email).doesNotContain(phone).doesNotContain("415) 555-0177")
        .doesNotContain(Vendors.HUBSPOT_TOKEN).doesNotContain(Vendors.MAILCHIMP_KEY)
        .doesNotContain("sandbox-hubspot-client-secret").doesNotContain(API_TOKEN)
        .doesNotContain(reversible.get(0)).doesNotContain(reversible.get(1));
    // at rest: credentials, golden records, links, history and inbox payloads are ciphertext; ids are keyed hashes
    for (String table : List.of("connection", "golden_record", "record_link", "record_history", "inbox_event",
        "identity_key", "domain_event", "alert", "outbox_task", "sync_job", "idempotency_record", "record_projection")) {
      String dump = db.sql("select * from " + table).query().listOfRows().toString();
      assertThat(dump).as(table).doesNotContain(email).doesNotContain(phone)
          .doesNotContain(Vendors.HUBSPOT_TOKEN).doesNotContain(Vendors.MAILCHIMP_KEY);
      reversible.forEach(id -> assertThat(dump).as(table).doesNotContain(id));
    }
  }

  @Test
  void anotherTenantSeesNothing() {
    tenants.ensure("other", "Other shop", "GB");
    String otherToken = tokens.issue("other", "tests", ApiTokens.WRITE, null, "tests").token();
    RestClient other = RestClient.builder().baseUrl("http://127.0.0.1:" + appPort)
        .defaultHeader("Authorization", "Bearer " + otherToken)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
    String email = email("tenant.a");
    vendors.createHubSpotContact(Map.of("email", email));
    await().atMost(Duration.ofSeconds(15)).until(() -> vendors.mailchimpMember(email).isPresent());

    assertThat(other.get().uri("/api/connections").retrieve().body(List.class)).isEmpty();
    assertThat(other.get().uri("/api/events").retrieve().body(List.class)).isEmpty();
    assertThat(other.get().uri("/api/dead-letters").retrieve().body(List.class)).isEmpty();
    assertThat(other.get().uri("/api/status").retrieve().body(Map.class)).containsEntry("golden_records", 0);
    assertThat(api.get().uri("/api/events").retrieve().body(List.class)).isNotEmpty();
    // the other tenant has no HubSpot connection: its upsert is refused, and it cannot act as the default tenant
    var own = other.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("tenant_id", "other", "type", "contact", "attributes", Map.of("email", email)))
        .retrieve().toEntity(Map.class);
    assertThat(own.getStatusCode().value()).isEqualTo(409);
    assertThat(own.getBody()).containsEntry("error_code", "not_connected");
    var impersonate = other.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("tenant_id", TENANT, "type", "contact", "attributes", Map.of("email", email)))
        .retrieve().toEntity(Map.class);
    assertThat(impersonate.getStatusCode().value()).isEqualTo(403);
    var replay = other.post().uri("/api/dead-letters/1/replay").retrieve().toEntity(Map.class);
    assertThat(replay.getStatusCode().value()).isEqualTo(404);
  }
}
