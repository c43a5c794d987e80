package dev.switchboard.app.canonical;

import java.util.regex.Pattern;

/**
 * A code from a field's canonical set ({@code closed_won}, {@code past_due}, {@code no_show}): lower-case letters,
 * digits and underscores. Which codes a field allows is declared by its {@link ValueType.EnumType}.
 */
public record EnumValue(String code) implements Value {
  private static final Pattern CODE = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");

  public EnumValue {
    if (!CODE.matcher(code).matches()) {
      throw new CanonicalException(CanonicalException.INVALID_ENUM_VALUE, "codes are lower_snake_case");
    }
  }

  @Override
  public String toString() {
    return code;
  }
}
