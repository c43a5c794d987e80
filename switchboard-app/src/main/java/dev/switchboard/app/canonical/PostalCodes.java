package dev.switchboard.app.canonical;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Postcodes normalised where the country's format is simple and stable: US ZIP and ZIP+4 ({@code 94105},
 * {@code 94105-1234}), UK and the Crown dependencies (outward and inward code, one space, upper-case:
 * {@code SW1A 1AA}), Netherlands ({@code 1234 AB}), Germany (five digits) and Canada ({@code K1A 0B1}). Elsewhere a
 * postcode is kept as typed (single-line, trimmed). Written by hand: the formats are short regular expressions, and
 * the libraries that know every country (Google's libaddressinput) are not maintained on Maven Central. A code that
 * does not fit its country's format is kept as typed and flagged, never guessed (a US ZIP that lost its leading zero
 * in a spreadsheet is not padded back).
 */
final class PostalCodes {
  /** Flag on an address whose postcode does not follow its country's format. */
  static final String FLAG = "unrecognised_postal_code";

  private static final Pattern US = Pattern.compile("(\\d{5})(?:[-\\s]?(\\d{4}))?");
  private static final Pattern UK = Pattern.compile("([A-Z]{1,2}\\d[A-Z\\d]?|GIR)\\s*(\\d[A-Z]{2})");
  private static final Pattern NL = Pattern.compile("([1-9]\\d{3})\\s*([A-Z]{2})");
  private static final Pattern DE = Pattern.compile("\\d{5}");
  private static final Pattern CA = Pattern.compile("([A-Z]\\d[A-Z])[\\s-]*(\\d[A-Z]\\d)");
  private static final Set<String> UK_FORMAT = Set.of("GB", "GG", "JE", "IM");

  private PostalCodes() {}

  /** The normal form of {@code raw} in {@code country} (alpha-2, may be null), or {@code raw} single-lined as typed. */
  static String normalise(@Nullable String country, String raw) {
    String typed = TextForms.singleLine(raw);
    String up = typed.toUpperCase(Locale.ROOT);
    Matcher m;
    if ("US".equals(country) && (m = US.matcher(up)).matches()) {
      return m.group(2) == null ? m.group(1) : m.group(1) + "-" + m.group(2);
    }
    if (country != null && UK_FORMAT.contains(country) && (m = UK.matcher(up)).matches()) {
      return m.group(1) + " " + m.group(2);
    }
    if ("NL".equals(country) && (m = NL.matcher(up)).matches()) {
      return m.group(1) + " " + m.group(2);
    }
    if ("DE".equals(country) && DE.matcher(up).matches()) {
      return up;
    }
    if ("CA".equals(country) && (m = CA.matcher(up)).matches()) {
      return m.group(1) + " " + m.group(2);
    }
    return typed;
  }

  /** False when {@code country} has a format above and {@code postalCode} is not in its normal form. */
  static boolean isRecognised(String country, String postalCode) {
    Pattern format = format(country);
    return format == null
        || (format.matcher(postalCode.toUpperCase(Locale.ROOT)).matches()
            && normalise(country, postalCode).equals(postalCode));
  }

  private static @Nullable Pattern format(String country) {
    return switch (country) {
      case "US" -> US;
      case "NL" -> NL;
      case "DE" -> DE;
      case "CA" -> CA;
      case "GB", "GG", "JE", "IM" -> UK;
      default -> null;
    };
  }
}
