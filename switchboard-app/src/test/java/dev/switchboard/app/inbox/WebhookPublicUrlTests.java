package dev.switchboard.app.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.HubSpotSigning;
import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HubSpot signs the URL it called ({@code https://sync.example.com/…}); behind a proxy that terminates TLS the
 * app is reached over plain HTTP on another host and port. Signatures are checked against the public base URL and,
 * for requests straight from a trusted proxy, against the URL its forwarded headers describe — never against
 * what a stranger's headers claim.
 */
class WebhookPublicUrlTests extends RunningApp {
  static final String PRIVATE_SECRET = "private-app-secret-of-the-url-tests";
  long portal;
  String tenant;

  @BeforeEach
  void connectPortal() {
    portal = ThreadLocalRandom.current().nextLong(10_000_000, 20_000_000);
    tenant = "urls-" + portal;
    connect(tenant, "hubspot", Long.toString(portal), Map.of("accessToken", "pat-x", "clientSecret", PRIVATE_SECRET));
  }

  private String delivery() {
    return "[" + HubSpotSigning.event(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), portal, 501) + "]";
  }

  private RawHttp.Response post(RawHttp client, String target, String signedUrl, String body, String... extra) {
    List<String> headers = new ArrayList<>(HubSpotSigning.headers(PRIVATE_SECRET, signedUrl, body));
    headers.addAll(List.of(extra));
    return client.send("POST", target, headers, body);
  }

  private int stored() {
    return db.sql("select count(*) from inbox_event where tenant_id = ?").param(tenant).query(Integer.class).single();
  }

  @Test
  void aSignatureOverThePublicHttpsUrlVerifiesAlthoughTheAppIsReachedOverPlainHttp() {
    RawHttp.Response r = post(http(), "/webhooks/crm/hubspot", PUBLIC_BASE_URL + "/webhooks/crm/hubspot", delivery());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"accepted\":1");
    RawHttp.Response withQuery = post(http(), "/webhooks/crm/hubspot?source=hs&v=3",
        PUBLIC_BASE_URL + "/webhooks/crm/hubspot?source=hs&v=3", delivery());
    assertThat(withQuery.status()).as(withQuery.body()).isEqualTo(200);
    assertThat(stored()).isEqualTo(2);

    // the URL the server sees is not what HubSpot signed, and a stranger's Host header proves nothing
    String seen = "http://127.0.0.1:" + port + "/webhooks/crm/hubspot";
    assertThat(post(http(), "/webhooks/crm/hubspot", seen, delivery()).status()).isEqualTo(401);
    assertThat(stored()).isEqualTo(2);
  }

  @Test
  void forwardedHeadersCountFromTheTrustedProxyOnly() {
    String forged = "https://evil.example.com/webhooks/crm/hubspot";
    String[] forgedHeaders = {"Forwarded: for=203.0.113.9;proto=https;host=evil.example.com",
        "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example.com"};
    // a stranger (127.0.0.1 is not a trusted proxy in this deployment) cannot choose the URL we check
    assertThat(post(http(), "/webhooks/crm/hubspot", forged, delivery(), forgedHeaders).status()).isEqualTo(401);
    assertThat(post(http(), "/webhooks/crm/hubspot", "https://hooks.example.org/sb/webhooks/crm/hubspot", delivery(),
        "X-Forwarded-Proto: https", "X-Forwarded-Host: hooks.example.org", "X-Forwarded-Prefix: /sb").status())
        .isEqualTo(401);
    assertThat(stored()).isZero();

    // the same headers from the trusted proxy name the URL HubSpot called
    RawHttp.Response xf = post(proxy(), "/webhooks/crm/hubspot", "https://hooks.example.org/sb/webhooks/crm/hubspot",
        delivery(), "X-Forwarded-Proto: https", "X-Forwarded-Host: hooks.example.org", "X-Forwarded-Port: 443",
        "X-Forwarded-Prefix: /sb/", "X-Forwarded-For: 198.51.100.20");
    assertThat(xf.status()).as(xf.body()).isEqualTo(200);
    RawHttp.Response rfc = post(proxy(), "/webhooks/crm/hubspot", "https://fwd.example.net:8443/webhooks/crm/hubspot",
        delivery(), "Forwarded: for=\"198.51.100.7:5123\";proto=https;host=\"fwd.example.net:8443\"");
    assertThat(rfc.status()).as(rfc.body()).isEqualTo(200);
    assertThat(stored()).isEqualTo(2);

    // a client-planted element ahead of the proxy's own is not believed, the proxy's is
    String chain = "Forwarded: proto=https;host=evil.example.com, for=203.0.113.9;proto=https;host=real.example.com";
    assertThat(post(proxy(), "/webhooks/crm/hubspot", forged, delivery(), chain).status()).isEqualTo(401);
    assertThat(post(proxy(), "/webhooks/crm/hubspot", "https://real.example.com/webhooks/crm/hubspot", delivery(),
        chain).status()).isEqualTo(200);
    assertThat(stored()).isEqualTo(3);
  }
}
