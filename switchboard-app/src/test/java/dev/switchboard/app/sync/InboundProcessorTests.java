package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inbound processor's contract: claimed jobs of one connection are read from the vendor together, then each is
 * applied and completed in its own transaction; a failed read is retried without touching the others; the
 * connection's health follows what its calls did.
 */
class InboundProcessorTests {
  final SpineFixture f = new SpineFixture();

  @Test
  void jobsOfOneConnectionAreReadInOneCall() {
    for (int i = 0; i < 20; i++) {
      f.webhook(f.hubspot, f.hubspot.create(Map.of(ContactField.EMAIL, "p" + i + "@example.com")));
    }
    f.inbound();
    assertThat(f.hubspot.fetchCalls.get()).isEqualTo(1);
    assertThat(f.db.sql("select count(*) from golden_record").query(Long.class).single()).isEqualTo(20);
    assertThat(f.db.sql("select count(*) from sync_job where status = 'DONE'").query(Long.class).single()).isEqualTo(20);
  }

  @Test
  void aRecordReadByThePollIsAppliedWithoutAnotherCall() {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "ann@example.com"));
    SourceRecord read = new SourceRecord("contact", id, f.clock.instant(),
        CanonicalRecord.contact(Map.of(ContactField.EMAIL, "ann@example.com")));
    f.tx.executeWithoutResult(s -> f.jobs.enqueuePrefetched(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", read,
        f.clock.instant(), "poll"));
    f.inbound();
    assertThat(f.hubspot.fetchCalls.get()).isZero();
    assertThat(f.db.sql("select count(*) from golden_record").query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void anObjectGoneAfterADeletionEventIsTombstonedButAfterAChangeEventItIsNot() {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "bo@example.com"));
    f.webhook(f.hubspot, id);
    f.inbound();
    f.hubspot.remove(id);
    f.webhook(f.hubspot, id); // a change event, then a 404: may be a moved object, keep the link
    f.inbound();
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", id).orElseThrow().live())
        .isTrue();
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        new InboundEvent("del-1", "contact", id, InboundEvent.Kind.DELETED, null, f.clock.instant()), "corr"));
    f.inbound();
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", id).orElseThrow()
        .tombstone()).isEqualTo(Links.Tombstone.DELETED);
  }

  @Test
  void aFailedReadIsRetriedLaterAndTheConnectionStaysFailingUntilACallWorks() {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "cy@example.com"));
    f.webhook(f.hubspot, id);
    f.hubspot.fetchFailure = () -> new VendorException(503, true, null, "server_error", "hubspot answered 503");
    f.inbound();
    // failed and not marked healthy again in the same pass
    assertThat(connection().status()).isEqualTo(Connection.ERROR);
    assertThat(f.db.sql("select attempts from sync_job").query(Integer.class).single()).isEqualTo(1);

    f.hubspot.fetchFailure = null;
    f.inbound(); // not due yet
    assertThat(f.hubspot.fetchCalls.get()).isEqualTo(1);
    f.clock.advance(Duration.ofSeconds(5));
    f.inbound();
    assertThat(connection().status()).isEqualTo(Connection.ACTIVE);
    assertThat(f.db.sql("select status from sync_job").query(String.class).single()).isEqualTo("DONE");
  }

  @Test
  void refusedCredentialsStopTheConnectionsJobsWithoutSpendingAttempts() {
    f.webhook(f.hubspot, f.hubspot.create(Map.of(ContactField.EMAIL, "di@example.com")));
    f.hubspot.fetchFailure = () -> new VendorException(401, false, null, "INVALID_AUTHENTICATION", "hubspot answered 401");
    f.inbound();
    assertThat(connection().status()).isEqualTo(Connection.CREDENTIALS_REJECTED);
    f.clock.advance(Duration.ofHours(1));
    f.inbound();
    assertThat(f.hubspot.fetchCalls.get()).isEqualTo(1);
    assertThat(f.db.sql("select attempts from sync_job").query(Integer.class).single()).isZero();
  }

  private Connection connection() {
    return f.connections.find(SpineFixture.TENANT, f.hubspotConnection.id()).orElseThrow();
  }
}
