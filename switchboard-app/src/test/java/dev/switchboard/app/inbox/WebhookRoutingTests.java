package dev.switchboard.app.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.HubSpotSigning;
import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One HubSpot app delivers the events of every portal that installed it in one POST, signed with the app's client
 * secret. The delivery is verified once, and each event goes to the connection of its own portal that the same
 * secret authenticates; events of other portals are dropped and counted, never refused with the rest and never
 * stored under another tenant's connection.
 */
class WebhookRoutingTests extends RunningApp {
  static final String URL = PUBLIC_BASE_URL + "/webhooks/crm/hubspot";
  static final String PRIVATE_SECRET = "tenant-three-private-app-secret";

  long base;
  long viaAppSecret;     // tenant one: connected without a secret of its own, the app's secret authenticates it
  long withAppSecret;    // tenant two: connected with the app's secret as its clientSecret
  long privateApp;       // tenant three: its own private app, its own secret
  long unconnected;
  long nextEvent;

  @BeforeEach
  void connectThreePortals() {
    base = ThreadLocalRandom.current().nextLong(20_000_000, 90_000_000) / 10 * 10;
    viaAppSecret = base + 1;
    withAppSecret = base + 2;
    privateApp = base + 3;
    unconnected = base + 9;
    nextEvent = base * 100;
    connect(tenant(viaAppSecret), "hubspot", Long.toString(viaAppSecret), Map.of("accessToken", "pat-1"));
    connect(tenant(withAppSecret), "hubspot", Long.toString(withAppSecret),
        Map.of("accessToken", "pat-2", "clientSecret", HUBSPOT_APP_SECRET));
    connect(tenant(privateApp), "hubspot", Long.toString(privateApp),
        Map.of("accessToken", "pat-3", "clientSecret", PRIVATE_SECRET));
  }

  private static String tenant(long portal) {
    return "routing-" + portal;
  }

  private String event(long portal) {
    return HubSpotSigning.event(++nextEvent, portal, portal * 10);
  }

  private RawHttp.Response deliver(String secret, long... portals) {
    StringBuilder body = new StringBuilder("[");
    for (long p : portals) {
      body.append(body.length() > 1 ? "," : "").append(event(p));
    }
    String b = body.append("]").toString();
    return http().send("POST", "/webhooks/crm/hubspot", HubSpotSigning.headers(secret, URL, b), b);
  }

  /** The tenants holding an inbox event for {@code portal}'s object. */
  private List<String> holders(long portal) {
    return db.sql("select tenant_id from inbox_event where system = 'hubspot' and external_id = ? order by tenant_id")
        .param(externalIds.key(Long.toString(portal * 10))).query(String.class).list();
  }

  private double unrouted() {
    return counter("switchboard.webhooks.received", "system", "hubspot", "outcome", "unrouted");
  }

  @Test
  void anAppDeliveryLedByAnUnconnectedPortalIsRoutedPerPortal() {
    double before = unrouted();
    RawHttp.Response r = deliver(HUBSPOT_APP_SECRET, unconnected, viaAppSecret, withAppSecret, privateApp);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"accepted\":2");
    assertThat(holders(viaAppSecret)).containsExactly(tenant(viaAppSecret));
    assertThat(holders(withAppSecret)).containsExactly(tenant(withAppSecret));
    // tenant three's connection is authenticated by its private app's secret, not by this app's
    assertThat(holders(privateApp)).isEmpty();
    assertThat(holders(unconnected)).isEmpty();
    assertThat(unrouted() - before).isEqualTo(2);
  }

  @Test
  void aPrivateAppsDeliveryReachesItsOwnConnectionOnly() {
    RawHttp.Response r = deliver(PRIVATE_SECRET, viaAppSecret, privateApp);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(holders(privateApp)).containsExactly(tenant(privateApp));
    assertThat(holders(viaAppSecret)).isEmpty();
  }

  @Test
  void aValidDeliveryOfUnconnectedPortalsOnlyIsAcceptedAndCounted() {
    double before = unrouted();
    RawHttp.Response r = deliver(HUBSPOT_APP_SECRET, unconnected, unconnected + 1000);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"accepted\":0");
    assertThat(unrouted() - before).isEqualTo(2);
    // while a delivery no secret we know signed is still refused, whatever portals it names
    assertThat(deliver("some-other-apps-secret", viaAppSecret, privateApp).status()).isEqualTo(401);
    assertThat(holders(viaAppSecret)).isEmpty();
  }
}
