package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.mapping.RecordFilter;
import dev.switchboard.app.mapping.RecordFilters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A target's record filter, applied by the spine: a record it keeps out is not created there; a linked record that
 * stops passing gets no further writes there, and is neither deleted nor unlinked; a record that starts passing is
 * written at once; edges to a record the target will never hold are dropped; a filter change re-sends only the records
 * whose outcome changed.
 */
class RecordFilterSyncTests {
  final SpineFixture f = new SpineFixture();

  private static final RecordFilter CUSTOMERS = new RecordFilter(ContactField.LIFECYCLE_STAGE, RecordFilter.Operator.IN,
      List.of("customer"));

  /** Mailchimp takes only the contacts this filter lets in ({@code filter.member}, as a saved override carries it). */
  private void mailchimpFilter(RecordFilter filter) {
    f.settings(f.mailchimp, Map.of(RecordFilters.settingKey("member"), RecordFilters.toSetting(filter)));
  }

  private String hubspotPerson(String email, String stage) {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, email, ContactField.FIRST_NAME, "Ann",
        ContactField.LIFECYCLE_STAGE, stage));
    f.webhook(f.hubspot, id);
    return id;
  }

  private void hubspotEdit(String id, Map<String, Object> changes) {
    f.clock.advance(Duration.ofSeconds(2));
    f.hubspot.edit(id, changes);
    f.webhook(f.hubspot, id);
  }

  private String canonical(String email) {
    return f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, email).orElseThrow();
  }

  private record PatAtAcme(String acme, String pat) {}

  /** HubSpot's company Acme Bikes (acme.example) and its contact Pat, associated (primary), synced. */
  private PatAtAcme patAtAcme() {
    String acme = f.hubspot.createCompany(Map.of("name", "Acme Bikes", "domain", "acme.example"));
    String pat = f.hubspot.create(Map.of(ContactField.EMAIL, "pat@example.com", ContactField.FIRST_NAME, "Pat"));
    f.hubspot.associate(pat, acme, true);
    f.associationsChanged(f.hubspot, pat);
    f.settle();
    return new PatAtAcme(acme, pat);
  }

  private double filtered() {
    return f.meters.counter("switchboard.sync.filtered.skipped", "system", "mailchimp").count();
  }

  @Test
  void aRecordTheFilterKeepsOutIsNotCreatedThereAndOneItLetsInIs() {
    mailchimpFilter(CUSTOMERS);
    hubspotPerson("lead@example.com", "lead");
    hubspotPerson("buyer@example.com", "customer");
    f.settle();

    assertThat(f.mailchimp.byEmail("lead@example.com")).isEmpty();
    assertThat(f.mailchimp.byEmail("buyer@example.com")).isPresent();
    assertThat(f.links.byCanonical(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact",
        canonical("lead@example.com"))).isEmpty();
    assertThat(filtered()).isEqualTo(1.0);
    assertThat(f.db.sql("select status from outbox_task where connection_id = ? and canonical_id = ?")
        .params(f.mailchimpConnection.id(), canonical("lead@example.com")).query(String.class).single())
        .isEqualTo(Outbox.SKIPPED);
  }

  @Test
  void aRecordThatStartsPassingIsCreatedAtOnceThoughTheTargetDoesNotReceiveTheFiltersField() {
    mailchimpFilter(CUSTOMERS);
    String lead = hubspotPerson("lead@example.com", "lead");
    f.settle();
    assertThat(f.mailchimp.byEmail("lead@example.com")).isEmpty();

    hubspotEdit(lead, Map.of(ContactField.LIFECYCLE_STAGE, "customer"));
    f.inbound();
    assertThat(f.egress()).as("a write to Mailchimp was enqueued by the stage change").isPositive();

    assertThat(f.mailchimp.byEmail("lead@example.com")).isPresent();
    assertThat(f.mailchimp.byEmail("lead@example.com").orElseThrow().fields())
        .containsEntry(ContactField.FIRST_NAME, "Ann").doesNotContainKey(ContactField.LIFECYCLE_STAGE);
  }

  @Test
  void aLinkedRecordThatStopsPassingGetsNoFurtherWritesIsNotDeletedKeepsItsLinkAndCatchesUpWhenItPassesAgain() {
    mailchimpFilter(CUSTOMERS);
    String buyer = hubspotPerson("buyer@example.com", "customer");
    f.settle();
    String member = f.mailchimp.byEmail("buyer@example.com").orElseThrow().id();
    int writes = f.mailchimp.writeCalls.get();

    hubspotEdit(buyer, Map.of(ContactField.LIFECYCLE_STAGE, "other"));
    f.settle();
    hubspotEdit(buyer, Map.of(ContactField.FIRST_NAME, "Anna"));
    f.settle();

    assertThat(f.mailchimp.writeCalls.get()).as("no write once it stopped passing").isEqualTo(writes);
    assertThat(f.mailchimp.deleteRequests).isEmpty();
    assertThat(f.mailchimp.get(member).fields()).containsEntry(ContactField.FIRST_NAME, "Ann");
    Optional<Links.Link> link = f.links.byCanonical(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact",
        canonical("buyer@example.com"));
    assertThat(link).hasValueSatisfying(l -> {
      assertThat(l.live()).isTrue();
      assertThat(l.externalId()).isEqualTo(member);
    });
    assertThat(f.hubspot.get(buyer).fields()).as("nothing written back to the source")
        .containsEntry(ContactField.LIFECYCLE_STAGE, "other").containsEntry(ContactField.FIRST_NAME, "Anna");
    assertThat(filtered()).isPositive();

    hubspotEdit(buyer, Map.of(ContactField.LIFECYCLE_STAGE, "customer"));
    f.settle();
    assertThat(f.mailchimp.get(member).fields()).containsEntry(ContactField.FIRST_NAME, "Anna");
    assertThat(f.mailchimp.byEmail("buyer@example.com").orElseThrow().id()).isEqualTo(member);
  }

  @Test
  void anEdgeToACompanyTheTargetsFilterKeepsOutIsDroppedAndTheContactIsCreatedWithoutIt() {
    f.erpCompanyFilter = new RecordFilter("domain", RecordFilter.Operator.IN, List.of("other.example"));
    f.connectErp(false);
    PatAtAcme at = patAtAcme();

    assertThat(f.erp.byEmail("pat@example.com")).isPresent();
    assertThat(f.erp.objects.values()).noneMatch(o -> "Acme Bikes".equals(o.fields().get("name")));
    assertThat(f.erp.edgeCalls).isEmpty();
    assertThat(f.meters.counter("switchboard.sync.edge_writes.dropped", "system", "erp").count()).isEqualTo(1.0);
    assertThat(f.pending()).allSatisfy(row -> assertThat(row.get("status")).isEqualTo(Outbox.SKIPPED));
  }

  @Test
  void aCompanyLinkedThereThatStopsPassingGetsNoNewEdgesThoughItsObjectStays() {
    f.connectErp(false);
    PatAtAcme at = patAtAcme();
    assertThat(f.erp.edgeCalls).hasSize(1);

    f.erpCompanyFilter = new RecordFilter("domain", RecordFilter.Operator.IN, List.of("other.example"));
    String kim = f.hubspot.create(Map.of(ContactField.EMAIL, "kim@example.com", ContactField.FIRST_NAME, "Kim"));
    f.hubspot.associate(kim, at.acme(), true);
    f.associationsChanged(f.hubspot, kim);
    f.settle();

    assertThat(f.erp.byEmail("kim@example.com")).isPresent();
    assertThat(f.erp.edgeCalls).as("no edge to the company the filter now keeps out").hasSize(1);
    assertThat(f.erp.objects.values()).anyMatch(o -> "Acme Bikes".equals(o.fields().get("name")));
    assertThat(f.erp.deleteRequests).isEmpty();
    assertThat(f.meters.counter("switchboard.sync.edge_writes.dropped", "system", "erp").count()).isEqualTo(1.0);
  }

  @Test
  void aFilterChangeResendsOnlyTheRecordsWhoseOutcomeChanged() {
    hubspotPerson("lead1@example.com", "lead");
    hubspotPerson("lead2@example.com", "lead");
    hubspotPerson("buyer@example.com", "customer");
    hubspotPerson("sub@example.com", "subscriber");
    f.settle();
    assertThat(f.mailchimp.size()).isEqualTo(4);
    MappingResync resync = new MappingResync(f.golden, f.outbox, f.edgeFanOut, f.connections, f.links, f.clock);
    RecordFilter leads = new RecordFilter(ContactField.LIFECYCLE_STAGE, RecordFilter.Operator.IN, List.of("lead"));

    // all → customers: three are kept out from now on, none is sent anything
    MappingResync.Result out = f.tx.execute(s -> resync.resend(SpineFixture.TENANT, f.mailchimpConnection.id(),
        "contact", java.util.Set.of(), RecordFilter.ALL, CUSTOMERS));
    assertThat(out).isEqualTo(new MappingResync.Result(3, 0));
    // customers → leads: the customer is kept out, the two leads are let in and re-sent; the subscriber is unaffected
    MappingResync.Result in = f.tx.execute(s -> resync.resend(SpineFixture.TENANT, f.mailchimpConnection.id(),
        "contact", java.util.Set.of(), CUSTOMERS, leads));
    assertThat(in).isEqualTo(new MappingResync.Result(3, 2));
    assertThat(f.db.sql("select canonical_id from outbox_task where connection_id = ? and status = 'PENDING'")
        .params(f.mailchimpConnection.id()).query(String.class).list())
        .containsExactlyInAnyOrder(canonical("lead1@example.com"), canonical("lead2@example.com"));
    // the same filter again: nothing
    MappingResync.Result same = f.tx.execute(s -> resync.resend(SpineFixture.TENANT, f.mailchimpConnection.id(),
        "contact", java.util.Set.of(), leads, leads));
    assertThat(same).isEqualTo(new MappingResync.Result(0, 0));
  }

  /**
   * Edges of a record while the target's filter kept it out were not sent (an end the target will not hold); once it
   * passes again the target is brought to the record's edges as they are now: one made meanwhile is associated, one
   * ended meanwhile is dissociated (the target still held it).
   */
  @Test
  void aRecordLetInAgainGetsTheEdgeChangesDroppedWhileItWasKeptOut() {
    f.erpCompanyFilter = new RecordFilter("domain", RecordFilter.Operator.IN, List.of("acme.example"));
    f.connectErp(false);
    PatAtAcme at = patAtAcme();
    assertThat(f.erp.edgeCalls).hasSize(1);

    // the company's domain changes: the filter keeps it out; Pat leaves it and Kim joins it meanwhile
    hubspotEdit(at.acme(), Map.of("domain", "acme-old.example"));
    f.settle();
    f.hubspot.dissociate(at.pat(), at.acme());
    f.associationsChanged(f.hubspot, at.pat());
    String kim = f.hubspot.create(Map.of(ContactField.EMAIL, "kim@example.com", ContactField.FIRST_NAME, "Kim"));
    f.hubspot.associate(kim, at.acme(), true);
    f.associationsChanged(f.hubspot, kim);
    f.settle();
    assertThat(f.erp.edgeCalls).as("nothing sent while the company is kept out").hasSize(1);

    // the domain changes back: the company passes again, and the target catches up with both edge changes
    hubspotEdit(at.acme(), Map.of("domain", "acme.example"));
    f.settle();
    String pc = f.links.byCanonical(SpineFixture.TENANT, f.erpConnection.id(), "contact", canonical("pat@example.com"))
        .orElseThrow().externalId();
    String kc = f.links.byCanonical(SpineFixture.TENANT, f.erpConnection.id(), "contact", canonical("kim@example.com"))
        .orElseThrow().externalId();
    assertThat(f.erp.edgeCalls).hasSize(3).anyMatch(c -> c.startsWith("-" + pc + ">"))
        .anyMatch(c -> c.startsWith("+" + kc + ">"));
  }

  /** As above, when it is a change of the filter itself that lets the record in again ({@link MappingResync}). */
  @Test
  void aFilterChangeThatLetsARecordInAgainSendsTheEdgeChangesDroppedMeanwhile() {
    f.connectErp(false);
    PatAtAcme at = patAtAcme();
    assertThat(f.erp.edgeCalls).hasSize(1);

    RecordFilter elsewhere = new RecordFilter("domain", RecordFilter.Operator.IN, List.of("other.example"));
    f.erpCompanyFilter = elsewhere;
    f.hubspot.dissociate(at.pat(), at.acme());
    f.associationsChanged(f.hubspot, at.pat());
    f.settle();
    assertThat(f.erp.edgeCalls).as("dropped while the company is kept out").hasSize(1);

    f.erpCompanyFilter = RecordFilter.ALL;
    MappingResync resync = new MappingResync(f.golden, f.outbox, f.edgeFanOut, f.connections, f.links, f.clock);
    MappingResync.Result result = f.tx.execute(s -> resync.resend(SpineFixture.TENANT, f.erpConnection.id(),
        "company", java.util.Set.of(), elsewhere, RecordFilter.ALL));
    assertThat(result).isEqualTo(new MappingResync.Result(1, 1));
    f.settle();
    String pc = f.links.byCanonical(SpineFixture.TENANT, f.erpConnection.id(), "contact", canonical("pat@example.com"))
        .orElseThrow().externalId();
    assertThat(f.erp.edgeCalls).hasSize(2).anyMatch(c -> c.startsWith("-" + pc + ">"));
  }

  /**
   * A field whose mapping changed is written again even where the target held its value: the links of the records
   * re-sent forget it, so egress does not take the old mapping's write for the new one's; other fields stay held.
   */
  @Test
  void aMappingChangeMakesTheTargetsLinksForgetTheChangedFieldsOfTheRecordsItResends() {
    hubspotPerson("held@example.com", "customer");
    f.settle();
    String id = canonical("held@example.com");
    assertThat(f.links.byCanonical(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", id).orElseThrow()
        .snapshot()).containsKeys(ContactField.EMAIL, ContactField.FIRST_NAME);
    java.time.Instant before = f.links.byCanonical(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", id)
        .orElseThrow().snapshotAt();
    f.clock.advance(Duration.ofSeconds(1));
    MappingResync resync = new MappingResync(f.golden, f.outbox, f.edgeFanOut, f.connections, f.links, f.clock);
    MappingResync.Result r = f.tx.execute(s -> resync.resend(SpineFixture.TENANT, f.mailchimpConnection.id(),
        "contact", java.util.Set.of(ContactField.FIRST_NAME), RecordFilter.ALL, RecordFilter.ALL));
    assertThat(r.enqueued()).isPositive();
    Links.Link after = f.links.byCanonical(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", id)
        .orElseThrow();
    assertThat(after.snapshot()).containsKey(ContactField.EMAIL).doesNotContainKey(ContactField.FIRST_NAME);
    // a read of the vendor begun before the change (with the old mapping) is stale now: it is read again rather than
    // recording the forgotten field as held
    assertThat(after.snapshotAt()).isAfter(before);
  }
}
