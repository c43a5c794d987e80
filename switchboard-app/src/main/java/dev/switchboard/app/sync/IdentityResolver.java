package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.canonical.model.IdentityKey;
import dev.switchboard.app.identity.BlockingKeys;
import dev.switchboard.app.identity.Decision;
import dev.switchboard.app.identity.Matcher;
import dev.switchboard.app.identity.Subject;
import dev.switchboard.app.identity.Thresholds;
import dev.switchboard.app.identity.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the canonical record a vendor object belongs to (its link is looked up first, by the caller). Candidates are the
 * records holding one of its exact identity keys (a contact's e-mail, then E.164 phone; another type's declared keys,
 * strongest first: a company's domain) and those filed under one of its blocking keys ({@link BlockingKeys}: phone,
 * e-mail, e-mail local part, phonetic family name with initial; domain, phone, phonetic company name) — at most
 * {@link #MAX_CANDIDATES}, each key read up to {@link #PER_KEY}, so a lookup never decrypts more than that many records.
 * Each candidate is judged by {@link Matcher} under the tenant's {@link IdentitySettings}; the best one decides: a link
 * (with the rule and score that made it), or a new record — sent to review with that candidate when the verdict says
 * so. Keys are blind indexes, so no e-mail, phone or name is stored in clear.
 *
 * <p>Concurrency: a new canonical record claims its strongest key with insert-if-absent before it is written; a worker
 * that loses the race for the same key to a record it has not judged adopts the winner's id instead of creating a
 * duplicate.
 */
@Component
class IdentityResolver {
  static final String EMAIL = "email";
  static final String PHONE = "phone";
  /** Records read and judged per lookup at most. */
  static final int MAX_CANDIDATES = 25;
  /** Records read per blocking key at most (a common family name files many). */
  static final int PER_KEY = 10;
  private static final Set<String> MATCHED_FIELDS = Set.of("email", "phone", "firstName", "lastName", "address",
      "company", "name", "domain", "website");

  private final JdbcClient db;
  private final Vault vault;
  private final @Nullable GoldenRecords golden;
  private final @Nullable IdentitySettings settings;

  /** Exact keys only, no candidates judged (tests of the key bookkeeping). */
  IdentityResolver(JdbcClient db, Vault vault) {
    this(db, vault, null, null);
  }

  @org.springframework.beans.factory.annotation.Autowired
  IdentityResolver(JdbcClient db, Vault vault, @Nullable GoldenRecords golden, @Nullable IdentitySettings settings) {
    this.db = db;
    this.vault = vault;
    this.golden = golden;
    this.settings = settings;
  }

  /**
   * The canonical id for {@code record}: existing (its best candidate links) or new (none does; {@link Resolution#match}
   * names the candidate to review, if any).
   */
  Resolution resolve(String tenantId, CanonicalRecord record) {
    return resolve(tenantId, record, false);
  }

  /**
   * As above; {@code emailIsKey}: the caller names the record by its e-mail (the upsert API's contract: "the contact
   * of this e-mail"), so the e-mail's owner is the record whatever else differs — a renamed person is updated, not
   * judged. Without an owner of the e-mail, candidates are judged as usual.
   */
  Resolution resolve(String tenantId, CanonicalRecord record, boolean emailIsKey) {
    List<IdentityKey> keys = exactKeys(record);
    if (golden == null || settings == null) {
      return resolveByKeys(tenantId, record.type(), keys);
    }
    if (emailIsKey && CanonicalRecord.CONTACT.equals(record.type())) {
      Optional<String> owner = lookup(tenantId, record.type(), EMAIL, record.string(EMAIL));
      if (owner.isPresent()) {
        return new Resolution(owner.get(), false, EMAIL);
      }
    }
    Subject subject = Subject.of(record.type(), record.fields());
    Thresholds thresholds = settings.of(tenantId);
    // the owners of its exact keys first: a link at full score (the same e-mail, names agreeing) cannot be beaten, and
    // then the blocking keys need not be read
    Map<String, GoldenRecords.Golden> candidates = candidates(tenantId, record.type(), keys, null, Map.of());
    Match best = best(subject, candidates.values(), thresholds, null);
    if (best == null || best.verdict().decision() != Decision.LINK || best.verdict().score() < 1.0) {
      Map<String, GoldenRecords.Golden> more = candidates(tenantId, record.type(), keys, subject, candidates);
      best = best(subject, more.values(), thresholds, best);
      candidates.putAll(more);
    }
    if (best != null && best.verdict().decision() == Decision.LINK) {
      return new Resolution(best.candidateId(), false, best.verdict().rule(), best);
    }
    Match review = best != null && best.verdict().decision() == Decision.REVIEW ? best : null;
    String id = UUID.randomUUID().toString();
    if (!keys.isEmpty()) {
      IdentityKey strongest = keys.getFirst();
      if (!claim(tenantId, record.type(), strongest.rule(), strongest.value(), id)) {
        String owner = lookup(tenantId, record.type(), strongest.rule(), strongest.value()).orElseThrow();
        if (!candidates.containsKey(owner)) {
          // claimed meanwhile by a record this lookup did not judge: another worker made this person a moment ago
          return new Resolution(owner, false, strongest.rule());
        }
      }
    }
    return new Resolution(id, true, null, review);
  }

  private static @Nullable Match best(Subject subject, java.util.Collection<GoldenRecords.Golden> candidates,
      Thresholds thresholds, @Nullable Match best) {
    for (GoldenRecords.Golden c : candidates) {
      Verdict v = Matcher.match(subject, Subject.of(c.objectType(), plain(c.fields())), thresholds);
      if (best == null || better(v, best.verdict())) {
        best = new Match(c.id(), v);
      }
    }
    return best;
  }

  private static boolean better(Verdict v, Verdict than) {
    return v.decision().ordinal() < than.decision().ordinal()
        || v.decision() == than.decision() && v.score() > than.score();
  }

  /** A contact's e-mail and phone, another type's declared identity keys; strongest first. */
  private static List<IdentityKey> exactKeys(CanonicalRecord record) {
    if (!CanonicalRecord.CONTACT.equals(record.type())) {
      return RecordCleaning.identityKeys(record.type(), record.fields());
    }
    List<IdentityKey> out = new ArrayList<>();
    for (String kind : List.of(EMAIL, PHONE)) {
      String v = record.string(kind);
      if (v != null && !v.isEmpty()) {
        out.add(new IdentityKey(kind, v));
      }
    }
    return out;
  }

  /**
   * The records (followed through merges, of the record's type) holding one of its exact keys and, unless
   * {@code blocking} is null, one of its blocking keys; at most MAX_CANDIDATES, not counting again nor reading
   * those in {@code known}.
   */
  private Map<String, GoldenRecords.Golden> candidates(String tenantId, String type, List<IdentityKey> keys,
      @Nullable Subject blocking, Map<String, GoldenRecords.Golden> known) {
    java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
    for (IdentityKey k : keys) {
      lookup(tenantId, type, k.rule(), k.value()).ifPresent(ids::add);
    }
    for (BlockingKeys.Key k : blocking == null ? List.<BlockingKeys.Key>of() : BlockingKeys.of(blocking)) {
      if (ids.size() >= MAX_CANDIDATES) {
        break;
      }
      ids.addAll(db.sql("select canonical_id from match_key where tenant_id = ? and object_type = ? and kind = ? "
              + "and key_hash = ? order by canonical_id fetch first " + PER_KEY + " rows only")
          .params(tenantId, type, k.kind(), vault.blindIndex(MATCH_PREFIX + k.kind(), k.value())).query(String.class)
          .list());
    }
    Map<String, GoldenRecords.Golden> out = new LinkedHashMap<>();
    // one query for all of them (a merged one is followed to its survivor)
    List<String> unread = ids.stream().filter(id -> !known.containsKey(id))
        .limit(Math.max(0, MAX_CANDIDATES - known.size())).toList();
    for (GoldenRecords.Golden g : java.util.Objects.requireNonNull(golden).findAll(tenantId, unread)) {
      if (g.objectType().equals(type) && !known.containsKey(g.id())) {
        out.putIfAbsent(g.id(), g);
      }
    }
    return out;
  }

  private Resolution resolveByKeys(String tenantId, String type, List<IdentityKey> keys) {
    for (IdentityKey k : keys) {
      Optional<String> found = lookup(tenantId, type, k.rule(), k.value());
      if (found.isPresent()) {
        return new Resolution(found.get(), false, k.rule());
      }
    }
    String id = UUID.randomUUID().toString();
    if (!keys.isEmpty()) {
      IdentityKey strongest = keys.getFirst();
      if (!claim(tenantId, type, strongest.rule(), strongest.value(), id)) {
        return new Resolution(lookup(tenantId, type, strongest.rule(), strongest.value()).orElseThrow(), false,
            strongest.rule());
      }
    }
    return new Resolution(id, true, null);
  }

  // blocking keys are hashed under their own kinds, so that a blocking "email" is not the identity key's hash
  static final String MATCH_PREFIX = "match:";

  /**
   * Files {@code canonicalId} under the blocking keys of {@code fields} (its values now), dropping those it no longer
   * has. Does nothing when none of the fields matching looks at changed ({@code changed}, null for "any").
   */
  void refreshMatchKeys(String tenantId, String type, String canonicalId, Map<String, Object> fields,
      java.util.@Nullable Collection<String> changed) {
    if (changed != null && changed.stream().noneMatch(MATCHED_FIELDS::contains)) {
      return;
    }
    db.sql("delete from match_key where tenant_id = ? and canonical_id = ?").params(tenantId, canonicalId).update();
    for (BlockingKeys.Key k : new java.util.LinkedHashSet<>(BlockingKeys.of(Subject.of(type, fields)))) {
      db.sql("insert into match_key(tenant_id, object_type, kind, key_hash, canonical_id) values (?, ?, ?, ?, ?) "
              + "on conflict do nothing")
          .params(tenantId, type, k.kind(), vault.blindIndex(MATCH_PREFIX + k.kind(), k.value()), canonicalId).update();
    }
  }

  static Map<String, Object> plain(Map<String, FieldValue> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((f, v) -> out.put(f, v.value()));
    return out;
  }

  /**
   * Moves the identity keys of a record of a type other than contact from what its values were ({@code before}) to
   * what they are ({@code after}): keys no longer derived are released, new ones claimed (unless another record owns
   * them: then both stay findable by their own keys only).
   */
  void rekey(String tenantId, String type, String canonicalId, Map<String, Object> before, Map<String, Object> after) {
    List<IdentityKey> was = RecordCleaning.identityKeys(type, before);
    List<IdentityKey> now = RecordCleaning.identityKeys(type, after);
    for (IdentityKey k : was) {
      if (!now.contains(k)) {
        release(tenantId, type, k.rule(), k.value(), canonicalId);
      }
    }
    for (IdentityKey k : now) {
      if (!was.contains(k)) {
        claim(tenantId, type, k.rule(), k.value(), canonicalId);
      }
    }
  }

  /**
   * @param matchedBy the rule that linked ({@link #EMAIL}, {@link #PHONE}, a company's {@code domain}, {@code name_city},
   *                  …, {@code fuzzy}), null for a new record
   * @param match     the verdict that linked, or, for a new record, the candidate to review (null: none)
   */
  record Resolution(String canonicalId, boolean created, @Nullable String matchedBy, @Nullable Match match) {
    Resolution(String canonicalId, boolean created, @Nullable String matchedBy) {
      this(canonicalId, created, matchedBy, null);
    }
  }

  /** A candidate and the verdict on it. */
  record Match(String candidateId, Verdict verdict) {}

  Optional<String> lookup(String tenantId, String objectType, String kind, String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    return db.sql("select canonical_id from identity_key where tenant_id = ? and object_type = ? and kind = ? and key_hash = ?")
        .params(tenantId, objectType, kind, vault.blindIndex(kind, value)).query(String.class).optional();
  }

  /** Makes {@code value} resolve to {@code canonicalId} unless another record already owns it. */
  boolean claim(String tenantId, String objectType, String kind, String value, String canonicalId) {
    if (value == null || value.isEmpty()) {
      return true;
    }
    int n = db.sql("insert into identity_key(tenant_id, object_type, kind, key_hash, canonical_id) values (?, ?, ?, ?, ?) "
            + "on conflict do nothing")
        .params(tenantId, objectType, kind, vault.blindIndex(kind, value), canonicalId).update();
    if (n == 1) {
      return true;
    }
    return lookup(tenantId, objectType, kind, value).map(canonicalId::equals).orElse(false);
  }

  /** Drops a key that no longer describes {@code canonicalId} (e.g. its old e-mail). */
  void release(String tenantId, String objectType, String kind, String value, String canonicalId) {
    if (value == null || value.isEmpty()) {
      return;
    }
    db.sql("delete from identity_key where tenant_id = ? and object_type = ? and kind = ? and key_hash = ? and canonical_id = ?")
        .params(tenantId, objectType, kind, vault.blindIndex(kind, value), canonicalId).update();
  }
}
