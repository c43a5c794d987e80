package dev.switchboard.app.canonical;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;

/**
 * Phone numbers in E.164 by libphonenumber, parsed against the tenant's default region for numbers written without a
 * country code. A number libphonenumber cannot parse, or that is not a possible number for its region, is kept as
 * typed (single-lined and trimmed: it is still the person's data) and its {@link PhoneValue} is flagged
 * {@code invalid_phone}; it then never serves as an identity key. Extensions are not part of E.164 and are dropped,
 * as every vendor we sync drops them in its own phone fields.
 */
public final class PhoneCleaner {
  /** Flag of a phone kept as typed. */
  public static final String INVALID_PHONE = "invalid_phone";
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private final String defaultRegion;

  /** @param defaultRegion ISO 3166-1 alpha-2 region for numbers without a country code, e.g. {@code US} */
  public PhoneCleaner(String defaultRegion) {
    this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
  }

  /** The number in E.164, or as typed and flagged; {@link Value#EMPTY} for a blank input. */
  public Value clean(String raw) {
    String typed = TextForms.singleLine(raw);
    if (typed.isEmpty()) {
      return Value.EMPTY;
    }
    try {
      Phonenumber.PhoneNumber number = PHONES.parse(typed, defaultRegion);
      if (PHONES.isPossibleNumber(number)) {
        return new PhoneValue(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
      }
    } catch (NumberParseException e) {
      // kept as typed below
    }
    return new PhoneValue(typed);
  }

  /** True for a possible number written in E.164 (the form {@link #clean} produces for every parsable number). */
  static boolean isE164(String number) {
    if (!number.startsWith("+")) {
      return false;
    }
    try {
      Phonenumber.PhoneNumber parsed = PHONES.parse(number, "ZZ");
      return PHONES.isPossibleNumber(parsed)
          && PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164).equals(number);
    } catch (NumberParseException e) {
      return false;
    }
  }
}
