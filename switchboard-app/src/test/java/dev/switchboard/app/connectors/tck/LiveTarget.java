package dev.switchboard.app.connectors.tck;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Environment variables that point a TCK class at a real vendor account. Absent, the class is skipped with one line
 * that says what to set; the sandbox classes run either way.
 */
final class LiveTarget {
  private LiveTarget() {}

  /** Skips the calling test class unless every one of {@code required} is set. */
  static void require(String vendor, String... required) {
    List<String> missing = Arrays.stream(required).filter(n -> env(n) == null).toList();
    if (!missing.isEmpty()) {
      String line = "live " + vendor + " TCK skipped: set " + String.join(", ", missing)
          + " to run it against a real account";
      System.out.println(line); // surefire does not print a skipped class's reason; the build log should say it
      Assumptions.abort(line);
    }
  }

  static @Nullable String env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  static String env(String name, String fallback) {
    String v = env(name);
    return v == null ? fallback : v;
  }
}
