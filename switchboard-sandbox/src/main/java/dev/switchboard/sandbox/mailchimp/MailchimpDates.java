package dev.switchboard.sandbox.mailchimp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Date-time query parameters ({@code since_last_changed}, {@code since_timestamp_opt}, …). Mailchimp "recommends"
 * ISO 8601 like {@code 2015-10-21T15:41:36+00:00} (https://mailchimp.com/developer/marketing/api/list-members/list-members-info/)
 * and accepts looser forms; the sandbox takes: an offset or {@code Z}, fractions of a second, a space for the
 * {@code T}, no offset (read as UTC) and a date alone (midnight UTC). A {@code +} that arrived unencoded (a space
 * after the time) is read back as {@code +}. Anything else → 400 "Invalid Resource" naming the parameter.
 */
final class MailchimpDates {

  private static final Pattern SPACE_FOR_T = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:)");

  private MailchimpDates() {}

  static Instant parse(String param, String value) {
    String v = SPACE_FOR_T.matcher(value.trim()).replaceFirst("$1T$2").replace(' ', '+');
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
          throw MailchimpException.invalid(param, "Invalid ISO 8601 date", "Invalid " + param + ".");
        }
      }
    }
  }
}
