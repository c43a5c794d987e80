package dev.switchboard.app.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Pii#redact}: e-mails and phone numbers in free text are replaced, while identifiers whose digits happen to
 * look like a phone number (hashes, UUIDs, prefixed ids) stay readable in error messages.
 */
class PiiTests {

  @ParameterizedTest
  @ValueSource(strings = {
      // Mailchimp member ids are the MD5 of the lower-cased e-mail: 32 hex characters, often with long digit runs
      "Resource Not Found: lists/57afe96172/members/3b1f0e2481736502a9c4d7e8f6b5a310 was not found",
      "member 8a25ff1d98e1a2b3c4d5e6f708192a3b rejected",
      "request 123e4567-e89b-12d3-a456-426614174000 failed",
      "connection con_1234567890abcdef answered 503",
      "sandbox account sb-12345678 is rate limited",
      "trace 5f0c7d3e-1234567-2 and sha 4155550100abcdef",
      "released at 2024-01-15T10:00:00Z by job-2024011510",
  })
  void identifiersWithLongDigitRuns_areLeftAlone(String message) {
    assertThat(Pii.redact(message)).isEqualTo(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "call +1 415 555 0100 today          | call <phone> today",
      "call (415) 555-0100 today           | call <phone> today",
      "call 415.555.0100.                  | call <phone>.",
      "Mobil +4915112345678, bitte         | Mobil <phone>, bitte",
      "4155550100 is not a valid phone     | <phone> is not a valid phone",
      "'{\"phone\":\"4155550100\"}'        | '{\"phone\":\"<phone>\"}'",
      "phone=+1-415-555-0100&email=x       | phone=<phone>&email=x",
      "fax:415 555 0100 / tel:4155550101   | fax:<phone> / tel:<phone>",
  })
  void phoneNumbersInFreeText_areRedacted(String message, String redacted) {
    assertThat(Pii.redact(message)).isEqualTo(redacted);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ann@example.com looks fake                                  | <email> looks fake",
      "member ann.4155550100@example.com (3b1f0e2481736502a9c4d7e8f6b5a310) | member <email> (3b1f0e2481736502a9c4d7e8f6b5a310)",
      "bad@@example, call +1 415 555 0134                          | <email>, call <phone>",
  })
  void emails_areRedacted_nextToIdsThatAreNot(String message, String redacted) {
    assertThat(Pii.redact(message)).isEqualTo(redacted);
  }

  @ParameterizedTest
  @ValueSource(strings = {"order 1234 of 56", "HTTP 503 after 12 s", "id 123456"})
  void shortNumbers_areNotPhones(String message) {
    assertThat(Pii.redact(message)).isEqualTo(message);
  }
}
