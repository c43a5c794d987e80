package dev.switchboard.app.canonical.model;

import dev.switchboard.app.canonical.MatchForm;
import java.util.List;

/**
 * One way records of a type are recognised as the same: fields compared in a matching form. Rules are tried in
 * declaration order; a record yields a key for a rule only when every part has a form (see {@link MatchForm}).
 * Several rules may share a name (a company's {@code domain} field and its {@code website} both give a
 * {@code domain} key) so that their keys meet.
 *
 * @param name  the key's namespace: {@code email}, {@code domain}, {@code name_city}, …
 * @param parts the fields and forms, all required
 */
public record IdentityRule(String name, List<Part> parts) {
  public IdentityRule {
    parts = List.copyOf(parts);
  }

  public record Part(String field, MatchForm form) {}
}
