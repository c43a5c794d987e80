package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Derived records: a binding reads a booking's client out of the booking. The client is resolved by e-mail (or made),
 * merged by the usual rules, kept with its provenance (the derivation, its rule and snapshot) and no link; the booking
 * has a {@code client} edge to it; it reaches HubSpot, and is never created in the booking system it came from.
 */
class DerivedRecordsTests {
  static final String ANN = "ann@example.com";

  final SpineFixture f = new SpineFixture(false);

  @BeforeEach
  void bookingSystem() {
    // the fake ERP plays a booking system: bookings, whose client it reads out of the booking, and contacts it takes
    f.erp.boundTypes = List.of(VendorType.of("booking", "booking"), VendorType.of("contact", CanonicalRecord.CONTACT));
    f.erp.deriver = o -> o.fields().get("clientEmail") == null ? List.of() : List.of(new SourceRecord.Derived("client",
        new CanonicalRecord(CanonicalRecord.CONTACT, Map.of(ContactField.EMAIL, o.fields().get("clientEmail"),
            ContactField.FIRST_NAME, o.fields().get("clientName"))), "client"));
    f.connectErp(Map.of());
  }

  private String booking(String clientName) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", "Haircut");
    fields.put("clientEmail", ANN);
    fields.put("clientName", clientName);
    String id = f.erp.createAs("booking", fields);
    f.webhook(f.erp, id);
    f.settle();
    return id;
  }

  private String ann() {
    return f.identity.lookup(SpineFixture.TENANT, CanonicalRecord.CONTACT, IdentityResolver.EMAIL, ANN).orElseThrow();
  }

  private long contacts() {
    return f.db.sql("select count(*) from golden_record where object_type = 'contact' and merged_into is null")
        .query(Long.class).single();
  }

  @Test
  void aBookingsClientIsDerivedWithProvenanceAndNoLinkAndReachesHubSpotButNotTheBookingSystem() {
    String booking = booking("Ann");

    String client = ann();
    assertThat(f.goldenValue(ANN, ContactField.FIRST_NAME)).isEqualTo("Ann");
    String bookingRecord = f.links.byExternal(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking)
        .orElseThrow().canonicalId();
    Derivations.Derivation d = f.derivations.find(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking,
        "client").orElseThrow();
    assertThat(d.canonicalId()).isEqualTo(client);
    assertThat(d.rule()).isEqualTo("created");
    // provenance, not a link: the booking system holds no object of the client
    assertThat(f.links.byCanonical(SpineFixture.TENANT, f.erpConnection.id(), CanonicalRecord.CONTACT, client))
        .isEmpty();
    assertThat(f.edges.primaryTarget(SpineFixture.TENANT, bookingRecord, "client")).contains(client);
    // created in HubSpot, not in the booking system
    assertThat(f.hubspot.byEmail(ANN)).isPresent();
    assertThat(f.links.byCanonical(SpineFixture.TENANT, f.hubspotConnection.id(), CanonicalRecord.CONTACT, client))
        .isPresent();
    assertThat(f.erp.size()).isEqualTo(1);

    // an edit in HubSpot fans out to every connection that takes contacts: the booking system's write is skipped
    String hubspotId = f.hubspot.byEmail(ANN).orElseThrow().id();
    f.hubspot.edit(hubspotId, Map.of(ContactField.LAST_NAME, "Lee"));
    f.webhook(f.hubspot, hubspotId);
    f.settle();
    assertThat(f.goldenValue(ANN, ContactField.LAST_NAME)).isEqualTo("Lee");
    assertThat(f.erp.size()).isEqualTo(1);
    assertThat(f.erp.batches).isEmpty();
    assertThat(f.db.sql("select status from outbox_task where connection_id = ? and canonical_id = ?")
        .params(f.erpConnection.id(), client).query(String.class).single()).isEqualTo(Outbox.SKIPPED);
  }

  @Test
  void aDerivedClientResolvesToTheExistingPersonByEmail() {
    String hubspotId = f.hubspot.create(Map.of(ContactField.EMAIL, ANN, ContactField.FIRST_NAME, "Ann",
        ContactField.LAST_NAME, "Lee"));
    f.webhook(f.hubspot, hubspotId);
    f.settle();
    String before = ann();

    String booking = booking("Annie");

    assertThat(ann()).isEqualTo(before);
    assertThat(contacts()).isEqualTo(1);
    assertThat(f.derivations.find(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking, "client")
        .orElseThrow().rule()).isEqualTo(IdentityResolver.EMAIL);
    // a first derivation onto a record with values only fills (the booking system neither seeds nor dates fields)
    assertThat(f.goldenValue(ANN, ContactField.FIRST_NAME)).isEqualTo("Ann");
    assertThat(f.goldenValue(ANN, ContactField.LAST_NAME)).isEqualTo("Lee");
    assertThat(f.hubspot.size()).isEqualTo(1);
    // the booking, and Ann as HubSpot's contact synced there before: a link of her own, not made by the booking
    assertThat(f.erp.size()).isEqualTo(2);
  }

  @Test
  void theBookingReadAgainIsAnEchoAndItsClientsChangeIsMerged() {
    String booking = booking("Ann");
    long version = f.golden.find(SpineFixture.TENANT, ann()).orElseThrow().version();

    f.webhook(f.erp, booking); // read again, unchanged
    f.settle();
    assertThat(f.golden.find(SpineFixture.TENANT, ann()).orElseThrow().version()).isEqualTo(version);

    f.clock.advance(Duration.ofSeconds(5));
    f.erp.edit(booking, Map.of("clientName", "Annie"));
    f.webhook(f.erp, booking);
    f.settle();
    assertThat(f.goldenValue(ANN, ContactField.FIRST_NAME)).isEqualTo("Annie");
    assertThat(f.hubspot.byEmail(ANN).orElseThrow().fields()).containsEntry(ContactField.FIRST_NAME, "Annie");
    assertThat(contacts()).isEqualTo(1);
    assertThat(f.erp.size()).isEqualTo(1);
  }

  @Test
  void aReplacedClientIsAnotherRecordAndTheBookingsEdgeMovesToIt() {
    String booking = booking("Ann");
    String ann = ann();
    String bookingRecord = f.links.byExternal(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking)
        .orElseThrow().canonicalId();

    f.clock.advance(Duration.ofSeconds(5));
    f.erp.edit(booking, Map.of("clientEmail", "bob@example.com", "clientName", "Bob"));
    f.webhook(f.erp, booking);
    f.settle();

    // Ann is not renamed into Bob: the key "client" names another person now
    assertThat(ann()).isEqualTo(ann);
    assertThat(f.goldenValue(ANN, ContactField.FIRST_NAME)).isEqualTo("Ann");
    String bob = f.identity.lookup(SpineFixture.TENANT, CanonicalRecord.CONTACT, IdentityResolver.EMAIL,
        "bob@example.com").orElseThrow();
    assertThat(bob).isNotEqualTo(ann);
    assertThat(contacts()).isEqualTo(2);
    assertThat(f.derivations.find(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking, "client")
        .orElseThrow().canonicalId()).isEqualTo(bob);
    assertThat(f.edges.from(SpineFixture.TENANT, bookingRecord, "client").stream().filter(Edges.Edge::live)
        .map(Edges.Edge::toId)).containsExactly(bob);
    assertThat(f.hubspot.size()).isEqualTo(2);
    assertThat(f.erp.size()).isEqualTo(1);
  }

  @Test
  void anObjectsLinesAreOneRecordEachByTheirKeyAndALineDroppedEndsItsEdge() {
    f.erp.deriver = o -> ((List<?>) o.fields().get("lines")).stream().map(l -> new SourceRecord.Derived(
        "line:" + l, new CanonicalRecord("booking_line", Map.of("name", "Line " + l)), "line")).toList();
    String booking = f.erp.createAs("booking", Map.of("title", "Two services", "lines", List.of("1", "2")));
    f.webhook(f.erp, booking);
    f.settle();
    String bookingRecord = f.links.byExternal(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking)
        .orElseThrow().canonicalId();
    String line1 = f.derivations.find(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking, "line:1")
        .orElseThrow().canonicalId();
    String line2 = f.derivations.find(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking, "line:2")
        .orElseThrow().canonicalId();
    assertThat(line1).isNotEqualTo(line2);
    assertThat(f.edges.from(SpineFixture.TENANT, bookingRecord, "line").stream().filter(Edges.Edge::live)
        .map(Edges.Edge::toId)).containsExactlyInAnyOrder(line1, line2);

    f.clock.advance(Duration.ofSeconds(5));
    f.erp.edit(booking, Map.of("lines", List.of("1")));
    f.webhook(f.erp, booking);
    f.settle();
    // the same line is the same record; the line no longer there is no longer the booking's
    assertThat(f.derivations.find(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking, "line:1")
        .orElseThrow().canonicalId()).isEqualTo(line1);
    assertThat(f.edges.from(SpineFixture.TENANT, bookingRecord, "line").stream().filter(Edges.Edge::live)
        .map(Edges.Edge::toId)).containsExactly(line1);
    assertThat(f.db.sql("select count(*) from golden_record where object_type = 'booking_line'").query(Long.class)
        .single()).isEqualTo(2);
  }

  @Test
  void anOtherEndReadBeforeTheObjectBringsItsDerivedRecords() {
    f.erp.boundTypes = null; // contacts and companies
    f.erp.kinds.put(CanonicalRecord.CONTACT, List.of(new dev.switchboard.app.connectors.AssociationKind("company",
        "company", false)));
    f.erp.deriver = o -> o.fields().get("ownerEmail") == null ? List.of() : List.of(new SourceRecord.Derived("owner",
        new CanonicalRecord(CanonicalRecord.CONTACT, Map.of(ContactField.EMAIL, o.fields().get("ownerEmail"))), null));
    String company = f.erp.createCompany(Map.of("name", "Acme", "domain", "acme.example", "ownerEmail", ANN));
    String bob = f.erp.create(Map.of(ContactField.EMAIL, "bob@example.com"));
    f.erp.associate(bob, company, true);

    f.webhook(f.erp, bob); // the company is read as the other end of Bob's association, with no job of its own
    f.settle();

    assertThat(f.derivations.find(SpineFixture.TENANT, f.erpConnection.id(), "company", company, "owner")
        .orElseThrow().canonicalId()).isEqualTo(ann());
  }

  @Test
  void aDeletedConnectionTakesItsDerivationsWithIt() {
    String booking = booking("Ann");
    new ConnectionWork(f.db, f.clock, f.signal).deleted(new dev.switchboard.app.connections.ConnectionDeleted(
        SpineFixture.TENANT, f.erpConnection.id()));
    assertThat(f.derivations.find(SpineFixture.TENANT, f.erpConnection.id(), "booking", booking, "client")).isEmpty();
    assertThat(f.derivations.derivedFrom(SpineFixture.TENANT, f.erpConnection.id(), ann())).isFalse();
  }

  @Test
  void aBookingKeptOnItsJobKeepsItsDerivedRecords() {
    String booking = f.erp.createAs("booking", Map.of("title", "Haircut", "clientEmail", ANN, "clientName", "Ann"));
    SourceRecord read = f.erp.fetch(null, "booking", booking).orElseThrow();
    var json = tools.jackson.databind.json.JsonMapper.builder().build();
    SourceRecord back = json.readValue(json.writeValueAsString(PrefetchedRecord.of(read, f.clock.instant())),
        PrefetchedRecord.class).toSourceRecord();
    assertThat(back.derived()).isEqualTo(read.derived());
    assertThat(back.derived()).hasSize(1);
  }

  @Test
  void aPhoneOnlyClientIsTheContactOfThatPhoneAndAnotherFirstNameOnItGoesToReview() {
    // a booking tool that knows its clients by phone (and sometimes a first name) only
    f.erp.deriver = o -> {
      Map<String, Object> client = new LinkedHashMap<>();
      client.put(ContactField.PHONE, o.fields().get("clientPhone"));
      if (o.fields().get("clientName") != null) {
        client.put(ContactField.FIRST_NAME, o.fields().get("clientName"));
      }
      return List.of(new SourceRecord.Derived("client", new CanonicalRecord(CanonicalRecord.CONTACT, client), "client"));
    };
    String priya = f.hubspot.create(Map.of(ContactField.EMAIL, "priya@example.com", ContactField.FIRST_NAME, "Priya",
        ContactField.LAST_NAME, "Castellano", ContactField.PHONE, "+14155550100"));
    f.webhook(f.hubspot, priya);
    f.settle();
    String record = f.identity.lookup(SpineFixture.TENANT, CanonicalRecord.CONTACT, IdentityResolver.EMAIL,
        "priya@example.com").orElseThrow();
    long before = contacts();

    String first = f.erp.createAs("booking", new LinkedHashMap<>(Map.of("title", "Massage", "clientPhone",
        "(415) 555-0100")));
    f.webhook(f.erp, first);
    f.settle();
    assertThat(contacts()).isEqualTo(before);
    assertThat(f.derivations.find(SpineFixture.TENANT, f.erpConnection.id(), "booking", first, "client").orElseThrow()
        .canonicalId()).isEqualTo(record);
    assertThat(f.reviews.list(SpineFixture.TENANT, IdentityReviews.Status.LINKED, 10, null))
        .anySatisfy(i -> {
          assertThat(i.record().canonicalId()).isEqualTo(record);
          assertThat(i.rule()).isEqualTo("phone");
        });

    String second = f.erp.createAs("booking", new LinkedHashMap<>(Map.of("title", "Massage", "clientPhone",
        "415 555 0100", "clientName", "Tobias")));
    f.webhook(f.erp, second);
    f.settle();
    assertThat(contacts()).isEqualTo(before + 1);
    assertThat(f.reviews.list(SpineFixture.TENANT, IdentityReviews.Status.PENDING, 10, null)).singleElement()
        .satisfies(i -> {
          assertThat(i.candidate().canonicalId()).isEqualTo(record);
          assertThat(i.rule()).isEqualTo("phone_first_names_differ");
          assertThat(i.record().fields()).containsEntry(ContactField.FIRST_NAME, "Tobias");
        });
  }
}
