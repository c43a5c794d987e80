package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Edges are written to the other systems that keep them, by their own outbox operations, once both ends are linked
 * there; what a system reports back of our own edge write is an echo; and a create whose target requires a reference
 * (here: the fake ERP's contact needs its company) waits for it in {@code WAITING}, woken by the link.
 */
class EdgeWritesTests {
  final SpineFixture f = new SpineFixture();

  private String hubspotContactAt(String company, String email) {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, email, ContactField.FIRST_NAME, "Pat"));
    f.hubspot.associate(id, company, true);
    f.associationsChanged(f.hubspot, id);
    return id;
  }

  private String canonical(String email) {
    return f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, email).orElseThrow();
  }

  private String erpIdOf(String hubspotId, String type) {
    String canonical = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), type, hubspotId).orElseThrow()
        .canonicalId();
    return f.links.byCanonical(SpineFixture.TENANT, f.erpConnection.id(), type, canonical).orElseThrow().externalId();
  }

  private Map<String, Object> erpContactTask() {
    return f.db.sql("select t.status, t.attempts, t.waiting_on from outbox_task t where t.connection_id = ? "
        + "and t.object_type = 'contact'").param(f.erpConnection.id()).query().singleRow();
  }

  private double meter(String name) {
    var c = f.meters.find(name).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void anEdgeMadeInHubSpotIsWrittenToTheErpOnceBothEndsAreLinkedThereAndItsRemovalToo() {
    f.connectErp(false);
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String contact = hubspotContactAt(acme, "pat@example.com");
    f.settle();

    String erpContact = erpIdOf(contact, "contact");
    String erpCompany = erpIdOf(acme, "company");
    assertThat(f.erp.companiesOf(erpContact)).isEqualTo(Map.of(erpCompany, true));
    assertThat(f.erp.edgeCalls).containsExactly("+" + erpContact + ">" + erpCompany + "*");
    assertThat(f.hubspot.edgeCalls).as("nothing goes back to its source").isEmpty();
    assertThat(f.pending()).isEmpty();

    // the ERP's own webhook for the contact (it reads its companies) is an echo of our write
    f.webhook(f.erp, erpContact);
    f.settle();
    assertThat(f.erp.edgeCalls).hasSize(1);
    assertThat(f.hubspot.edgeCalls).isEmpty();

    f.hubspot.dissociate(contact, acme);
    f.associationsChanged(f.hubspot, contact);
    f.settle();
    assertThat(f.erp.companiesOf(erpContact)).isEmpty();
    assertThat(f.erp.edgeCalls).last().isEqualTo("-" + erpContact + ">" + erpCompany + "*");
    assertThat(f.pending()).isEmpty();
  }

  @Test
  void anEdgeTheSpineWroteToHubSpotComesBackAsAnEchoThatChangesAndWritesNothing() {
    f.connectErp(false);
    String company = f.erp.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String contact = f.erp.create(Map.of(ContactField.EMAIL, "pat@example.com", ContactField.FIRST_NAME, "Pat"));
    f.erp.associate(contact, company, true);
    f.webhook(f.erp, contact);
    f.settle();

    String hubspotContact = f.hubspot.byEmail("pat@example.com").orElseThrow().id();
    assertThat(f.hubspot.companiesOf(hubspotContact)).hasSize(1).containsValue(true);
    String hubspotCompany = f.hubspot.companiesOf(hubspotContact).keySet().iterator().next();
    assertThat(f.mailchimp.byEmail("pat@example.com").orElseThrow().fields())
        .containsEntry(ContactField.COMPANY, "Acme Bikes");
    int hubspotWrites = f.hubspot.batches.size();
    int mailchimpWrites = f.mailchimp.batches.size();
    int erpWrites = f.erp.batches.size();
    List<Edges.Edge> edges = f.edges.from(SpineFixture.TENANT, canonical("pat@example.com"), "company");
    long version = f.golden.find(SpineFixture.TENANT, canonical("pat@example.com")).orElseThrow().version();

    // HubSpot fires associationChange on both ends: the app reads the contact (with its companies) for each; and a
    // read that happens while the write is on the wire waits for it to settle
    f.associationsChanged(f.hubspot, hubspotContact);
    f.associationsChanged(f.hubspot, hubspotContact);
    f.associationsChanged(f.hubspot, hubspotCompany);
    f.settle();

    assertThat(f.hubspot.edgeCalls).hasSize(1);
    assertThat(f.erp.edgeCalls).isEmpty();
    assertThat(f.hubspot.batches).hasSize(hubspotWrites);
    assertThat(f.mailchimp.batches).hasSize(mailchimpWrites);
    assertThat(f.erp.batches).hasSize(erpWrites);
    assertThat(f.edges.from(SpineFixture.TENANT, canonical("pat@example.com"), "company")).isEqualTo(edges);
    assertThat(f.golden.find(SpineFixture.TENANT, canonical("pat@example.com")).orElseThrow().version())
        .isEqualTo(version);
    assertThat(f.pending()).isEmpty();
  }

  @Test
  void aReadOfTheContactWhileItsEdgeWriteIsOnTheWireWaitsForTheWriteToSettle() {
    f.connectErp(false);
    String company = f.erp.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String contact = f.erp.create(Map.of(ContactField.EMAIL, "pat@example.com"));
    f.erp.associate(contact, company, true);
    f.webhook(f.erp, contact);
    f.inbound();
    f.egress(); // the records: the edge write is claimed in the same round, after them
    f.settle();
    String hubspotContact = f.hubspot.byEmail("pat@example.com").orElseThrow().id();
    f.erp.dissociate(contact, company);
    f.webhook(f.erp, contact);
    f.inbound();
    long[] doneDuringWrite = new long[1];
    f.hubspot.duringWrite = () -> {
      f.associationsChanged(f.hubspot, hubspotContact);
      f.inbound();
      doneDuringWrite[0] = f.db.sql("select count(*) from sync_job where status = 'DONE' and connection_id = ?")
          .param(f.hubspotConnection.id()).query(Long.class).single();
    };
    f.egress();
    assertThat(doneDuringWrite[0]).as("the read waited").isZero();
    f.settle();
    assertThat(f.hubspot.companiesOf(hubspotContact)).isEmpty();
    assertThat(f.hubspot.edgeCalls).hasSize(2);
    assertThat(f.pending()).isEmpty();
  }

  @Test
  void aCreateThatNeedsItsCompanyWaitsWithoutAttemptsAndIsWokenWhenTheCompanyIsLinked() {
    f.connectErp(true);
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    hubspotContactAt(acme, "pat@example.com");
    f.inbound();
    f.erp.unavailableType = "company";
    f.egress();
    f.clock.advance(Duration.ofMinutes(30));
    f.egress();
    f.egress();

    String company = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "company", acme).orElseThrow()
        .canonicalId();
    assertThat(erpContactTask()).containsEntry("status", "WAITING").containsEntry("attempts", 0)
        .containsEntry("waiting_on", company);
    assertThat(f.outbox.countsByStatus(SpineFixture.TENANT, f.erpConnection.id())).containsEntry("WAITING", 1L);
    assertThat(f.erp.batches).as("no create of the contact was tried").allSatisfy(
        b -> assertThat(b).noneMatch(w -> w.desired().type().equals("contact")));
    assertThat(f.events.alerts.isOpen(SpineFixture.TENANT, "waiting_dependency", f.erpConnection.id()))
        .as("the company is coming: no alert").isFalse();

    f.erp.unavailableType = null;
    f.settle();
    String erpContact = f.erp.byEmail("pat@example.com").orElseThrow().id();
    String erpCompany = erpIdOf(acme, "company");
    assertThat(f.erp.companiesOf(erpContact)).isEqualTo(Map.of(erpCompany, true));
    assertThat(f.erp.batches.stream().flatMap(List::stream).filter(w -> w.desired().type().equals("contact")))
        .singleElement().satisfies(w -> assertThat(w.references()).isEqualTo(Map.of("company", erpCompany)));
    assertThat(f.erp.edgeCalls).as("created with it: no separate association write").isEmpty();
    assertThat(f.pending()).isEmpty();
  }

  @Test
  void aWaitingCreateWhoseCompanyIsDeadLetteredRaisesAnAlert() {
    f.connectErp(true);
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    hubspotContactAt(acme, "pat@example.com");
    f.erp.refusedType = "company";
    f.settle();

    assertThat(erpContactTask()).containsEntry("status", "WAITING");
    assertThat(f.events.alerts.isOpen(SpineFixture.TENANT, "waiting_dependency", f.erpConnection.id())).isTrue();
    assertThat(f.erp.byEmail("pat@example.com")).isEmpty();
  }

  @Test
  void anEdgeNeverBlocksACreateAndIsDroppedAndCountedWhenItsOtherEndWillNeverExistThere() {
    f.erpTakesCompanies = false;
    f.connectErp(false);
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    hubspotContactAt(acme, "pat@example.com");
    f.settle();

    assertThat(f.erp.byEmail("pat@example.com")).as("created without its company").isPresent();
    assertThat(f.erp.edgeCalls).isEmpty();
    assertThat(meter("switchboard.sync.edge_writes.dropped")).isEqualTo(1.0);
    assertThat(f.pending()).isEmpty();
  }

  @Test
  void anEdgeFromBeforeTheErpWasConnectedIsWrittenToItOnceWhenItsEndsAreCreatedThereAndNeverEchoed() {
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String contact = hubspotContactAt(acme, "pat@example.com");
    f.settle();
    f.connectErp(false);
    // the ERP gets both records with their next change; the edge itself does not change
    f.clock.advance(Duration.ofSeconds(1));
    f.hubspot.edit(contact, Map.of(ContactField.LAST_NAME, "Lee"));
    f.hubspot.edit(acme, Map.of("name", "Acme Cycles"));
    f.webhook(f.hubspot, contact);
    f.webhook(f.hubspot, acme);
    f.settle();

    String erpContact = erpIdOf(contact, "contact");
    String erpCompany = erpIdOf(acme, "company");
    assertThat(f.erp.edgeCalls).containsExactly("+" + erpContact + ">" + erpCompany + "*");
    assertThat(f.erp.companiesOf(erpContact)).isEqualTo(Map.of(erpCompany, true));
    assertThat(f.hubspot.edgeCalls).isEmpty();
    assertThat(f.pending()).isEmpty();

    // the ERP reads back what we wrote (an echo), HubSpot reports the edge again: nothing is written again
    f.webhook(f.erp, erpContact);
    f.webhook(f.erp, erpCompany);
    f.associationsChanged(f.hubspot, contact);
    f.settle();
    assertThat(f.erp.edgeCalls).hasSize(1);
    assertThat(f.hubspot.edgeCalls).isEmpty();
    assertThat(f.pending()).isEmpty();
  }

  @Test
  void objectsTheErpAlreadyHadGetAnOlderEdgeWhenTheirLastEndIsLinkedUnlessTheErpReportedItItself() {
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String shed = f.hubspot.createCompany(Map.of("name", "Bike Shed", "domain", "bikeshed.example"));
    hubspotContactAt(acme, "pat@example.com");
    hubspotContactAt(shed, "sam@example.com");
    f.settle();
    // the ERP has the same people and companies already; it holds Pat's company, not Sam's
    f.connectErp(false);
    String erpAcme = f.erp.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String erpShed = f.erp.createCompany(Map.of("name", "Bike Shed", "domain", "bikeshed.example"));
    String erpPat = f.erp.create(Map.of(ContactField.EMAIL, "pat@example.com", ContactField.FIRST_NAME, "Pat"));
    String erpSam = f.erp.create(Map.of(ContactField.EMAIL, "sam@example.com", ContactField.FIRST_NAME, "Pat"));
    f.erp.associate(erpPat, erpAcme, true);

    // Sam is linked first: his company is not linked there yet, so his edge cannot be written
    f.webhook(f.erp, erpSam);
    f.settle();
    assertThat(f.erp.edgeCalls).isEmpty();
    // his company is linked later (the end linked last makes the pair writable); Pat comes with his company
    f.webhook(f.erp, erpShed);
    f.webhook(f.erp, erpPat);
    f.settle();

    assertThat(erpIdOf(shed, "company")).isEqualTo(erpShed);
    assertThat(erpIdOf(acme, "company")).isEqualTo(erpAcme);
    assertThat(f.erp.edgeCalls).containsExactly("+" + erpSam + ">" + erpShed + "*");
    assertThat(f.erp.companiesOf(erpSam)).isEqualTo(Map.of(erpShed, true));
    assertThat(f.db.sql("select count(*) from outbox_edge_task where connection_id = ?")
        .param(f.erpConnection.id()).query(Long.class).single())
        .as("Pat's edge, which the ERP reported itself, is not even enqueued").isEqualTo(1);
    assertThat(f.hubspot.edgeCalls).isEmpty();
    assertThat(f.pending()).isEmpty();

    f.webhook(f.erp, erpSam);
    f.settle();
    assertThat(f.erp.edgeCalls).hasSize(1);
  }

  @Test
  void anOlderEdgeACreateCarriedAsItsRequiredReferenceIsNeitherEnqueuedNorWrittenAgain() {
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String contact = hubspotContactAt(acme, "pat@example.com");
    f.settle();
    f.connectErp(true);
    f.clock.advance(Duration.ofSeconds(1));
    f.hubspot.edit(contact, Map.of(ContactField.LAST_NAME, "Lee"));
    f.hubspot.edit(acme, Map.of("name", "Acme Cycles"));
    f.webhook(f.hubspot, contact);
    f.webhook(f.hubspot, acme);
    f.settle();

    String erpContact = erpIdOf(contact, "contact");
    String erpCompany = erpIdOf(acme, "company");
    assertThat(f.erp.companiesOf(erpContact)).isEqualTo(Map.of(erpCompany, true));
    assertThat(f.erp.edgeCalls).as("created with it").isEmpty();
    assertThat(f.db.sql("select count(*) from outbox_edge_task where connection_id = ?")
        .param(f.erpConnection.id()).query(Long.class).single()).isZero();
    assertThat(f.pending()).isEmpty();
  }
}
