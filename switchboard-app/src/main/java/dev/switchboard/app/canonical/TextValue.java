package dev.switchboard.app.canonical;

/**
 * Free text: never empty, NFC-normalised, without leading or trailing whitespace, no carriage returns. Whether inner
 * whitespace is collapsed depends on the field's {@link ValueType.TextRule}; the value only guarantees what every
 * text rule guarantees.
 */
public record TextValue(String text) implements Value {
  public TextValue {
    if (text.isEmpty() || !text.equals(text.strip()) || text.indexOf('\r') >= 0 || !TextForms.isNfc(text)) {
      throw new CanonicalException(CanonicalException.INVALID_VALUE,
          "text must be non-empty, trimmed, NFC and without carriage returns; clean it through ValueType.clean");
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
