package dev.switchboard.sandbox.acuity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Acuity emulator over plain HTTP: filters, mutations, clients, webhooks (signed), auth, errors, limits. */
class AcuitySandboxTest {

  static final String USER = "21000001";
  static final String KEY = "acuity-sandbox-api-key";
  static final String BASE = "/acuity/api/v1";
  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
  static final ZoneId NY = ZoneId.of("America/New_York");
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", 50))
      .withReceiver().resetVendor("acuity");
  static final Http api = sandbox.http(BASE, Map.of("Authorization", basic(USER, KEY)));
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  @BeforeEach
  void noRateLimit() {
    ctl.put("/_sandbox/config", Map.of("vendor", "acuity", "requestsPerSecond", 10_000));
  }

  static String basic(String user, String key) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** Independent implementation of Acuity's documented scheme: base64(HMAC-SHA256(apiKey, rawBody)). */
  static String hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  static String at(int daysFromNow, int hour) {
    return ISO.format(LocalDate.now(NY).plusDays(daysFromNow).atTime(hour, 0).atZone(NY));
  }

  static Map<String, Object> booking(String datetime, String email) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("datetime", datetime);
    b.put("appointmentTypeID", 5001);
    b.put("firstName", "Ada");
    b.put("lastName", "Lovelace");
    b.put("email", email);
    b.put("phone", "+15550001111");
    b.put("fields", List.of(Map.of("id", 1, "value", "yes")));
    return b;
  }

  static List<OffsetDateTime> starts(JsonNode list) {
    List<OffsetDateTime> out = new ArrayList<>();
    list.forEach(a -> out.add(OffsetDateTime.parse(a.get("datetime").asString(), ISO)));
    return out;
  }

  @Test
  void seededWindowFiltersAndOrdering() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "acuity", "appointments", 60));
    JsonNode all = api.get("/appointments?max=1000").json();
    JsonNode all2 = api.get("/appointments?showall=true&max=1000").json();
    assertThat(all2.size()).isEqualTo(60);
    JsonNode canceled = api.get("/appointments?canceled=true&max=1000").json();
    assertThat(all.size() + canceled.size()).isEqualTo(60);
    canceled.forEach(a -> assertThat(a.get("canceled").asBoolean()).isTrue());
    all.forEach(a -> assertThat(a.get("canceled").asBoolean()).isFalse());
    // default order DESC by start; ASC on request
    List<OffsetDateTime> desc = starts(all);
    for (int i = 1; i < desc.size(); i++) {
      assertThat(desc.get(i - 1)).isAfterOrEqualTo(desc.get(i));
    }
    List<OffsetDateTime> asc = starts(api.get("/appointments?direction=ASC&max=1000").json());
    assertThat(asc.getFirst()).isEqualTo(desc.getLast());
    // spread: some older than 90 days, some in the future
    OffsetDateTime now = OffsetDateTime.now();
    assertThat(desc).anyMatch(t -> t.isBefore(now.minusDays(90))).anyMatch(t -> t.isAfter(now));
    // the 90-day window
    String min = LocalDate.now(NY).minusDays(90).toString();
    String max = LocalDate.now(NY).toString();
    JsonNode window = api.get("/appointments?max=1000&minDate=" + min + "&maxDate=" + max).json();
    assertThat(window.size()).isPositive().isLessThan(all.size());
    starts(window).forEach(t -> assertThat(t.atZoneSameInstant(NY).toLocalDate().toString()).isBetween(min, max));
    // max and default 100
    assertThat(api.get("/appointments?max=5").json().size()).isEqualTo(5);
    ctl.post("/_sandbox/seed", Map.of("vendor", "acuity", "appointments", 120));
    assertThat(api.get("/appointments").json().size()).isEqualTo(100);
    // calendar / type filters
    api.get("/appointments?calendarID=4002&max=1000").json().forEach(a -> assertThat(a.get("calendarID").asLong()).isEqualTo(4002));
    api.get("/appointments?appointmentTypeID=5002&max=1000").json()
        .forEach(a -> assertThat(a.get("appointmentTypeID").asLong()).isEqualTo(5002));
  }

  @Test
  void seedRecordsAndEmailFilter() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "acuity", "appointments", 6, "records",
        List.of(Map.of("email", "jane@example.com", "firstname", "Jane", "lastname", "Doe", "phone", "+15551230000"),
            Map.of("email", "joe@example.com", "firstname", "Joe", "lastname", "Roe"))));
    JsonNode jane = api.get("/appointments?showall=true&email=JANE@example.com").json();
    assertThat(jane.size()).isEqualTo(3);
    jane.forEach(a -> {
      assertThat(a.get("firstName").asString()).isEqualTo("Jane");
      assertThat(a.get("phone").asString()).isEqualTo("+15551230000");
    });
    assertThat(api.get("/appointments?showall=true&firstName=Joe&lastName=Roe").json().size()).isEqualTo(3);
    assertThat(api.get("/clients?search=jane").json().get(0).get("email").asString()).isEqualTo("jane@example.com");
  }

  @Test
  void createGetUpdateCancelReschedule() {
    Http.Res created = api.post("/appointments", booking(at(3, 10), "ada@example.com"));
    assertThat(created.status()).isEqualTo(200);
    JsonNode a = created.json();
    long id = a.get("id").asLong();
    for (String f : List.of("id", "firstName", "lastName", "phone", "email", "date", "time", "endTime", "dateCreated",
        "datetimeCreated", "datetime", "price", "priceSold", "paid", "amountPaid", "type", "appointmentTypeID", "classID",
        "duration", "calendar", "calendarID", "canClientCancel", "canClientReschedule", "canceled", "location", "notes",
        "timezone", "calendarTimezone", "forms", "labels", "confirmationPage")) {
      assertThat(a.has(f)).as(f).isTrue();
    }
    assertThat(a.get("datetime").asString()).isEqualTo(at(3, 10));
    assertThat(a.get("time").asString()).isEqualTo("10:00am");
    assertThat(a.get("endTime").asString()).isEqualTo("11:00am");
    assertThat(a.get("duration").asString()).isEqualTo("60");
    assertThat(a.get("calendarID").asLong()).isEqualTo(4001);
    assertThat(a.get("forms").get(0).get("values").get(0).get("value").asString()).isEqualTo("yes");
    assertThat(api.get("/appointments/" + id).json().get("email").asString()).isEqualTo("ada@example.com");

    // double booking the same slot is refused for clients, allowed for admins
    Http.Res clash = api.post("/appointments", booking(at(3, 10), "bob@example.com"));
    assertThat(clash.status()).isEqualTo(400);
    assertThat(clash.json().get("error").asString()).isEqualTo("not_available");
    assertThat(api.post("/appointments?admin=true", booking(at(3, 10), "bob@example.com")).status()).isEqualTo(200);

    JsonNode updated = api.put("/appointments/" + id, Map.of("email", "ada.l@example.com", "notes", "VIP")).json();
    assertThat(updated.get("email").asString()).isEqualTo("ada.l@example.com");
    assertThat(updated.get("notes").asString()).isEqualTo("VIP");

    JsonNode moved = api.put("/appointments/" + id + "/reschedule", Map.of("datetime", at(5, 14), "calendarID", 4002)).json();
    assertThat(moved.get("datetime").asString()).isEqualTo(at(5, 14));
    assertThat(moved.get("calendarID").asLong()).isEqualTo(4002);

    JsonNode canceled = api.put("/appointments/" + id + "/cancel", Map.of("cancelNote", "sick")).json();
    assertThat(canceled.get("canceled").asBoolean()).isTrue();
    assertThat(api.get("/appointments?canceled=true").json().get(0).get("id").asLong()).isEqualTo(id);
    Http.Res again = api.put("/appointments/" + id + "/reschedule", Map.of("datetime", at(6, 9)));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("error").asString()).isEqualTo("reschedule_canceled");
  }

  @Test
  void validationErrors() {
    Map<String, Object> noDate = booking(at(1, 9), "x@example.com");
    noDate.remove("datetime");
    Http.Res r = api.post("/appointments", noDate);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("status_code").asInt()).isEqualTo(400);
    assertThat(r.json().get("error").asString()).isEqualTo("required_datetime");
    Map<String, Object> badType = booking(at(1, 9), "x@example.com");
    badType.put("appointmentTypeID", 999);
    assertThat(api.post("/appointments", badType).json().get("error").asString()).isEqualTo("invalid_appointment_type");
    Map<String, Object> badCal = booking(at(1, 9), "x@example.com");
    badCal.put("calendarID", 42);
    assertThat(api.post("/appointments", badCal).json().get("error").asString()).isEqualTo("invalid_calendar");
    Http.Res notJson = api.post("/appointments", "{nope");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().get("message").asString()).isEqualTo("Expected a JSON object.");
  }

  @Test
  void clientsCreateSearchUpdate() {
    assertThat(api.post("/clients", Map.of("firstName", "Grace", "lastName", "Hopper", "email", "grace@example.com",
        "phone", "5551112222")).status()).isEqualTo(200);
    assertThat(api.post("/clients", Map.of("firstName", "Only")).json().get("error").asString()).isEqualTo("required_lastname");
    JsonNode found = api.get("/clients?search=hopper").json();
    assertThat(found.size()).isEqualTo(1);
    JsonNode upd = api.put("/clients?firstName=Grace&lastName=Hopper&phone=5551112222", Map.of("email", "g.hopper@example.com")).json();
    assertThat(upd.get("email").asString()).isEqualTo("g.hopper@example.com");
    assertThat(api.put("/clients?firstName=No&lastName=Body", Map.of("notes", "x")).status()).isEqualTo(404);
    // booking creates the client record
    api.post("/appointments", booking(at(2, 11), "ada@example.com"));
    assertThat(api.get("/clients?search=ada@example.com").json().size()).isEqualTo(1);
  }

  @Test
  void catalogAndMe() {
    assertThat(api.get("/me").json().get("id").asLong()).isEqualTo(Long.parseLong(USER));
    JsonNode cals = api.get("/calendars").json();
    assertThat(cals.size()).isEqualTo(2);
    assertThat(cals.get(0).get("timezone").asString()).isEqualTo("America/New_York");
    JsonNode types = api.get("/appointment-types").json();
    assertThat(types.get(0).get("duration").asInt()).isEqualTo(60);
    assertThat(types.get(0).get("calendarIDs").size()).isEqualTo(2);
  }

  @Test
  void webhooksCrudAndLimit() {
    Http.Res created = api.post("/webhooks", Map.of("event", "appointment.scheduled", "target", "https://example.com/hook"));
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().get("status").asString()).isEqualTo("active");
    long id = created.json().get("id").asLong();
    assertThat(api.post("/webhooks", Map.of("event", "appointment.nope", "target", "https://example.com/h")).status()).isEqualTo(400);
    for (int i = 1; i < 25; i++) {
      assertThat(api.post("/webhooks", Map.of("event", "appointment.changed", "target", "https://example.com/" + i)).status())
          .isEqualTo(200);
    }
    assertThat(api.get("/webhooks").json().size()).isEqualTo(25);
    Http.Res over = api.post("/webhooks", Map.of("event", "appointment.changed", "target", "https://example.com/26"));
    assertThat(over.status()).isEqualTo(400);
    assertThat(over.json().get("status_code").asInt()).isEqualTo(400);
    assertThat(api.delete("/webhooks/" + id).status()).isIn(200, 204);
    assertThat(api.get("/webhooks").json().size()).isEqualTo(24);
    assertThat(api.delete("/webhooks/" + id).status()).isEqualTo(404);
  }

  @Test
  void signedFormEncodedDeliveriesForApiAndClientPageChanges() throws Exception {
    for (String e : List.of("scheduled", "rescheduled", "canceled", "changed")) {
      api.post("/webhooks", Map.of("event", "appointment." + e, "target", receiver.url("/acuity/" + e)));
    }
    long id = api.post("/appointments", booking(at(4, 9), "hook@example.com")).json().get("id").asLong();
    api.put("/appointments/" + id + "/reschedule", Map.of("datetime", at(4, 13)));
    // a client cancelling on Acuity's own scheduling page (not through the API) also notifies
    assertThat(ctl.post("/acuity/_sandbox/client-cancel/" + id, Map.of("cancelNote", "busy")).status()).isEqualTo(200);
    long booked = ctl.post("/acuity/_sandbox/client-book", booking(at(8, 9), "page@example.com")).json().get("id").asLong();
    ctl.post("/acuity/_sandbox/client-reschedule/" + booked, Map.of("datetime", at(8, 15)));

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.posts().size() >= 10);
    List<String> seen = new ArrayList<>();
    for (WebhookReceiver.Received r : receiver.posts()) {
      assertThat(r.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
      assertThat(r.header("X-Acuity-Signature")).isEqualTo(hmac(KEY, r.body()));
      Map<String, String> f = Http.decodeForm(r.body());
      assertThat(f.keySet()).containsExactly("action", "id", "calendarID", "appointmentTypeID");
      assertThat(r.path()).isEqualTo("/acuity/" + f.get("action"));
      seen.add(f.get("action") + ":" + f.get("id"));
    }
    assertThat(seen).contains("scheduled:" + id, "rescheduled:" + id, "canceled:" + id, "changed:" + id,
        "scheduled:" + booked, "rescheduled:" + booked, "changed:" + booked);
    // and the appointment fetched by the id in the webhook is canceled
    assertThat(api.get("/appointments/" + id).json().get("canceled").asBoolean()).isTrue();
  }

  @Test
  void staticWebhookRetriesUntilAccepted() throws Exception {
    ctl.put("/_sandbox/config", Map.of("vendor", "acuity", "staticWebhookUrl", receiver.url("/static")));
    receiver.status.set(500);
    api.post("/appointments", booking(at(9, 9), "retry@example.com"));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 2);
    receiver.status.set(200);
    int before = receiver.posts().size();
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.posts().size() > before);
    WebhookReceiver.Received last = receiver.posts().getLast();
    assertThat(Http.decodeForm(last.body()).get("action")).isEqualTo("scheduled");
    assertThat(last.header("X-Acuity-Signature")).isEqualTo(hmac(KEY, last.body()));
  }

  @Test
  void authAndErrorShapes() {
    Http.Res none = new Http(sandbox.baseUrl() + BASE, Map.of()).get("/appointments");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("status_code").asInt()).isEqualTo(401);
    assertThat(none.json().get("message").asString()).isEqualTo("Unauthorized");
    assertThat(none.json().get("error").asString()).isEqualTo("unauthorized");
    assertThat(new Http(sandbox.baseUrl() + BASE, Map.of("Authorization", basic(USER, "wrong"))).get("/me").status()).isEqualTo(401);
    assertThat(new Http(sandbox.baseUrl() + BASE, Map.of("Authorization", "Bearer nope")).get("/me").status()).isEqualTo(401);
    Http.Res missing = api.get("/appointments/12345");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("error").asString()).isEqualTo("not_found");
    assertThat(missing.json().get("status_code").asInt()).isEqualTo(404);
    assertThat(api.get("/appointments/abc").status()).isEqualTo(404);
    Http.Res unmapped = api.get("/no-such-thing");
    assertThat(unmapped.status()).isEqualTo(404);
    assertThat(unmapped.json().get("error").asString()).isEqualTo("not_found");
  }

  @Test
  void oauthCodeFlowGivesBearerToken() throws Exception {
    HttpClient noRedirect = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String redirect = "http://127.0.0.1:9/callback";
    String authorize = sandbox.baseUrl() + "/acuity/oauth2/authorize?response_type=code&scope=api-v1&client_id=sandbox-acuity-client-id"
        + "&redirect_uri=" + redirect + "&state=xyz";
    HttpResponse<String> r = noRedirect.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(302);
    String location = r.headers().firstValue("Location").orElseThrow();
    Map<String, String> q = Http.decodeForm(URI.create(location).getRawQuery());
    assertThat(q.get("state")).isEqualTo("xyz");
    Http.Res token = ctl.postForm("/acuity/oauth2/token", Map.of("grant_type", "authorization_code", "code", q.get("code"),
        "redirect_uri", redirect, "client_id", "sandbox-acuity-client-id", "client_secret", "sandbox-acuity-client-secret"));
    assertThat(token.status()).isEqualTo(200);
    String access = token.json().get("access_token").asString();
    Http bearer = new Http(sandbox.baseUrl() + BASE, Map.of("Authorization", "Bearer " + access));
    assertThat(bearer.get("/me").status()).isEqualTo(200);
    // codes are single use
    assertThat(ctl.postForm("/acuity/oauth2/token", Map.of("grant_type", "authorization_code", "code", q.get("code"),
        "redirect_uri", redirect, "client_id", "sandbox-acuity-client-id", "client_secret", "sandbox-acuity-client-secret"))
        .status()).isEqualTo(400);
    // wrong scope is refused with an error redirect
    HttpResponse<String> bad = noRedirect.send(HttpRequest.newBuilder(URI.create(authorize.replace("api-v1", "admin"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.headers().firstValue("Location").orElseThrow()).contains("error=invalid_scope");
  }

  @Test
  void rateLimitAnswers429InAcuityShape() {
    ctl.put("/_sandbox/config", Map.of("vendor", "acuity", "requestsPerSecond", 3));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      statuses.add(api.get("/me").status());
    }
    assertThat(statuses).contains(429);
    Http.Res limited = api.get("/me");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("error").asString()).isEqualTo("too_many_requests");
    assertThat(limited.json().get("message").asString()).contains("10req/s");
    await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).until(() -> api.get("/me").status() == 200);
    // the concurrency cap answers the same way (0 allowed in flight: every call is refused)
    ctl.put("/_sandbox/config", Map.of("vendor", "acuity", "requestsPerSecond", 10_000, "maxConcurrent", 0));
    assertThat(api.get("/me").json().get("error").asString()).isEqualTo("too_many_requests");
  }
}
