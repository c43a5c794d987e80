package dev.switchboard.app.canonical;

import java.util.Set;

/**
 * A phone number: E.164 ({@code +14155550134}) when it could be parsed, otherwise exactly what the person typed,
 * trimmed (it is still their data), and then {@link #flags()} says {@code invalid_phone}. Whether the number is in
 * E.164 is derived from the number itself, so the flag survives storage. Create one with {@link PhoneCleaner}.
 */
public record PhoneValue(String number) implements Value {
  public PhoneValue {
    if (number.isEmpty() || !number.equals(TextForms.singleLine(number))) {
      throw new CanonicalException(CanonicalException.INVALID_VALUE, "a phone number must be non-empty and trimmed");
    }
  }

  /** True when {@link #number()} is a possible number in E.164 form, usable as an identity key. */
  public boolean isE164() {
    return PhoneCleaner.isE164(number);
  }

  @Override
  public Set<String> flags() {
    return isE164() ? Set.of() : Set.of(PhoneCleaner.INVALID_PHONE);
  }

  @Override
  public String toString() {
    return number;
  }
}
