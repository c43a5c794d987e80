package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.CompanyNames;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.PersonNames;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.identity.BlockingKeys;
import dev.switchboard.app.identity.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds people, companies and deals without reading values in clear from the database and without substring search
 * on personal data: an e-mail address or a phone number is cleaned as the spine cleans one (the tenant's default
 * region for a phone) and looked up through its blind index; a name through the identity blocking keys (a person's
 * given and family name: the family name's phonetic code with the given name's initial; a company's name: its
 * phonetic code), and only records whose name holds every word of the query as a whole word are kept. Deals are found
 * through their edges to the people and companies found. At most {@link #MAX_RESULTS}, tenant-scoped.
 */
@Component
public class RecordSearch {
  /** Most records one search answers. */
  public static final int MAX_RESULTS = 50;
  private static final Set<String> SEARCHED = Set.of(CanonicalRecord.CONTACT, "company");

  /** One record found: its values (decrypted: the caller masks them) and how it was found. */
  public record Hit(String id, String type, Map<String, Object> fields, String foundBy) {}

  private final SyncEngine engine;
  private final GoldenRecords golden;
  private final Vault vault;
  private final JdbcClient db;

  RecordSearch(SyncEngine engine, GoldenRecords golden, Vault vault, JdbcClient db) {
    this.engine = engine;
    this.golden = golden;
    this.vault = vault;
    this.db = db;
  }

  /** The records {@code query} names (an e-mail, a phone number or a name), best kinds first; empty for a blank query. */
  public List<Hit> search(String tenantId, String query) {
    String q = query.strip();
    if (q.isEmpty() || q.length() > 200) {
      return List.of();
    }
    Set<String> found = new LinkedHashSet<>();
    String how;
    if (q.indexOf('@') > 0) {
      how = "e-mail";
      String email = cleaned(tenantId, ContactField.EMAIL, q);
      if (email != null) {
        found.addAll(byKey(tenantId, CanonicalRecord.CONTACT, "email", email));
      }
    } else if (looksLikePhone(q)) {
      how = "phone";
      String phone = cleaned(tenantId, ContactField.PHONE, q);
      if (phone != null && phone.startsWith("+")) {
        for (String type : SEARCHED) {
          found.addAll(byKey(tenantId, type, "phone", phone));
        }
      }
    } else {
      how = "name";
      found.addAll(byName(tenantId, q));
    }
    List<Hit> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (GoldenRecords.Golden g : golden.findAll(tenantId, List.copyOf(found))) {
      if (out.size() < MAX_RESULTS && seen.add(g.id()) && (!how.equals("name") || holdsEveryWord(g, q))) {
        out.add(new Hit(g.id(), g.objectType(), IdentityResolver.plain(g.fields()), how));
      }
    }
    List<String> ends = out.stream().map(Hit::id).toList();
    for (String dealId : dealsOf(tenantId, ends)) {
      if (out.size() >= MAX_RESULTS) {
        break;
      }
      if (seen.add(dealId)) {
        golden.find(tenantId, dealId).filter(g -> g.objectType().equals("deal"))
            .ifPresent(g -> out.add(new Hit(g.id(), g.objectType(), IdentityResolver.plain(g.fields()), "linked")));
      }
    }
    return out;
  }

  /** {@code raw} as the spine cleans a contact's {@code field}, or null when it is not a valid one. */
  private String cleaned(String tenantId, String field, String raw) {
    Object v = engine.clean(tenantId, new CanonicalRecord(CanonicalRecord.CONTACT, Map.of(field, raw))).fields()
        .get(field);
    return v instanceof String s && !s.isEmpty() ? s : null;
  }

  static boolean looksLikePhone(String q) {
    long digits = q.chars().filter(Character::isDigit).count();
    return digits >= 7 && q.chars().allMatch(c -> Character.isDigit(c) || " +-().".indexOf(c) >= 0);
  }

  /** Records filed under blocking key {@code kind} = {@code value} (blind-indexed), capped. */
  private List<String> byKey(String tenantId, String type, String kind, String value) {
    return db.sql("select canonical_id from match_key where tenant_id = ? and object_type = ? and kind = ? "
            + "and key_hash = ? order by canonical_id fetch first " + MAX_RESULTS + " rows only")
        .params(tenantId, type, kind, vault.blindIndex(IdentityResolver.MATCH_PREFIX + kind, value))
        .query(String.class).list();
  }

  /**
   * People whose family name sounds like the query's last word (or its first: "Smith John") with a given name of the
   * other word's initial, and companies whose name sounds like the whole query.
   */
  private List<String> byName(String tenantId, String q) {
    List<String> words = Arrays.asList(q.split("\\s+"));
    Set<String> ids = new LinkedHashSet<>();
    if (words.size() >= 2) {
      List<Map<String, Object>> orders = List.of(
          Map.of("firstName", String.join(" ", words.subList(0, words.size() - 1)), "lastName", words.getLast()),
          Map.of("firstName", String.join(" ", words.subList(1, words.size())), "lastName", words.getFirst()));
      for (Map<String, Object> name : orders) {
        for (BlockingKeys.Key k : BlockingKeys.of(Subject.of(CanonicalRecord.CONTACT, name))) {
          if (k.kind().equals("name")) {
            ids.addAll(byKey(tenantId, CanonicalRecord.CONTACT, k.kind(), k.value()));
          }
        }
      }
    }
    for (BlockingKeys.Key k : BlockingKeys.of(Subject.of("company", Map.of("name", q)))) {
      if (k.kind().equals("cname")) {
        ids.addAll(byKey(tenantId, "company", k.kind(), k.value()));
      }
    }
    return List.copyOf(ids);
  }

  /** Whether every word of {@code q} is a whole word of the record's name (accents and case aside). */
  static boolean holdsEveryWord(GoldenRecords.Golden g, String q) {
    String name = g.objectType().equals("company") ? CompanyNames.matchingForm(text(g, "name"))
        : PersonNames.matchingForm(text(g, "firstName") + " " + text(g, "lastName"));
    Set<String> held = Set.of(name.split("\\s+"));
    String asked = g.objectType().equals("company") ? CompanyNames.matchingForm(q) : PersonNames.matchingForm(q);
    return !asked.isBlank() && Arrays.stream(asked.split("\\s+")).allMatch(held::contains);
  }

  private static String text(GoldenRecords.Golden g, String field) {
    FieldValue v = g.fields().get(field);
    return v != null && v.value() instanceof String s ? s : "";
  }

  /** Deals with a live edge to one of {@code ids}. */
  private List<String> dealsOf(String tenantId, List<String> ids) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : ids) {
      out.addAll(db.sql("select e.from_id from record_edge e join golden_record g on g.tenant_id = e.tenant_id "
              + "and g.id = e.from_id where e.tenant_id = ? and e.to_id = ? and e.tombstoned_at is null "
              + "and g.object_type = 'deal' and g.merged_into is null order by e.from_id fetch first " + MAX_RESULTS + " rows only")
          .params(tenantId, id).query(String.class).list());
    }
    return List.copyOf(out);
  }
}
