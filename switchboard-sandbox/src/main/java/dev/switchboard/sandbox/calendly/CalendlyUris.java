package dev.switchboard.sandbox.calendly;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Helpers for Calendly resource URIs and timestamps. */
final class CalendlyUris {

  /** Calendly timestamps: {@code 2026-01-02T03:04:05.123456Z} (microseconds, UTC). */
  static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private CalendlyUris() {}

  /** The last path segment of a resource URI (accepts a bare UUID too); null stays null. */
  static String id(Object uri) {
    if (uri == null) {
      return null;
    }
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.substring(s.lastIndexOf('/') + 1);
  }

  static String ts(Instant i) {
    return TS.format(i);
  }

  static Instant parse(String s, String parameter) {
    try {
      return Instant.parse(s);
    } catch (RuntimeException e) {
      try {
        return java.time.OffsetDateTime.parse(s).toInstant();
      } catch (RuntimeException e2) {
        throw CalendlyException.invalid(parameter, "must be a valid ISO 8601 date-time");
      }
    }
  }
}
