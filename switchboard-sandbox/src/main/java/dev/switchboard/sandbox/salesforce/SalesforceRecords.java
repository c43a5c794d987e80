package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.salesforce.SalesforceSchema.SObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rendering records as Salesforce JSON, and Salesforce's date-time formats. */
final class SalesforceRecords {

  /** Salesforce REST style: {@code 2026-01-01T10:00:00.000+0000}. */
  static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

  private SalesforceRecords() {}

  static String format(Instant t) {
    return FORMAT.format(t);
  }

  /**
   * Parses the ISO-8601 forms accepted by {@code updated/}/{@code deleted/} and SOQL datetime literals:
   * {@code 2026-01-01T10:00:00Z}, {@code …+00:00}, {@code …+0000}, with optional millis; a space where a
   * URL-decoded '+' was. Returns null if unparseable.
   */
  static Instant parse(String s) {
    if (s == null) {
      return null;
    }
    String v = s.trim().replace(' ', '+');
    if (v.matches(".*[+-]\\d{4}$")) {
      v = v.substring(0, v.length() - 2) + ":" + v.substring(v.length() - 2);
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static Instant minute(Instant t) {
    return t.truncatedTo(ChronoUnit.MINUTES);
  }

  static String url(SObject t, String version, Object id) {
    return "/services/data/" + version + "/sobjects/" + t.name() + "/" + id;
  }

  /** The record with {@code attributes} first; only {@code fields} (canonical names) when given. */
  static Map<String, Object> render(SObject t, Map<String, Object> r, Collection<String> fields, String version) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("attributes", Map.of("type", t.name(), "url", url(t, version, r.get("Id"))));
    Collection<String> names = fields == null ? t.fields().keySet() : fields;
    for (String f : names) {
      Object v = r.get(f);
      out.put(f, v instanceof Instant i ? format(i) : v);
    }
    return out;
  }

  /** Resolves a comma-separated {@code fields} list to canonical names (400 INVALID_FIELD on unknown). */
  static List<String> fieldList(SObject t, String csv) {
    return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(n -> {
      SalesforceSchema.Field f = t.field(n);
      if (f == null) {
        throw SalesforceException.badRequest("INVALID_FIELD", "No such column '" + n + "' on entity '" + t.name()
            + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field"
            + " name. Please reference your WSDL or the describe call for the appropriate names.", null);
      }
      return f.name();
    }).toList();
  }
}
