package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A table of vendor codes ⇄ canonical codes ({@code enum: {map: {closedwon: won}, unmapped: refuse}}). Codes are
 * matched case-insensitively. Several vendor codes may map to one canonical code: a write sends the first of them.
 * {@code unmapped} says what a code without an entry becomes: {@code refuse} (the default: never guessed),
 * {@code keep} (passed through as it is) or {@code absent} (the field is left out: {@code hs_email_optout=false} says
 * nothing about a subscription; in this mode an empty value is left out too) or {@code drop} (the code is left out,
 * both ways, and an empty value still clears: a status the vendor or the kind has no value for is neither read nor
 * written). Otherwise empty stays empty.
 *
 * <p>{@code empty} names the vendor code that stands for no value ({@code empty: NONE}: HubSpot's task priority),
 * read as {@code ""} and written for {@code ""}.
 *
 * @param empty the vendor's code for an empty value, or null when an empty value is empty text
 */
record EnumTransform(Map<String, String> toCanonical, Unmapped unmapped, @Nullable String empty) implements Transform {
  enum Unmapped { REFUSE, KEEP, ABSENT, DROP }

  EnumTransform {
    toCanonical = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(toCanonical));
  }

  EnumTransform(Map<String, String> toCanonical, Unmapped unmapped) {
    this(toCanonical, unmapped, null);
  }

  @Override
  public String name() {
    return "enum";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    return Transform.each(vendor, v -> empty != null && empty.equalsIgnoreCase(Transform.text(v)) ? ""
        : lookup(toCanonical, Transform.text(v)));
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    Map<String, String> inverse = new LinkedHashMap<>();
    toCanonical.forEach((vendorCode, canonicalCode) -> inverse.putIfAbsent(canonicalCode, vendorCode));
    return Transform.each(canonical, v -> empty != null && Transform.text(v).isEmpty() ? empty
        : lookup(inverse, Transform.text(v)));
  }

  private @Nullable Object lookup(Map<String, String> table, String code) {
    if (code.isEmpty()) {
      return unmapped == Unmapped.ABSENT ? null : "";
    }
    for (Map.Entry<String, String> e : table.entrySet()) {
      if (e.getKey().equalsIgnoreCase(code)) {
        return e.getValue();
      }
    }
    return switch (unmapped) {
      case KEEP -> code;
      case ABSENT, DROP -> null;
      case REFUSE -> throw new MappingValueException(MappingValueException.UNMAPPED_VALUE,
          "enum has no entry for the code (" + table.size() + " entries)");
    };
  }

  /** Every canonical code of the table must be one the field's enum declares. */
  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    String arity = Transform.oneToOne("enum", types, vendorCount);
    if (arity != null) {
      return arity;
    }
    ValueType t = types.get(0);
    if (t == null) {
      return null;
    }
    if (!(t instanceof ValueType.EnumType e)) {
      return "enum maps onto an enum field, not " + t.name();
    }
    for (String code : toCanonical.values()) {
      if (!e.codes().contains(code.toLowerCase(Locale.ROOT))) {
        return "enum maps onto '" + code + "', which the field does not declare (" + String.join(", ", e.codes()) + ")";
      }
    }
    return null;
  }
}
