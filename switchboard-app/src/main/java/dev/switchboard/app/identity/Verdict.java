package dev.switchboard.app.identity;

import java.util.List;

/**
 * The outcome of comparing two records: the decision under a tenant's thresholds, the score (0–1), the rule that
 * decided ({@code email}, {@code phone}, {@code phone_first_names_differ}, {@code domain}, {@code name_city}, …) and
 * the reasons, codes without personal data ({@code email_same}, {@code first_name_nickname}, {@code phones_differ}), in
 * the order they were found.
 */
public record Verdict(Decision decision, double score, String rule, List<String> reasons) {
  public Verdict {
    reasons = List.copyOf(reasons);
  }
}
