package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Several fields joined into one ({@code concat: {separator: " · "}}): canonical fields into one vendor field (write)
 * or vendor fields into one canonical field (read). Empty parts are left out; all parts absent is absent. One way
 * only: a joined text cannot be split back reliably.
 */
record ConcatTransform(String separator) implements Transform {

  @Override
  public String name() {
    return "concat";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    return join(vendor);
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    return join(canonical);
  }

  private List<@Nullable Object> join(List<@Nullable Object> parts) {
    List<@Nullable Object> out = new ArrayList<>();
    if (parts.stream().allMatch(p -> p == null)) {
      out.add(null);
    } else {
      out.add(String.join(separator, parts.stream().map(Transform::text).filter(p -> !p.isEmpty()).toList()));
    }
    return out;
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    return switch (direction) {
      case BOTH -> "concat goes one way: direction write (canonical fields into one vendor field) or read";
      case WRITE -> types.size() >= 2 && vendorCount == 1 ? null
          : "a written concat joins two or more canonical fields into one vendor field";
      case READ -> types.size() == 1 && vendorCount >= 2 && (types.get(0) == null
          || types.get(0) instanceof ValueType.TextType) ? null
          : "a read concat joins two or more vendor fields into one text field";
    };
  }
}
