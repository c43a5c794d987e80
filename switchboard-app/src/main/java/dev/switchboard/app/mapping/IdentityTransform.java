package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** No transform: the value as it is (text trimmed, structures as they are). */
record IdentityTransform() implements Transform {
  static final IdentityTransform INSTANCE = new IdentityTransform();

  @Override
  public String name() {
    return "none";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    return Transform.each(vendor, v -> v instanceof String s ? s.trim() : v);
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    return Transform.each(canonical, v -> v instanceof String s ? s.trim() : v);
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    return Transform.oneToOne("a field without transform", types, vendorCount);
  }
}
