package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's date or time format ⇄ the canonical instant ({@code 2026-03-01T09:30:00Z}) or date ({@code 2026-03-01}):
 * {@code datetime: {format: epoch-millis | iso | iso-instant | <pattern>, zone: Europe/Berlin}}. The zone reads a vendor value that
 * carries none (a pattern without an offset, a date at midnight) and writes such values; it defaults to UTC. A date
 * field written as {@code epoch-millis} is its midnight in the zone (HubSpot's date properties: midnight UTC).
 *
 * @param pattern null for {@code epoch-millis} and {@code iso}
 * @param date    the canonical field is a date (else an instant)
 */
record DateTimeTransform(String format, @Nullable DateTimeFormatter pattern, ZoneId zone, boolean date)
    implements Transform {
  static final String EPOCH_MILLIS = "epoch-millis";
  static final String ISO = "iso";
  /**
   * A vendor's date-time that may come either way (HubSpot's datetime properties): read as an ISO 8601 instant, a bare
   * date or epoch milliseconds; written as the ISO 8601 instant ({@code 2026-03-01T00:00:00Z}), a date as its midnight
   * in the zone.
   */
  static final String ISO_INSTANT = "iso-instant";

  /** @throws IllegalArgumentException a pattern {@link DateTimeFormatter} refuses */
  static DateTimeTransform of(String format, ZoneId zone, boolean date) {
    DateTimeFormatter p = format.equals(EPOCH_MILLIS) || format.equals(ISO) || format.equals(ISO_INSTANT) ? null
        : DateTimeFormatter.ofPattern(format);
    return new DateTimeTransform(format, p, zone, date);
  }

  @Override
  public String name() {
    return "datetime";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    return Transform.each(vendor, v -> {
      String s = Transform.text(v);
      if (s.isEmpty()) {
        return "";
      }
      try {
        Instant t = parse(s);
        return date ? LocalDate.ofInstant(t, zone).toString() : t.toString();
      } catch (DateTimeException | NumberFormatException e) {
        throw new MappingValueException(MappingValueException.INVALID_VALUE, "not a time in the format " + format);
      }
    });
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    return Transform.each(canonical, v -> {
      String s = Transform.text(v);
      if (s.isEmpty()) {
        return "";
      }
      Instant t;
      try {
        t = date ? LocalDate.parse(s).atStartOfDay(zone).toInstant() : Instant.parse(s);
      } catch (DateTimeException e) {
        throw new MappingValueException(MappingValueException.INVALID_VALUE, "not a canonical " + (date ? "date" : "instant"));
      }
      if (format.equals(EPOCH_MILLIS)) {
        return String.valueOf(t.toEpochMilli());
      }
      if (format.equals(ISO_INSTANT)) {
        return t.toString();
      }
      if (pattern == null) {
        return date ? LocalDate.ofInstant(t, zone).toString() : t.toString();
      }
      return pattern.format(t.atZone(zone));
    });
  }

  private Instant parse(String s) {
    if (format.equals(EPOCH_MILLIS)) {
      return Instant.ofEpochMilli(Long.parseLong(s));
    }
    if (format.equals(ISO_INSTANT) && !s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochMilli(Long.parseLong(s));
    }
    if (pattern == null) {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(zone).toInstant();
      }
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeException e) {
        return LocalDateTime.parse(s).atZone(zone).toInstant();
      }
    }
    TemporalAccessor a = pattern.parse(s);
    if (a.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(a);
    }
    if (a.isSupported(ChronoField.HOUR_OF_DAY)) {
      return LocalDateTime.from(a).atZone(zone).toInstant();
    }
    return LocalDate.from(a).atStartOfDay(zone).toInstant();
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    String arity = Transform.oneToOne("datetime", types, vendorCount);
    if (arity != null) {
      return arity;
    }
    ValueType t = types.get(0);
    return t == null || t instanceof ValueType.InstantType || t instanceof ValueType.DateType ? null
        : "datetime maps onto an instant or date field, not " + t.name();
  }
}
