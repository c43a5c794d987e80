package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A value for an empty field ({@code default: subscriber}): a read of a vendor field that is empty or cleared gives
 * the default, and so does a write of a canonical field that is empty. An absent field stays absent: the default
 * fills what the other side says is empty, it does not invent fields a read did not carry.
 */
record DefaultTransform(String value) implements Transform {

  @Override
  public String name() {
    return "default";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    return Transform.each(vendor, v -> Transform.blank(v) ? value : (v instanceof String s ? s.trim() : v));
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    return Transform.each(canonical, v -> Transform.blank(v) ? value : (v instanceof String s ? s.trim() : v));
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    String arity = Transform.oneToOne("default", types, vendorCount);
    if (arity != null) {
      return arity;
    }
    ValueType t = types.get(0);
    if (t instanceof ValueType.EnumType e && !e.codes().contains(value)) {
      return "default '" + value + "' is not a code of the field (" + String.join(", ", e.codes()) + ")";
    }
    return null;
  }
}
