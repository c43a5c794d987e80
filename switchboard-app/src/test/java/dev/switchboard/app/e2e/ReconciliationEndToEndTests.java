package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Webhooks get lost; the reconciliation poll finds the change anyway, in both directions. */
class ReconciliationEndToEndTests extends E2eSupport {

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of("switchboard.reconcile.interval-ms", 1000,
        "switchboard.reconcile.overlap-ms", 2000));
  }

  @Test
  void changesWhoseWebhooksWereDroppedArriveThroughThePoll() {
    vendors.faults(Map.of("vendor", "hubspot", "dropWebhooks", 1.0));
    vendors.faults(Map.of("vendor", "mailchimp", "dropWebhooks", 1.0));
    String fromHubSpot = email("lost.hs");
    String fromMailchimp = email("lost.mc");

    vendors.createHubSpotContact(Map.of("email", fromHubSpot, "firstname", "Lost"));
    vendors.mailchimp.put().uri("/lists/{l}/members/{h}", Vendors.LIST, Vendors.md5(fromMailchimp))
        .body(Map.of("email_address", fromMailchimp, "status_if_new", "subscribed", "merge_fields", Map.of("FNAME", "Found")))
        .retrieve().toBodilessEntity();

    await().atMost(Duration.ofSeconds(20)).until(() -> vendors.mailchimpMember(fromHubSpot).isPresent());
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(vendors.hubSpotContactByEmail(fromMailchimp).orElseThrow().get("firstname")).isEqualTo("Found"));
    @SuppressWarnings("unchecked")
    Map<String, Object> dropped = (Map<String, Object>) ((Map<String, Object>) vendors.counters().get("webhooks")).get("hubspot");
    assertThat(((Number) dropped.get("dropped")).longValue()).isPositive();
  }
}
