package dev.switchboard.app.console;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Values as a member who may not see personal data, or a search result not yet opened, sees them: enough to tell
 * records apart, not to read them ({@code jane@example.com} → {@code j•••@example.com}, {@code +14155550100} →
 * {@code •••00}, {@code Jane} → {@code J•••}).
 */
final class Masks {
  private Masks() {}

  static String mask(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    String s = shown(value);
    if (s.isEmpty()) {
      return "";
    }
    int at = s.indexOf('@');
    if (at > 0 && s.indexOf(' ') < 0) {
      return s.charAt(0) + "•••" + s.substring(at);
    }
    if (s.startsWith("+") && s.chars().skip(1).allMatch(Character::isDigit)) {
      return "•••" + s.substring(Math.max(1, s.length() - 2));
    }
    return s.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        + "•••";
  }

  /** A value as text: a list joined with commas, a structure's parts joined with commas, in their order. */
  static String shown(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(Masks::shown).collect(Collectors.joining(", "));
    }
    if (value instanceof Map<?, ?> m) {
      return m.values().stream().map(Masks::shown).filter(v -> !v.isEmpty()).collect(Collectors.joining(", "));
    }
    return String.valueOf(value);
  }
}
