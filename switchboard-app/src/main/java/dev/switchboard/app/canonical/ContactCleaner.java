package dev.switchboard.app.canonical;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Normalizes inbound contact values so that the same person looks the same whichever system they came from:
 * e-mails lower-cased and trimmed, phones in E.164 (libphonenumber, parsed against the tenant's default
 * region), names and company trimmed with inner whitespace collapsed, tags trimmed, de-duplicated and
 * sorted. Values that cannot be normalized are kept trimmed (a phone we cannot parse is still the user's
 * data) and reported by {@link #isValidEmail}.
 */
public final class ContactCleaner {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final java.util.Set<String> ISO_COUNTRIES = java.util.Set.of(Locale.getISOCountries());
  private static final Pattern SPACES = Pattern.compile("\\s+");
  // Deliberately simple: local@domain.tld without spaces. Vendors apply their own stricter checks.
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final String defaultRegion;

  /** @param defaultRegion ISO 3166 region used for numbers written without a country code, e.g. {@code US} */
  public ContactCleaner(String defaultRegion) {
    this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
  }

  /**
   * Whether {@code region} can be a tenant's default region: an upper-case ISO 3166-1 alpha-2 code of a country
   * whose phone numbers libphonenumber knows (so that numbers written without a country code can be read).
   */
  public static boolean isSupportedRegion(String region) {
    return region.matches("[A-Z]{2}") && ISO_COUNTRIES.contains(region)
        && PHONES.getSupportedRegions().contains(region);
  }

  public CanonicalRecord clean(CanonicalRecord record) {
    Map<String, Object> out = new LinkedHashMap<>();
    record.fields().forEach((field, value) -> out.put(field, cleanValue(field, value)));
    return new CanonicalRecord(record.type(), out);
  }

  Object cleanValue(String field, Object value) {
    if (value instanceof List<?> list) {
      TreeSet<String> tags = new TreeSet<>();
      for (Object o : list) {
        String s = collapse(String.valueOf(o));
        if (!s.isEmpty()) {
          tags.add(s);
        }
      }
      return new ArrayList<>(tags);
    }
    String s = value == null ? "" : value.toString();
    return switch (field) {
      case ContactField.EMAIL -> email(s);
      case ContactField.PHONE -> phone(s);
      case ContactField.MARKETING_STATUS, ContactField.LIFECYCLE_STAGE -> s.trim().toLowerCase(Locale.ROOT);
      default -> collapse(s);
    };
  }

  public static String email(String raw) {
    return raw.trim().toLowerCase(Locale.ROOT);
  }

  public static boolean isValidEmail(String email) {
    return EMAIL.matcher(email).matches();
  }

  /** E.164 form of {@code raw}, or the trimmed input when it is not a plausible phone number. */
  public String phone(String raw) {
    String trimmed = raw.trim();
    if (trimmed.isEmpty()) {
      return "";
    }
    try {
      Phonenumber.PhoneNumber number = PHONES.parse(trimmed, defaultRegion);
      if (PHONES.isPossibleNumber(number)) {
        return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
      }
    } catch (NumberParseException e) {
      // fall through: keep what the user typed
    }
    return trimmed;
  }

  public boolean isValidPhone(String raw) {
    try {
      return PHONES.isPossibleNumber(PHONES.parse(raw.trim(), defaultRegion));
    } catch (NumberParseException e) {
      return false;
    }
  }

  private static String collapse(String s) {
    return SPACES.matcher(s.trim()).replaceAll(" ");
  }
}
