package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After every apply, each linked system holds the golden value or has a write queued to receive it; a genuine edit
 * seen after our write settled is never treated as older than it. Interleavings are staged exactly, with the
 * clock and the vendors' hooks.
 */
class ConvergenceTests {
  final SpineFixture f = new SpineFixture();

  /**
   * The quick-edit race: a person edits the member in Mailchimp (second-precision timestamps) just after our write
   * created it, and the webhook for that edit is read while our write is still settling. The read must not be
   * applied as if it predated our write: the edit is newer than the HubSpot value and wins everywhere.
   */
  @Test
  void anEditReadWhileOurWriteSettlesWinsInBothSystems() {
    String hid = f.hubspot.create(Map.of(ContactField.EMAIL, "ann@example.com", ContactField.FIRST_NAME, "Old"));
    f.webhook(f.hubspot, hid);
    f.inbound();
    f.clock.advance(Duration.ofMillis(100));
    f.mailchimp.duringWrite = () -> {
      String member = f.mailchimp.byEmail("ann@example.com").orElseThrow().id();
      f.clock.advance(Duration.ofMillis(50));
      f.mailchimp.edit(member, Map.of(ContactField.FIRST_NAME, "New")); // same second as our write
      f.webhook(f.mailchimp, member);
      f.inbound(); // reads "New" while our write is in flight
      f.clock.advance(Duration.ofMillis(10)); // our write's bookkeeping commits after that read
    };
    f.egress();
    f.settle();

    assertThat(f.hubspot.get(hid).fields()).containsEntry(ContactField.FIRST_NAME, "New");
    assertThat(f.mailchimp.byEmail("ann@example.com").orElseThrow().fields()).containsEntry(ContactField.FIRST_NAME, "New");
    assertThat(f.goldenValue("ann@example.com", ContactField.FIRST_NAME)).isEqualTo("New");
  }

  /**
   * Mailchimp is connected after HubSpot and holds an older first name for the same person: the golden record
   * keeps the newer HubSpot value, and Mailchimp is sent it instead of keeping the value that lost.
   */
  @Test
  void aValueThatLosesIsOverwrittenInItsSource() {
    SpineFixture g = new SpineFixture(false);
    String member = g.mailchimp.create(Map.of(ContactField.EMAIL, "cy@example.com", ContactField.FIRST_NAME, "Cy"));
    g.clock.advance(Duration.ofHours(1));
    String hid = g.hubspot.create(Map.of(ContactField.EMAIL, "cy@example.com", ContactField.FIRST_NAME, "Cyrus"));
    g.webhook(g.hubspot, hid);
    g.settle();

    g.connectMailchimp();
    g.webhook(g.mailchimp, member); // its first read: an older name than the golden record's
    g.settle();

    assertThat(g.goldenValue("cy@example.com", ContactField.FIRST_NAME)).isEqualTo("Cyrus");
    assertThat(g.mailchimp.get(member).fields()).containsEntry(ContactField.FIRST_NAME, "Cyrus");
    assertThat(g.hubspot.get(hid).fields()).containsEntry(ContactField.FIRST_NAME, "Cyrus");
  }

  /** The same field edited on both sides within one second: whichever wins, both systems end equal. */
  @Test
  void concurrentEditsOfOneFieldEndEqual() {
    String hid = f.hubspot.create(Map.of(ContactField.EMAIL, "di@example.com", ContactField.FIRST_NAME, "Start"));
    f.webhook(f.hubspot, hid);
    f.settle();
    String member = f.mailchimp.byEmail("di@example.com").orElseThrow().id();

    f.hubspot.edit(hid, Map.of(ContactField.FIRST_NAME, "H"));
    f.clock.advance(Duration.ofMillis(200));
    f.mailchimp.edit(member, Map.of(ContactField.FIRST_NAME, "M"));
    f.webhook(f.mailchimp, member);
    f.webhook(f.hubspot, hid);
    f.settle();

    Object h = f.hubspot.get(hid).fields().get(ContactField.FIRST_NAME);
    assertThat(h).isIn("H", "M");
    assertThat(f.mailchimp.get(member).fields().get(ContactField.FIRST_NAME)).isEqualTo(h);
    assertThat(f.goldenValue("di@example.com", ContactField.FIRST_NAME)).isEqualTo(h);
  }
}
