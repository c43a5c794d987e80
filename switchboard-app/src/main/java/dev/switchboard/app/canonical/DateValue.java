package dev.switchboard.app.canonical;

import java.time.LocalDate;

/**
 * A calendar date without a zone (due dates, close dates, birthdays): the day the source wrote, never shifted by a
 * time zone. Years 1 to 9999. Written as {@code 2024-05-01}.
 */
public record DateValue(LocalDate date) implements Value {
  public DateValue {
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw new CanonicalException(CanonicalException.INVALID_DATE, "dates are limited to years 1-9999");
    }
  }

  public static DateValue parse(String iso) {
    return (DateValue) Times.date(iso);
  }

  @Override
  public String toString() {
    return date.toString();
  }
}
