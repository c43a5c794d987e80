package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A collection of child records the vendor keeps as objects of their own ({@code children: line_item}: a deal's lines
 * are HubSpot line items), each mapped by the system's file of that vendor type. The vendor field names the child
 * objects, not a field of the record: a read does not ask for it ({@link MappingFile#readVendorFields}), and the
 * binding reads and writes the children by their own calls, so this rule itself maps no value (absent both ways).
 * It makes the collection one of the fields the system receives.
 *
 * @param vendorType the children's vendor type (their mapping file)
 */
public record ChildrenTransform(String vendorType) implements Transform {

  @Override
  public String name() {
    return "children";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    List<@Nullable Object> out = new ArrayList<>();
    out.add(null);
    return out;
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    List<@Nullable Object> out = new ArrayList<>();
    out.add(null);
    return out;
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    String arity = Transform.oneToOne("children", types, vendorCount);
    if (arity != null) {
      return arity;
    }
    ValueType t = types.get(0);
    return t == null || t instanceof ValueType.ListType l && l.element() instanceof ValueType.StructType ? null
        : "children maps onto a list of child records, not " + t.name();
  }
}
