package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The vendor's id of another record ⇄ a canonical reference ({@code ref: product}): read as
 * {@code {type, externalId}}, which the spine turns into its record (and back on the way out). Read: an empty id is
 * no reference (absent). Write: a reference that carries no vendor id writes nothing.
 */
public record RefTransform(String type) implements Transform {

  @Override
  public String name() {
    return "ref";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    List<@Nullable Object> out = new ArrayList<>();
    String id = Transform.text(vendor.get(0));
    if (id.isEmpty()) {
      out.add(null);
    } else {
      Map<String, Object> ref = new LinkedHashMap<>();
      ref.put("type", type);
      ref.put("externalId", id);
      out.add(ref);
    }
    return out;
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    List<@Nullable Object> out = new ArrayList<>();
    out.add(canonical.get(0) instanceof Map<?, ?> ref && ref.get("externalId") != null
        ? Transform.text(ref.get("externalId")) : null);
    return out;
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    String arity = Transform.oneToOne("ref", types, vendorCount);
    if (arity != null) {
      return arity;
    }
    ValueType t = types.get(0);
    if (t != null && !(t instanceof ValueType.RefType r && r.targets().contains(type))) {
      return "ref maps onto a reference to a " + type + ", not " + t.name();
    }
    return null;
  }
}
