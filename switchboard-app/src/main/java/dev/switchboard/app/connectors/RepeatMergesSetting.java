package dev.switchboard.app.connectors;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code repeatMerges} connection setting: {@code false} (the default, also when absent) or {@code true}. When
 * true, two records merged because another connection merged their objects (HubSpot {@code contact.merge}) have their
 * two objects in this connection merged as well, through {@link Connector#merge}; when false both objects stay
 * linked to the surviving record, one of them primary. A merge is never repeated in the connection it came from.
 * Pure functions, no state.
 */
public final class RepeatMergesSetting {
  /** The settings key. */
  public static final String KEY = "repeatMerges";

  private RepeatMergesSetting() {}

  /** Whether merges made elsewhere are to be repeated in a connection with these settings. */
  public static boolean enabled(Map<String, String> settings) {
    String value = settings.get(KEY);
    return value != null && "true".equals(normalised(value));
  }

  /**
   * Why these settings of a {@code connector} connection cannot be stored, or empty when they can: a value other than
   * {@code true} or {@code false}, or {@code true} for a connector that can merge nothing. Names no personal data.
   */
  public static Optional<String> refusal(Connector connector, Map<String, String> settings) {
    String value = settings.get(KEY);
    if (value == null) {
      return Optional.empty();
    }
    return switch (normalised(value)) {
      case "false" -> Optional.empty();
      case "true" -> connector.mergeableTypes().isEmpty()
          ? Optional.of(connector.system() + " cannot merge records; " + KEY + " can only be false")
          : Optional.empty();
      default -> Optional.of(KEY + " must be true or false");
    };
  }

  private static String normalised(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }
}
