package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.identity.Thresholds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Identity resolution with candidates judged by the matcher, in the engine: automatic links record their rule and
 * score, unsure pairs go to the review queue as two records, and the queue's decisions merge, keep apart and split.
 */
class IdentityMatchingTests {
  static final String PHONE = "+14155550100";
  final SpineFixture f = new SpineFixture();

  private SyncEngine.Outcome apply(FakeConnector vendor, String id, Map<String, Object> fields) {
    CanonicalRecord record = f.engine.clean(SpineFixture.TENANT, CanonicalRecord.contact(fields));
    Instant t = f.clock.instant();
    String system = vendor == f.hubspot ? "hubspot" : vendor == f.erp ? "erp" : "mailchimp";
    return f.tx.execute(s -> f.engine.apply(SpineFixture.TENANT, f.connectionOf(vendor), system, id, record, t, t, t,
        "corr-test"));
  }

  private List<IdentityReviews.Item> items(IdentityReviews.Status status) {
    return f.reviews.list(SpineFixture.TENANT, status, 50, null);
  }

  private long count(String sql) {
    return f.db.sql(sql).query(Long.class).single();
  }

  @Test
  void jonSmithWithoutAnEmailIsJonathanSmithOfTheSamePhone() {
    SyncEngine.Outcome jonathan = apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Jonathan",
        ContactField.LAST_NAME, "Smith", ContactField.PHONE, "+1 415 555 0100", ContactField.EMAIL,
        "jon.smith@gmail.com"));
    SyncEngine.Outcome jon = apply(f.mailchimp, "m-1", Map.of(ContactField.FIRST_NAME, "Jon",
        ContactField.LAST_NAME, "Smith", ContactField.PHONE, "415-555-0100"));

    assertThat(jon.canonicalId()).isEqualTo(jonathan.canonicalId());
    IdentityReviews.Item linked = items(IdentityReviews.Status.LINKED).getFirst();
    assertThat(linked.rule()).isEqualTo("phone");
    assertThat(linked.score()).isGreaterThanOrEqualTo(0.9);
    assertThat(linked.reasons()).contains("phone_same", "first_name_similar", "last_name_same");
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", "m-1").orElseThrow())
        .extracting(l -> l.canonicalId()).isEqualTo(jonathan.canonicalId());
    // the record's history says which rule linked it, with the score
    String history = f.db.sql("select new_value_enc from record_history where canonical_id = ? and field = ?")
        .params(jonathan.canonicalId(), IdentityReviews.HISTORY_FIELD).query(String.class).single();
    assertThat(f.vault.decrypt(history, "history:" + jonathan.canonicalId() + ":" + IdentityReviews.HISTORY_FIELD))
        .contains("\"rule\":\"phone\"").contains("\"score\":" + linked.score()).contains("phone_same");
    assertThat(items(IdentityReviews.Status.PENDING)).isEmpty();
  }

  @Test
  void aTypoedNameWithTheSamePhoneAndEmailLinks() {
    SyncEngine.Outcome a = apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Katherine",
        ContactField.LAST_NAME, "Whitmore", ContactField.PHONE, PHONE, ContactField.EMAIL, "kw@example.com"));
    SyncEngine.Outcome b = apply(f.mailchimp, "m-1", Map.of(ContactField.FIRST_NAME, "Katharine",
        ContactField.LAST_NAME, "Whitmoore", ContactField.PHONE, PHONE, ContactField.EMAIL, "kw@example.com"));
    assertThat(b.canonicalId()).isEqualTo(a.canonicalId());
    assertThat(items(IdentityReviews.Status.LINKED)).singleElement().satisfies(i -> {
      assertThat(i.rule()).isEqualTo("email");
      assertThat(i.score()).isEqualTo(1.0);
    });
  }

  @Test
  void aPhoneOnlyClientMatchesTheContactOfThatPhone() {
    f.connectErp(Map.of());
    SyncEngine.Outcome contact = apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Priya",
        ContactField.LAST_NAME, "Castellano", ContactField.PHONE, PHONE, ContactField.EMAIL, "pc@example.com"));
    SyncEngine.Outcome client = apply(f.erp, "client-9", Map.of(ContactField.PHONE, "(415) 555-0100"));
    assertThat(client.canonicalId()).isEqualTo(contact.canonicalId());
    assertThat(items(IdentityReviews.Status.LINKED).getFirst().reasons()).contains("first_name_not_compared");
  }

  @Test
  void twoPeopleSharingAPhoneStayTwoAndGoToReview() {
    SyncEngine.Outcome mark = apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Mark",
        ContactField.LAST_NAME, "Lindqvist", ContactField.PHONE, PHONE, ContactField.EMAIL, "mark@example.com"));
    SyncEngine.Outcome mary = apply(f.mailchimp, "m-2", Map.of(ContactField.FIRST_NAME, "Mary",
        ContactField.LAST_NAME, "Lindqvist", ContactField.PHONE, PHONE));

    assertThat(mary.canonicalId()).isNotEqualTo(mark.canonicalId());
    IdentityReviews.Item item = items(IdentityReviews.Status.PENDING).getFirst();
    assertThat(item.rule()).isEqualTo("phone_first_names_differ");
    assertThat(item.score()).isBetween(0.75, 0.9);
    assertThat(item.record().canonicalId()).isEqualTo(mary.canonicalId());
    assertThat(item.candidate().canonicalId()).isEqualTo(mark.canonicalId());
    // side by side, decrypted for the owner
    assertThat(item.record().fields()).containsEntry(ContactField.FIRST_NAME, "Mary");
    assertThat(item.candidate().fields()).containsEntry(ContactField.FIRST_NAME, "Mark");
    assertThat(items(IdentityReviews.Status.LINKED)).isEmpty();
  }

  @Test
  void aMergeFromTheQueueMovesTheObjectAndASplitUndoesIt() {
    SyncEngine.Outcome ann = apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Ann",
        ContactField.LAST_NAME, "Okonkwo", ContactField.PHONE, PHONE, ContactField.EMAIL, "ann@example.com"));
    SyncEngine.Outcome annie = apply(f.mailchimp, "m-3", Map.of(ContactField.FIRST_NAME, "Nkechi",
        ContactField.LAST_NAME, "Okonkwo", ContactField.PHONE, PHONE));
    String id = items(IdentityReviews.Status.PENDING).getFirst().id();

    IdentityReviews.Decided merged = f.reviews.merge(SpineFixture.TENANT, id, "token:owner");
    assertThat(merged.canonicalId()).isEqualTo(ann.canonicalId());
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", "m-3").orElseThrow()
        .canonicalId()).isEqualTo(ann.canonicalId());
    assertThat(f.golden.find(SpineFixture.TENANT, annie.canonicalId()).orElseThrow().id()).isEqualTo(ann.canonicalId());
    assertThat(f.reviews.get(SpineFixture.TENANT, id).orElseThrow().status()).isEqualTo(IdentityReviews.Status.MERGED);
    assertThatThrownBy(() -> f.reviews.merge(SpineFixture.TENANT, id, "token:owner"))
        .isInstanceOfSatisfying(RecordSplits.Refused.class, e -> assertThat(e.code()).isEqualTo("not_pending"));

    IdentityReviews.Decided split = f.reviews.split(SpineFixture.TENANT, id, "token:owner");
    assertThat(split.canonicalId()).isEqualTo(ann.canonicalId());
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", "m-3").orElseThrow()
        .canonicalId()).isEqualTo(split.otherId());
    assertThat(f.reviews.keptApart(SpineFixture.TENANT, ann.canonicalId(), split.otherId())).isTrue();
    assertThat(f.events.events.recent(SpineFixture.TENANT, DomainEvents.AUDIT_LOGGED, 10))
        .extracting(e -> e.payload().get("action")).contains("identity.merge", "identity.split");
  }

  @Test
  void aPairKeptApartIsNeverProposedAgain() {
    SyncEngine.Outcome a = apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Dana",
        ContactField.LAST_NAME, "Fairbanks", ContactField.PHONE, PHONE));
    SyncEngine.Outcome b = apply(f.mailchimp, "m-4", Map.of(ContactField.FIRST_NAME, "Dina",
        ContactField.LAST_NAME, "Fairbanks", ContactField.PHONE, PHONE));
    IdentityReviews.Item item = items(IdentityReviews.Status.PENDING).getFirst();
    f.reviews.keepApart(SpineFixture.TENANT, item.id(), "token:owner");
    assertThat(items(IdentityReviews.Status.PENDING)).isEmpty();
    assertThat(items(IdentityReviews.Status.KEPT_APART)).hasSize(1);

    f.tx.executeWithoutResult(s -> f.reviews.propose(SpineFixture.TENANT, "contact", b.canonicalId(), a.canonicalId(),
        null, null, null, new dev.switchboard.app.identity.Verdict(dev.switchboard.app.identity.Decision.REVIEW, 0.8,
            "phone_first_names_differ", List.of())));
    assertThat(items(IdentityReviews.Status.PENDING)).isEmpty();
    assertThat(f.events.events.recent(SpineFixture.TENANT, DomainEvents.AUDIT_LOGGED, 10))
        .extracting(e -> e.payload().get("action")).contains("identity.keep_apart");
  }

  @Test
  void theTenantsThresholdsDecide() {
    f.tx.executeWithoutResult(s -> f.identitySettings.set(SpineFixture.TENANT, new Thresholds(0.95, 0.75)));
    SyncEngine.Outcome named = apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Oskar",
        ContactField.LAST_NAME, "Halvorsen", ContactField.PHONE, PHONE));
    // a side without a name links by phone at 0.92: under 0.95 it is only a candidate
    SyncEngine.Outcome unnamed = apply(f.mailchimp, "m-5", Map.of(ContactField.PHONE, PHONE));
    assertThat(unnamed.canonicalId()).isNotEqualTo(named.canonicalId());
    assertThat(items(IdentityReviews.Status.PENDING)).singleElement()
        .satisfies(i -> assertThat(i.score()).isEqualTo(0.92));
  }

  @Test
  void blockingKeysAreBlindIndexesAndFollowTheRecord() {
    SyncEngine.Outcome a = apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Rafael",
        ContactField.LAST_NAME, "Quintero", ContactField.PHONE, PHONE, ContactField.EMAIL, "rafa.q@example.com"));
    List<String> hashes = f.db.sql("select key_hash from match_key where canonical_id = ?").param(a.canonicalId())
        .query(String.class).list();
    assertThat(hashes).hasSize(4) // e-mail, phone, local part, phonetic family name with the initial
        .noneMatch(h -> h.contains("rafa") || h.contains("555") || h.toLowerCase().contains("quint"));
    // a new e-mail moves its keys
    apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Rafael", ContactField.LAST_NAME, "Quintero",
        ContactField.PHONE, PHONE, ContactField.EMAIL, "rafa@example.com"));
    assertThat(count("select count(*) from match_key where kind = 'email'")).isEqualTo(1);
    assertThat(f.db.sql("select count(*) from match_key where kind = 'email' and key_hash = ?")
        .param(f.vault.blindIndex("match:email", "rafa.q@example.com")).query(Long.class).single()).isZero();
  }

  @Test
  void recordsWrittenBeforeBlockingKeysAreFiledByTheBackfillAndThenFoundByName() {
    SyncEngine.Outcome old = apply(f.hubspot, "1", Map.of(ContactField.FIRST_NAME, "Jonathan",
        ContactField.LAST_NAME, "Abernathy", ContactField.EMAIL, "jonathan.abernathy@gmail.com"));
    // as if written before V20: no blocking keys
    f.tx.executeWithoutResult(s -> f.db.sql("delete from match_key").update());
    MatchKeyBackfill backfill = new MatchKeyBackfill(f.db, f.golden, f.identity, f.tx);
    assertThat(backfill.runOnce()).isEqualTo(1);
    assertThat(backfill.runOnce()).isZero();
    assertThat(count("select count(*) from match_key where canonical_id = '" + old.canonicalId() + "'")).isEqualTo(3);

    // no exact key in common: found only under the phonetic family name with the initial, and judged
    SyncEngine.Outcome jon = apply(f.mailchimp, "m-6", Map.of(ContactField.FIRST_NAME, "Jon",
        ContactField.LAST_NAME, "Abernethy", ContactField.EMAIL, "jonathan.abernathy@yahoo.com"));
    assertThat(jon.canonicalId()).isNotEqualTo(old.canonicalId());
    assertThat(items(IdentityReviews.Status.PENDING)).singleElement().satisfies(i -> {
      assertThat(i.rule()).isEqualTo("fuzzy");
      assertThat(i.candidate().canonicalId()).isEqualTo(old.canonicalId());
      assertThat(i.reasons()).contains("email_local_same", "emails_differ");
    });
  }

  @Test
  void candidatesAreReadInOneQueryFollowingMerges() {
    SyncEngine.Outcome a = apply(f.hubspot, "1", Map.of(ContactField.EMAIL, "a@example.com"));
    SyncEngine.Outcome b = apply(f.hubspot, "2", Map.of(ContactField.EMAIL, "b@example.com"));
    f.tx.executeWithoutResult(s -> f.merges.merge(SpineFixture.TENANT, b.canonicalId(), a.canonicalId(), "hubspot",
        null, f.clock.instant(), null));
    assertThat(f.golden.findAll(SpineFixture.TENANT, List.of(b.canonicalId(), "no-such-id", a.canonicalId())))
        .extracting(GoldenRecords.Golden::id).containsExactly(a.canonicalId());
    assertThat(f.golden.findAll(SpineFixture.TENANT, List.of(a.canonicalId())).getFirst().fields())
        .containsKey(ContactField.EMAIL);
  }

  @Test
  void aRecordSharingAnotherRecordsEmailIsNotCreatedWhereTheEmailIsTheKey() {
    f.connectErp(Map.of());
    String ann = f.hubspot.create(Map.of(ContactField.EMAIL, "desk@example.com", ContactField.FIRST_NAME, "Ann",
        ContactField.LAST_NAME, "Ashdown"));
    f.webhook(f.hubspot, ann);
    f.settle();
    String annRecord = f.identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, "desk@example.com")
        .orElseThrow();
    assertThat(f.mailchimp.byEmail("desk@example.com")).isPresent();

    // the office's other person, known elsewhere by the same mailbox: two records, one review item
    String bob = f.erp.create(Map.of(ContactField.EMAIL, "desk@example.com", ContactField.FIRST_NAME, "Bob",
        ContactField.LAST_NAME, "Ashdown"));
    f.webhook(f.erp, bob);
    f.settle();
    IdentityReviews.Item item = items(IdentityReviews.Status.PENDING).getFirst();
    assertThat(item.rule()).isEqualTo("email_names_conflict");
    String bobRecord = item.record().canonicalId();
    assertThat(bobRecord).isNotEqualTo(annRecord);
    // Mailchimp's member of that e-mail stays Ann's: Bob's record is not written onto it
    assertThat(f.links.byCanonical(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", bobRecord)).isEmpty();
    assertThat(f.links.byCanonical(SpineFixture.TENANT, f.mailchimpConnection.id(), "contact", annRecord)).isPresent();
    assertThat(f.mailchimp.byEmail("desk@example.com").orElseThrow().fields())
        .containsEntry(ContactField.FIRST_NAME, "Ann");
    assertThat(f.links.byCanonical(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", bobRecord)).isEmpty();
  }
}
