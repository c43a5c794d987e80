package dev.switchboard.app.canonical;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A typed canonical value. Every implementation is immutable and <em>canonical by construction</em>: its constructor
 * refuses a non-canonical form (an upper-case e-mail, an untrimmed text, an empty list), so the record's
 * {@code equals} is the one equality merge, snapshots and storage use, and a value read back from storage
 * ({@link ValueJson}) equals the value written.
 *
 * <p>"No value" is {@link #EMPTY}, and only that: null, {@code ""}, a blank text and an empty list all clean to it.
 * Whether a field is absent (the source does not know it) or cleared (the source says it has no value) is a property
 * of the record holding the value, not of the value: a cleared field holds {@link #EMPTY}, an absent one holds
 * nothing.
 *
 * <p>Raw input (vendor JSON, API bodies) becomes a value through {@link ValueType#clean}; values are written to and
 * read from their canonical JSON through {@link ValueJson}.
 */
public sealed interface Value
    permits EmptyValue, TextValue, EmailValue, PhoneValue, UrlValue, DomainValue, EnumValue, BooleanValue,
        IntegerValue, DecimalValue, Money, CurrencyValue, InstantValue, DateValue, ListValue, PostalAddress, Ref,
        StructValue {

  /** The one "no value": a cleared field. */
  Value EMPTY = new EmptyValue();

  default boolean isEmpty() {
    return this instanceof EmptyValue;
  }

  /**
   * Data-quality flags that follow from the value itself (so they survive storage): {@code invalid_phone} for a
   * phone kept as typed, {@code free_mail_domain} for a domain of a free mail provider,
   * {@code unrecognised_postal_code} / {@code unrecognised_region} for address parts kept as typed. Empty when the
   * value is clean.
   */
  default Set<String> flags() {
    return Set.of();
  }

  /** True for null and {@link #EMPTY}. */
  static boolean isEmptyOrNull(@Nullable Value value) {
    return value == null || value.isEmpty();
  }
}
