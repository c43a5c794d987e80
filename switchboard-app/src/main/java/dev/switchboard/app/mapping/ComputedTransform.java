package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Values the binding computes in its own code, named by the file ({@code computed: lineDiscount}): the file still
 * says which canonical and vendor fields the rule joins and in which direction, so the fields are data, while a rule
 * too particular to the vendor for a general transform (a line's whole discount from a calculated total or a unit
 * discount × quantity) is the binding's. The binding supplies it by name ({@link #bind}); an unbound one maps nothing
 * and says so, so a file naming a computation its binding does not supply fails at the binding's start.
 *
 * @param computation the name the binding supplies it by
 * @param by          the binding's computation, null until bound
 */
public record ComputedTransform(String computation, @Nullable Computation by) implements Transform {

  /** The binding's computation: its values in the rule's field order, as a transform's ({@link Transform}). */
  public interface Computation {
    /** Vendor values → canonical values. */
    List<@Nullable Object> read(List<@Nullable Object> vendor);

    /** Canonical values → vendor values. */
    List<@Nullable Object> write(List<@Nullable Object> canonical);
  }

  @Override
  public String name() {
    return "computed";
  }

  /** This rule computed by {@code computation}. */
  public ComputedTransform bind(Computation computation) {
    return new ComputedTransform(this.computation, computation);
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    return bound().read(vendor);
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    return bound().write(canonical);
  }

  private Computation bound() {
    if (by == null) {
      throw new IllegalStateException("computed " + computation + " is the binding's: bind it first");
    }
    return by;
  }

  /** Anything the binding can compute: the file names the fields, the binding answers for the values. */
  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    return types.isEmpty() && vendorCount == 0 ? "computed names the fields it joins" : null;
  }
}
