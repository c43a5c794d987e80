package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.events.DomainEvents;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Splitting a wrong automatic link off a record: one transaction makes a new record (new id) of the link's snapshot,
 * moves the link and the keys only it had, records history and {@code record.split}; bad requests change nothing.
 */
class RecordSplitsTests {
  final SpineFixture f = new SpineFixture();
  static final String PHONE = "+14155550142";

  private String canonical(String email) {
    return f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, email).orElseThrow();
  }

  private Links.Link hubspotLink(String id) {
    return f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", id).orElseThrow();
  }

  private RecordSplits.Split split(String canonicalId, String connectionId, String externalId) {
    return f.splits.split(SpineFixture.TENANT, canonicalId, connectionId, externalId, "tok_test");
  }

  /**
   * Ann in HubSpot and Mailchimp, and a phone-only HubSpot contact (the front desk) wrongly linked to her record by a
   * shared office phone, as an automatic match would have linked it.
   */
  private String[] annAndTheWrongMatch() {
    String ann = f.hubspot.create(Map.of(ContactField.EMAIL, "ann@example.com", ContactField.FIRST_NAME, "Ann",
        ContactField.PHONE, PHONE));
    f.webhook(f.hubspot, ann);
    f.settle();
    String record = canonical("ann@example.com");
    String desk = f.hubspot.create(Map.of(ContactField.PHONE, PHONE, ContactField.LAST_NAME, "Front Desk"));
    f.tx.executeWithoutResult(s -> f.links.put(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", desk, null,
        record, Map.of(ContactField.PHONE, PHONE, ContactField.LAST_NAME, "Front Desk"), f.clock.instant(), false,
        IdentityResolver.PHONE));
    return new String[] {ann, desk};
  }

  @Test
  void theWrongLinkBecomesANewRecordOfItsSnapshotAndTheRecordKeepsItsIdAndOtherLinks() {
    String[] ids = annAndTheWrongMatch();
    String ann = ids[0];
    String desk = ids[1];
    String record = canonical("ann@example.com");

    RecordSplits.Split split = split(record, f.hubspotConnection.id(), desk);

    assertThat(split.canonicalId()).isEqualTo(record);
    assertThat(split.splitId()).isNotEqualTo(record);
    GoldenRecords.Golden created = f.golden.find(SpineFixture.TENANT, split.splitId()).orElseThrow();
    assertThat(created.fields()).containsOnlyKeys(ContactField.PHONE, ContactField.LAST_NAME);
    assertThat(created.fields().get(ContactField.LAST_NAME).value()).isEqualTo("Front Desk");
    Links.Link moved = hubspotLink(desk);
    assertThat(moved.canonicalId()).isEqualTo(split.splitId());
    assertThat(moved.primary()).isTrue();
    assertThat(moved.snapshot()).containsEntry(ContactField.LAST_NAME, "Front Desk");
    assertThat(hubspotLink(ann).canonicalId()).isEqualTo(record);
    assertThat(hubspotLink(ann).primary()).isTrue();
    assertThat(f.links.forCanonical(SpineFixture.TENANT, record)).hasSize(2); // Ann's contact and member
    // the phone is Ann's too: its key stays with her record
    assertThat(split.movedKeys()).isEmpty();
    assertThat(f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.PHONE, PHONE)).contains(record);
    assertThat(f.db.sql("select count(*) from record_history where canonical_id = ? and system = 'split'")
        .param(split.splitId()).query(Long.class).single()).isEqualTo(2);
    assertThat(f.events.events.recent(SpineFixture.TENANT, DomainEvents.RECORD_SPLIT, 5)).singleElement()
        .satisfies(e -> assertThat(e.payload()).containsEntry("canonical_id", record)
            .containsEntry("split_id", split.splitId()).containsEntry("system", "hubspot"));
    assertThat(f.events.events.recent(SpineFixture.TENANT, DomainEvents.AUDIT_LOGGED, 5)).singleElement()
        .satisfies(e -> assertThat(e.payload()).containsEntry("action", "record.split")
            .containsEntry("actor", "tok_test"));
    assertThat(f.db.sql("select count(*) from outbox_task where canonical_id = ? and status = 'PENDING'")
        .param(split.splitId()).query(Long.class).single()).as("the split writes nowhere").isZero();

    // the split-off contact's next change applies to its own record, not Ann's
    f.clock.advance(Duration.ofSeconds(1));
    f.hubspot.edit(desk, Map.of(ContactField.FIRST_NAME, "Reception"));
    f.webhook(f.hubspot, desk);
    f.settle();
    assertThat(f.golden.find(SpineFixture.TENANT, split.splitId()).orElseThrow().fields().get(ContactField.FIRST_NAME)
        .value()).isEqualTo("Reception");
    assertThat(f.golden.find(SpineFixture.TENANT, record).orElseThrow().fields().get(ContactField.FIRST_NAME).value())
        .isEqualTo("Ann");
  }

  @Test
  void theKeysOnlyTheSplitObjectHadMoveWithIt() {
    String ann = f.hubspot.create(Map.of(ContactField.EMAIL, "ann@example.com", ContactField.FIRST_NAME, "Ann"));
    f.webhook(f.hubspot, ann);
    f.settle();
    String record = canonical("ann@example.com");
    // a second object wrongly linked to Ann's record, whose e-mail and phone resolve to it
    f.tx.executeWithoutResult(s -> {
      f.links.put(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", "hubspot-bob", null, record,
          Map.of(ContactField.EMAIL, "bob@example.com", ContactField.PHONE, PHONE), null, false, "email");
      f.identity.claim(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, "bob@example.com", record);
      f.identity.claim(SpineFixture.TENANT, "contact", IdentityResolver.PHONE, PHONE, record);
    });

    RecordSplits.Split split = split(record, f.hubspotConnection.id(), "hubspot-bob");

    assertThat(split.movedKeys()).containsExactly(IdentityResolver.EMAIL, IdentityResolver.PHONE);
    assertThat(canonical("bob@example.com")).isEqualTo(split.splitId());
    assertThat(f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.PHONE, PHONE)).contains(split.splitId());
    assertThat(canonical("ann@example.com")).isEqualTo(record);
  }

  @Test
  void badRequestsAreRefusedWithAReasonAndChangeNothing() {
    String[] ids = annAndTheWrongMatch();
    String record = canonical("ann@example.com");
    long records = f.golden.count(SpineFixture.TENANT);

    assertThatThrownBy(() -> split("no-such-record", f.hubspotConnection.id(), ids[1]))
        .isInstanceOfSatisfying(RecordSplits.Refused.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> split(record, "con_missing", ids[1]))
        .isInstanceOfSatisfying(RecordSplits.Refused.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> split(record, f.hubspotConnection.id(), "hubspot-unknown"))
        .isInstanceOfSatisfying(RecordSplits.Refused.class, e -> assertThat(e.code()).isEqualTo("not_linked_here"));

    // a record with one link: nothing to split off
    String solo = f.hubspot.create(Map.of(ContactField.EMAIL, "solo@example.com"));
    f.webhook(f.hubspot, solo);
    f.inbound();
    assertThatThrownBy(() -> split(canonical("solo@example.com"), f.hubspotConnection.id(), solo))
        .isInstanceOfSatisfying(RecordSplits.Refused.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.code()).isEqualTo("only_link");
        });
    // an object linked to another record
    assertThatThrownBy(() -> split(record, f.hubspotConnection.id(), solo))
        .isInstanceOfSatisfying(RecordSplits.Refused.class, e -> assertThat(e.code()).isEqualTo("not_linked_here"));

    // a write of the record on the wire: try again later
    f.clock.advance(Duration.ofSeconds(1));
    f.hubspot.edit(ids[0], Map.of(ContactField.LAST_NAME, "Lee"));
    f.webhook(f.hubspot, ids[0]);
    f.inbound();
    f.outbox.claim("other-worker", 10, f.clock.instant().plusSeconds(60));
    assertThatThrownBy(() -> split(record, f.hubspotConnection.id(), ids[1]))
        .isInstanceOfSatisfying(RecordSplits.Refused.class, e -> assertThat(e.code()).isEqualTo("write_in_flight"));

    assertThat(f.golden.count(SpineFixture.TENANT)).isEqualTo(records + 1); // only solo's record was added
    assertThat(hubspotLink(ids[1]).canonicalId()).isEqualTo(record);
  }

  private String hubspotCompany(String id) {
    return f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "company", id).orElseThrow()
        .canonicalId();
  }

  private long rows(String table) {
    return f.db.sql("select count(*) from " + table).query(Long.class).single();
  }

  /**
   * Ann's record holds a HubSpot contact (with two companies), her Mailchimp member and an ERP contact (which holds
   * one of the two companies itself; the other is on its way there). The HubSpot contact is split off: the edges
   * HubSpot reported for it go with it; the record keeps the edge the ERP holds too and ends the one only HubSpot held,
   * whose write to the ERP is not sent; nothing is written anywhere.
   */
  @Test
  void theEdgesTheSplitObjectsSystemReportedMoveWithItAndEndOnTheRecordUnlessAnotherSystemHoldsThem() {
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String shed = f.hubspot.createCompany(Map.of("name", "Bike Shed", "domain", "bikeshed.example"));
    String contact = f.hubspot.create(Map.of(ContactField.EMAIL, "ann@example.com", ContactField.FIRST_NAME, "Ann"));
    f.hubspot.associate(contact, acme, true);
    f.hubspot.associate(contact, shed, false);
    f.webhook(f.hubspot, contact);
    f.associationsChanged(f.hubspot, contact);
    f.settle();
    f.connectErp(false);
    String erpAcme = f.erp.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String erpShed = f.erp.createCompany(Map.of("name", "Bike Shed", "domain", "bikeshed.example"));
    String erpAnn = f.erp.create(Map.of(ContactField.EMAIL, "ann@example.com", ContactField.FIRST_NAME, "Ann"));
    f.erp.associate(erpAnn, erpAcme, true);
    f.webhook(f.erp, erpShed);
    f.webhook(f.erp, erpAnn);
    f.inbound();
    f.inbound(); // read, not yet written: the ERP is owed the Bike Shed edge
    String record = canonical("ann@example.com");
    String acmeId = hubspotCompany(acme);
    String shedId = hubspotCompany(shed);
    assertThat(f.edges.from(SpineFixture.TENANT, record, "company")).hasSize(2).allMatch(Edges.Edge::live);
    String owed = "select status from outbox_edge_task where connection_id = ? and to_id = ?";
    assertThat(f.db.sql(owed).params(f.erpConnection.id(), shedId).query(String.class).single()).isEqualTo("PENDING");
    long tasks = rows("outbox_task");
    long edgeTasks = rows("outbox_edge_task");
    int vendorCalls = f.hubspot.batches.size() + f.mailchimp.batches.size();
    // while a worker has that edge write on the wire, the split waits (it would land after the edge ended)
    f.edgeOutbox.claim("other-worker", 10, f.clock.instant().plusSeconds(60));
    assertThatThrownBy(() -> split(record, f.hubspotConnection.id(), contact))
        .isInstanceOfSatisfying(RecordSplits.Refused.class, e -> assertThat(e.code()).isEqualTo("write_in_flight"));
    f.clock.advance(Duration.ofMinutes(2)); // the worker died: its lease ran out, the write was never sent

    RecordSplits.Split split = split(record, f.hubspotConnection.id(), contact);

    String splitId = split.splitId();
    assertThat(f.edges.from(SpineFixture.TENANT, splitId, "company"))
        .extracting(Edges.Edge::toId, Edges.Edge::primary, Edges.Edge::sourceSystem, Edges.Edge::live)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(acmeId, true, "hubspot", true),
            org.assertj.core.groups.Tuple.tuple(shedId, false, "hubspot", true));
    assertThat(f.edgeSnapshots.of(SpineFixture.TENANT, f.hubspotConnection.id(), splitId, "company"))
        .containsOnlyKeys(acmeId, shedId);
    assertThat(f.edgeSnapshots.of(SpineFixture.TENANT, f.hubspotConnection.id(), record, "company")).isEmpty();
    assertThat(f.edges.from(SpineFixture.TENANT, record, "company"))
        .extracting(Edges.Edge::toId, Edges.Edge::live)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(acmeId, true),
            org.assertj.core.groups.Tuple.tuple(shedId, false));
    assertThat(f.edges.dependents(SpineFixture.TENANT, shedId, "company")).containsExactly(splitId);
    assertThat(rows("outbox_task")).as("the split writes nowhere").isEqualTo(tasks);
    assertThat(rows("outbox_edge_task")).isEqualTo(edgeTasks);
    assertThat(f.db.sql(owed).params(f.erpConnection.id(), shedId).query(String.class).single()).isEqualTo("SKIPPED");

    // HubSpot reports the split contact's companies again: what it holds is already the new record's
    f.clock.advance(Duration.ofSeconds(1));
    f.associationsChanged(f.hubspot, contact);
    f.settle();
    assertThat(f.edges.from(SpineFixture.TENANT, splitId, "company")).hasSize(2).allMatch(Edges.Edge::live);
    assertThat(f.hubspot.batches.size() + f.mailchimp.batches.size()).isEqualTo(vendorCalls);
    assertThat(f.hubspot.edgeCalls).isEmpty();
    assertThat(f.erp.edgeCalls).isEmpty();
    assertThat(f.pending()).isEmpty();
  }

  @Test
  void whenTheRecordKeepsAnotherObjectInThatSystemItsEdgesStay() {
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String[] ids = annAndTheWrongMatch();
    f.hubspot.associate(ids[0], acme, true);
    f.associationsChanged(f.hubspot, ids[0]);
    f.settle();
    String record = canonical("ann@example.com");
    String acmeId = hubspotCompany(acme);

    RecordSplits.Split split = split(record, f.hubspotConnection.id(), ids[1]);

    // the snapshot is per record, not per object: it cannot tell whose the edge is, so it stays where it was
    assertThat(f.edges.from(SpineFixture.TENANT, record, "company")).singleElement()
        .satisfies(e -> assertThat(e.live()).isTrue());
    assertThat(f.edgeSnapshots.of(SpineFixture.TENANT, f.hubspotConnection.id(), record, "company"))
        .containsOnlyKeys(acmeId);
    assertThat(f.edges.from(SpineFixture.TENANT, split.splitId(), "company")).isEmpty();
  }
}
