package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.TimestampCapability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The engine's use of the sources' declared timestamp capabilities, each case on its own fixture and clock: per-field
 * times where a read carries them, ties within Mailchimp's whole second decided by the field's priority, and a source
 * without usable times never winning by recency (not even as the seed of a first link).
 */
class SyncEngineTimeTests {

  private static SyncEngine.Outcome apply(SpineFixture f, FakeConnector vendor, String id, Map<String, Object> fields,
      Instant modified, @Nullable Map<String, Instant> fieldTimes) {
    CanonicalRecord record = f.engine.clean(SpineFixture.TENANT, CanonicalRecord.contact(fields));
    Instant readAt = f.clock.instant();
    return f.tx.execute(s -> f.engine.apply(SpineFixture.TENANT, f.connectionOf(vendor),
        vendor == f.hubspot ? "hubspot" : "mailchimp", "contact", id, null, record, modified, fieldTimes, readAt, readAt,
        "corr"));
  }

  private static Map<String, FieldValue> golden(SpineFixture f, SyncEngine.Outcome o) {
    return f.golden.find(SpineFixture.TENANT, o.canonicalId()).orElseThrow().fields();
  }

  @Test
  void aFieldDatedByItsSourceIsMergedByThatTimeNotByTheRecordsUpdatedAt() {
    SpineFixture f = new SpineFixture();
    Instant t0 = f.clock.instant();
    SyncEngine.Outcome o = apply(f, f.hubspot, "201", Map.of(ContactField.EMAIL, "cy@example.com",
        ContactField.FIRST_NAME, "Cy", ContactField.LAST_NAME, "Old"), t0, null);
    apply(f, f.mailchimp, "m-201", Map.of(ContactField.EMAIL, "cy@example.com", ContactField.FIRST_NAME, "Cy",
        ContactField.LAST_NAME, "Old"), t0, null);
    f.clock.advance(Duration.ofSeconds(30));
    apply(f, f.mailchimp, "m-201", Map.of(ContactField.EMAIL, "cy@example.com", ContactField.FIRST_NAME, "Cyril",
        ContactField.LAST_NAME, "Old"), f.clock.instant(), null);
    // HubSpot's read a minute later: its first name was set at t0 + 10 s, only its last name at t0 + 60 s
    f.clock.advance(Duration.ofSeconds(31));
    apply(f, f.hubspot, "201", Map.of(ContactField.EMAIL, "cy@example.com", ContactField.FIRST_NAME, "Cyrus",
        ContactField.LAST_NAME, "New"), t0.plusSeconds(60),
        Map.of(ContactField.FIRST_NAME, t0.plusSeconds(10), ContactField.LAST_NAME, t0.plusSeconds(60)));

    assertThat(golden(f, o).get(ContactField.FIRST_NAME).value()).isEqualTo("Cyril");
    assertThat(golden(f, o).get(ContactField.LAST_NAME)).isEqualTo(new FieldValue("New", "hubspot", t0.plusSeconds(60)));
  }

  @Test
  void withinMailchimpsWholeSecondTheFieldsPriorityDecidesNotTheLaterMillisecond() {
    SpineFixture f = new SpineFixture(new MutableClock(SpineFixture.START), true, null, Map.of(),
        new FieldPriority(List.of("api", "hubspot", "mailchimp"),
            Map.of(ContactField.MARKETING_STATUS, List.of("mailchimp", "hubspot"))));
    Instant t0 = f.clock.instant();
    SyncEngine.Outcome o = apply(f, f.hubspot, "202", Map.of(ContactField.EMAIL, "mo@example.com"), t0, null);
    f.clock.advance(Duration.ofMinutes(1));
    Instant second = f.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    apply(f, f.mailchimp, "m-202", Map.of(ContactField.EMAIL, "mo@example.com",
        ContactField.MARKETING_STATUS, "subscribed"), second, null);
    // HubSpot's opt-out 400 ms into the second Mailchimp dates its subscription by: no order can be told
    f.clock.advance(Duration.ofSeconds(2));
    apply(f, f.hubspot, "202", Map.of(ContactField.EMAIL, "mo@example.com",
        ContactField.MARKETING_STATUS, "unsubscribed"), second.plusMillis(400), null);

    assertThat(golden(f, o).get(ContactField.MARKETING_STATUS).value()).isEqualTo("subscribed");
  }

  @Test
  void aSourceWithoutUsableTimesFillsButNeverReplacesAValueByRecency() {
    SpineFixture f = new SpineFixture();
    f.mailchimp.timestamps = TimestampCapability.UNTIMED;
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f, f.hubspot, "203", Map.of(ContactField.EMAIL, "di@example.com",
        ContactField.FIRST_NAME, "Di"), t, null);
    apply(f, f.mailchimp, "m-203", Map.of(ContactField.EMAIL, "di@example.com", ContactField.FIRST_NAME, "Di"), t, null);
    f.tx.executeWithoutResult(s -> f.db.sql("update outbox_task set status = 'DONE'").update());

    f.clock.advance(Duration.ofDays(1));
    apply(f, f.mailchimp, "m-203", Map.of(ContactField.EMAIL, "di@example.com", ContactField.FIRST_NAME, "Dee",
        ContactField.LAST_NAME, "Ng"), f.clock.instant(), null);

    assertThat(golden(f, o).get(ContactField.FIRST_NAME).value()).isEqualTo("Di"); // hubspot ranks first
    assertThat(golden(f, o).get(ContactField.LAST_NAME).value()).isEqualTo("Ng"); // lacking: filled
    assertThat(f.outbox.state(SpineFixture.TENANT, f.mailchimpConnection.id(), o.canonicalId())).get()
        .extracting(Outbox.State::status).isEqualTo(Outbox.PENDING); // Mailchimp gets "Di" back
  }

  @Test
  void aSourceWithoutUsableTimesOnlyFillsOnAFirstLinkEvenAsTheSeed() {
    SpineFixture f = new SpineFixture();
    f.mailchimp.timestamps = TimestampCapability.UNTIMED;
    f.settings(f.mailchimp, Map.of("initialSyncSeed", "true"));
    f.mailchimpConnection = f.connections.find(SpineFixture.TENANT, f.mailchimpConnection.id()).orElseThrow();
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f, f.hubspot, "204", Map.of(ContactField.EMAIL, "vi@example.com",
        ContactField.FIRST_NAME, "Violet"), t, null);
    f.clock.advance(Duration.ofMinutes(5));
    apply(f, f.mailchimp, "m-204", Map.of(ContactField.EMAIL, "vi@example.com", ContactField.FIRST_NAME, "Vi",
        ContactField.LAST_NAME, "Sung"), f.clock.instant(), null);

    assertThat(golden(f, o).get(ContactField.FIRST_NAME).value()).isEqualTo("Violet");
    assertThat(golden(f, o).get(ContactField.LAST_NAME).value()).isEqualTo("Sung");
  }

  @Test
  void onAFirstLinkAValueItsSourceDatesCompetesByTimeWhileUndatedOnesOnlyFill() {
    SpineFixture f = new SpineFixture();
    f.mailchimp.timestamps = TimestampCapability.perField(Duration.ofMillis(1));
    Instant t = f.clock.instant();
    SyncEngine.Outcome o = apply(f, f.hubspot, "205", Map.of(ContactField.EMAIL, "lu@example.com",
        ContactField.FIRST_NAME, "Lucia", ContactField.PHONE, "+14155550100"), t, null);
    f.clock.advance(Duration.ofMinutes(5));
    apply(f, f.mailchimp, "m-205", Map.of(ContactField.EMAIL, "lu@example.com", ContactField.FIRST_NAME, "Lu",
        ContactField.PHONE, "+14155550199", ContactField.LAST_NAME, "Moreno"), f.clock.instant(),
        Map.of(ContactField.FIRST_NAME, t.plusSeconds(120)));

    Map<String, FieldValue> fields = golden(f, o);
    assertThat(fields.get(ContactField.FIRST_NAME)).isEqualTo(new FieldValue("Lu", "mailchimp", t.plusSeconds(120)));
    assertThat(fields.get(ContactField.PHONE).value()).isEqualTo("+14155550100"); // undated: fill only
    assertThat(fields.get(ContactField.LAST_NAME).value()).isEqualTo("Moreno");
  }
}
