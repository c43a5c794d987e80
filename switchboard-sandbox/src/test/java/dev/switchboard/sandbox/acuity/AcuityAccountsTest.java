package dev.switchboard.sandbox.acuity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Several isolated Acuity accounts in one instance (default two): each user id + API key (or OAuth token) reaches
 * only its own appointments, clients, calendars and webhooks; each account has its own rate budget; OAuth logs into
 * a chosen account; webhooks from account 2 carry account 2's ids and its signature; controls seed and list per
 * account and reset all.
 */
class AcuityAccountsTest {

  static final String BASE = "/acuity/api/v1";
  static final String USER_2 = "21000002";
  static final String KEY_2 = "acuity-sandbox-api-key-2";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", 20)).withReceiver();
  static final Http one = sandbox.http(BASE, Map.of("Authorization", AcuitySandboxTest.basic("21000001", "acuity-sandbox-api-key")));
  static final Http two = sandbox.http(BASE, Map.of("Authorization", AcuitySandboxTest.basic(USER_2, KEY_2)));
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();

  @BeforeEach
  void noRateLimit() {
    ctl.put("/_sandbox/config", Map.of("vendor", "acuity", "requestsPerSecond", 10_000));
  }

  static Map<String, Object> booking(long typeId, String email) {
    Map<String, Object> b = new LinkedHashMap<>(AcuitySandboxTest.booking(AcuitySandboxTest.at(3, 10), email));
    b.put("appointmentTypeID", typeId);
    return b;
  }

  static String oauthToken(String accountParam) {
    String redirect = "http://127.0.0.1:9/cb";
    Http.Res r = ctl.get("/acuity/oauth2/authorize?response_type=code&scope=api-v1&client_id=sandbox-acuity-client-id"
        + "&redirect_uri=" + redirect + accountParam);
    assertThat(r.status()).isEqualTo(302);
    String code = Http.decodeForm(URI.create(r.header("Location")).getRawQuery()).get("code");
    return ctl.postForm("/acuity/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", redirect, "client_id", "sandbox-acuity-client-id", "client_secret", "sandbox-acuity-client-secret"))
        .json().get("access_token").asString();
  }

  @Test
  void credentialsListEveryAccountAndKeepAccountOneAtTheTop() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("acuity");
    assertThat(c.get("userId").asString()).isEqualTo("21000001");
    assertThat(c.get("apiKey").asString()).isEqualTo("acuity-sandbox-api-key");
    assertThat(c.get("accounts").size()).isEqualTo(2);
    assertThat(c.at("/accounts/0/userId").asString()).isEqualTo("21000001");
    assertThat(c.at("/accounts/1/account").asInt()).isEqualTo(2);
    assertThat(c.at("/accounts/1/userId").asString()).isEqualTo(USER_2);
    assertThat(c.at("/accounts/1/apiKey").asString()).isEqualTo(KEY_2);
    assertThat(c.at("/accounts/1/calendarIDs/0").asLong()).isEqualTo(4101);

    assertThat(two.get("/me").json().get("id").asLong()).isEqualTo(21000002L);
    assertThat(two.get("/me").json().get("name").asString()).isEqualTo("Sandbox Scheduling 2");
    assertThat(two.get("/calendars").json().get(0).get("id").asLong()).isEqualTo(4101);
    assertThat(two.get("/appointment-types").json().get(0).get("id").asLong()).isEqualTo(5101);
    assertThat(one.get("/calendars").json().get(0).get("id").asLong()).isEqualTo(4001);
    // a key of one account with the other's user id is no credential at all
    Http mixed = sandbox.http(BASE, Map.of("Authorization", AcuitySandboxTest.basic("21000001", KEY_2)));
    assertThat(mixed.get("/me").status()).isEqualTo(401);
  }

  @Test
  void appointmentsClientsAndWebhooksOfOneAccountAreInvisibleToTheOther() {
    long id = one.post("/appointments", booking(5001, "ada@example.com")).json().get("id").asLong();
    assertThat(two.get("/appointments").json().size()).isZero();
    assertThat(two.get("/appointments/" + id).status()).isEqualTo(404);
    assertThat(two.put("/appointments/" + id + "/cancel", Map.of()).status()).isEqualTo(404);
    assertThat(two.get("/clients").json().size()).isZero();
    // account 1's appointment type and calendar do not exist in account 2
    assertThat(two.post("/appointments", booking(5001, "ada@example.com")).json().get("error").asString())
        .isEqualTo("invalid_appointment_type");
    Map<String, Object> otherCalendar = booking(5101, "ada@example.com");
    otherCalendar.put("calendarID", 4001);
    assertThat(two.post("/appointments", otherCalendar).json().get("error").asString()).isEqualTo("invalid_calendar");

    // the same slot is free in account 2: its calendars are its own
    Http.Res booked = two.post("/appointments", booking(5101, "ada@example.com"));
    assertThat(booked.status()).isEqualTo(200);
    assertThat(booked.json().get("id").asLong()).isNotEqualTo(id);
    assertThat(booked.json().get("calendarID").asLong()).isEqualTo(4101);
    assertThat(one.get("/appointments").json().size()).isEqualTo(1);

    long hook = one.post("/webhooks", Map.of("event", "appointment.scheduled", "target", "https://example.com/h"))
        .json().get("id").asLong();
    assertThat(two.get("/webhooks").json().size()).isZero();
    assertThat(two.delete("/webhooks/" + hook).status()).isEqualTo(404);
    // 25 webhooks per account: account 2 still has all of its own after account 1 filled up
    for (int i = 1; i < 25; i++) {
      one.post("/webhooks", Map.of("event", "appointment.scheduled", "target", "https://example.com/h" + i));
    }
    assertThat(one.post("/webhooks", Map.of("event", "appointment.scheduled", "target", "https://example.com/x")).status())
        .isEqualTo(400);
    assertThat(two.post("/webhooks", Map.of("event", "appointment.scheduled", "target", "https://example.com/x")).status())
        .isEqualTo(200);
  }

  @Test
  void oauthIntoAccountTwoReachesOnlyAccountTwo() {
    two.post("/appointments", booking(5101, "two@example.com"));
    Http bearer = sandbox.http(BASE, Map.of("Authorization", "Bearer " + oauthToken("&account=2")));
    assertThat(bearer.get("/me").json().get("id").asLong()).isEqualTo(21000002L);
    assertThat(bearer.get("/appointments").json().get(0).get("email").asString()).isEqualTo("two@example.com");
    Http first = sandbox.http(BASE, Map.of("Authorization", "Bearer " + oauthToken("")));
    assertThat(first.get("/me").json().get("id").asLong()).isEqualTo(21000001L);
    assertThat(first.get("/appointments").json().size()).isZero();
    assertThat(ctl.get("/acuity/oauth2/authorize?response_type=code&scope=api-v1&client_id=sandbox-acuity-client-id"
        + "&redirect_uri=http://127.0.0.1:9/cb&account=3").status()).isEqualTo(400);
  }

  @Test
  void webhooksFromAccountTwoCarryItsIdsAndSignature() throws Exception {
    two.post("/webhooks", Map.of("event", "appointment.scheduled", "target", receiver.url("/two")));
    one.post("/webhooks", Map.of("event", "appointment.scheduled", "target", receiver.url("/one")));
    long id = two.post("/appointments", booking(5101, "hook@example.com")).json().get("id").asLong();
    await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.posts().isEmpty());
    Thread.sleep(200); // nothing else may follow
    assertThat(receiver.posts()).hasSize(1);
    WebhookReceiver.Received r = receiver.posts().getFirst();
    assertThat(r.path()).isEqualTo("/two");
    Map<String, String> form = Http.decodeForm(r.body());
    assertThat(form.get("id")).isEqualTo(String.valueOf(id));
    assertThat(form.get("calendarID")).isEqualTo("4101");
    assertThat(form.get("appointmentTypeID")).isEqualTo("5101");
    assertThat(r.header("X-Acuity-Signature")).isEqualTo(AcuitySandboxTest.hmac(KEY_2, r.body()));
  }

  @Test
  void rateBudgetsArePerAccount() {
    ctl.put("/_sandbox/config", Map.of("vendor", "acuity", "requestsPerSecond", 3));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(one.get("/me").status());
    }
    assertThat(statuses).contains(429);
    assertThat(two.get("/me").status()).isEqualTo(200);
  }

  @Test
  void seedTargetsOneAccountAndResetClearsAll() {
    Http.Res seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "acuity", "account", 2, "appointments", 5));
    assertThat(seeded.json().get("account").asInt()).isEqualTo(2);
    assertThat(two.get("/appointments?showall=true").json().size()).isEqualTo(5);
    assertThat(one.get("/appointments?showall=true").json().size()).isZero();
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "acuity", "account", 9)).status()).isEqualTo(400);
    ctl.post("/acuity/_sandbox/client-book?account=2", booking(5101, "page@example.com"));
    ctl.post("/_sandbox/reset?vendor=acuity", null);
    assertThat(two.get("/appointments?showall=true").json().size()).isZero();
    assertThat(two.get("/clients").json().size()).isZero();
  }
}
