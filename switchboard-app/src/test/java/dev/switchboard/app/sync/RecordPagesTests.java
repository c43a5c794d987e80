package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.events.DomainEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the console's records pages stand on: the search (exact e-mail and phone through the blind index, whole name
 * words through the blocking keys, never a part of a word, deals through their edges, capped, tenant-scoped), the
 * record's details (provenance, history, state per connection) and an edit made in the console (a change like any
 * other: provenance with the editor, history, writes owed to every connection that maps the field, audited without
 * its value).
 */
class RecordPagesTests {
  final SpineFixture f = new SpineFixture();
  final RecordSearch search = new RecordSearch(f.engine, f.golden, f.vault, f.db);
  final RecordDetails details = new RecordDetails(new RecordReads(f.golden, f.links, f.db), f.golden, f.connections,
      f.vault, f.db);
  final RecordEdits edits = new RecordEdits(f.engine, f.golden, f.events.events, f.tx, f.clock);

  private String contact(String tenant, String externalId, Map<String, Object> fields) {
    CanonicalRecord record = f.engine.clean(tenant, CanonicalRecord.contact(fields));
    Instant t = f.clock.instant();
    return f.tx.execute(s -> f.engine.apply(tenant, f.hubspotConnection, "hubspot", externalId, record, t, t, t,
        "corr-test")).canonicalId();
  }

  private String rita() {
    return contact(SpineFixture.TENANT, "1", Map.of(ContactField.FIRST_NAME, "Rita", ContactField.LAST_NAME,
        "Moreno", ContactField.EMAIL, "rita.moreno@example.com", ContactField.PHONE, "(415) 555-0142"));
  }

  private List<String> found(String query) {
    return search.search(SpineFixture.TENANT, query).stream().map(RecordSearch.Hit::id).toList();
  }

  @Test
  void anEmailOrPhoneIsFoundExactlyInAnyFormatAndANameOnlyByWholeWords() {
    String rita = rita();
    contact(SpineFixture.TENANT, "2", Map.of(ContactField.FIRST_NAME, "Ritan", ContactField.LAST_NAME, "Morenos",
        ContactField.EMAIL, "other@example.com"));

    assertThat(found("Rita.Moreno@EXAMPLE.com ")).containsExactly(rita);
    assertThat(search.search(SpineFixture.TENANT, "rita.moreno@example.com").getFirst().foundBy()).isEqualTo("e-mail");
    assertThat(found("+1 415-555-0142")).containsExactly(rita);
    assertThat(found("415.555.0142")).containsExactly(rita);
    assertThat(found("Rita Moreno")).containsExactly(rita);
    assertThat(found("moreno RITA")).containsExactly(rita);
    // no part of a value: not a part of the address, the number, or a word of the name
    assertThat(found("rita.moreno@example")).isEmpty();
    assertThat(found("555-0142")).isEmpty();
    assertThat(found("Rit Moreno")).isEmpty();
    assertThat(found("Rita Moren")).isEmpty();
    assertThat(found("Rita")).isEmpty();
    assertThat(found("")).isEmpty();
  }

  @Test
  void anotherTenantsRecordsAreNeverFound() {
    f.tenants.ensure("t2", "Tenant two", "US");
    rita();
    assertThat(search.search("t2", "rita.moreno@example.com")).isEmpty();
    assertThat(search.search("t2", "Rita Moreno")).isEmpty();
    assertThat(search.search("t2", "+14155550142")).isEmpty();
    assertThat(details.find("t2", rita())).isEmpty();
    assertThatThrownBy(() -> edits.edit("t2", rita(), ContactField.FIRST_NAME, "Eve", "mallory"))
        .isInstanceOfSatisfying(RecordEdits.Refused.class, e -> assertThat(e.code()).isEqualTo("not_found"));
  }

  @Test
  void aDealComesWithThePersonFoundAndAtMostFiftyRecordsAreAnswered() {
    String rita = rita();
    String deal = UUID.randomUUID().toString();
    Instant t = f.clock.instant();
    f.tx.executeWithoutResult(s -> {
      f.engine.applyTo(SpineFixture.TENANT, deal, new CanonicalRecord("deal", Map.of("name", "Big order")), t, null);
      f.edges.change(SpineFixture.TENANT, deal, "contacts", Map.of(rita, false), Set.of(), "api", t);
    });
    assertThat(search.search(SpineFixture.TENANT, "rita.moreno@example.com"))
        .extracting(RecordSearch.Hit::id, RecordSearch.Hit::type, RecordSearch.Hit::foundBy)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(rita, "contact", "e-mail"),
            org.assertj.core.groups.Tuple.tuple(deal, "deal", "linked"));

    for (int i = 0; i < 60; i++) {
      contact(SpineFixture.TENANT, "jon-" + i, Map.of(ContactField.FIRST_NAME, "Jon", ContactField.LAST_NAME, "Smith",
          ContactField.EMAIL, "jon" + i + "@example.com"));
    }
    assertThat(found("Jon Smith")).hasSize(RecordSearch.MAX_RESULTS);
  }

  @Test
  void aFieldShowsItsProvenanceAndAnEditIsAChangeLikeAnyOtherOwedToEveryConnection() {
    String rita = rita();
    f.clock.advance(Duration.ofMinutes(5));
    f.db.sql("update outbox_task set status = 'DONE'").update(); // the first writes went out

    long version = edits.edit(SpineFixture.TENANT, rita, ContactField.FIRST_NAME, "  Margarita ", "alice");

    RecordDetails.Detail d = details.find(SpineFixture.TENANT, rita).orElseThrow();
    assertThat(d.version()).isEqualTo(version);
    assertThat(d.fields().get(ContactField.FIRST_NAME)).isEqualTo(new FieldValue("Margarita", "switchboard:alice",
        f.clock.instant()));
    assertThat(d.fields().get(ContactField.LAST_NAME).system()).isEqualTo("hubspot");
    assertThat(d.history().getFirst()).satisfies(h -> {
      assertThat(h.field()).isEqualTo(ContactField.FIRST_NAME);
      assertThat(h.oldValue()).isEqualTo("Rita");
      assertThat(h.newValue()).isEqualTo("Margarita");
      assertThat(h.system()).isEqualTo("switchboard:alice");
    });
    // owed to both connections (the edit came from neither), and the page says so
    assertThat(f.db.sql("select count(*) from outbox_task where canonical_id = ? and status = 'PENDING'")
        .param(rita).query(Long.class).single()).isEqualTo(2);
    assertThat(d.targets()).extracting(t -> t.connection().system(), RecordDetails.Target::state)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("hubspot", RecordDetails.State.SENDING),
            org.assertj.core.groups.Tuple.tuple("mailchimp", RecordDetails.State.SENDING));
    assertThat(f.events.events.audit(SpineFixture.TENANT, null, null, 10)).singleElement().satisfies(e -> {
      assertThat(e.payload()).containsEntry("action", "record.edit").containsEntry("actor", "alice")
          .containsEntry("target", "record:" + rita).containsEntry("field", ContactField.FIRST_NAME);
      assertThat(e.payload().toString()).doesNotContain("Margarita");
    });
    assertThat(f.events.events.recent(SpineFixture.TENANT, DomainEvents.CRM_SYNCED, 1)).singleElement()
        .satisfies(e -> assertThat(e.payload()).containsEntry("system", "switchboard:alice"));

    // the same value again changes nothing and owes nothing more
    f.db.sql("update outbox_task set status = 'DONE'").update();
    assertThat(edits.edit(SpineFixture.TENANT, rita, ContactField.FIRST_NAME, "Margarita", "alice")).isEqualTo(version);
    assertThat(f.db.sql("select count(*) from outbox_task where status = 'PENDING'").query(Long.class).single())
        .isZero();
    assertThat(details.find(SpineFixture.TENANT, rita).orElseThrow().targets())
        .extracting(t -> t.connection().system(), RecordDetails.Target::state)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("hubspot", RecordDetails.State.IN_SYNC),
            // the fixture runs no egress: Mailchimp was never written, so holds no member of it
            org.assertj.core.groups.Tuple.tuple("mailchimp", RecordDetails.State.NOT_THERE));
  }

  @Test
  void anEditThatIsNotAValidValueOrNotATextFieldIsRefusedAndChangesNothing() {
    String rita = rita();
    long before = f.golden.find(SpineFixture.TENANT, rita).orElseThrow().version();
    for (String[] bad : List.of(new String[] {ContactField.PHONE, "not a phone"},
        new String[] {ContactField.EMAIL, "nobody"}, new String[] {ContactField.FIRST_NAME, "  "},
        new String[] {ContactField.FIRST_NAME, "x".repeat(1001)})) {
      assertThatThrownBy(() -> edits.edit(SpineFixture.TENANT, rita, bad[0], bad[1], "alice")).as(bad[0])
          .isInstanceOfSatisfying(RecordEdits.Refused.class, e -> assertThat(e.code()).isEqualTo("invalid_value"));
    }
    assertThatThrownBy(() -> edits.edit(SpineFixture.TENANT, rita, "jobTitle", "CEO", "alice"))
        .isInstanceOfSatisfying(RecordEdits.Refused.class, e -> assertThat(e.code()).isEqualTo("not_editable"));
    assertThat(f.golden.find(SpineFixture.TENANT, rita).orElseThrow().version()).isEqualTo(before);
    // made at the very moment HubSpot dated its value: a tie HubSpot's priority wins, and the edit says so
    assertThatThrownBy(() -> edits.edit(SpineFixture.TENANT, rita, ContactField.PHONE, "(415) 555-0199", "alice"))
        .isInstanceOfSatisfying(RecordEdits.Refused.class, e -> assertThat(e.code()).isEqualTo("newer_value"));
    assertThat(f.golden.find(SpineFixture.TENANT, rita).orElseThrow().version()).isEqualTo(before);
    // a phone typed any way is stored as the spine stores phones
    f.clock.advance(Duration.ofSeconds(1));
    edits.edit(SpineFixture.TENANT, rita, ContactField.PHONE, "(415) 555-0199", "alice");
    assertThat(f.golden.find(SpineFixture.TENANT, rita).orElseThrow().fields().get(ContactField.PHONE).value())
        .isEqualTo("+14155550199");
    assertThat(found("415 555 0199")).containsExactly(rita);
    assertThat(found("415 555 0142")).isEmpty();
  }

  /** A marketing status is the person's own decision: editing it here would record an opt-in nobody gave. */
  @Test
  void theConsentFieldIsNotEditable() {
    String una = contact(SpineFixture.TENANT, "2", Map.of(ContactField.FIRST_NAME, "Una", ContactField.EMAIL,
        "una@example.com", ContactField.MARKETING_STATUS, "unsubscribed"));
    var record = f.golden.find(SpineFixture.TENANT, una).orElseThrow();
    assertThat(record.fields()).containsKey(ContactField.MARKETING_STATUS);
    assertThat(RecordEdits.editable(record.fields(), ContactField.MARKETING_STATUS)).isFalse();
    f.clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> edits.edit(SpineFixture.TENANT, una, ContactField.MARKETING_STATUS, "subscribed", "alice"))
        .isInstanceOfSatisfying(RecordEdits.Refused.class, e -> assertThat(e.code()).isEqualTo("not_editable"));
    assertThat(f.golden.find(SpineFixture.TENANT, una).orElseThrow().version()).isEqualTo(record.version());
  }

  @Test
  void aDeadLetteredWriteShowsAsFailedWithItsErrorCode() {
    String rita = rita();
    f.db.sql("update outbox_task set status = 'DEAD', last_error_code = 'invalid_email' where connection_id = ?")
        .param(f.mailchimpConnection.id()).update();
    f.db.sql("update outbox_task set status = 'DONE' where connection_id = ?").param(f.hubspotConnection.id()).update();
    assertThat(details.find(SpineFixture.TENANT, rita).orElseThrow().targets()).satisfiesExactlyInAnyOrder(
        t -> {
          assertThat(t.connection().system()).isEqualTo("hubspot");
          assertThat(t.state()).isEqualTo(RecordDetails.State.IN_SYNC);
          assertThat(t.externalId()).isEqualTo("1");
        },
        t -> {
          assertThat(t.connection().system()).isEqualTo("mailchimp");
          assertThat(t.state()).isEqualTo(RecordDetails.State.FAILED);
          assertThat(t.reason()).isEqualTo("invalid_email");
        });
  }
}
