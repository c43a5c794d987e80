package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One fixed value, whatever the other side holds ({@code constant: switchboard}). Written: a vendor field with no
 * canonical field (the lead source of the records we create). Read: a canonical field every record of this vendor
 * type gets (its source system). One way only: a constant cannot be read back into what it was written from.
 */
record ConstantTransform(String value) implements Transform {

  @Override
  public String name() {
    return "constant";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    List<@Nullable Object> out = new ArrayList<>();
    out.add(value);
    return out;
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    List<@Nullable Object> out = new ArrayList<>();
    out.add(value);
    return out;
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    if (direction == Direction.BOTH) {
      return "constant goes one way: direction read (a canonical field) or write (a vendor field)";
    }
    if (direction == Direction.WRITE && (!types.isEmpty() || vendorCount != 1)) {
      return "a written constant names one vendor field and no canonical field";
    }
    if (direction == Direction.READ && (types.size() != 1 || vendorCount != 0)) {
      return "a read constant names one canonical field and no vendor field";
    }
    if (direction == Direction.READ && types.get(0) instanceof ValueType.EnumType e && !e.codes().contains(value)) {
      return "constant '" + value + "' is not a code of the field (" + String.join(", ", e.codes()) + ")";
    }
    return null;
  }
}
