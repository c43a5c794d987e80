package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the values of a {@link FieldRule} change between the vendor and the canonical record. Values are the raw forms
 * mappers exchange (String, Number, Boolean, Map, List): {@code null} is an absent field (not sent, not read) and
 * {@code ""} a cleared one. Lists are in the rule's field order.
 */
public sealed interface Transform permits IdentityTransform, EnumTransform, MoneyTransform, DateTimeTransform,
    NameTransform, DefaultTransform, ConstantTransform, ConcatTransform, AddressTransform, DurationTransform,
    PipelineStageTransform, PortalMoneyTransform, IntervalTransform, RefTransform, OffsetTransform, ComputedTransform,
    ChildrenTransform {

  /** The transform's key in a mapping file ({@code enum}, {@code money}, …; {@code none} for the identity). */
  String name();

  /**
   * Vendor values → canonical values.
   *
   * @throws MappingValueException a value the transform cannot map (an enum code it has no entry for)
   */
  List<@Nullable Object> read(List<@Nullable Object> vendor);

  /**
   * Canonical values → vendor values.
   *
   * @throws MappingValueException a value the vendor cannot hold in this mapping
   */
  List<@Nullable Object> write(List<@Nullable Object> canonical);

  /**
   * Why this transform cannot map canonical fields of these types to {@code vendorCount} vendor fields in
   * {@code direction}, or null when it can. A {@code null} type is a custom field (free text).
   */
  @Nullable String incompatibility(List<@Nullable ValueType> canonicalTypes, int vendorCount, Direction direction);

  /**
   * The indexes of the vendor fields the canonical field at {@code canonicalIndex} is read from (their history dates
   * it): all of them by default; a call's start is read from its start alone, its end from the start and duration.
   */
  default List<Integer> readFrom(int canonicalIndex, int vendorCount) {
    return java.util.stream.IntStream.range(0, vendorCount).boxed().toList();
  }

  /** Keys inside the vendor's object field that the transform names (an address's parts); none by default. */
  default List<String> vendorKeys() {
    return List.of();
  }

  /** No transform: values as they are, text trimmed. */
  static Transform none() {
    return IdentityTransform.INSTANCE;
  }

  /** The one value of a one-field mapping, applied to each value of a list. */
  static List<@Nullable Object> each(List<@Nullable Object> in, java.util.function.UnaryOperator<@Nullable Object> f) {
    List<@Nullable Object> out = new ArrayList<>(in.size());
    for (Object o : in) {
      out.add(o == null ? null : f.apply(o));
    }
    return out;
  }

  /** {@code ""} for a value that is blank text, an empty list or map. */
  static boolean blank(@Nullable Object v) {
    return v == null || (v instanceof String s && s.isBlank()) || (v instanceof java.util.Collection<?> c && c.isEmpty())
        || (v instanceof java.util.Map<?, ?> m && m.isEmpty());
  }

  /** Trimmed text of a scalar value. */
  static String text(@Nullable Object v) {
    return v == null ? "" : String.valueOf(v).trim();
  }

  /** The reason a one-field transform cannot map {@code counts}, or null. */
  static @Nullable String oneToOne(String name, List<@Nullable ValueType> canonicalTypes, int vendorCount) {
    return canonicalTypes.size() == 1 && vendorCount == 1 ? null
        : name + " maps one canonical field to one vendor field";
  }
}
