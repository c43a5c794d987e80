package dev.switchboard.app.canonical;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A moment in UTC at millisecond precision (finer digits are dropped on construction: no vendor we sync keeps
 * them, and a microsecond that one side keeps and the other drops would be a change that never settles). Years 1 to
 * 9999, which every store we use can hold. Written as {@code 2024-05-01T12:00:00.000Z}, always with three fraction
 * digits.
 */
public record InstantValue(Instant instant) implements Value {
  static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");
  static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public InstantValue {
    instant = instant.truncatedTo(ChronoUnit.MILLIS);
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new CanonicalException(CanonicalException.INVALID_INSTANT, "instants are limited to years 1-9999");
    }
  }

  public static InstantValue parse(String iso) {
    return (InstantValue) Times.instant(iso);
  }

  @Override
  public String toString() {
    return FORMAT.format(instant);
  }
}
