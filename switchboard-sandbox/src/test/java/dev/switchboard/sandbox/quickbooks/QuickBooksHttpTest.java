package dev.switchboard.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.intuit.ipp.data.WebhooksEvent;
import com.intuit.ipp.services.WebhooksService;
import com.intuit.ipp.util.Config;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxServer;
import dev.switchboard.sandbox.WebhookReceiver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Wire-level contract of the QuickBooks emulator: OAuth, fault shapes, throttling, query language, webhooks. */
class QuickBooksHttpTest {

  SandboxServer sandbox;
  Http api;
  Http anon;
  String base = "/quickbooks/v3/company/" + QboSandbox.REALM;

  @BeforeEach
  void setUp() {
    sandbox = QboSandbox.fresh();
    api = new Http(sandbox.baseUrl(), Map.of("Authorization", "Bearer " + QboSandbox.TOKEN, "Accept", "application/json"));
    anon = new Http(sandbox.baseUrl(), Map.of());
  }

  static String q(String query) {
    return "/query?minorversion=75&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  @Test
  void oauth_codeExchange_expiry_andRotatingRefreshTokens() {
    String redirect = "http://localhost:9999/cb";
    Http.Res auth = anon.get("/quickbooks/oauth2/authorize?client_id=sandbox-quickbooks-client-id&response_type=code"
        + "&scope=com.intuit.quickbooks.accounting&state=xyz&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
    assertThat(auth.status()).isEqualTo(302);
    String location = auth.header("Location");
    assertThat(location).startsWith(redirect + "?").contains("state=xyz").contains("realmId=" + QboSandbox.REALM);
    Matcher m = Pattern.compile("code=([^&]+)").matcher(location);
    assertThat(m.find()).isTrue();

    String basic = "Basic " + Base64.getEncoder().encodeToString(
        "sandbox-quickbooks-client-id:sandbox-quickbooks-client-secret".getBytes(StandardCharsets.UTF_8));
    Http client = new Http(sandbox.baseUrl(), Map.of("Authorization", basic, "Accept", "application/json"));
    Http.Res tok = client.postForm("/quickbooks/oauth2/v1/tokens/bearer",
        Map.of("grant_type", "authorization_code", "code", m.group(1), "redirect_uri", redirect));
    assertThat(tok.status()).isEqualTo(200);
    JsonNode t = tok.json();
    assertThat(t.get("token_type").asString()).isEqualTo("bearer");
    assertThat(t.get("expires_in").asInt()).isEqualTo(3600);
    assertThat(t.get("x_refresh_token_expires_in").asLong()).isEqualTo(8_640_000L);
    Http user = new Http(sandbox.baseUrl(), Map.of("Authorization", "Bearer " + t.get("access_token").asString()));
    assertThat(user.get(base + q("select * from Customer")).status()).isEqualTo(200);

    QboSandbox.CLOCK.offset = Duration.ofSeconds(3601);
    Http.Res expired = user.get(base + q("select * from Customer"));
    assertThat(expired.status()).isEqualTo(401);
    JsonNode fault = expired.json().get("Fault");
    assertThat(fault.get("type").asString()).isEqualTo("AuthenticationFault");
    assertThat(fault.get("Error").get(0).get("code").asString()).isEqualTo("3200");
    assertThat(fault.get("Error").get(0).get("Detail").asString()).startsWith("Token expired");

    String firstRefresh = t.get("refresh_token").asString();
    JsonNode r1 = client.postForm("/quickbooks/oauth2/v1/tokens/bearer",
        Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh)).json();
    assertThat(r1.get("refresh_token").asString()).isNotEqualTo(firstRefresh); // rotated
    // the previous refresh token is not revoked by the rotation: it keeps working until its own expiry
    assertThat(client.postForm("/quickbooks/oauth2/v1/tokens/bearer",
        Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh)).status()).isEqualTo(200);
    QboSandbox.CLOCK.offset = Duration.ofSeconds(8_640_000 + 3600);
    assertThat(client.postForm("/quickbooks/oauth2/v1/tokens/bearer",
        Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh)).json().get("error").asString())
        .isEqualTo("invalid_grant");

    assertThat(anon.postForm("/quickbooks/oauth2/v1/tokens/bearer", Map.of("grant_type", "refresh_token",
        "refresh_token", "x")).status()).isEqualTo(401);
  }

  @Test
  void missingToken_isIntuitAuthenticationFault() {
    Http.Res res = anon.get(base + "/customer/1");
    assertThat(res.status()).isEqualTo(401);
    JsonNode err = res.json().get("Fault").get("Error").get(0);
    assertThat(err.get("Message").asString()).isEqualTo("message=AuthenticationFailed; errorCode=003200; statusCode=401");
    assertThat(err.get("code").asString()).isEqualTo("3200");
    assertThat(res.json().get("time").asString()).isNotBlank();
  }

  @Test
  void throttling_answers429WithIntuitFault() {
    anon.put("/_sandbox/config", Map.of("vendor", "quickbooks", "requestsPerMinute", 3)); // 60 s window: timing-proof
    List<Http.Res> answers = java.util.stream.IntStream.range(0, 4).mapToObj(i -> api.get(base + "/customer/1")).toList();
    assertThat(answers).extracting(Http.Res::status).containsExactly(400, 400, 400, 429); // 400 = Object Not Found
    Http.Res limited = answers.get(3);
    JsonNode fault = limited.json().get("Fault");
    assertThat(fault.get("type").asString()).isEqualTo("SERVICE");
    assertThat(fault.get("Error").get(0).get("code").asString()).isEqualTo("3001");
    assertThat(fault.get("Error").get(0).get("Message").asString())
        .isEqualTo("message=ThrottleExceeded; errorCode=003001; statusCode=429");
  }

  @Test
  void staleSyncToken_isExactIntuitValidationFault() {
    JsonNode c = api.post(base + "/customer?minorversion=75", Map.of("DisplayName", "Stale Co")).json().get("Customer");
    api.post(base + "/customer", Map.of("Id", c.get("Id").asString(), "SyncToken", "0", "sparse", true, "Notes", "a"));
    Http.Res res = api.post(base + "/customer", Map.of("Id", c.get("Id").asString(), "SyncToken", "0", "sparse", true, "Notes", "b"));
    assertThat(res.status()).isEqualTo(400);
    JsonNode fault = res.json().get("Fault");
    assertThat(fault.get("type").asString()).isEqualTo("ValidationFault");
    JsonNode err = fault.get("Error").get(0);
    assertThat(err.get("Message").asString()).isEqualTo("Stale Object Error");
    assertThat(err.get("code").asString()).isEqualTo("5010");
    assertThat(err.get("element").asString()).isEmpty();
  }

  @Test
  void query_filtersOnLastUpdatedTime_andRejectsBadQueries() {
    api.post(base + "/customer", Map.of("DisplayName", "Early"));
    QboSandbox.CLOCK.offset = Duration.ofSeconds(10);
    JsonNode late = api.post(base + "/customer", Map.of("DisplayName", "Late")).json().get("Customer");
    String cut = late.get("MetaData").get("CreateTime").asString();
    JsonNode res = api.get(base + q("SELECT * FROM Customer WHERE MetaData.LastUpdatedTime >= '" + cut + "' ORDERBY Id"))
        .json().get("QueryResponse");
    assertThat(res.get("Customer")).hasSize(1);
    assertThat(res.get("Customer").get(0).get("DisplayName").asString()).isEqualTo("Late");
    assertThat(api.get(base + q("SELECT * FROM Customer WHERE DisplayName = 'nobody'")).json().get("QueryResponse").isEmpty()).isTrue();
    assertThat(api.get(base + q("SELECT * FROM Customer WHERE DisplayName LIKE 'La%'")).json()
        .get("QueryResponse").get("Customer")).hasSize(1);

    Http.Res bad = api.get(base + q("SELEKT * FROM Customer"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("Fault").get("Error").get(0).get("code").asString()).isEqualTo("4000");
    assertThat(api.get(base + q("SELECT * FROM Customer MAXRESULTS 1001")).status()).isEqualTo(400);
  }

  @Test
  void webhooks_legacyAndCloudEvents_signedAndVerifiedByDevkit() throws Exception {
    try (WebhookReceiver legacy = new WebhookReceiver(); WebhookReceiver cloud = new WebhookReceiver()) {
      anon.put("/_sandbox/config", Map.of("vendor", "quickbooks", "webhooks", List.of(
          Map.of("url", legacy.url("/qbo"), "format", "legacy"), Map.of("url", cloud.url("/qbo"), "format", "cloudevents"))));
      String id = api.post(base + "/customer", Map.of("DisplayName", "Hooked")).json().get("Customer").get("Id").asString();
      await().atMost(Duration.ofSeconds(10)).until(() -> legacy.posts().size() == 1 && cloud.posts().size() == 1);

      Config.setProperty(Config.WEBHOOKS_VERIFIER_TOKEN, "sandbox-quickbooks-verifier-token");
      WebhooksService verifier = new WebhooksService();
      WebhookReceiver.Received l = legacy.posts().getFirst();
      assertThat(verifier.verifyPayload(l.header("intuit-signature"), l.body())).isTrue();
      assertThat(verifier.verifyPayload(l.header("intuit-signature"), l.body() + " ")).isFalse();
      WebhooksEvent event = verifier.getWebhooksEvent(l.body());
      var notification = event.getEventNotifications().getFirst();
      assertThat(notification.getRealmId()).isEqualTo(QboSandbox.REALM);
      var entity = notification.getDataChangeEvent().getEntities().getFirst();
      assertThat(List.of(entity.getName(), entity.getId(), entity.getOperation())).containsExactly("Customer", id, "Create");

      WebhookReceiver.Received c = cloud.posts().getFirst();
      assertThat(verifier.verifyPayload(c.header("intuit-signature"), c.body())).isTrue();
      JsonNode ce = Http.JSON.readTree(c.body()).get(0);
      assertThat(ce.get("specversion").asString()).isEqualTo("1.0");
      assertThat(ce.get("type").asString()).isEqualTo("qbo.customer.created.v1");
      assertThat(ce.get("intuitentityid").asString()).isEqualTo(id);
      assertThat(ce.get("intuitaccountid").asString()).isEqualTo(QboSandbox.REALM);
      assertThat(ce.get("datacontenttype").asString()).isEqualTo("application/json");
      assertThat(ce.get("id").asString()).isNotBlank();
      assertThat(ce.get("time").asString()).isNotBlank();
    }
  }

  @Test
  void cdcAndBatch_limits() {
    String old = java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.now().minus(Duration.ofDays(31)));
    Http.Res cdc = api.get(base + "/cdc?entities=Customer&changedSince=" + old);
    assertThat(cdc.status()).isEqualTo(400);
    assertThat(cdc.json().get("Fault").get("type").asString()).isEqualTo("ValidationFault");
    List<Object> items = java.util.stream.IntStream.range(0, 31)
        .mapToObj(i -> (Object) Map.of("bId", "b" + i, "Query", "select * from Customer")).toList();
    assertThat(api.post(base + "/batch", Map.of("BatchItemRequest", items)).status()).isEqualTo(400);
  }

  @Test
  void payment_updatesTheInvoice_andFiresItsUpdateWebhook() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver()) {
      String cid = api.post(base + "/customer", Map.of("DisplayName", "Payer")).json().get("Customer").get("Id").asString();
      JsonNode inv = api.post(base + "/invoice", Map.of("CustomerRef", Map.of("value", cid), "Line", List.of(
          Map.of("Amount", 80, "DetailType", "SalesItemLineDetail", "SalesItemLineDetail", Map.of())))).json().get("Invoice");
      anon.put("/_sandbox/config", Map.of("vendor", "quickbooks", "webhooks", List.of(Map.of("url", hook.url("/h")))));
      api.post(base + "/payment", Map.of("CustomerRef", Map.of("value", cid), "TotalAmt", 80, "Line", List.of(Map.of(
          "Amount", 80, "LinkedTxn", List.of(Map.of("TxnId", inv.get("Id").asString(), "TxnType", "Invoice"))))));
      JsonNode after = api.get(base + "/invoice/" + inv.get("Id").asString()).json().get("Invoice");
      assertThat(after.get("Balance").asDouble()).isZero();
      assertThat(after.get("SyncToken").asString()).isEqualTo("1");
      assertThat(after.get("LinkedTxn").get(0).get("TxnType").asString()).isEqualTo("Payment");
      await().atMost(Duration.ofSeconds(10)).until(() -> hook.posts().size() == 1);
      JsonNode entities = Http.JSON.readTree(hook.posts().getFirst().body()).get("eventNotifications").get(0)
          .get("dataChangeEvent").get("entities");
      assertThat(entities).hasSize(2);
      assertThat(entities.get(0).get("name").asString() + entities.get(0).get("operation").asString()).isEqualTo("PaymentCreate");
      assertThat(entities.get(1).get("name").asString() + entities.get(1).get("operation").asString()).isEqualTo("InvoiceUpdate");
    }
  }

  @Test
  void controls_seedCredentialsAndOutageFault() {
    JsonNode creds = anon.get("/_sandbox/credentials").json().get("quickbooks");
    assertThat(creds.get("realmId").asString()).isEqualTo(QboSandbox.REALM);
    assertThat(creds.get("webhookVerifierToken").asString()).isNotBlank();
    anon.post("/_sandbox/seed", Map.of("vendor", "quickbooks", "contacts", 3));
    assertThat(api.get(base + q("select count(*) from Customer")).json().get("QueryResponse").get("totalCount").asInt())
        .isEqualTo(3);
    anon.post("/_sandbox/faults", Map.of("vendor", "quickbooks", "outage", true));
    try {
      Http.Res down = api.get(base + "/customer/1");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().get("Fault").get("type").asString()).isEqualTo("SERVICE");
    } finally {
      anon.delete("/_sandbox/faults?vendor=quickbooks");
    }
  }
}
