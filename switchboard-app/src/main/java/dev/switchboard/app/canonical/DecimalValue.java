package dev.switchboard.app.canonical;

import java.math.BigDecimal;

/**
 * An exact decimal number (quantities, rates). Normalised on construction (trailing zeros stripped, never a negative
 * scale), so {@code 2}, {@code 2.0} and {@code 2.0000} are one value and {@code equals} is numeric equality. The
 * field's {@link ValueType.DecimalType} declares the most fraction digits it accepts.
 */
public record DecimalValue(BigDecimal value) implements Value {
  public DecimalValue {
    value = Numbers.normalise(value);
  }

  public static DecimalValue of(String value) {
    return new DecimalValue(new BigDecimal(value));
  }

  /** Plain notation, never exponent notation: {@code 1000}, {@code 0.125}. */
  @Override
  public String toString() {
    return value.toPlainString();
  }
}
