package dev.switchboard.app.connectors;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-(canonical type, target connection) deletion propagation policy, kept in the target connection's settings
 * as {@code deletePropagation.<type>}: {@code off} (the default, also when absent) or {@code on}, or the name of the
 * semantics the connector declares for the type ({@code archive} for HubSpot and Mailchimp contacts) to say it
 * explicitly. When on, a record deleted (not erased, not merged) in another connection has its object in this one
 * deleted the way the connector declares.
 *
 * <p>Never for financial records ({@value #FINANCIAL_TYPES_TEXT}): their deletion is an accounting act in the
 * system that issued them, not something to repeat elsewhere; turning it on is refused. Pure functions, no state.
 */
public final class DeletePropagationSetting {
  /** The settings key prefix; the canonical type follows it. */
  public static final String PREFIX = "deletePropagation.";
  static final String FINANCIAL_TYPES_TEXT = "invoice, payment, subscription";
  /** Types whose deletions are never propagated. */
  public static final Set<String> FINANCIAL_TYPES = Set.of("invoice", "payment", "subscription");

  private DeletePropagationSetting() {}

  /** Whether a deletion of a {@code type} record elsewhere is to be propagated to a connection with these settings. */
  public static boolean enabled(Map<String, String> settings, String type) {
    String value = settings.get(PREFIX + type);
    return value != null && !FINANCIAL_TYPES.contains(type) && !"off".equals(normalised(value));
  }

  /**
   * Why these settings of a {@code connector} connection cannot be stored, or empty when they can: a value other than
   * {@code on}, {@code off} or the type's declared semantics, a type the connector cannot delete, or a financial type.
   * The reason names no personal data.
   */
  public static Optional<String> refusal(Connector connector, Map<String, String> settings) {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (!e.getKey().startsWith(PREFIX)) {
        continue;
      }
      String type = e.getKey().substring(PREFIX.length());
      String value = e.getValue() == null ? "" : normalised(e.getValue());
      if (value.equals("off")) {
        continue;
      }
      if (FINANCIAL_TYPES.contains(type)) {
        return Optional.of("deletions of " + type + " records are never propagated (financial records: "
            + FINANCIAL_TYPES_TEXT + ")");
      }
      // the setting names the canonical type; the binding deletes the vendor type it holds such records as
      Optional<DeleteSemantics> declared = connector.vendorTypeFor(type).flatMap(connector::deleteSemantics);
      if (declared.isEmpty()) {
        return Optional.of(connector.system() + " cannot delete " + type + " records; " + e.getKey()
            + " can only be off");
      }
      String named = declared.get().name().toLowerCase(Locale.ROOT);
      if (!value.equals("on") && !value.equals(named)) {
        return Optional.of(e.getKey() + " must be off, on or " + named + " (what " + connector.system()
            + " does to a deleted " + type + ")");
      }
    }
    return Optional.empty();
  }

  private static String normalised(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }
}
