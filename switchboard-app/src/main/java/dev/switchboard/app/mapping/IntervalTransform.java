package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's recurrence code ⇄ a canonical interval and count ({@code weekly} ⇄ {@code week}, 1; {@code quarterly} ⇄
 * {@code month}, 3): {@code canonical: [billingInterval, billingIntervalCount]}, one vendor field,
 * {@code transform: {interval: {map: {weekly: [week, 1], …}, none: one_time}}}. An empty vendor code is {@code none}
 * (no recurrence) with no count, and {@code none} or an empty interval is written as {@code ""}.
 *
 * <p>Read: a code with no entry leaves both fields out (absent: never a guess). Write: an absent interval writes
 * nothing (the count alone says nothing); a count left empty is 1; an interval and count with no code is refused
 * ({@code unmapped_value}), never rounded to a near one.
 *
 * @param codes vendor code → (interval, count), in the file's order: a write takes the first that matches
 */
public record IntervalTransform(Map<String, Interval> codes, String none) implements Transform {
  public IntervalTransform {
    codes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codes));
  }

  /** One recurrence: every {@code count} {@code interval}s. */
  public record Interval(String interval, long count) {}

  @Override
  public String name() {
    return "interval";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    Object v = vendor.get(0);
    List<@Nullable Object> out = new ArrayList<>();
    String code = Transform.text(v);
    Interval i = codes.get(code.toLowerCase(Locale.ROOT));
    if (v == null || (!code.isEmpty() && i == null)) {
      out.add(null);
      out.add(null);
    } else if (code.isEmpty()) {
      out.add(none);
      out.add("");
    } else {
      out.add(i.interval());
      out.add(i.count());
    }
    return out;
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    Object interval = canonical.get(0);
    List<@Nullable Object> out = new ArrayList<>();
    if (interval == null) {
      out.add(null);
      return out;
    }
    String name = Transform.text(interval);
    if (name.isEmpty() || name.equals(none)) {
      out.add("");
      return out;
    }
    String count = Transform.text(canonical.size() > 1 ? canonical.get(1) : null);
    long n;
    try {
      n = count.isEmpty() ? 1 : new BigDecimal(count).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "interval: the count is a whole number");
    }
    out.add(codes.entrySet().stream().filter(e -> e.getValue().interval().equals(name) && e.getValue().count() == n)
        .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new MappingValueException(
            MappingValueException.UNMAPPED_VALUE, "interval has no code for every " + n + " " + name)));
    return out;
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    if (types.size() != 2 || vendorCount != 1) {
      return "interval maps two canonical fields (interval, count) to one vendor field";
    }
    if (types.get(1) != null && !(types.get(1) instanceof ValueType.IntegerType)) {
      return "interval keeps the count in an integer field, not " + types.get(1).name();
    }
    if (!(types.get(0) instanceof ValueType.EnumType e)) {
      return types.get(0) == null ? null : "interval maps onto an enum field, not " + types.get(0).name();
    }
    List<String> named = new ArrayList<>(codes.values().stream().map(Interval::interval).toList());
    named.add(none);
    for (String code : named) {
      if (!e.codes().contains(code)) {
        return "interval maps onto '" + code + "', which the field does not declare (" + String.join(", ", e.codes())
            + ")";
      }
    }
    return null;
  }
}
