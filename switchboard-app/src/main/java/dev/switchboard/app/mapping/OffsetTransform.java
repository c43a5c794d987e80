package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A whole number counted from another origin ({@code offset: 1}: the vendor counts positions from 0, the canonical
 * record from 1): read adds the offset, write takes it off. Empty stays empty; a value that is no whole number is
 * refused ({@code invalid_value}).
 */
public record OffsetTransform(long offset) implements Transform {

  @Override
  public String name() {
    return "offset";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    return Transform.each(vendor, v -> shift(v, offset));
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    return Transform.each(canonical, v -> shift(v, -offset));
  }

  private static Object shift(Object v, long by) {
    String s = Transform.text(v);
    if (s.isEmpty()) {
      return "";
    }
    try {
      return new BigDecimal(s).longValueExact() + by;
    } catch (ArithmeticException | NumberFormatException e) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "offset: not a whole number");
    }
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    String arity = Transform.oneToOne("offset", types, vendorCount);
    if (arity != null) {
      return arity;
    }
    ValueType t = types.get(0);
    return t == null || t instanceof ValueType.IntegerType ? null : "offset maps onto an integer field, not " + t.name();
  }
}
