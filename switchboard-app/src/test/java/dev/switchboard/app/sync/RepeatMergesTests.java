package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.events.DomainEvents;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A merge made in one connection (HubSpot {@code contact.merge}) is repeated in another connection that has
 * {@code repeatMerges} on and can merge: durably, after the spine's transaction, retried like a write, and never back
 * into the connection it came from. Off (the default), nothing is called and both objects stay linked.
 */
class RepeatMergesTests {
  final SpineFixture f = new SpineFixture();

  /** Two people in HubSpot, each synced to the ERP (the second CRM-like connection); returns their HubSpot ids. */
  private String[] twoPeople(Map<String, String> erpSettings) {
    f.erp.mergeable.add("contact");
    f.hubspot.mergeable.add("contact");
    f.settings(f.hubspot, Map.of("repeatMerges", "true")); // on in the source too: it must still not be repeated there
    f.connectErp(erpSettings);
    String a = f.hubspot.create(Map.of(ContactField.EMAIL, "ann@example.com", ContactField.FIRST_NAME, "Ann"));
    String b = f.hubspot.create(Map.of(ContactField.EMAIL, "ann.lee@example.com", ContactField.LAST_NAME, "Lee"));
    f.webhook(f.hubspot, a);
    f.webhook(f.hubspot, b);
    f.settle();
    assertThat(f.erp.size()).isEqualTo(2);
    return new String[] {a, b};
  }

  private String canonical(String email) {
    return f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, email).orElseThrow();
  }

  private String erpIdOf(String email) {
    return f.erp.byEmail(email).orElseThrow().id();
  }

  private Links.Link erpLink(String erpId) {
    return f.links.byExternal(SpineFixture.TENANT, f.erpConnection.id(), "contact", erpId).orElseThrow();
  }

  /** HubSpot merged {@code merged} into {@code survivor} and told us. */
  private void mergeInHubSpot(String survivor, String merged) {
    f.clock.advance(Duration.ofSeconds(2));
    f.hubspot.remove(merged);
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        InboundEvent.merged("merge-1", "contact", merged, survivor, f.clock.instant(), null), "corr-merge"));
    f.inbound();
  }

  @Test
  void onTheMergeIsRepeatedInTheOtherConnectionAndItsOwnMergeWebhookDoesNothing() {
    String[] ids = twoPeople(Map.of("repeatMerges", "true"));
    String erpA = erpIdOf("ann@example.com");
    String erpB = erpIdOf("ann.lee@example.com");
    String ca = canonical("ann@example.com");

    mergeInHubSpot(ids[0], ids[1]);
    assertThat(f.mergeRepeats.statuses(SpineFixture.TENANT, f.erpConnection.id())).containsExactly("PENDING");
    assertThat(f.erp.mergeRequests).isEmpty(); // nothing is called inside the merge's transaction
    f.settle();

    assertThat(f.erp.mergeRequests).containsExactly(erpB + ">" + erpA);
    assertThat(f.hubspot.mergeRequests).isEmpty(); // never repeated back where it came from
    assertThat(f.mailchimp.mergeRequests).isEmpty(); // Mailchimp cannot merge: both members stay
    assertThat(f.mergeRepeats.statuses(SpineFixture.TENANT, f.erpConnection.id())).containsExactly("DONE");
    assertThat(erpLink(erpB).tombstone()).isEqualTo(Links.Tombstone.MERGED);
    assertThat(erpLink(erpB).canonicalId()).isEqualTo(ca);
    assertThat(erpLink(erpA).live()).isTrue();
    assertThat(erpLink(erpA).primary()).isTrue();
    assertThat(f.erp.get(erpA).fields()).containsEntry(ContactField.LAST_NAME, "Lee");

    // the ERP's own merge webhook for our call is recognised as applied: no second merge, no write, no new record
    int writes = f.erp.writeCalls.get();
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.erpConnection.id(),
        InboundEvent.merged("erp-merge-1", "contact", erpB, erpA, f.clock.instant(), null), "corr-erp-merge"));
    f.settle();
    assertThat(f.golden.count(SpineFixture.TENANT)).isEqualTo(1);
    assertThat(f.events.events.recent(SpineFixture.TENANT, DomainEvents.RECORD_MERGED, 5)).hasSize(1);
    assertThat(f.erp.mergeRequests).hasSize(1);
    assertThat(f.erp.writeCalls.get()).isEqualTo(writes);
  }

  @Test
  void offByDefaultNothingIsCalledAndBothObjectsStayLinked() {
    String[] ids = twoPeople(Map.of());
    String erpA = erpIdOf("ann@example.com");
    String erpB = erpIdOf("ann.lee@example.com");

    mergeInHubSpot(ids[0], ids[1]);
    f.settle();

    assertThat(f.erp.mergeRequests).isEmpty();
    assertThat(f.mergeRepeats.statuses(SpineFixture.TENANT, f.erpConnection.id())).isEmpty();
    assertThat(erpLink(erpA).live()).isTrue();
    assertThat(erpLink(erpB).live()).isTrue();
    assertThat(erpLink(erpB).canonicalId()).isEqualTo(canonical("ann@example.com"));
    assertThat(f.erp.size()).isEqualTo(2);
  }

  @Test
  void aRetryableFailureIsRetriedByTheClock() {
    String[] ids = twoPeople(Map.of("repeatMerges", "true"));
    String erpB = erpIdOf("ann.lee@example.com");
    f.erp.mergeFailure = () -> VendorException.forStatus(503, null, "http_503", "erp unavailable");

    mergeInHubSpot(ids[0], ids[1]);
    f.egress();
    assertThat(f.erp.mergeRequests).isEmpty();
    assertThat(f.mergeRepeats.statuses(SpineFixture.TENANT, f.erpConnection.id())).containsExactly("PENDING");
    assertThat(erpLink(erpB).live()).isTrue();

    f.erp.mergeFailure = null;
    f.settle(); // the clock moves past the backoff
    assertThat(f.erp.mergeRequests).hasSize(1);
    assertThat(erpLink(erpB).tombstone()).isEqualTo(Links.Tombstone.MERGED);
  }

  @Test
  void aMergeTheVendorRefusesIsDeadLetteredWithAnAlertAndBothLinksKept() {
    String[] ids = twoPeople(Map.of("repeatMerges", "true"));
    String erpB = erpIdOf("ann.lee@example.com");
    f.erp.mergeFailure = () -> VendorException.forStatus(400, null, "VALIDATION_ERROR", "cannot merge these");

    mergeInHubSpot(ids[0], ids[1]);
    f.settle();

    assertThat(f.mergeRepeats.statuses(SpineFixture.TENANT, f.erpConnection.id())).containsExactly("DEAD");
    assertThat(erpLink(erpB).live()).isTrue();
    assertThat(f.db.sql("select count(*) from alert where code = ? and acknowledged_at is null")
        .param(MergeEgress.DEAD_LETTER).query(Long.class).single()).isEqualTo(1);
  }
}
