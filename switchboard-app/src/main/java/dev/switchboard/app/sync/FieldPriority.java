package dev.switchboard.app.sync;

import java.util.List;
import java.util.Map;

/**
 * Which system's value wins a field when times cannot decide (a tie within the sources' precision, or a source with no
 * usable time): the system earlier in the field's list. A field without a list of its own uses {@code defaults}
 * ({@code switchboard.merge.system-priority}); {@code switchboard.merge.field-priority.<field>} gives one
 * ({@code switchboard.merge.field-priority.marketingStatus=mailchimp,hubspot}). A system in no list ranks after every
 * listed one. Immutable.
 *
 * @param defaults the order for fields without their own
 * @param perField canonical field → its own order
 */
public record FieldPriority(List<String> defaults, Map<String, List<String>> perField) {

  public FieldPriority {
    defaults = List.copyOf(defaults);
    perField = Map.copyOf(perField);
  }

  /** One order for every field. */
  public static FieldPriority of(List<String> defaults) {
    return new FieldPriority(defaults, Map.of());
  }

  /** The order for {@code field}. */
  public List<String> of(String field) {
    return perField.getOrDefault(field, defaults);
  }

  /** {@code system}'s place in {@code field}'s order (0 first); every unlisted system shares the last place. */
  public int rank(String field, String system) {
    int i = of(field).indexOf(system);
    return i < 0 ? Integer.MAX_VALUE : i;
  }
}
