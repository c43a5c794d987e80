package dev.switchboard.app.canonical;

import java.util.Locale;

/**
 * What clean-up needs to know about the tenant: the region phone numbers without a country code belong to.
 *
 * @param defaultRegion ISO 3166-1 alpha-2 code ({@code US}), or {@code ZZ} when unknown (then only numbers written
 *                      with {@code +} and a country code become E.164)
 */
public record CleanContext(String defaultRegion) {
  /** No tenant region: numbers without a country code are kept as typed. */
  public static final CleanContext NO_REGION = new CleanContext("ZZ");

  public CleanContext {
    defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    if (!defaultRegion.equals("ZZ") && !Countries.isCode(defaultRegion)) {
      throw new CanonicalException(CanonicalException.INVALID_COUNTRY, "default region must be ISO 3166-1 alpha-2");
    }
  }

  public static CleanContext of(String defaultRegion) {
    return new CleanContext(defaultRegion);
  }

  PhoneCleaner phones() {
    return new PhoneCleaner(defaultRegion);
  }
}
