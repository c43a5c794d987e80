package dev.switchboard.app.canonical.model;

import java.util.Set;

/**
 * A variant of a type selected by its subtype field (an activity's {@code kind}): the fields only this variant uses
 * and those it requires. Fields not listed by any subtype are common to all.
 *
 * @param name     the subtype code
 * @param fields   fields specific to this subtype (a task's {@code dueAt}); other subtypes may not carry them
 * @param required fields a complete record of this subtype must have
 */
public record Subtype(String name, Set<String> fields, Set<String> required) {
  public Subtype {
    fields = Set.copyOf(fields);
    required = Set.copyOf(required);
  }
}
