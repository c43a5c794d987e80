package dev.switchboard.app.connectors;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who a connection to a marketing audience (a Mailchimp list: {@link Connector#consentGated}) is sent, and how.
 *
 * <ul>
 *   <li>{@value #WITHOUT_CONSENT}: {@code skip} (the default, also when absent) sends a contact with no recorded
 *       opt-in nowhere; {@code transactional} adds it as a {@code transactional} member (Mailchimp bills for those,
 *       and sends them no campaign).</li>
 *   <li>{@value #DOUBLE_OPT_IN}: {@code false} (the default) or {@code true}: a contact whose opt-in was recorded after
 *       the connection was made is added as {@code pending}, so that Mailchimp asks them to confirm. The base that
 *       had opted in before is never sent a confirmation in bulk.</li>
 * </ul>
 *
 * A recorded opt-in is a golden {@code marketingStatus} of {@code subscribed}, with the system it came from and its
 * time (the audience's own status, the upsert API's {@code marketing_status}). Pure functions, no state.
 */
public final class ConsentSetting {
  /** The settings key of what becomes of a contact without a recorded opt-in. */
  public static final String WITHOUT_CONSENT = "withoutConsent";
  /** The settings key of double opt-in for new opt-ins. */
  public static final String DOUBLE_OPT_IN = "doubleOptIn";
  /** {@link #WITHOUT_CONSENT}: not sent. */
  public static final String SKIP = "skip";
  /** {@link #WITHOUT_CONSENT}: sent as a transactional member. */
  public static final String TRANSACTIONAL = "transactional";
  /** The setting before {@link #DOUBLE_OPT_IN}: the status of new members ({@code pending} meant double opt-in). */
  static final String LEGACY_STATUS_IF_NEW = "statusIfNew";

  private ConsentSetting() {}

  /** Whether contacts without a recorded opt-in are sent as {@code transactional} members (else not sent). */
  public static boolean sendsTransactional(Map<String, String> settings) {
    String v = settings.get(WITHOUT_CONSENT);
    return v != null && TRANSACTIONAL.equals(normalised(v));
  }

  /**
   * Whether opt-ins recorded after the connection was made are sent as {@code pending} (double opt-in). A connection
   * made before this setting existed that said {@code statusIfNew=pending} keeps asking for a confirmation until
   * {@code doubleOptIn} is set: an owner who chose double opt-in must not find new members subscribed without it.
   */
  public static boolean doubleOptIn(Map<String, String> settings) {
    String v = settings.get(DOUBLE_OPT_IN);
    if (v == null) {
      String legacy = settings.get(LEGACY_STATUS_IF_NEW);
      return legacy != null && "pending".equals(normalised(legacy));
    }
    return "true".equals(normalised(v));
  }

  /**
   * Why these settings cannot be stored, as (setting name, reason), or empty when they can: a value other than the
   * ones above. Names no personal data.
   */
  public static Optional<Map.Entry<String, String>> refusal(Map<String, String> settings) {
    String without = settings.get(WITHOUT_CONSENT);
    if (without != null && !SKIP.equals(normalised(without)) && !TRANSACTIONAL.equals(normalised(without))) {
      return Optional.of(Map.entry(WITHOUT_CONSENT, WITHOUT_CONSENT + " must be skip or transactional"));
    }
    String doubleOptIn = settings.get(DOUBLE_OPT_IN);
    if (doubleOptIn != null && !"true".equals(normalised(doubleOptIn)) && !"false".equals(normalised(doubleOptIn))) {
      return Optional.of(Map.entry(DOUBLE_OPT_IN, DOUBLE_OPT_IN + " must be true or false"));
    }
    return Optional.empty();
  }

  private static String normalised(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }
}
