package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A person's name kept whole on one side and as given and family name on the other. {@code name: split}: one vendor
 * field ({@code name}) ⇄ canonical {@code [firstName, lastName]}; {@code name: join}: canonical full name ⇄ vendor
 * {@code [first, last]}. Splitting takes the last word as the family name and the rest as the given names
 * ({@code Mary Ann Smith} → {@code Mary Ann} + {@code Smith}); one word is a given name only. Joining leaves out an
 * empty part.
 *
 * @param split the vendor keeps the whole name (split on read, joined on write)
 */
record NameTransform(boolean split) implements Transform {

  @Override
  public String name() {
    return "name";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    return split ? splitName(vendor.get(0)) : joinName(vendor);
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    return split ? joinName(canonical) : splitName(canonical.get(0));
  }

  static List<@Nullable Object> splitName(@Nullable Object whole) {
    List<@Nullable Object> out = new ArrayList<>();
    if (whole == null) {
      out.add(null);
      out.add(null);
      return out;
    }
    String s = Transform.text(whole).replaceAll("\\s+", " ");
    int last = s.lastIndexOf(' ');
    out.add(last < 0 ? s : s.substring(0, last));
    out.add(last < 0 ? "" : s.substring(last + 1));
    return out;
  }

  static List<@Nullable Object> joinName(List<@Nullable Object> parts) {
    List<@Nullable Object> out = new ArrayList<>();
    if (parts.stream().allMatch(p -> p == null)) {
      out.add(null);
      return out;
    }
    out.add(String.join(" ", parts.stream().map(Transform::text).filter(p -> !p.isEmpty()).toList()));
    return out;
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    boolean shape = split ? types.size() == 2 && vendorCount == 1 : types.size() == 1 && vendorCount == 2;
    if (!shape) {
      return split ? "name: split maps one vendor field to two canonical fields (given, family)"
          : "name: join maps one canonical field to two vendor fields (given, family)";
    }
    for (ValueType t : types) {
      if (t != null && !(t instanceof ValueType.TextType)) {
        return "name maps onto text fields, not " + t.name();
      }
    }
    return null;
  }
}
