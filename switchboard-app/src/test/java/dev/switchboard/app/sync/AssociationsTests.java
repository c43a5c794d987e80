package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A contact's companies are edges of the spine: the company a HubSpot contact is associated with is linked (read
 * first when it is not yet), the edge is kept, and the Mailchimp member carries the primary company's name and address
 * as derived values. A change of the company reaches every member once; an association change reaches the member;
 * nothing of it echoes.
 */
class AssociationsTests {
  final SpineFixture f = new SpineFixture();
  static final Map<String, Object> ADDRESS = Map.of("lines", List.of("1 Main St"), "city", "Atlanta", "region", "GA",
      "postalCode", "30308", "country", "US");

  private String company(String name) {
    return f.hubspot.createCompany(Map.of("name", name, "domain", name.toLowerCase().replace(' ', '-') + ".example",
        "address", ADDRESS));
  }

  private String contactAt(String company, String email, Map<String, Object> more) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>(Map.of(ContactField.EMAIL, email,
        ContactField.FIRST_NAME, "Pat"));
    fields.putAll(more);
    String id = f.hubspot.create(fields);
    f.hubspot.associate(id, company, true);
    f.webhook(f.hubspot, id); // contact.creation
    associationsChanged(id); // and its associationChange
    return id;
  }

  private void associationsChanged(String contactId) {
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        f.hubspot.associationsChanged(contactId), "corr-assoc"));
  }

  private Map<String, Object> member(String email) {
    return f.mailchimp.byEmail(email).orElseThrow().fields();
  }

  private String canonical(String email) {
    return f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, email).orElseThrow();
  }

  @Test
  void theCompanyIsReadAndLinkedFirstAndTheMemberCarriesItsNameAndAddress() {
    String acme = company("Acme Bikes");
    contactAt(acme, "pat@example.com", Map.of(ContactField.COMPANY, "typed by hand"));
    f.settle();

    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "company", acme)).isPresent();
    assertThat(member("pat@example.com")).containsEntry(ContactField.COMPANY, "Acme Bikes")
        .containsEntry(ContactField.ADDRESS, ADDRESS);
    String company = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "company", acme).orElseThrow()
        .canonicalId();
    assertThat(f.edges.primaryTarget(SpineFixture.TENANT, canonical("pat@example.com"), "company")).contains(company);
    assertThat(f.goldenValue("pat@example.com", ContactField.COMPANY)).as("the contact's own value is kept")
        .isEqualTo("typed by hand");
    assertThat(f.pending()).isEmpty();
  }

  @Test
  void renamingTheCompanyWritesEachMemberOnceAndNothingEchoes() {
    String acme = company("Acme Bikes");
    List<String> emails = List.of("a@example.com", "b@example.com", "c@example.com");
    emails.forEach(e -> contactAt(acme, e, Map.of()));
    f.settle();
    int mailchimpBatches = f.mailchimp.batches.size();
    int hubspotBatches = f.hubspot.batches.size();

    f.hubspot.edit(acme, Map.of("name", "Acme Cycles"));
    f.webhook(f.hubspot, acme);
    f.settle();

    emails.forEach(e -> assertThat(member(e)).containsEntry(ContactField.COMPANY, "Acme Cycles"));
    List<List<dev.switchboard.app.connectors.WriteRequest>> sent =
        new ArrayList<>(f.mailchimp.batches.subList(mailchimpBatches, f.mailchimp.batches.size()));
    assertThat(sent.stream().mapToInt(List::size).sum()).as("one write per member").isEqualTo(3);
    assertThat(f.hubspot.batches).as("nothing goes back to HubSpot").hasSize(hubspotBatches);

    // the members' own webhooks for our writes are echoes: nothing more is written anywhere
    emails.forEach(e -> f.webhook(f.mailchimp, f.mailchimp.byEmail(e).orElseThrow().id()));
    f.settle();
    assertThat(f.mailchimp.batches).hasSize(mailchimpBatches + sent.size());
    assertThat(f.hubspot.batches).hasSize(hubspotBatches);
  }

  @Test
  void movingTheContactToAnotherCompanyAndRemovingItReachTheMember() {
    String acme = company("Acme Bikes");
    String other = company("Other Co");
    String id = contactAt(acme, "pat@example.com", Map.of(ContactField.COMPANY, "Own Co"));
    f.settle();

    f.hubspot.dissociate(id, acme);
    f.hubspot.associate(id, other, true);
    associationsChanged(id);
    f.settle();
    assertThat(member("pat@example.com")).containsEntry(ContactField.COMPANY, "Other Co");

    f.hubspot.dissociate(id, other);
    associationsChanged(id);
    f.settle();
    assertThat(member("pat@example.com")).as("no company: the contact's own value")
        .containsEntry(ContactField.COMPANY, "Own Co");
    assertThat(f.edges.from(SpineFixture.TENANT, canonical("pat@example.com"), "company"))
        .as("ended edges are kept, tombstoned").hasSize(2).noneMatch(Edges.Edge::live);
  }

  /** Runs every due reconciliation turn to its end, as the scheduler would. */
  private void reconcile() {
    for (int i = 0; i < 10_000; i++) {
      f.reconciler.runOnce("node");
      if (f.db.sql("select count(*) from sync_cursor where backfill_status <> 'DONE' or poll_since is not null "
          + "or deletions_cursor is not null or associations_cursor is not null").query(Long.class).single() == 0) {
        return;
      }
      f.clock.advance(java.time.Duration.ofMillis(250));
    }
    throw new IllegalStateException("reconciliation never completed");
  }

  /**
   * An association change whose webhook was lost does not date the contact, so the poll of modified objects cannot
   * find it: the hourly sweep of linked objects' associations does, and enqueues a read of that contact only.
   */
  @Test
  void anAssociationChangeWhoseWebhookWasLostIsFoundByTheSweepOfLinkedObjects() {
    String acme = company("Acme Bikes");
    String other = company("Other Co");
    String moved = contactAt(acme, "pat@example.com", Map.of());
    contactAt(acme, "sam@example.com", Map.of());
    f.settle();
    reconcile(); // the backfills
    f.settle();
    f.clock.advance(java.time.Duration.ofMinutes(6));
    reconcile(); // the first poll: the sweep is scheduled an hour later

    f.hubspot.dissociate(moved, acme);
    f.hubspot.associate(moved, other, true); // its associationChange never arrives
    f.clock.advance(java.time.Duration.ofMinutes(5).multipliedBy(Reconciler.SWEEPS_EVERY));
    reconcile();

    assertThat(f.db.sql("select count(*) from sync_job where status = 'PENDING' and associations_requested")
        .query(Long.class).single()).as("a read of the moved contact only").isEqualTo(1);
    f.settle();
    assertThat(member("pat@example.com")).containsEntry(ContactField.COMPANY, "Other Co");
    assertThat(member("sam@example.com")).containsEntry(ContactField.COMPANY, "Acme Bikes");
  }

  @Test
  void theContactsOwnAddressWinsOverItsCompanys() {
    String acme = company("Acme Bikes");
    Map<String, Object> home = Map.of("lines", List.of("9 Elm Rd"), "city", "Boston", "region", "MA",
        "postalCode", "02118", "country", "US");
    String member = f.mailchimp.create(Map.of(ContactField.EMAIL, "pat@example.com", ContactField.ADDRESS, home));
    f.webhook(f.mailchimp, member);
    f.settle();
    assertThat(f.goldenValue("pat@example.com", ContactField.ADDRESS)).isEqualTo(home);
    String contact = f.hubspot.byEmail("pat@example.com").orElseThrow().id(); // the contact Switchboard made
    f.hubspot.associate(contact, acme, true);
    associationsChanged(contact);
    f.settle();

    assertThat(member("pat@example.com")).containsEntry(ContactField.ADDRESS, home)
        .containsEntry(ContactField.COMPANY, "Acme Bikes");
  }

  @Test
  void companiesAreIdentifiedByDomainAcrossReadsAndNotDuplicated() {
    String acme = company("Acme Bikes");
    contactAt(acme, "a@example.com", Map.of());
    contactAt(acme, "b@example.com", Map.of());
    f.settle();
    f.webhook(f.hubspot, acme);
    f.settle();
    assertThat(f.db.sql("select count(*) from golden_record where object_type = 'company'").query(Long.class).single())
        .isEqualTo(1);
    assertThat(f.identity.lookup(SpineFixture.TENANT, "company", "domain", "acme-bikes.example")).isPresent();
  }

  /**
   * HubSpot merges company B into A: one company record remains, B's id redirects to it, B's contacts' edges lead to
   * it, and their members take A's name — without anything written back to HubSpot.
   */
  @Test
  void aCompanyMergeFoldsTheRecordsAndItsMembersTakeTheSurvivorsName() {
    String a = company("Alpha Works");
    String b = company("Beta Works");
    contactAt(a, "a@example.com", Map.of());
    contactAt(b, "b@example.com", Map.of());
    f.settle();
    String ca = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "company", a).orElseThrow().canonicalId();
    String cb = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "company", b).orElseThrow().canonicalId();
    int hubspotBatches = f.hubspot.batches.size();

    f.hubspot.remove(b); // HubSpot: B is gone, its id resolves to A
    f.tx.executeWithoutResult(s -> {
      f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(), f.hubspot.changed(a), "corr-merge");
      f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(), dev.switchboard.app.connectors.InboundEvent.merged(
          "merge-co", "company", b, a, f.clock.instant(), null), "corr-merge");
    });
    f.settle();

    assertThat(f.golden.find(SpineFixture.TENANT, cb).orElseThrow().id()).isEqualTo(ca);
    assertThat(f.edges.primaryTarget(SpineFixture.TENANT, canonical("b@example.com"), "company")).contains(ca);
    assertThat(member("b@example.com")).containsEntry(ContactField.COMPANY, "Alpha Works");
    assertThat(f.hubspot.batches).as("nothing written back to HubSpot").hasSize(hubspotBatches);
    assertThat(f.pending()).isEmpty();
  }

  /** A property change reads the contact alone; only an association change costs the association read. */
  @Test
  void associationsAreReadOnlyWhenTheyChanged() {
    String acme = company("Acme Bikes");
    String id = contactAt(acme, "pat@example.com", Map.of());
    f.settle();
    int reads = f.hubspot.associationReads.get();

    f.hubspot.edit(id, Map.of(ContactField.FIRST_NAME, "Patricia"));
    f.webhook(f.hubspot, id);
    f.settle();
    assertThat(f.hubspot.associationReads.get()).isEqualTo(reads);
    assertThat(member("pat@example.com")).containsEntry(ContactField.FIRST_NAME, "Patricia")
        .containsEntry(ContactField.COMPANY, "Acme Bikes");
    assertThat(f.edges.from(SpineFixture.TENANT, canonical("pat@example.com"), "company"))
        .as("a read without associations leaves the edges alone").singleElement().matches(Edges.Edge::live);

    associationsChanged(id);
    f.settle();
    assertThat(f.hubspot.associationReads.get()).isEqualTo(reads + 1);
  }
}
