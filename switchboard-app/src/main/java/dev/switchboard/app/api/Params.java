package dev.switchboard.app.api;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parsing of query and path parameters, taken as strings so that every wrong value — of the wrong type, out of
 * range, or given twice (Spring joins repeated values with commas) — is refused with an {@link ApiError} that
 * names the parameter, instead of reaching the database.
 */
final class Params {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private Params() {}

  /** {@code raw} as an int in {@code [min, max]}; {@code dflt} when absent or empty. */
  static int intInRange(String name, @Nullable String raw, int dflt, int min, int max) {
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    long v = DIGITS.matcher(raw).matches() ? Long.parseLong(raw) : -1;
    if (v < min || v > max) {
      throw ApiError.invalidParameter(name, name + " must be an integer from " + min + " to " + max);
    }
    return (int) v;
  }

  /** {@code raw} as a positive id. */
  static long positiveId(String name, String raw) {
    long v = DIGITS.matcher(raw).matches() ? Long.parseLong(raw) : 0;
    if (v <= 0) {
      throw ApiError.invalidParameter(name, name + " must be a positive integer");
    }
    return v;
  }

  /** {@code raw} when absent, empty (then null) or matching {@code pattern}. */
  static @Nullable String matching(String name, @Nullable String raw, Pattern pattern, String expected) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (!pattern.matcher(raw).matches()) {
      throw ApiError.invalidParameter(name, name + " must be " + expected);
    }
    return raw;
  }
}
