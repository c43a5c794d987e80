package dev.switchboard.app.mapping;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which records of a type a system receives at all: one test of one canonical field ({@code only contacts with a
 * lifecycle stage of customer}, {@code only deals of one pipeline}). A record that does not pass is not created there,
 * and a linked one gets no further writes there; it is never deleted there because of the filter.
 *
 * <p>Values compare as trimmed text; a multi-valued field (tags) is in the listed values when any of its values is, and
 * outside them when none is. An absent or empty value is in no list, so it fails {@code in} and passes {@code not_in}.
 *
 * @param field    the canonical field tested; null only for {@link Operator#ALL}
 * @param operator the test
 * @param values   the values of {@code in} / {@code not_in}; empty for the others
 */
public record RecordFilter(@Nullable String field, Operator operator, List<String> values) {
  /** The tests a filter makes. */
  public enum Operator {
    /** Every record passes: a tenant's override lifting a default filter. */
    ALL,
    /** The field has a value (not absent, not empty). */
    PRESENT,
    /** The field has one of the values. */
    IN,
    /** The field has none of the values (or none at all). */
    NOT_IN;

    /** The name the API and the files use ({@code not_in}). */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The operator named {@code name} as the API and the files spell it, if any. */
    public static Optional<Operator> of(@Nullable String name) {
      for (Operator o : values()) {
        if (o.apiName().equals(name == null ? null : name.trim())) {
          return Optional.of(o);
        }
      }
      return Optional.empty();
    }
  }

  /** Every record passes. */
  public static final RecordFilter ALL = new RecordFilter(null, Operator.ALL, List.of());

  public RecordFilter {
    values = List.copyOf(values);
    if ((field == null) != (operator == Operator.ALL)) {
      throw new IllegalArgumentException("a filter names a field unless it lets all records pass");
    }
    if (values.isEmpty() != (operator == Operator.ALL || operator == Operator.PRESENT)) {
      throw new IllegalArgumentException(operator.apiName()
          + (values.isEmpty() ? " needs values" : " takes no values"));
    }
  }

  /** The file's short form: {@code field} present, or one of {@code values} when there are any. */
  public RecordFilter(String field, List<String> values) {
    this(field, values.isEmpty() ? Operator.PRESENT : Operator.IN, values);
  }

  /** Whether a record with these canonical fields passes. */
  public boolean matches(Map<String, ?> fields) {
    return refusal(fields).isEmpty();
  }

  /**
   * Why a record with these canonical fields does not pass, in words naming the field and the filter's values but
   * not the record's value (it may be personal data); empty when it passes.
   */
  public Optional<String> refusal(Map<String, ?> fields) {
    if (operator == Operator.ALL) {
      return Optional.empty();
    }
    Object v = fields.get(field);
    boolean empty = isEmpty(v);
    return switch (operator) {
      case PRESENT -> empty ? Optional.of(field + " has no value") : Optional.empty();
      case IN -> empty ? Optional.of(field + " has no value, and must be one of " + values)
          : anyIn(v) ? Optional.empty() : Optional.of(field + " is not one of " + values);
      case NOT_IN -> !empty && anyIn(v) ? Optional.of(field + " is one of " + values) : Optional.empty();
      case ALL -> Optional.empty();
    };
  }

  private boolean anyIn(Object v) {
    if (v instanceof Collection<?> c) {
      return c.stream().anyMatch(e -> e != null && values.contains(String.valueOf(e).trim()));
    }
    return values.contains(String.valueOf(v).trim());
  }

  private static boolean isEmpty(@Nullable Object v) {
    return v == null || (v instanceof String s && s.isBlank()) || (v instanceof Collection<?> c && c.isEmpty())
        || (v instanceof Map<?, ?> m && m.isEmpty());
  }
}
