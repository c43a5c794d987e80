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
 * nothing about a subscription; in this mode an empty value is left out too). Otherwise empty stays empty.
 */
record EnumTransform(Map<String, String> toCanonical, Unmapped unmapped) implements Transform {
  enum Unmapped { REFUSE, KEEP, ABSENT }

  EnumTransform {
    toCanonical = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(toCanonical));
  }

  @Override
  public String name() {
    return "enum";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    return Transform.each(vendor, v -> lookup(toCanonical, Transform.text(v)));
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    Map<String, String> inverse = new LinkedHashMap<>();
    toCanonical.forEach((vendorCode, canonicalCode) -> inverse.putIfAbsent(canonicalCode, vendorCode));
    return Transform.each(canonical, v -> lookup(inverse, Transform.text(v)));
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
      case ABSENT -> null;
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
