package dev.switchboard.sandbox.vagaro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Vagaro emulator over plain HTTP: token flow and expiry, auth and error envelopes, locations/services/employees,
 * customer and appointment changes, paging, date filters, rate limits, per-account isolation, seed and reset.
 * Webhooks: {@link VagaroWebhooksTest}.
 */
class VagaroSandboxTest {

  static final String API = "/vagaro/us02/api/v2";
  static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-02T08:00:00Z"));
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", 50), CLOCK)
      .resetVendor("vagaro");
  static final Http ctl = sandbox.ctl();

  @BeforeEach
  void noRateLimit() {
    ctl.put("/_sandbox/config", Map.of("vendor", "vagaro", "requestsPerMinute", 10_000));
  }

  static Http.Res token(String clientId, String secret) {
    return ctl.post(API + "/merchants/generate-access-token",
        Map.of("clientId", clientId, "clientSecretKey", secret, "scope", "read write"));
  }

  /** An API client for account {@code n} (1-based), authenticated the way Vagaro clients are: header accessToken. */
  static Http api(int n) {
    String t = token("vagaro-sandbox-client-" + n, "vagaro-sandbox-secret-" + n).json().at("/data/access_token").asString();
    return new Http(sandbox.baseUrl() + API, Map.of("accessToken", t));
  }

  static String businessId(Http api, int i) {
    return api.post("/locations", Map.of()).json().at("/data/locations/" + i + "/businessId").asString();
  }

  static String customer(Http api, String first, String email, String phone) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customerFirstName", first);
    body.put("customerLastName", "Tester");
    body.put("email", email);
    body.put("mobilePhone", phone);
    Http.Res r = api.post("/customers/create", body);
    assertThat(r.status()).isEqualTo(200);
    return r.json().at("/data/customerId").asString();
  }

  static Map<String, Object> booking(String businessId, String customerId, String serviceId, String start) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("businessId", businessId);
    b.put("customerId", customerId);
    b.put("serviceId", serviceId);
    b.put("startTime", start);
    return b;
  }

  static void assertError(Http.Res r, int status, String field) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("responseCode").asInt()).isEqualTo(status);
    assertThat(r.json().get("message").asString()).isNotBlank();
    assertThat(r.json().at("/errors/" + field).asString()).isNotBlank();
  }

  @Test
  void tokenByClientCredentialsExpiresAfterAnHour() {
    Http.Res ok = token("vagaro-sandbox-client-1", "vagaro-sandbox-secret-1");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("status").asInt()).isEqualTo(200);
    assertThat(ok.json().get("responseCode").asInt()).isEqualTo(1000);
    assertThat(ok.json().at("/data/expires_in").asLong()).isEqualTo(3600);
    String t = ok.json().at("/data/access_token").asString();
    Http api = new Http(sandbox.baseUrl() + API, Map.of("accessToken", t));
    assertThat(api.post("/locations", null).status()).isEqualTo(200);

    assertError(token("vagaro-sandbox-client-1", "wrong"), 401, "exception");
    assertError(token("nobody", "vagaro-sandbox-secret-1"), 401, "exception");
    assertError(ctl.post(API + "/merchants/generate-access-token", Map.of("clientId", "vagaro-sandbox-client-1",
        "clientSecretKey", "vagaro-sandbox-secret-1")), 400, "scope");
    // credentials belong to their region
    assertError(ctl.post("/vagaro/us04/api/v2/merchants/generate-access-token", Map.of("clientId", "vagaro-sandbox-client-1",
        "clientSecretKey", "vagaro-sandbox-secret-1", "scope", "read")), 401, "exception");

    CLOCK.advance(Duration.ofSeconds(3599));
    assertThat(api.post("/locations", null).status()).isEqualTo(200);
    CLOCK.advance(Duration.ofSeconds(2));
    Http.Res expired = api.post("/locations", null);
    assertError(expired, 401, "exception");
    assertThat(expired.json().get("message").asString()).contains("expired");
  }

  @Test
  void authAndErrorEnvelopes() {
    String t = token("vagaro-sandbox-client-1", "vagaro-sandbox-secret-1").json().at("/data/access_token").asString();
    assertError(new Http(sandbox.baseUrl() + API, Map.of()).post("/customers", null), 401, "exception");
    assertError(new Http(sandbox.baseUrl() + API, Map.of("accessToken", "nope")).post("/customers", null), 401, "exception");
    // the token goes in the accessToken header, not Authorization: Bearer
    assertError(new Http(sandbox.baseUrl() + API, Map.of("Authorization", "Bearer " + t)).post("/customers", null), 401,
        "exception");
    assertError(new Http(sandbox.baseUrl() + "/vagaro/us03/api/v2", Map.of("accessToken", t)).post("/customers", null), 401,
        "exception");
    Http api = new Http(sandbox.baseUrl() + API, Map.of("accessToken", t));
    assertError(api.post("/no-such-thing", Map.of()), 404, "exception");
    assertError(api.get("/customers"), 405, "exception");
    assertError(api.post("/customers/create", "{not json"), 400, "exception");
    assertError(api.post("/customers", Map.of("pageSize", 101)), 400, "pageSize");
    assertError(api.post("/customers", Map.of("pageNumber", "x")), 400, "pageNumber");
  }

  @Test
  void locationsServicesAndEmployees() {
    Http api = api(1);
    JsonNode page1 = api.post("/locations", Map.of("pageSize", 1)).json().get("data");
    assertThat(page1.get("locations").size()).isEqualTo(1);
    assertThat(page1.get("totalRecords").asInt()).isEqualTo(2);
    assertThat(page1.get("nextPage").asInt()).isEqualTo(2);
    JsonNode page2 = api.post("/locations", Map.of("pageSize", 1, "pageNumber", 2)).json().get("data");
    assertThat(page2.get("nextPage").isNull()).isTrue();
    assertThat(page2.at("/locations/0/businessId").asString()).isNotEqualTo(page1.at("/locations/0/businessId").asString());
    assertThat(page1.at("/locations/0/businessGroupId").asString()).isNotBlank();

    JsonNode services = api.post("/services", Map.of("businessId", businessId(api, 0))).json().at("/data/services");
    assertThat(services.size()).isEqualTo(3);
    assertThat(services.get(0).get("durationMinutes").asInt()).isEqualTo(60);
    assertThat(services.get(0).at("/servicePerformedBy/0/serviceProviderId").asString()).isNotBlank();

    JsonNode employees = api.post("/employees", null).json().at("/data/employees");
    assertThat(employees.size()).isEqualTo(2);
    String id = employees.get(1).get("serviceProviderId").asString();
    JsonNode one = api.post("/employees", Map.of("serviceProviderId", id)).json().get("data");
    assertThat(one.get("employeeFirstName").asString()).isEqualTo(employees.get(1).get("employeeFirstName").asString());
    assertError(api.post("/employees", Map.of("serviceProviderId", "nope==")), 404, "serviceProviderId");
    assertError(api.post("/services", Map.of("businessId", businessId(api(2), 0))), 404, "businessId");
  }

  @Test
  void customersCreateSearchUpdate() {
    Http api = api(1);
    assertError(api.post("/customers/create", Map.of("customerLastName", "X")), 400, "customerFirstName");
    assertError(api.post("/customers/create", Map.of("customerFirstName", "A", "customerLastName", "B", "email", "bad")), 400,
        "email");
    String id = customer(api, "Ada", "ada@example.com", "+1 (555) 000-1111");
    Http.Res dup = api.post("/customers/create", Map.of("customerFirstName", "Ada", "customerLastName", "Two",
        "email", "ADA@example.com"));
    assertError(dup, 409, "email");
    customer(api, "Bob", "bob@example.com", "5550002222");

    JsonNode byEmail = api.post("/customers", Map.of("email", "Ada@Example.com")).json().at("/data/customers");
    assertThat(byEmail.size()).isEqualTo(1);
    assertThat(byEmail.get(0).get("customerId").asString()).isEqualTo(id);
    assertThat(byEmail.get(0).get("customerFirstName").asString()).isEqualTo("Ada");
    assertThat(byEmail.get(0).get("businessIds").size()).isEqualTo(1);
    JsonNode byPhone = api.post("/customers", Map.of("mobilePhone", "555-000-1111")).json().at("/data/customers");
    assertThat(byPhone.size()).isEqualTo(1);
    assertThat(byPhone.get(0).get("customerId").asString()).isEqualTo(id);
    assertThat(api.post("/customers", null).json().at("/data/totalRecords").asInt()).isEqualTo(2);

    String before = byEmail.get(0).get("modifiedDate").asString();
    JsonNode updated = api.post("/customers/update", Map.of("customerId", id, "email", "ada.l@example.com",
        "city", "Austin")).json().get("data");
    assertThat(updated.get("email").asString()).isEqualTo("ada.l@example.com");
    assertThat(updated.get("city").asString()).isEqualTo("Austin");
    assertThat(updated.get("modifiedDate").asString()).isGreaterThan(before);
    assertThat(api.post("/customers", Map.of("modifiedSince", updated.get("modifiedDate").asString())).json()
        .at("/data/customers/0/customerId").asString()).isEqualTo(id);
    assertError(api.post("/customers/update", Map.of("customerId", id, "email", "bob@example.com")), 409, "email");
    assertError(api.post("/customers/update", Map.of("customerId", "nope==", "city", "X")), 404, "customerId");
  }

  @Test
  void appointmentsBookRescheduleCompleteCancel() {
    Http api = api(1);
    String loc = businessId(api, 0);
    JsonNode services = api.post("/services", null).json().at("/data/services");
    String haircut = services.get(0).get("serviceId").asString();
    String provider = services.get(0).at("/servicePerformedBy/0/serviceProviderId").asString();
    String cust = customer(api, "Ada", "ada@example.com", "5550001111");

    assertError(api.post("/appointments/create", booking(loc, cust, haircut, null)), 400, "startTime");
    assertError(api.post("/appointments/create", booking(loc, "nope==", haircut, "2026-03-05T15:00:00Z")), 404, "customerId");
    assertError(api.post("/appointments/create", booking(loc, cust, haircut, "March 5")), 400, "startTime");
    JsonNode a = api.post("/appointments/create", booking(loc, cust, haircut, "2026-03-05T10:00:00-05:00")).json().get("data");
    assertThat(a.get("startTime").asString()).isEqualTo("2026-03-05T15:00:00Z");
    assertThat(a.get("endTime").asString()).isEqualTo("2026-03-05T16:00:00Z");
    assertThat(a.get("bookingStatus").asString()).isEqualTo("Confirmed");
    assertThat(a.get("appointmentTypeCode").asString()).isEqualTo("NNR");
    assertThat(a.get("appointmentTypeName").asString()).isEqualTo("New Non Request");
    assertThat(a.get("amount").decimalValue()).isEqualByComparingTo("65.00");
    assertThat(a.get("serviceProviderId").asString()).isEqualTo(provider);
    for (String f : List.of("appointmentId", "serviceTitle", "serviceId", "calendarEventId", "eventType", "onlineVsInhouse",
        "customerId", "businessId", "createdDate", "modifiedDate")) {
      assertThat(a.has(f)).as(f).isTrue();
    }
    String id = a.get("appointmentId").asString();
    // the provider is busy then; a request for them is refused, an unspecified one goes to the other provider
    Map<String, Object> clash = booking(loc, cust, haircut, "2026-03-05T15:30:00Z");
    clash.put("serviceProviderId", provider);
    assertError(api.post("/appointments/create", clash), 400, "startTime");
    JsonNode other = api.post("/appointments/create", booking(loc, cust, haircut, "2026-03-05T15:30:00Z")).json().get("data");
    assertThat(other.get("serviceProviderId").asString()).isNotEqualTo(provider);
    assertThat(other.get("appointmentTypeCode").asString()).isEqualTo("RNR");

    JsonNode moved = api.post("/appointments/update", Map.of("appointmentId", id, "startTime", "2026-03-06T09:00:00Z"))
        .json().get("data");
    assertThat(moved.get("endTime").asString()).isEqualTo("2026-03-06T10:00:00Z");
    assertThat(moved.get("modifiedDate").asString()).isGreaterThan(a.get("modifiedDate").asString());
    assertThat(api.post("/appointments/update", Map.of("appointmentId", id, "bookingStatus", "Service Complete")).json()
        .at("/data/bookingStatus").asString()).isEqualTo("Service Complete");
    assertError(api.post("/appointments/update", Map.of("appointmentId", id, "bookingStatus", "Done")), 400, "bookingStatus");
    JsonNode canceled = api.post("/appointments/cancel", Map.of("appointmentId", id)).json().get("data");
    assertThat(canceled.get("bookingStatus").asString()).isEqualTo("Cancel");
    assertThat(api.post("/appointments/cancel", Map.of("appointmentId", id)).json().at("/data/modifiedDate").asString())
        .isEqualTo(canceled.get("modifiedDate").asString());
    assertError(api.post("/appointments/update", Map.of("appointmentId", id, "startTime", "2026-03-07T09:00:00Z")), 400,
        "startTime");
    assertError(api.post("/appointments/cancel", Map.of("appointmentId", "nope==")), 404, "appointmentId");
    JsonNode read = api.post("/appointments", Map.of("appointmentId", id)).json().at("/data/appointments");
    assertThat(read.size()).isEqualTo(1);
    assertThat(read.get(0).get("bookingStatus").asString()).isEqualTo("Cancel");
  }

  @Test
  void pagingAndDateFiltersOverSeededAppointments() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "vagaro", "appointments", 60));
    Http api = api(1);
    List<String> starts = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int page = 1;
    int pages = 0;
    while (page > 0) {
      JsonNode data = api.post("/appointments", Map.of("pageSize", 7, "pageNumber", page)).json().get("data");
      assertThat(data.get("totalRecords").asInt()).isEqualTo(60);
      data.get("appointments").forEach(a -> {
        ids.add(a.get("appointmentId").asString());
        starts.add(a.get("startTime").asString());
      });
      pages++;
      page = data.get("nextPage").isNull() ? 0 : data.get("nextPage").asInt();
    }
    assertThat(pages).isEqualTo(9);
    assertThat(ids).hasSize(60);
    assertThat(starts).isSorted();
    assertThat(api.post("/appointments", Map.of("pageSize", 7, "pageNumber", 10)).json().at("/data/appointments").size())
        .isZero();

    LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
    String min = today.minusDays(90).toString();
    String max = today.toString();
    JsonNode window = api.post("/appointments", Map.of("startDate", min, "endDate", max, "pageSize", 100)).json().get("data");
    assertThat(window.get("totalRecords").asInt()).isPositive().isLessThan(60);
    window.get("appointments").forEach(a -> assertThat(a.get("startTime").asString().substring(0, 10)).isBetween(min, max));
    JsonNode statuses = api.post("/appointments", Map.of("endDate", today.minusDays(1).toString(), "pageSize", 100)).json();
    statuses.at("/data/appointments").forEach(a -> assertThat(a.get("bookingStatus").asString()).isIn("Service Complete", "Cancel"));
    assertThat(api.post("/appointments", Map.of("startDate", today.plusDays(1) + "T00:00:00Z", "pageSize", 100)).json()
        .at("/data/appointments/0/bookingStatus").asString()).isIn("Confirmed", "Cancel");
    assertError(api.post("/appointments", Map.of("startDate", max, "endDate", min)), 400, "endDate");
    assertError(api.post("/appointments", Map.of("startDate", "2026-13-01")), 400, "startDate");
  }

  @Test
  void rateLimitPerAccountWith429AndHeaders() {
    ctl.put("/_sandbox/config", Map.of("vendor", "vagaro", "requestsPerMinute", 3));
    Http api = api(1);
    Http.Res first = api.post("/locations", null);
    assertThat(first.header("X-RateLimit-Limit")).isEqualTo("3");
    assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("2");
    api.post("/locations", null);
    api.post("/locations", null);
    Http.Res limited = api.post("/locations", null);
    assertError(limited, 429, "exception");
    assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    assertThat(limited.header("X-RateLimit-Reset")).isEqualTo(limited.header("Retry-After"));
    // another account has its own budget
    assertThat(api(2).post("/locations", null).status()).isEqualTo(200);
    CLOCK.advance(Duration.ofSeconds(61));
    assertThat(api.post("/locations", null).status()).isEqualTo(200);

    ctl.put("/_sandbox/config", Map.of("vendor", "vagaro", "tokenRequestsPerMinute", 2));
    CLOCK.advance(Duration.ofSeconds(61));
    token("vagaro-sandbox-client-1", "x");
    token("vagaro-sandbox-client-1", "vagaro-sandbox-secret-1");
    Http.Res tooMany = token("vagaro-sandbox-client-1", "vagaro-sandbox-secret-1");
    assertError(tooMany, 429, "exception");
    assertThat(tooMany.header("Retry-After")).isNotBlank();
  }

  @Test
  void accountsAreIsolated() {
    Http one = api(1);
    Http two = api(2);
    String c1 = customer(one, "Ada", "ada@example.com", "5550001111");
    customer(two, "Ada", "ada@example.com", "5550001111"); // same e-mail is fine in another business group
    assertThat(one.post("/customers", null).json().at("/data/totalRecords").asInt()).isEqualTo(1);
    assertError(two.post("/customers/update", Map.of("customerId", c1, "city", "X")), 404, "customerId");
    assertThat(two.post("/customers", Map.of("customerId", c1)).json().at("/data/totalRecords").asInt()).isZero();
    assertThat(businessId(one, 0)).isNotEqualTo(businessId(two, 0));
    ctl.post("/_sandbox/seed", Map.of("vendor", "vagaro", "account", "vagaro-sandbox-client-2", "appointments", 5));
    assertThat(two.post("/appointments", null).json().at("/data/totalRecords").asInt()).isEqualTo(5);
    assertThat(one.post("/appointments", null).json().at("/data/totalRecords").asInt()).isZero();
  }

  @Test
  void seedResetFaultsAndCredentials() {
    JsonNode seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "vagaro", "contacts", 2, "records",
        List.of(Map.of("email", "jane@example.com", "firstname", "Jane", "lastname", "Doe", "phone", "+15551230000")))).json();
    assertThat(seeded.get("customers").asInt()).isEqualTo(3);
    Http api = api(1);
    JsonNode jane = api.post("/customers", Map.of("email", "jane@example.com")).json().at("/data/customers/0");
    assertThat(jane.get("customerFirstName").asString()).isEqualTo("Jane");
    assertThat(jane.get("customerLastName").asString()).isEqualTo("Doe");
    assertThat(jane.get("mobilePhone").asString()).isEqualTo("+15551230000");
    assertThat(api.post("/customers", Map.of("email", "seed-0002@example.com")).json().at("/data/totalRecords").asInt())
        .isEqualTo(1);
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "vagaro", "account", "nobody")).status()).isEqualTo(400);

    ctl.post("/_sandbox/faults", Map.of("vendor", "vagaro", "outage", true));
    assertError(api.post("/customers", null), 503, "exception");
    ctl.post("/_sandbox/faults", Map.of("vendor", "vagaro", "outage", false, "rateLimitStorm", true));
    Http.Res storm = api.post("/customers", null);
    assertError(storm, 429, "exception");
    assertThat(storm.header("Retry-After")).isEqualTo("1");

    ctl.post("/_sandbox/reset?vendor=vagaro", null);
    assertError(api.post("/customers", null), 401, "exception"); // tokens are gone with the reset
    assertThat(api(1).post("/customers", null).json().at("/data/totalRecords").asInt()).isZero();

    JsonNode creds = ctl.get("/_sandbox/credentials").json().get("vagaro");
    assertThat(creds.get("tokenUrl").asString()).isEqualTo(API + "/merchants/generate-access-token");
    assertThat(creds.get("tokenHeader").asString()).isEqualTo("accessToken");
    assertThat(creds.get("accounts").size()).isEqualTo(2);
    assertThat(creds.at("/accounts/1/clientId").asString()).isEqualTo("vagaro-sandbox-client-2");
    assertThat(creds.at("/accounts/1/clientSecretKey").asString()).isEqualTo("vagaro-sandbox-secret-2");
    assertThat(ctl.get("/_sandbox/counters").json().at("/vagaro/total").asLong()).isPositive();
  }
}
