package dev.switchboard.app.canonical;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Instants and dates from the forms vendors send. */
final class Times {
  // "-0800" (Acuity) and "-08" are offsets without a colon; java.time's ISO parsers want "-08:00".
  private static final Pattern OFFSET_NO_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");
  private static final Pattern OFFSET_HOURS = Pattern.compile("(T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)([+-]\\d{2})$");
  private static final Pattern SPACE_SEPARATOR = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:)");
  private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private Times() {}

  /**
   * An instant from an {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime} or an ISO-8601 string with a
   * zone or offset ({@code 2024-05-01T14:00:00+02:00}, {@code …Z}, {@code …-0800}, {@code …[Europe/Paris]}),
   * normalised to UTC at millisecond precision.
   *
   * @throws CanonicalException {@code invalid_instant} for a date-time without zone or offset (which instant it
   *     means is unknown) and for epoch numbers (seconds or milliseconds cannot be told apart: the binding that knows
   *     its vendor's unit converts them)
   */
  static Value instant(@Nullable Object raw) {
    try {
      return switch (raw) {
        case InstantValue v -> v;
        case Instant i -> new InstantValue(i);
        case OffsetDateTime o -> new InstantValue(o.toInstant());
        case ZonedDateTime z -> new InstantValue(z.toInstant());
        case CharSequence s -> new InstantValue(parseDateTime(s.toString().strip()).toInstant());
        case null, default -> throw invalidInstant();
      };
    } catch (DateTimeException e) {
      throw invalidInstant();
    }
  }

  /**
   * A date from a {@link LocalDate}, an ISO date string, or a date-time (string or object) whose date is taken as
   * written, without converting zones: {@code 2024-05-01T23:30:00-07:00} is May 1st, not May 2nd in UTC. An
   * {@link Instant} (no zone of its own) is read in UTC, as vendors that store dates as instants store midnight UTC.
   *
   * @throws CanonicalException {@code invalid_date}
   */
  static Value date(@Nullable Object raw) {
    try {
      return switch (raw) {
        case DateValue v -> v;
        case LocalDate d -> new DateValue(d);
        case LocalDateTime d -> new DateValue(d.toLocalDate());
        case OffsetDateTime o -> new DateValue(o.toLocalDate());
        case ZonedDateTime z -> new DateValue(z.toLocalDate());
        case Instant i -> new DateValue(LocalDate.ofInstant(i, ZoneOffset.UTC));
        case CharSequence s -> new DateValue(parseDate(s.toString().strip()));
        case null, default -> throw invalidDate();
      };
    } catch (DateTimeException | CanonicalException e) {
      throw invalidDate();
    }
  }

  private static ZonedDateTime parseDateTime(String s) {
    String iso = SPACE_SEPARATOR.matcher(s).replaceFirst("$1T$2");
    iso = OFFSET_NO_COLON.matcher(iso).replaceFirst("$1:$2");
    iso = OFFSET_HOURS.matcher(iso).replaceFirst("$1$2:00");
    TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
    if (t instanceof ZonedDateTime z) {
      return z;
    }
    throw invalidInstant();
  }

  private static LocalDate parseDate(String s) {
    if (DATE_ONLY.matcher(s).matches()) {
      return LocalDate.parse(s);
    }
    String iso = SPACE_SEPARATOR.matcher(s).replaceFirst("$1T$2");
    iso = OFFSET_NO_COLON.matcher(iso).replaceFirst("$1:$2");
    iso = OFFSET_HOURS.matcher(iso).replaceFirst("$1$2:00");
    return LocalDateTime.from(DateTimeFormatter.ISO_DATE_TIME.parse(iso)).toLocalDate();
  }

  private static CanonicalException invalidInstant() {
    return new CanonicalException(CanonicalException.INVALID_INSTANT,
        "expected an ISO-8601 date-time with a zone or offset, years 1-9999");
  }

  private static CanonicalException invalidDate() {
    return new CanonicalException(CanonicalException.INVALID_DATE, "expected an ISO-8601 date, years 1-9999");
  }
}
