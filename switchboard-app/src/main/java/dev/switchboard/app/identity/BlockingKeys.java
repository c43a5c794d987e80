package dev.switchboard.app.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocking keys of a record: the values under which it is filed so that a lookup finds its likely duplicates
 * without reading every record. Stored as blind indexes (keyed hashes of {@code kind} and value), never in clear.
 * A contact is filed under its e-mail, its E.164 phone, its e-mail's local part (not a role mailbox's, not shorter than
 * three letters) and, for each initial its given name is filed under, the Double Metaphone code of its family name with
 * that initial ({@code SM0:j}: "Jon Smith", "Jonathan Smyth"); a company under its registrable domain, its phone and
 * the Double Metaphone code of its normalised name. Strongest first: a capped lookup asks in this order.
 */
public final class BlockingKeys {
  /** One blocking key. */
  public record Key(String kind, String value) {}

  private BlockingKeys() {}

  public static List<Key> of(Subject s) {
    List<Key> out = new ArrayList<>();
    if (Subject.COMPANY.equals(s.type())) {
      add(out, "domain", s.domain());
      add(out, "phone", s.phone());
      if (s.name() != null) {
        add(out, "cname", Names.phonetic(s.name()));
      }
      return out;
    }
    add(out, "email", s.email());
    add(out, "phone", s.phone());
    String local = s.emailLocal();
    if (local != null && local.length() >= 3 && !Matcher.isRoleMailbox(local)) {
      add(out, "local", local);
    }
    if (s.lastName() != null && s.firstName() != null) {
      String code = Names.phonetic(s.lastName());
      if (!code.isEmpty()) {
        Names.initials(s.firstName()).forEach(i -> out.add(new Key("name", code + ":" + i)));
      }
    }
    return out;
  }

  private static void add(List<Key> out, String kind, @org.jspecify.annotations.Nullable String value) {
    if (value != null && !value.isEmpty()) {
      out.add(new Key(kind, value));
    }
  }
}
