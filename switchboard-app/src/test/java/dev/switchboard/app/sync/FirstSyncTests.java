package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nothing is created in a connection before its own records of the type have been read and matched: a person who is
 * already a Mailchimp member, found by the backfill, is linked — not created a second time — and creates wait, without
 * spending attempts, until the backfill has completed.
 */
class FirstSyncTests {
  final SpineFixture f = new SpineFixture();

  @Test
  void createsWaitForTheTargetsBackfillAndUpdatesDoNot() {
    f.firstSync.enabled(true);
    f.cursors.ensure("mailchimp", "contact"); // Mailchimp was just connected: its backfill has not run
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "kim@example.com", ContactField.FIRST_NAME, "Kim"));
    f.webhook(f.hubspot, id);
    f.inbound();
    f.egress();
    assertThat(f.mailchimp.batches).as("held: Mailchimp may have her already").isEmpty();
    assertThat(f.db.sql("select last_error_code, attempts from outbox_task where connection_id = ?")
        .param(f.mailchimpConnection.id()).query().singleRow())
        .containsEntry("last_error_code", "first_sync").containsEntry("attempts", 0);

    f.reconciler.runOnce("rec"); // the backfill reads Mailchimp (empty) and completes
    f.clock.advance(FirstSyncGate.WAIT);
    f.egress();
    assertThat(f.mailchimp.batches).hasSize(1);
    assertThat(f.mailchimp.byEmail("kim@example.com")).isPresent();
  }

  @Test
  void aConnectionWhoseConnectorDoesNotReadTheTypeBackIsNotHeld() {
    f.firstSync.enabled(true);
    f.cursors.ensure("mailchimp", "contact");
    f.reconciler.runOnce("rec");
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "lee@example.com"));
    f.webhook(f.hubspot, id);
    f.inbound();
    f.egress();
    assertThat(f.mailchimp.batches).hasSize(1);
  }
}
