package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A start and an end ⇄ a vendor's start and duration ({@code duration: {unit: millis, format: iso}}): canonical
 * {@code [startAt, endAt]} ⇄ vendor {@code [start, duration]}, as HubSpot keeps a call ({@code hs_timestamp} and
 * {@code hs_call_duration} in milliseconds). The start goes through the {@code datetime} transform of {@code format}
 * (default {@code iso}, UTC); the end is read as the start plus the duration, and written as the time between them.
 * Each field is absent when its vendor field is: the start when the start is, the end when the duration is. An end that
 * cannot be computed is empty, never guessed: no start, a duration that is no whole number of units, an end before
 * its start. A duration finer than the unit is refused rather than rounded.
 *
 * @param start how the vendor's start is read and written
 * @param unit  the duration's unit ({@code millis} or {@code seconds})
 */
record DurationTransform(DateTimeTransform start, Duration unit) implements Transform {

  @Override
  public String name() {
    return "duration";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    Object s = vendor.get(0);
    Object d = vendor.size() > 1 ? vendor.get(1) : null;
    Object startAt = s == null ? null : start.read(single(s)).get(0);
    Object endAt = null;
    if (d != null) {
      Long units = whole(Transform.text(d));
      endAt = Transform.blank(startAt) || units == null ? ""
          : Instant.parse(String.valueOf(startAt)).plus(unit.multipliedBy(units)).toString();
    }
    return pair(startAt, endAt);
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    Object s = canonical.get(0);
    Object e = canonical.size() > 1 ? canonical.get(1) : null;
    Object vendorStart = s == null ? null : start.write(single(s)).get(0);
    Object duration = null;
    if (e != null) {
      Instant from = instant(s);
      Instant to = instant(e);
      if (from == null || to == null || to.isBefore(from)) {
        duration = "";
      } else {
        Duration between = Duration.between(from, to);
        if (!between.isZero() && between.toNanos() % unit.toNanos() != 0) {
          throw new MappingValueException(MappingValueException.INVALID_VALUE, "a duration finer than the vendor's "
              + (unit.equals(Duration.ofMillis(1)) ? "milliseconds" : "seconds"));
        }
        duration = Long.toString(between.dividedBy(unit));
      }
    }
    return pair(vendorStart, duration);
  }

  /** The start is read from the start alone; the end from both. */
  @Override
  public List<Integer> readFrom(int canonicalIndex, int vendorCount) {
    return canonicalIndex == 0 ? List.of(0) : List.of(0, 1);
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    if (types.size() != 2 || vendorCount != 2) {
      return "duration maps two canonical fields (start, end) to two vendor fields (start, duration)";
    }
    for (ValueType t : types) {
      if (t != null && !(t instanceof ValueType.InstantType)) {
        return "duration maps onto instant fields, not " + t.name();
      }
    }
    return null;
  }

  /** A canonical instant, or null for an absent, empty or malformed one. */
  private static @Nullable Instant instant(@Nullable Object v) {
    String s = Transform.text(v);
    if (s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static @Nullable Long whole(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(text).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  private static List<@Nullable Object> single(Object v) {
    List<@Nullable Object> out = new ArrayList<>();
    out.add(v);
    return out;
  }

  private static List<@Nullable Object> pair(@Nullable Object a, @Nullable Object b) {
    List<@Nullable Object> out = new ArrayList<>(2);
    out.add(a);
    out.add(b);
    return out;
  }
}
