package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotWebhookVerifierTest {

  private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  private static final String URI = "https://switchboard.example.com/webhooks/crm/hubspot";
  private static final String BODY = "[{\"eventId\":1,\"portalId\":62515,\"objectId\":5,\"subscriptionType\":\"contact.creation\"}]";
  private static final Instant NOW = Instant.parse("2024-07-01T12:00:00Z");

  private final HubSpotWebhookVerifier verifier = new HubSpotWebhookVerifier(null);
  private final ConnectionContext conn = new ConnectionContext("c1", "t1", "hubspot", "62515", Map.of(),
      Map.of("clientSecret", SECRET));

  private static String sig(String secret, String method, String uri, String body, long ts) {
    return Base64.getEncoder().encodeToString(
        HubSpotWebhookVerifier.sign(secret, method, uri, body, Long.toString(ts)));
  }

  private static WebhookRequest req(String uri, String body, String signature, Long ts) {
    Map<String, List<String>> h = new HashMap<>();
    if (signature != null) {
      h.put("x-hubspot-signature-v3", List.of(signature));
    }
    if (ts != null) {
      h.put("X-HubSpot-Request-Timestamp", List.of(ts.toString()));
    }
    return new WebhookRequest("POST", uri, h, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsAValidSignature() {
    long ts = NOW.toEpochMilli() - 1000;
    assertThat(verifier.verify(req(URI, BODY, sig(SECRET, "POST", URI, BODY, ts), ts), conn, NOW)).isNull();
  }

  @Test
  void signatureMatchesAnIndependentHmacComputation() throws Exception {
    long ts = 1719835200000L;
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(
        mac.doFinal(("POST" + URI + BODY + ts).getBytes(StandardCharsets.UTF_8)));
    assertThat(sig(SECRET, "POST", URI, BODY, ts)).isEqualTo(expected);
  }

  @Test
  void rejectsTamperedBodyWrongSecretAndMissingHeaders() {
    long ts = NOW.toEpochMilli();
    String good = sig(SECRET, "POST", URI, BODY, ts);
    assertThat(verifier.verify(req(URI, BODY.replace("5", "6"), good, ts), conn, NOW)).isEqualTo("signature mismatch");
    assertThat(verifier.verify(req(URI, BODY, sig("other", "POST", URI, BODY, ts), ts), conn, NOW))
        .isEqualTo("signature mismatch");
    assertThat(verifier.verify(req(URI, BODY, null, ts), conn, NOW)).contains("missing");
    assertThat(verifier.verify(req(URI, BODY, good, null), conn, NOW)).contains("missing");
    assertThat(verifier.verify(req(URI, BODY, good, ts), new ConnectionContext("c1", "t1", "hubspot", null,
        Map.of(), Map.of()), NOW)).isNotNull();
  }

  @Test
  void rejectsStaleAndFutureTimestamps() {
    long stale = NOW.toEpochMilli() - 5 * 60_000 - 1;
    long future = NOW.toEpochMilli() + 5 * 60_000 + 1;
    assertThat(verifier.verify(req(URI, BODY, sig(SECRET, "POST", URI, BODY, stale), stale), conn, NOW))
        .isEqualTo("stale timestamp");
    assertThat(verifier.verify(req(URI, BODY, sig(SECRET, "POST", URI, BODY, future), future), conn, NOW))
        .isEqualTo("timestamp in the future");
    long edge = NOW.toEpochMilli() - 5 * 60_000;
    assertThat(verifier.verify(req(URI, BODY, sig(SECRET, "POST", URI, BODY, edge), edge), conn, NOW)).isNull();
  }

  @Test
  void decodesTheCharactersHubSpotDecodesBeforeSigning() {
    String encoded = "https://h.example.com/webhooks/crm/hubspot?x=a%3Ab%2Fc%3Fd%40e%21f%24g%27h%28i%29j%2Ak%2Cl%3Bm%20n";
    assertThat(HubSpotWebhookVerifier.decodeUri(encoded))
        .isEqualTo("https://h.example.com/webhooks/crm/hubspot?x=a:b/c?d@e!f$g'h(i)j*k,l;m%20n");
    assertThat(HubSpotWebhookVerifier.decodeUri("/p?a=%3a")).isEqualTo("/p?a=:");
    long ts = NOW.toEpochMilli();
    // HubSpot signs the decoded form; we receive the encoded one
    String signedByHubSpot = sig(SECRET, "POST", "https://h.example.com/w?t=a:b", BODY, ts);
    assertThat(verifier.verify(req("https://h.example.com/w?t=a%3Ab", BODY, signedByHubSpot, ts), conn, NOW))
        .isNull();
  }

  @Test
  void accountHintsAreThePortalsOfEveryEvent() {
    assertThat(verifier.accountHints(req(URI, BODY, null, null))).containsExactly("62515");
    assertThat(verifier.accountHints(req(URI, "[{\"portalId\":7},{\"portalId\":{}},{\"portalId\":\"8\"},"
        + "{\"portalId\":7},{\"portalId\":1e30},{\"portalId\":-3}]", null, null))).containsExactly("7", "8");
    assertThat(verifier.accountHints(req(URI, "not json", null, null))).isEmpty();
    assertThat(verifier.accountHints(req(URI, "{\"portalId\":7}", null, null))).isEmpty();
  }

  @Test
  void theAppSecretVerifiesDeliveriesAndConnectionsWithoutTheirOwnSecret() {
    HubSpotWebhookVerifier withApp = new HubSpotWebhookVerifier("app-secret");
    long ts = NOW.toEpochMilli();
    WebhookRequest byApp = req(URI, BODY, sig("app-secret", "POST", URI, BODY, ts), ts);
    assertThat(withApp.verifyAppSecret(byApp, NOW)).isNull();
    assertThat(withApp.verify(byApp, new ConnectionContext("c2", "t2", "hubspot", "62515", Map.of(), Map.of()), NOW))
        .isNull();
    // a connection with its own (private app) secret is not authenticated by the app's
    assertThat(withApp.verify(byApp, conn, NOW)).isEqualTo("signature mismatch");
    assertThat(withApp.verifyAppSecret(req(URI, BODY, sig(SECRET, "POST", URI, BODY, ts), ts), NOW))
        .isEqualTo("signature mismatch");
    assertThat(verifier.verifyAppSecret(byApp, NOW)).isEqualTo("no app secret configured");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anInstallationsSignInAppSecretVerifiesItsWebhooksWhenNoWebhookSecretIsSet() {
    HubSpotConnector connector = new HubSpotConnector(null, new HubSpotProperties("http://127.0.0.1:1/hubspot", 100, ""),
        dev.switchboard.app.connectors.AllowedVendorHosts.none(), java.time.Clock.systemUTC(),
        org.mockito.Mockito.mock(org.springframework.beans.factory.ObjectProvider.class), "oauth-app-secret");
    ConnectionContext viaSignIn = new ConnectionContext("c2", "t1", "hubspot", "62515", Map.of(),
        Map.of("accessToken", "a1", "refreshToken", "r1"));
    long ts = NOW.toEpochMilli();

    assertThat(connector.webhookVerifier().verify(req(URI, BODY, sig("oauth-app-secret", "POST", URI, BODY, ts), ts),
        viaSignIn, NOW)).isNull();
    assertThat(connector.webhookVerifier().verify(req(URI, BODY, sig("other", "POST", URI, BODY, ts), ts),
        viaSignIn, NOW)).isEqualTo("signature mismatch");
  }
}
