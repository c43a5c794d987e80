package dev.switchboard.app.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether an inbound record is an existing one: a score from 0 to 1 with the rule that set it and its reasons, and the
 * decision under a tenant's {@link Thresholds}. Deterministic and free of I/O.
 *
 * <p>People, the first rule that applies:
 * <ol>
 *   <li>the same e-mail links (score 1), unless the names clearly conflict — different given names, or different
 *       family names where a given name is missing — then review (0.8, {@code email_names_conflict}): an office's
 *       shared mailbox;</li>
 *   <li>the same phone: two different given names are two people, to review (0.8, {@code phone_first_names_differ}:
 *       families share phones), as are different family names (0.78, {@code phone_names_differ}); names agreeing link
 *       (0.85 + 0.15 × name similarity, {@code phone}); a side without a name links (0.92, {@code phone}); but two
 *       different e-mails are a strong-key conflict, capped at review (0.85);</li>
 *   <li>otherwise only full names that agree count: 0.6 × name similarity, plus 0.2 for the same e-mail local part
 *       (not a role mailbox), 0.15 for the same postcode (or 0.07 the same city), 0.1 for the same company, 0.05 for
 *       the same non-free-mail e-mail domain ({@code fuzzy}); different e-mails or phones on both sides cap it below
 *       the auto-link threshold.</li>
 * </ol>
 * Companies: the same registrable, non-free-mail domain links (1, {@code domain}); the same normalised name links
 * only with the same city, postcode or phone (0.95, {@code name_city}, …), a similar name with one of those is to
 * review (0.75 + 0.1 × similarity), the same name where neither place nor phone can be compared is to review (0.78,
 * {@code name_only}), and the same name in two places is two companies (0.6, {@code name_other_place}). Two different
 * domains are a strong-key conflict.
 *
 * <p>A rule that says "review" holds whatever the thresholds: such a pair is never linked automatically, and never
 * dropped as new.
 */
public final class Matcher {
  private static final Set<String> ROLE_MAILBOXES = Set.of("info", "office", "admin", "contact", "hello", "sales",
      "support", "team", "mail", "enquiries", "inquiries", "reception", "billing", "accounts", "bookings", "help");

  private Matcher() {}

  /** Whether an e-mail local part names a role ({@code info}, {@code office}, …) rather than a person. */
  static boolean isRoleMailbox(String local) {
    return ROLE_MAILBOXES.contains(local);
  }

  /** The verdict on {@code inbound} being {@code existing}, under {@code thresholds}. */
  public static Verdict match(Subject inbound, Subject existing, Thresholds thresholds) {
    Scored s = Subject.COMPANY.equals(inbound.type()) ? company(inbound, existing) : person(inbound, existing);
    Decision d;
    if (s.mustReview) {
      d = Decision.REVIEW;
    } else if (s.score >= thresholds.autoLink() && !s.conflict) {
      d = Decision.LINK;
    } else if (s.score >= thresholds.review()) {
      d = Decision.REVIEW;
    } else {
      d = Decision.NEW;
    }
    double score = s.conflict ? Math.min(s.score, Math.nextDown(thresholds.autoLink())) : s.score;
    return new Verdict(d, Math.round(score * 1000) / 1000.0, s.rule, s.reasons);
  }

  private static final class Scored {
    double score;
    String rule = "none";
    boolean mustReview;
    boolean conflict;
    final List<String> reasons = new ArrayList<>();

    Scored set(double score, String rule) {
      this.score = score;
      this.rule = rule;
      return this;
    }

    Scored review(double score, String rule) {
      mustReview = true;
      return set(score, rule);
    }
  }

  private static Scored person(Subject a, Subject b) {
    Scored s = new Scored();
    Double first = a.firstName() != null && b.firstName() != null ? Names.first(a.firstName(), b.firstName()) : null;
    Double last = a.lastName() != null && b.lastName() != null ? Names.last(a.lastName(), b.lastName()) : null;
    boolean firstConflict = first != null && first < Names.AGREE;
    boolean lastConflict = last != null && last < Names.AGREE;
    note(s, "first_name", first);
    note(s, "last_name", last);
    Double names = first == null ? last : last == null ? first : Double.valueOf((first + last) / 2);
    boolean namesAgree = names != null && !firstConflict && !lastConflict;

    boolean emailSame = a.email() != null && a.email().equals(b.email());
    boolean emailsDiffer = a.email() != null && b.email() != null && !emailSame;
    boolean phoneSame = a.phone() != null && a.phone().equals(b.phone());
    boolean phonesDiffer = a.phone() != null && b.phone() != null && !phoneSame;
    s.reasons.add(emailSame ? "email_same" : emailsDiffer ? "emails_differ" : "email_not_compared");
    s.reasons.add(phoneSame ? "phone_same" : phonesDiffer ? "phones_differ" : "phone_not_compared");

    if (emailSame) {
      boolean clearConflict = firstConflict || first == null && lastConflict;
      return clearConflict ? s.review(0.8, "email_names_conflict") : s.set(1.0, "email");
    }
    if (phoneSame) {
      if (firstConflict) {
        return s.review(0.8, "phone_first_names_differ");
      }
      if (lastConflict) {
        return s.review(0.78, "phone_names_differ");
      }
      if (emailsDiffer) {
        s.conflict = true;
      }
      return names == null ? s.set(0.92, "phone") : s.set(0.85 + 0.15 * names, "phone");
    }
    if (first == null || last == null || !namesAgree) {
      return s.set(names == null ? 0 : 0.4 * names, "none");
    }
    double score = 0.6 * names;
    String local = a.emailLocal();
    if (local != null && local.equals(b.emailLocal()) && local.length() >= 3 && !isRoleMailbox(local)) {
      score += 0.2;
      s.reasons.add("email_local_same");
    }
    if (a.postcode() != null && a.postcode().equals(b.postcode())) {
      score += 0.15;
      s.reasons.add("postcode_same");
    } else if (a.city() != null && a.city().equals(b.city())) {
      score += 0.07;
      s.reasons.add("city_same");
    }
    if (a.company() != null && a.company().equals(b.company())) {
      score += 0.1;
      s.reasons.add("company_same");
    }
    if (a.email() != null && !a.freeMail() && Objects.equals(a.emailDomain(), b.emailDomain())) {
      score += 0.05;
      s.reasons.add("email_domain_same");
    }
    s.conflict = emailsDiffer || phonesDiffer;
    return s.set(Math.min(1.0, score), "fuzzy");
  }

  private static Scored company(Subject a, Subject b) {
    Scored s = new Scored();
    boolean domainSame = a.domain() != null && a.domain().equals(b.domain());
    boolean domainsDiffer = a.domain() != null && b.domain() != null && !domainSame;
    s.reasons.add(domainSame ? "domain_same" : domainsDiffer ? "domains_differ" : "domain_not_compared");
    if (domainSame) {
      return s.set(1.0, "domain");
    }
    s.conflict = domainsDiffer;
    if (a.name() == null || b.name() == null) {
      return s.set(0, "none");
    }
    double name = a.name().equals(b.name()) ? 1.0 : Names.similarity(a.name(), b.name());
    note(s, "name", name);
    boolean phoneSame = a.phone() != null && a.phone().equals(b.phone());
    boolean postcodeSame = a.postcode() != null && a.postcode().equals(b.postcode());
    boolean citySame = a.city() != null && a.city().equals(b.city());
    String place = postcodeSame ? "name_postcode" : citySame ? "name_city" : phoneSame ? "name_phone" : null;
    if (place != null) {
      s.reasons.add(place.substring(5) + "_same");
    }
    boolean placeDiffers = a.postcode() != null && b.postcode() != null && !postcodeSame
        || a.city() != null && b.city() != null && !citySame;
    if (name == 1.0 && place != null) {
      return s.set(0.95, place);
    }
    if (name >= Names.AGREE && place != null) {
      return s.set(0.75 + 0.1 * name, place.replace("name_", "similar_name_"));
    }
    if (name == 1.0 && placeDiffers) {
      s.reasons.add("place_differs");
      return s.set(0.6, "name_other_place");
    }
    if (name == 1.0) {
      return s.set(0.78, "name_only");
    }
    return s.set(0.5 * name, "none");
  }

  private static void note(Scored s, String field, @Nullable Double similarity) {
    if (similarity == null) {
      s.reasons.add(field + "_not_compared");
    } else if (similarity == 1.0) {
      s.reasons.add(field + "_same");
    } else if (similarity >= Names.AGREE) {
      s.reasons.add(field + "_similar");
    } else {
      s.reasons.add(field + "_differs");
    }
  }
}
