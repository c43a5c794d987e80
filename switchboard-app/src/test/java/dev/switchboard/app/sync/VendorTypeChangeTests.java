package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.VendorType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A vendor object may change vendor type under the same canonical record (a Salesforce lead converted into a
 * contact): the new object is linked to the lead's record with the rule {@code type_change}, the lead's link is
 * tombstoned {@code MOVED}, no second record is made and nothing is created again anywhere; the converted lead read
 * again changes nothing; a write of ours to the lead still in flight holds the move until it has settled.
 */
class VendorTypeChangeTests {
  static final String ANN = "ann@example.com";

  final SpineFixture f = new SpineFixture();

  @BeforeEach
  void leadsAndContacts() {
    // as Salesforce: leads and contacts are two vendor types, both people; people are created as contacts
    f.hubspot.boundTypes = List.of(VendorType.of("contact", CanonicalRecord.CONTACT),
        VendorType.of("lead", CanonicalRecord.CONTACT), VendorType.of("company", "company"));
  }

  private String ann() {
    return f.identity.lookup(SpineFixture.TENANT, CanonicalRecord.CONTACT, IdentityResolver.EMAIL, ANN).orElseThrow();
  }

  private long contacts() {
    return f.db.sql("select count(*) from golden_record where object_type = 'contact' and merged_into is null")
        .query(Long.class).single();
  }

  private String lead() {
    String lead = f.hubspot.createAs("lead", Map.of(ContactField.EMAIL, ANN, ContactField.FIRST_NAME, "Ann"));
    f.webhook(f.hubspot, lead);
    f.settle();
    return lead;
  }

  private void typeChanged(String contact, String lead) {
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        f.hubspot.typeChanged(contact, lead), "corr-type-" + contact));
  }

  private String linkRule(String vendorType, String externalId) {
    return f.db.sql("select link_rule from record_link where connection_id = ? and vendor_type = ? and external_id = ?")
        .params(f.hubspotConnection.id(), vendorType, f.externalIds.key(externalId)).query(String.class).single();
  }

  private void assertMoved(String lead, String contact, String record) {
    assertThat(ann()).isEqualTo(record);
    assertThat(contacts()).isEqualTo(1);
    Links.Link now = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", contact)
        .orElseThrow();
    assertThat(now.canonicalId()).isEqualTo(record);
    assertThat(now.live()).isTrue();
    assertThat(linkRule("contact", contact)).isEqualTo("type_change");
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "lead", lead).orElseThrow()
        .tombstone()).isEqualTo(Links.Tombstone.MOVED);
    // writes go to the contact now
    assertThat(f.links.byCanonical(SpineFixture.TENANT, f.hubspotConnection.id(), CanonicalRecord.CONTACT, record)
        .orElseThrow().externalId()).isEqualTo(contact);
  }

  @Test
  void aConvertedLeadIsTheSameRecordHeldAsTheNewContact() {
    String lead = lead();
    String record = ann();
    assertThat(f.mailchimp.size()).isEqualTo(1);

    f.clock.advance(Duration.ofSeconds(5));
    String contact = f.hubspot.convert(lead, "contact");
    f.hubspot.edit(contact, Map.of(ContactField.LAST_NAME, "Lee"));
    typeChanged(contact, lead);
    f.settle();

    assertMoved(lead, contact, record);
    assertThat(f.goldenValue(ANN, ContactField.LAST_NAME)).isEqualTo("Lee");
    assertThat(f.mailchimp.size()).isEqualTo(1);
    assertThat(f.mailchimp.byEmail(ANN).orElseThrow().fields()).containsEntry(ContactField.LAST_NAME, "Lee");
    // nothing created at the vendor: the lead and the contact the conversion made
    assertThat(f.hubspot.size()).isEqualTo(2);
    assertThat(f.hubspot.batches.stream().flatMap(List::stream).filter(w -> w.externalId() == null)).isEmpty();

    // the converted lead read again (a poll, an edit of the frozen lead) changes nothing, and is not revived
    f.clock.advance(Duration.ofSeconds(5));
    f.hubspot.edit(lead, Map.of(ContactField.FIRST_NAME, "Old"));
    f.webhook(f.hubspot, lead);
    f.settle();
    assertThat(f.goldenValue(ANN, ContactField.FIRST_NAME)).isEqualTo("Ann");
    assertMoved(lead, contact, record);

    // nor does its deletion delete anybody
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(), new InboundEvent(
        "del-lead", "lead", lead, InboundEvent.Kind.DELETED, null, f.clock.instant()), "corr-del"));
    f.hubspot.remove(lead);
    f.settle();
    assertMoved(lead, contact, record);
    assertThat(f.events.events.recent(SpineFixture.TENANT, null, 100).stream()
        .filter(e -> Boolean.TRUE.equals(e.payload().get("deleted")))).isEmpty();
  }

  @Test
  void aTypeChangeWaitsForOurWriteToTheLeadInFlight() {
    String lead = lead();
    String record = ann();
    String member = f.mailchimp.byEmail(ANN).orElseThrow().id();
    f.clock.advance(Duration.ofSeconds(5));
    f.mailchimp.edit(member, Map.of(ContactField.LAST_NAME, "Lee"));
    f.webhook(f.mailchimp, member);
    f.inbound();

    AtomicReference<String> contact = new AtomicReference<>();
    f.hubspot.duringWrite = () -> {
      // converted while our update of the lead is on the wire
      contact.set(f.hubspot.convert(lead, "contact"));
      typeChanged(contact.get(), lead);
      f.inbound();
      assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", contact.get()))
          .isEmpty();
      assertThat(contacts()).isEqualTo(1);
    };
    f.egress();
    assertThat(contact.get()).isNotNull();
    f.settle();

    assertMoved(lead, contact.get(), record);
    assertThat(f.goldenValue(ANN, ContactField.LAST_NAME)).isEqualTo("Lee");
    assertThat(f.hubspot.size()).isEqualTo(2);
  }

  @Test
  void aContactReadBeforeItsTypeChangeEventJoinsTheLeadsRecordAndTheLeadEnds() {
    SpineFixture f = new SpineFixture();
    f.hubspot.boundTypes = List.of(VendorType.of("contact", CanonicalRecord.CONTACT),
        VendorType.of("lead", CanonicalRecord.CONTACT), VendorType.of("company", "company"));
    String lead = f.hubspot.createAs("lead", Map.of(ContactField.EMAIL, ANN, ContactField.FIRST_NAME, "Ann"));
    f.webhook(f.hubspot, lead);
    f.settle();
    String record = f.db.sql("select canonical_id from record_link where vendor_type = 'lead'").query(String.class)
        .single();

    f.clock.advance(Duration.ofSeconds(5));
    String contact = f.hubspot.convert(lead, "contact");
    f.webhook(f.hubspot, contact); // the contact's own create event (or the poll) is applied first
    f.settle();
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        f.hubspot.typeChanged(contact, lead), "corr-type-" + contact));
    f.settle();

    long records = f.db.sql("select count(*) from golden_record where object_type = 'contact' and merged_into is null")
        .query(Long.class).single();
    assertThat(records).as("one person").isEqualTo(1);
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", contact).orElseThrow()
        .canonicalId()).isEqualTo(record);
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "lead", lead).orElseThrow()
        .tombstone()).isEqualTo(Links.Tombstone.MOVED);
  }
}
