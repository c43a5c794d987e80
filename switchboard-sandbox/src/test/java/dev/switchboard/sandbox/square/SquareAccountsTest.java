package dev.switchboard.sandbox.square;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.SandboxServer;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Several isolated Square merchants in one instance (default two): each token reaches only its own merchant's
 * location, customers, payments, invoices, bookings and webhook subscriptions; OAuth signs into a chosen merchant;
 * webhook events name their merchant; the controls list, seed and reset per merchant.
 */
class SquareAccountsTest {

  static final String TOKEN_2 = "EAAAsandbox-square-token-2";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", 20)).withReceiver();
  static final Http ctl = sandbox.ctl();
  static final Http sq1 = sandbox.http("/square/v2", Map.of("Authorization", "Bearer EAAAsandbox-square-token"));
  static final Http sq2 = sandbox.http("/square/v2", Map.of("Authorization", "Bearer " + TOKEN_2));
  static final WebhookReceiver receiver = sandbox.receiver();

  static JsonNode oauth(String accountParam) {
    Http.Res r = ctl.get("/square/oauth2/authorize?client_id=sandbox-sq0idb-switchboard&redirect_uri=http://localhost/cb"
        + accountParam);
    assertThat(r.status()).isEqualTo(302);
    Matcher code = Pattern.compile("code=([^&]+)").matcher(r.header("Location"));
    assertThat(code.find()).isTrue();
    return ctl.post("/square/oauth2/token", Map.of("client_id", "sandbox-sq0idb-switchboard",
        "client_secret", "sandbox-sq0csb-switchboard-secret", "grant_type", "authorization_code",
        "code", code.group(1))).json();
  }

  static String customer(Http api, String email) {
    return api.post("/customers", Map.of("email_address", email)).json().at("/customer/id").asString();
  }

  @Test
  void credentialsListEveryMerchantAndKeepMerchantOneAtTheTop() {
    JsonNode c = ctl.get("/_sandbox/credentials").json().get("square");
    assertThat(c.get("accessToken").asString()).isEqualTo("EAAAsandbox-square-token");
    assertThat(c.get("merchantId").asString()).isEqualTo("MLSANDBOX0000");
    assertThat(c.get("locationId").asString()).isEqualTo("LSANDBOX00001");
    assertThat(c.get("accounts").size()).isEqualTo(2);
    assertThat(c.at("/accounts/1/account").asInt()).isEqualTo(2);
    assertThat(c.at("/accounts/1/accessToken").asString()).isEqualTo(TOKEN_2);
    assertThat(c.at("/accounts/1/merchantId").asString()).isEqualTo("MLSANDBOX0002");
    assertThat(c.at("/accounts/1/locationId").asString()).isEqualTo("LSANDBOX00002");

    JsonNode locations = sq2.get("/locations").json().get("locations");
    assertThat(locations.size()).isEqualTo(1);
    assertThat(locations.at("/0/id").asString()).isEqualTo("LSANDBOX00002");
    assertThat(locations.at("/0/merchant_id").asString()).isEqualTo("MLSANDBOX0002");
    assertThat(sq2.get("/locations/LSANDBOX00001").status()).isEqualTo(404);
    assertThat(sq1.get("/locations/main").json().at("/location/merchant_id").asString()).isEqualTo("MLSANDBOX0000");
  }

  @Test
  void recordsOfOneMerchantAreInvisibleToTheOther() {
    String one = customer(sq1, "ann@example.com");
    assertThat(sq2.get("/customers/" + one).status()).isEqualTo(404);
    assertThat(sq2.delete("/customers/" + one).status()).isEqualTo(404);
    assertThat(sq2.get("/customers").json().path("customers").size()).isZero();
    String two = customer(sq2, "ann@example.com"); // the same person may be a customer of both
    assertThat(sq1.get("/customers").json().get("customers").size()).isEqualTo(1);

    JsonNode pay = sq2.post("/payments", Map.of("idempotency_key", "k1", "source_id", "cnon:card-nonce-ok",
        "amount_money", Map.of("amount", 500, "currency", "USD"), "customer_id", two, "autocomplete", false)).json();
    String paymentId = pay.at("/payment/id").asString();
    assertThat(pay.at("/payment/location_id").asString()).isEqualTo("LSANDBOX00002");
    assertThat(sq1.get("/payments/" + paymentId).status()).isEqualTo(404);
    assertThat(sq1.post("/payments/" + paymentId + "/complete", Map.of()).status()).isEqualTo(404);
    assertThat(sq1.get("/payments").json().path("payments").size()).isZero();
    // idempotency keys are per merchant: the same key makes a new payment at merchant 1
    String samekey = sq1.post("/payments", Map.of("idempotency_key", "k1", "source_id", "cnon:card-nonce-ok",
        "amount_money", Map.of("amount", 700, "currency", "USD"))).json().at("/payment/id").asString();
    assertThat(samekey).isNotEqualTo(paymentId);

    JsonNode inv = sq2.post("/invoices", Map.of("invoice", Map.of("location_id", "LSANDBOX00002",
        "primary_recipient", Map.of("customer_id", two), "payment_requests", List.of(Map.of("request_type", "BALANCE",
            "due_date", "2030-01-01", "fixed_amount_requested_money", Map.of("amount", 500, "currency", "USD"))))))
        .json();
    assertThat(inv.at("/invoice/invoice_number").asString()).isEqualTo("000001");
    assertThat(sq1.get("/invoices/" + inv.at("/invoice/id").asString()).status()).isEqualTo(404);
    // merchant 1 cannot invoice or book merchant 2's customer
    assertThat(sq1.post("/invoices", Map.of("invoice", Map.of("location_id", "LSANDBOX00001",
        "primary_recipient", Map.of("customer_id", two), "payment_requests", List.of(Map.of()))))
        .status()).isEqualTo(404);
    JsonNode booking = sq2.post("/bookings", Map.of("booking", Map.of("start_at", "2030-01-01T10:00:00Z",
        "location_id", "LSANDBOX00002", "customer_id", two, "appointment_segments", List.of(Map.of(
            "team_member_id", "TM1", "service_variation_id", "SV1", "duration_minutes", 30))))).json();
    assertThat(sq1.get("/bookings/" + booking.at("/booking/id").asString()).status()).isEqualTo(404);
    assertThat(sq1.post("/bookings", Map.of("booking", Map.of("start_at", "2030-01-01T10:00:00Z",
        "location_id", "LSANDBOX00001", "customer_id", two, "appointment_segments", List.of(Map.of()))))
        .status()).isEqualTo(404);
  }

  @Test
  void webhooksOfMerchantTwoHearOnlyItsChangesAndCarryItsMerchantId() {
    String sub2 = sq2.post("/webhooks/subscriptions", Map.of("subscription", Map.of("notification_url",
        receiver.url("/two"), "event_types", List.of("customer.created", "payment.created")))).json()
        .at("/subscription/id").asString();
    sq1.post("/webhooks/subscriptions", Map.of("subscription", Map.of("notification_url", receiver.url("/one"),
        "event_types", List.of("customer.created"))));
    assertThat(sq1.get("/webhooks/subscriptions").json().get("subscriptions").size()).isEqualTo(1);
    assertThat(sq1.get("/webhooks/subscriptions/" + sub2).status()).isEqualTo(404);

    customer(sq2, "b@example.com");
    sq2.post("/payments", Map.of("idempotency_key", "p", "source_id", "cnon:card-nonce-ok",
        "amount_money", Map.of("amount", 100, "currency", "USD")));
    customer(sq1, "a@example.com");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() == 3);
    List<JsonNode> two = receiver.posts().stream().filter(r -> r.path().equals("/two"))
        .map(r -> Http.JSON.readTree(r.body())).toList();
    assertThat(two).extracting(e -> e.get("type").asString()).containsExactlyInAnyOrder("customer.created",
        "payment.created");
    assertThat(two).allSatisfy(e -> assertThat(e.get("merchant_id").asString()).isEqualTo("MLSANDBOX0002"));
    assertThat(receiver.posts().stream().filter(r -> r.path().equals("/one")).map(r -> Http.JSON.readTree(r.body())))
        .singleElement().satisfies(e -> {
          assertThat(e.get("merchant_id").asString()).isEqualTo("MLSANDBOX0000");
          assertThat(e.at("/data/object/customer/email_address").asString()).isEqualTo("a@example.com");
        });
  }

  @Test
  void oauthSignsIntoTheChosenMerchantOnly() {
    JsonNode token = oauth("&account=2");
    assertThat(token.get("merchant_id").asString()).isEqualTo("MLSANDBOX0002");
    Http api = sandbox.http("/square/v2", Map.of("Authorization", "Bearer " + token.get("access_token").asString()));
    assertThat(api.get("/locations").json().at("/locations/0/id").asString()).isEqualTo("LSANDBOX00002");
    String id = customer(api, "o@example.com");
    assertThat(sq2.get("/customers/" + id).status()).isEqualTo(200);
    assertThat(sq1.get("/customers/" + id).status()).isEqualTo(404);

    JsonNode refreshed = ctl.post("/square/oauth2/token", Map.of("client_id", "sandbox-sq0idb-switchboard",
        "client_secret", "sandbox-sq0csb-switchboard-secret", "grant_type", "refresh_token",
        "refresh_token", token.get("refresh_token").asString())).json();
    assertThat(refreshed.get("merchant_id").asString()).isEqualTo("MLSANDBOX0002");

    assertThat(oauth("").get("merchant_id").asString()).isEqualTo("MLSANDBOX0000");
    for (String bad : List.of("3", "0", "two")) {
      assertThat(ctl.get("/square/oauth2/authorize?client_id=sandbox-sq0idb-switchboard&redirect_uri=http://localhost/cb"
          + "&account=" + bad).status()).as(bad).isEqualTo(400);
    }
  }

  @Test
  void seedTargetsOneMerchantAndResetClearsThemAll() {
    JsonNode seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "square", "account", 2, "contacts", 3)).json();
    assertThat(seeded.get("merchantId").asString()).isEqualTo("MLSANDBOX0002");
    assertThat(sq2.get("/customers").json().get("customers").size()).isEqualTo(3);
    assertThat(sq1.get("/customers").json().path("customers").size()).isZero();
    ctl.post("/_sandbox/seed", Map.of("vendor", "square", "account", "MLSANDBOX0000", "contacts", 1));
    assertThat(sq1.get("/customers").json().get("customers").size()).isEqualTo(1);
    assertThat(ctl.post("/_sandbox/seed", Map.of("vendor", "square", "account", 3, "contacts", 1)).status())
        .isEqualTo(400);
    sq2.post("/webhooks/subscriptions", Map.of("subscription", Map.of("notification_url", receiver.url("/two"),
        "event_types", List.of("customer.created"))));
    String token = oauth("&account=2").get("access_token").asString();

    ctl.post("/_sandbox/reset", null);
    assertThat(sq2.get("/customers").json().path("customers").size()).isZero();
    assertThat(sq1.get("/customers").json().path("customers").size()).isZero();
    assertThat(sq2.get("/webhooks/subscriptions").json().path("subscriptions").size()).isZero();
    assertThat(sandbox.http("/square/v2", Map.of("Authorization", "Bearer " + token)).get("/locations").status())
        .isEqualTo(401);
  }

  @Test
  void theAccountsPropertySetsHowManyThereAre() {
    try (SandboxServer three = SandboxServer.start(0, Map.of("sandbox.square.accounts", 3))) {
      assertThat(new Http(three.baseUrl(), Map.of()).get("/_sandbox/credentials").json().at("/square/accounts").size())
          .isEqualTo(3);
      Http sq3 = new Http(three.baseUrl() + "/square/v2", Map.of("Authorization", "Bearer EAAAsandbox-square-token-3"));
      assertThat(sq3.get("/locations").json().at("/locations/0/merchant_id").asString()).isEqualTo("MLSANDBOX0003");
      assertThat(new Http(three.baseUrl() + "/square/v2", Map.of("Authorization", "Bearer EAAAsandbox-square-token-4"))
          .get("/locations").status()).isEqualTo(401);
    }
  }
}
