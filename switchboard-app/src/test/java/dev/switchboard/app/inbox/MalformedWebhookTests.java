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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A correctly signed webhook whose body is not the vendor's shape is answered 400 (the vendor stops retrying),
 * counted as {@code outcome="malformed"}, and stores nothing — also when one bad event sits among valid ones.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedWebhookTests extends RunningApp {
  static final String HUBSPOT_URL = PUBLIC_BASE_URL + "/webhooks/crm/hubspot";
  static final String MAILCHIMP_SECRET = "mailchimp-secret-of-the-malformed-tests";
  long portal;
  String tenant;
  String listId;

  @BeforeEach
  void connect() {
    portal = ThreadLocalRandom.current().nextLong(100_000_000, 200_000_000);
    tenant = "malformed-" + portal;
    listId = "list" + portal;
    connect(tenant, "hubspot", Long.toString(portal), Map.of("accessToken", "pat-x"));
    connect(tenant, "mailchimp", listId, Map.of("apiKey", "k-us1", "webhookSecret", MAILCHIMP_SECRET));
  }

  private int stored() {
    return db.sql("select count(*) from inbox_event where tenant_id = ?").param(tenant).query(Integer.class).single();
  }

  private double malformed(String system) {
    return counter("switchboard.webhooks.received", "system", system, "outcome", "malformed");
  }

  private void assertRefused(CapturedOutput output, String system, RawHttp.Response[] holder, Runnable send) {
    double before = malformed(system);
    List<String> lines = linesDuring(output, send);
    RawHttp.Response r = holder[0];
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("malformed_payload");
    assertThat(malformed(system) - before).isEqualTo(1);
    assertThat(lines).hasSizeLessThanOrEqualTo(1);
    assertThat(stored()).isZero();
  }

  @Test
  void malformedHubSpotDeliveriesAre400AndStoreNothing(CapturedOutput output) {
    String valid = HubSpotSigning.event(ThreadLocalRandom.current().nextLong(1, 1L << 60), portal, 77);
    List<String> bodies = List.of(
        "{\"events\":[" + valid + "]}",
        "[" + valid.replace("\"portalId\":" + portal, "\"portalId\":{\"id\":" + portal + "}") + "]",
        "[" + valid.replaceAll("\"occurredAt\":[0-9]+", "\"occurredAt\":9e30") + "]",
        "[" + valid.replaceAll("\"occurredAt\":[0-9]+", "\"occurredAt\":-1e20") + "]",
        "[" + valid.replaceAll("\"occurredAt\":[0-9]+", "\"occurredAt\":\"now\"") + "]",
        "[" + valid.replaceAll("\"eventId\":[0-9]+", "\"eventId\":{}") + "]",
        "[" + valid.replace("\"objectId\":77", "\"objectId\":{\"v\":77}") + "]",
        // one bad event among valid ones: HubSpot retries deliveries whole, so the delivery is refused whole
        "[" + valid + "," + valid.replace("\"objectId\":77", "\"objectId\":true") + "]",
        "[" + valid);
    for (String body : bodies) {
      RawHttp.Response[] r = new RawHttp.Response[1];
      assertRefused(output, "hubspot", r, () -> r[0] = http().send("POST", "/webhooks/crm/hubspot",
          HubSpotSigning.headers(HUBSPOT_APP_SECRET, HUBSPOT_URL, body), body));
    }
    // unsigned, the same body is not even read: 401
    assertThat(http().send("POST", "/webhooks/crm/hubspot", List.of("Content-Type: application/json"), "[" + valid)
        .status()).isEqualTo(401);
    // and the valid delivery is stored
    String ok = "[" + valid + "]";
    assertThat(http().send("POST", "/webhooks/crm/hubspot", HubSpotSigning.headers(HUBSPOT_APP_SECRET, HUBSPOT_URL, ok),
        ok).status()).isEqualTo(200);
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void malformedMailchimpFormsAre400AndStoreNothing(CapturedOutput output) {
    String target = "/webhooks/marketing/mailchimp?secret=" + MAILCHIMP_SECRET;
    String ok = "type=subscribe&fired_at=2024-03-26+21%3A35%3A57&data%5Blist_id%5D=" + listId
        + "&data%5Bemail%5D=someone%40example.com";
    List<String> bodies = List.of(
        ok.replace("2024-03-26+21%3A35%3A57", "2024-02-30+25%3A00%3A00"),
        ok.replace("2024-03-26+21%3A35%3A57", "%2B999999999-12-31+23%3A59%3A59"),
        ok.replace("fired_at=2024-03-26+21%3A35%3A57&", ""),
        ok.replace("someone%40example.com", "some%zzone"),
        ok.replace("someone%40example.com", "%C3%28%40example.com"),
        ok.replace("&data%5Bemail%5D=someone%40example.com", ""),
        "type=upemail&fired_at=2024-03-26+21%3A35%3A57&data%5Blist_id%5D=" + listId);
    for (String body : bodies) {
      RawHttp.Response[] r = new RawHttp.Response[1];
      assertRefused(output, "mailchimp", r, () -> r[0] = http().send("POST", target,
          List.of("Content-Type: application/x-www-form-urlencoded"), body));
    }
    RawHttp.Response huge = http().send("POST", target, List.of("Content-Type: application/x-www-form-urlencoded"),
        ok + "&data%5Bmerges%5D%5BFNAME%5D=" + "x".repeat(1024 * 1024));
    assertThat(huge.status()).isEqualTo(413);
    assertThat(http().send("POST", target, List.of("Content-Type: application/x-www-form-urlencoded"), ok).status())
        .isEqualTo(200);
    assertThat(stored()).isEqualTo(1);
  }
}
