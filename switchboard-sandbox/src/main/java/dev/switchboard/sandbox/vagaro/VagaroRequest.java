package dev.switchboard.sandbox.vagaro;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reads fields of a Vagaro JSON request body; a wrong type or format answers 400 naming the field. */
final class VagaroRequest {

  private VagaroRequest() {}

  /** The text value, or null if absent or blank. */
  static String str(Map<String, Object> body, String key) {
    Object v = body.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map || v instanceof Iterable) {
      throw VagaroException.invalid(key, key + " must be a string.");
    }
    String s = v.toString().trim();
    return s.isEmpty() ? null : s;
  }

  static String required(Map<String, Object> body, String key) {
    String s = str(body, key);
    if (s == null) {
      throw VagaroException.required(key);
    }
    return s;
  }

  static Integer integer(Map<String, Object> body, String key) {
    String s = str(body, key);
    if (s == null) {
      return null;
    }
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      throw VagaroException.invalid(key, key + " must be an integer.");
    }
  }

  static BigDecimal amount(Map<String, Object> body, String key) {
    String s = str(body, key);
    if (s == null) {
      return null;
    }
    try {
      return new BigDecimal(s).setScale(2, RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      throw VagaroException.invalid(key, key + " must be a number.");
    }
  }

  /** An ISO-8601 date-time with {@code Z} or an offset ({@code 2026-03-02T15:00:00Z}). */
  static Instant instant(Map<String, Object> body, String key) {
    String s = str(body, key);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw VagaroException.invalid(key, key + " must be an ISO-8601 date-time with an offset, e.g. 2026-03-02T15:00:00Z.");
    }
  }

  /**
   * A date filter bound: {@code YYYY-MM-DD} is the whole UTC day (its start, or with {@code endOfDay} its last
   * instant); a full date-time is taken as is.
   */
  static Instant bound(Map<String, Object> body, String key, boolean endOfDay) {
    String s = str(body, key);
    if (s == null) {
      return null;
    }
    if (s.length() == 10) {
      try {
        LocalDate d = LocalDate.parse(s);
        return endOfDay ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
            : d.atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw VagaroException.invalid(key, key + " must be a date (YYYY-MM-DD) or an ISO-8601 date-time.");
      }
    }
    return instant(body, key);
  }

  /** The body's {@code businessId} (404 if not one of the account's locations), or {@code fallback}. */
  static String businessId(VagaroAccount account, Map<String, Object> body, String fallback) {
    String businessId = str(body, "businessId");
    if (businessId == null) {
      return fallback;
    }
    if (account.catalog.location(businessId) == null) {
      throw VagaroException.notFound("businessId", "Business");
    }
    return businessId;
  }
}
