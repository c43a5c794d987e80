package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** Seed 2 §1.2–1.5: POST /integrations/crm/hubspot/upsert. */
class CrmUpsertApiTests extends E2eSupport {

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }

  @Test
  void createsThenAnswersNoopForTheSamePayloadThenUpdates() {
    String email = email("api");
    Map<String, Object> attrs = Map.of("email", email.toUpperCase(), "firstname", "Api", "phone", "+1 415 555 0100");
    ResponseEntity<Map> created = upsert(body(attrs, key(email)));
    assertThat(created.getStatusCode().value()).isEqualTo(200);
    assertThat(created.getBody()).containsEntry("status", "created");
    String externalId = (String) created.getBody().get("external_id");
    assertThat(vendors.hubSpotContactByEmail(email).orElseThrow().get("hs_object_id")).isEqualTo(externalId);
    await().atMost(Duration.ofSeconds(15)).until(() -> vendors.mailchimpMember(email).isPresent());

    long hubspotCalls = vendors.writes("hubspot");
    ResponseEntity<Map> again = upsert(body(attrs, key(email)));
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(again.getBody()).containsEntry("status", "noop").containsEntry("external_id", externalId);
    assertThat(vendors.writes("hubspot")).isEqualTo(hubspotCalls);

    ResponseEntity<Map> updated = upsert(body(Map.of("email", email, "firstname", "Changed"), null));
    assertThat(updated.getBody()).containsEntry("status", "updated").containsEntry("external_id", externalId);
    assertThat(vendors.hubSpotContactByEmail(email).orElseThrow().get("firstname")).isEqualTo("Changed");
    assertThat(vendors.hubSpotContactsWithEmail(email)).isEqualTo(1);
  }

  @Test
  void aWriteTheCrmDidNotConfirmIsReportedQueuedAndNotRememberedAsDone() {
    String email = email("queued");
    vendors.faults(Map.of("vendor", "hubspot", "errorRate", 1.0));
    ResponseEntity<Map> queued = upsert(body(Map.of("email", email, "firstname", "Q"), null));
    assertThat(queued.getStatusCode().value()).isEqualTo(202);
    assertThat(queued.getBody()).containsEntry("status", "queued").containsEntry("external_id", null);

    vendors.clearFaults();
    // the retry reached HubSpot and the spine has recorded it (under load the contact can be visible while the write's
    // bookkeeping is still to commit, or to be redone after a lost lease: then the answer is rightly "queued" again)
    await().atMost(Duration.ofSeconds(15)).until(() -> vendors.hubSpotContactByEmail(email).isPresent()
        && jdbc.sql("select count(*) from outbox_task t join connection c on c.id = t.connection_id "
            + "where c.system = 'hubspot' and t.status in ('PENDING', 'WAITING')").query(Long.class).single() == 0);
    // the same payload again: the first answer was not a confirmation, so it is not replayed as one
    ResponseEntity<Map> again = upsert(body(Map.of("email", email, "firstname", "Q"), null));
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(again.getBody().get("external_id")).isEqualTo(vendors.hubSpotContactByEmail(email).orElseThrow().get("hs_object_id"));
  }

  @Test
  void badInputIsRefusedWithAReasonAndChangesNothing() {
    String email = email("bad");
    long hubspotCalls = vendors.writes("hubspot");
    assertError(upsert(body(Map.of("email", "not-an-email"), null)), 400, "invalid_email", "attributes.email");
    assertError(upsert(body(Map.of("email", email, "shoe_size", "42"), null)), 400, "unknown_field", "attributes.shoe_size");
    assertError(upsert(body(Map.of("email", email, "phone", "12"), null)), 400, "invalid_phone", "attributes.phone");
    assertError(upsert(body(Map.of("firstname", "NoEmail"), null)), 400, "missing_field", "attributes.email");
    assertError(upsert(body(Map.of("email", email), "0".repeat(64))), 422, "idempotency_key_mismatch", "idempotency_key");
    Map<String, Object> company = body(Map.of("email", email), null);
    company.put("type", "company");
    assertError(upsert(company), 422, "unsupported_type", "type");
    Map<String, Object> otherTenant = body(Map.of("email", email), null);
    otherTenant.put("tenant_id", "someone-else");
    assertError(upsert(otherTenant), 403, "tenant_mismatch", "tenant_id");
    var unreadable = api.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON)
        .body("{not json").retrieve().toEntity(Map.class);
    assertError(unreadable, 400, "invalid_json", null);
    assertThat(vendors.writes("hubspot")).isEqualTo(hubspotCalls);
    assertThat(vendors.hubSpotContactsWithEmail(email)).isZero();
  }

  /**
   * The upsert API validates phones against the tenant's own region, the one the engine cleans them with: what it
   * accepts is stored in the form the tenant meant.
   */
  @Test
  void phonesAreValidatedAndStoredInTheTenantsRegion() {
    try {
      ResponseEntity<Map> gb = settings(Map.of("default_region", "gb"));
      assertThat(gb.getStatusCode().value()).as(String.valueOf(gb.getBody())).isEqualTo(200);
      assertThat(gb.getBody()).containsEntry("default_region", "GB");
      assertThat(api.get().uri("/api/settings").retrieve().body(Map.class)).containsEntry("default_region", "GB");

      String london = email("london");
      ResponseEntity<Map> created = upsert(body(Map.of("email", london, "phone", "020 7946 0958"), null));
      assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(200);
      assertThat(created.getBody()).containsEntry("status", "created");
      assertThat(vendors.hubSpotContactByEmail(london).orElseThrow().get("phone")).isEqualTo("+442079460958");

      assertThat(settings(Map.of("default_region", "US")).getBody()).containsEntry("default_region", "US");
      assertError(upsert(body(Map.of("email", email("boston"), "phone", "020 7946 0958"), null)), 400,
          "invalid_phone", "attributes.phone");
    } finally {
      settings(Map.of("default_region", "US"));
    }
  }

  @Test
  void theRegionMustBeAnIsoCountryCode() {
    for (String bad : List.of("XX", "GBR", "", "1A", "uk")) {
      assertError(settings(Map.of("default_region", bad)), 400, "invalid_value", "default_region");
    }
    assertError(settings(Map.of()), 400, "missing_field", "default_region");
    assertThat(api.get().uri("/api/settings").retrieve().body(Map.class)).containsEntry("default_region", "US");
  }

  private ResponseEntity<Map> settings(Map<String, Object> body) {
    return api.patch().uri("/api/settings").contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
        .toEntity(Map.class);
  }

  @Test
  void everyApiRouteNeedsAValidToken() {
    RestClient anonymous = RestClient.builder().baseUrl("http://127.0.0.1:" + appPort)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
    assertThat(anonymous.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON)
        .body(body(Map.of("email", "x@example.com"), null)).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.get().uri("/api/dead-letters").header("Authorization", "Bearer sbt_wrong")
        .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.get().uri("/actuator/prometheus").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.get().uri("/").retrieve().toBodilessEntity().getStatusCode().is3xxRedirection()
        || anonymous.get().uri("/").retrieve().toBodilessEntity().getStatusCode().value() == 401).isTrue();
    assertThat(anonymous.get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
    String scraper = tokens.issue(TENANT, "prometheus", dev.switchboard.app.connections.ApiTokens.METRICS, null, "test").token();
    String metrics = anonymous.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + scraper)
        .retrieve().body(String.class);
    assertThat(metrics).contains("switchboard_vendor_call_seconds");
  }

  private static void assertError(ResponseEntity<Map> res, int status, String code, String field) {
    assertThat(res.getStatusCode().value()).isEqualTo(status);
    assertThat(res.getBody()).containsEntry("error_code", code).containsEntry("field", field);
  }

  private ResponseEntity<Map> upsert(Map<String, Object> body) {
    return api.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON).body(body)
        .retrieve().toEntity(Map.class);
  }

  private static Map<String, Object> body(Map<String, Object> attributes, String key) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("tenant_id", TENANT);
    b.put("type", "contact");
    b.put("attributes", attributes);
    b.put("idempotency_key", key);
    b.put("correlation_id", "test-" + System.nanoTime());
    return b;
  }

  static String key(String email) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest((TENANT + "hubspot" + "contact" + email.toLowerCase()).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
