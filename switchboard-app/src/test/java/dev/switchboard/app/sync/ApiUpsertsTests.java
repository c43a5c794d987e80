package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.Money;
import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.events.DomainEvents;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed-2 upsert's deals at the spine: a deal named by its natural key (or its link) is one golden record with its
 * ordered lines, its edges to the contact and company it names (owed to every connection that keeps them), projected
 * stage and amount, and {@code crm.synced}; a repeat changes nothing; a company upsert is the company of its domain.
 */
class ApiUpsertsTests {
  final SpineFixture f = new SpineFixture();
  static final String TENANT = SpineFixture.TENANT;

  private String contact(String email) {
    return f.operations.upsertContact(TENANT, f.hubspotConnection, Map.of(ContactField.EMAIL, email,
        ContactField.FIRST_NAME, "Ann"), "corr-c").canonicalId();
  }

  private String company(String domain) {
    return f.operations.upsert(TENANT, f.hubspotConnection, "company", Map.of("name", "Acme", "domain", domain),
        "corr-co").canonicalId();
  }

  private static Map<String, Object> money(String amount) {
    return Map.of("amount", amount, "currency", "USD");
  }

  private static Map<String, Object> dealFields(String stage) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", "Acme renewal");
    fields.put("amount", money("2398.00"));
    fields.put("stage", stage);
    fields.put("pipeline", "default");
    fields.put("closeDate", "2026-09-30");
    fields.put("lines", List.of(
        Map.of("name", "Anvil Pro", "quantity", "2", "unitPrice", money("999.50"), "position", 1),
        Map.of("name", "Onboarding", "quantity", "1.5", "unitPrice", money("266.00"), "position", 2)));
    return fields;
  }

  private SyncOperations.UpsertResult deal(String key, Map<String, Object> fields, List<String> contacts,
      String company) {
    return f.operations.upsertDeal(TENANT, f.hubspotConnection,
        new SyncOperations.DealUpsert(null, key, fields, contacts, company), "corr-d");
  }

  private Map<String, Object> values(String id) {
    Map<String, Object> out = new LinkedHashMap<>();
    f.golden.find(TENANT, id).orElseThrow().fields().forEach((k, v) -> out.put(k, v.value()));
    return out;
  }

  private long dealEvents() {
    return f.db.sql("select count(*) from domain_event where name = ? and payload_json like '%\"type\":\"deal\"%'")
        .param(DomainEvents.CRM_SYNCED).query(Long.class).single();
  }

  @Test
  void aDealIsOneGoldenRecordWithItsLinesEdgesProjectionAndEvent() {
    String ann = contact("ann@acme.com");
    String acme = company("acme.com");

    SyncOperations.UpsertResult r = deal("acme renewal|ann@acme.com", dealFields("contract_sent"), List.of(ann), acme);

    assertThat(r.created()).isTrue();
    assertThat(r.changed()).isTrue();
    assertThat(r.externalId()).as("no deal binding in this CRM: kept in the spine").isNull();
    Map<String, Object> v = values(r.canonicalId());
    assertThat(v).containsEntry("name", "Acme renewal").containsEntry("stage", "contract_sent")
        .containsEntry("closeDate", "2026-09-30").containsEntry("company", Map.of("type", "company", "id", acme))
        .containsEntry("contacts", List.of(Map.of("type", "contact", "id", ann)));
    assertThat(v.get("amount")).isEqualTo(Map.of("amount", "2398.00", "currency", "USD"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> lines = (List<Map<String, Object>>) v.get("lines");
    assertThat(lines).extracting(l -> l.get("name"), l -> l.get("quantity"), l -> l.get("position"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Anvil Pro", "2", 1),
            org.assertj.core.groups.Tuple.tuple("Onboarding", "1.5", 2));
    assertThat(f.edges.from(TENANT, r.canonicalId(), "contact")).singleElement().satisfies(e -> {
      assertThat(e.toId()).isEqualTo(ann);
      assertThat(e.live()).isTrue();
      assertThat(e.sourceSystem()).isEqualTo("api");
    });
    assertThat(f.edges.from(TENANT, r.canonicalId(), "company")).singleElement()
        .satisfies(e -> assertThat(e.primary()).isTrue());
    assertThat(f.projections.get(TENANT, r.canonicalId()).orElseThrow()).isEqualTo(new Projections.Row(
        "contract_sent", "default", Money.of("2398.00", "USD"), null, LocalDate.of(2026, 9, 30), null, acme));
    assertThat(dealEvents()).isEqualTo(1);
  }

  @Test
  void theSameNaturalKeyIsTheSameDealAndARepeatChangesNothing() {
    String ann = contact("ann@acme.com");
    String first = deal("acme renewal|ann@acme.com", dealFields("contract_sent"), List.of(ann), null).canonicalId();
    long version = f.golden.find(TENANT, first).orElseThrow().version();

    SyncOperations.UpsertResult again = deal("acme renewal|ann@acme.com", dealFields("contract_sent"), List.of(ann),
        null);
    assertThat(again.canonicalId()).isEqualTo(first);
    assertThat(f.db.sql("select field from record_history where canonical_id = ? and version > 1").param(first)
        .query(String.class).list()).isEmpty();
    assertThat(f.golden.find(TENANT, first).orElseThrow().version()).isEqualTo(version);
    assertThat(again.changed()).isFalse();

    f.clock.advance(Duration.ofSeconds(1));
    SyncOperations.UpsertResult won = deal("acme renewal|ann@acme.com", dealFields("closed_won"), List.of(ann), null);
    assertThat(won.canonicalId()).isEqualTo(first);
    assertThat(won.changed()).isTrue();
    assertThat(won.created()).isFalse();
    assertThat(values(first)).containsEntry("stage", "closed_won");

    String other = deal("acme renewal|bob@acme.com", dealFields("contract_sent"), List.of(contact("bob@acme.com")),
        null).canonicalId();
    assertThat(other).as("another natural key is another deal").isNotEqualTo(first);
    assertThat(f.golden.idsOfType(TENANT, "deal")).containsExactlyInAnyOrder(first, other);
    assertThat(dealEvents()).isEqualTo(3);
  }

  @Test
  void namingAnotherContactEndsTheEdgeTheApiMadeButNotOneTheCrmReported() {
    String ann = contact("ann@acme.com");
    String bob = contact("bob@acme.com");
    String cat = contact("cat@acme.com");
    String deal = deal("renewal|ann@acme.com", dealFields("contract_sent"), List.of(ann), null).canonicalId();
    f.tx.executeWithoutResult(s -> f.edges.change(TENANT, deal, "contact", Map.of(cat, false), java.util.Set.of(),
        "hubspot", f.clock.instant()));

    f.clock.advance(Duration.ofSeconds(1));
    SyncOperations.UpsertResult moved = f.operations.upsertDeal(TENANT, f.hubspotConnection,
        new SyncOperations.DealUpsert(deal, "renewal|ann@acme.com", Map.of(), List.of(bob), null), "corr-m");

    assertThat(moved.changed()).isTrue();
    Map<String, Boolean> live = new LinkedHashMap<>();
    f.edges.from(TENANT, deal, "contact").forEach(e -> live.put(e.toId(), e.live()));
    assertThat(live).containsEntry(ann, false).containsEntry(bob, true).containsEntry(cat, true);
  }

  @Test
  void theDealsEdgesAreOwedToEveryConnectionThatKeepsThem() {
    f.erp.kinds.put("deal", List.of(new AssociationKind("contact", "contact", false),
        new AssociationKind("company", "company", false)));
    f.connectErp(Map.of());
    String ann = contact("ann@acme.com");
    String acme = company("acme.com");

    String deal = deal("renewal|ann@acme.com", dealFields("contract_sent"), List.of(ann), acme).canonicalId();

    List<Map<String, Object>> owed = f.db.sql("select operation, from_id, label, to_id, is_primary from outbox_edge_task "
        + "where connection_id = ? order by label").param(f.erpConnection.id()).query().listOfRows();
    assertThat(owed).hasSize(2);
    assertThat(owed).allSatisfy(t -> {
      assertThat(t.get("OPERATION")).isEqualTo("ASSOCIATE");
      assertThat(t.get("FROM_ID")).isEqualTo(deal);
    });
    assertThat(owed).extracting(t -> t.get("LABEL") + "->" + t.get("TO_ID"))
        .containsExactly("company->" + acme, "contact->" + ann);
    assertThat(f.db.sql("select count(*) from outbox_edge_task where connection_id = ?")
        .param(f.hubspotConnection.id()).query(Long.class).single()).as("HubSpot's fake keeps no deal edges").isZero();
  }

  @Test
  void aDealNamedByItsLinkIsThatDealAndRecordsAreFoundByTheirKeys() {
    String ann = contact("ann@acme.com");
    String acme = company("www.shop.acme.co.uk");
    String deal = deal("renewal|ann@acme.com", dealFields("contract_sent"), List.of(ann), null).canonicalId();
    f.tx.executeWithoutResult(s -> f.links.put(TENANT, f.hubspotConnection.id(), "deal", "hs-deal-7", null, deal,
        Map.of(), f.clock.instant(), false, "created"));

    assertThat(f.operations.linked(TENANT, f.hubspotConnection, "deal", "hs-deal-7")).hasValue(deal);
    assertThat(f.operations.linked(TENANT, f.hubspotConnection, "deal", "hs-deal-8")).isEmpty();
    assertThat(f.operations.contactByEmail(TENANT, "ann@acme.com")).hasValue(ann);
    assertThat(f.operations.contactByEmail(TENANT, "nobody@acme.com")).isEmpty();
    assertThat(f.operations.companyByDomain(TENANT, "acme.co.uk")).as("by registrable domain").hasValue(acme);
    assertThat(f.operations.companyByDomain(TENANT, "globex.com")).isEmpty();

    f.clock.advance(Duration.ofSeconds(1));
    SyncOperations.UpsertResult renamed = f.operations.upsertDeal(TENANT, f.hubspotConnection,
        new SyncOperations.DealUpsert(deal, "hs-deal-7", Map.of("name", "Acme renewal 2027"), null, null), "corr-r");
    assertThat(renamed.canonicalId()).isEqualTo(deal);
    assertThat(values(deal)).containsEntry("name", "Acme renewal 2027");
    assertThat(f.edges.from(TENANT, deal, "contact")).as("an upsert naming no contact leaves the edges")
        .singleElement().satisfies(e -> assertThat(e.live()).isTrue());
  }

  @Test
  void aProductIsFoundByItsSkuOnlyWhenOneHasIt() {
    f.tx.executeWithoutResult(s -> {
      f.golden.insert(TENANT, "p1", "product", ProjectionsTests.fields("name", "Anvil", "sku", "ANV-1"));
      f.golden.insert(TENANT, "p2", "product", ProjectionsTests.fields("name", "Rope", "sku", "RP-1"));
      f.golden.insert(TENANT, "p3", "product", ProjectionsTests.fields("name", "Rope (old)", "sku", "RP-1"));
    });
    assertThat(f.operations.productBySku(TENANT, "ANV-1")).hasValue("p1");
    assertThat(f.operations.productBySku(TENANT, "RP-1")).as("two have it: not a reference").isEmpty();
    assertThat(f.operations.productBySku(TENANT, "NONE")).isEmpty();
  }

  /**
   * An upsert whose transaction lost a race with another change of the record (the engine's optimistic lock) is
   * applied again, not answered with a 500: simulated by a transaction that fails once as the engine's would.
   */
  @Test
  void anUpsertThatLostARaceWithAnotherChangeIsAppliedAgain() {
    int[] attempts = {0};
    org.springframework.transaction.support.TransactionTemplate losingOnce =
        new org.springframework.transaction.support.TransactionTemplate(f.tx.getTransactionManager()) {
          @Override
          public <T> T execute(org.springframework.transaction.support.TransactionCallback<T> action) {
            if (attempts[0]++ == 0) {
              throw new org.springframework.dao.OptimisticLockingFailureException("golden record changed concurrently");
            }
            return super.execute(action);
          }
        };
    ApiUpserts upserts = new ApiUpserts(f.engine, f.egressWorker, f.links, f.golden, f.identity, f.edges, f.edgeFanOut,
        f.registry, f.mappings, f.desired, losingOnce, f.clock);
    SyncOperations.UpsertResult r = upserts.upsert(TENANT, f.hubspotConnection, "contact",
        Map.of(ContactField.EMAIL, "race@example.com", ContactField.FIRST_NAME, "Rae"), "corr-race");
    assertThat(attempts[0]).isEqualTo(2);
    assertThat(r.created()).isTrue();
    assertThat(values(r.canonicalId())).containsEntry(ContactField.FIRST_NAME, "Rae");
  }
}
