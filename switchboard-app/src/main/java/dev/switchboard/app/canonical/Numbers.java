package dev.switchboard.app.canonical;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/** Exact reading of the numbers sources send: Integer, Long, Double, BigDecimal or a numeric string. */
final class Numbers {
  // A generous ceiling against "1e999999999" strings that would make BigDecimal arithmetic explode.
  private static final int MAX_DIGITS = 40;

  private Numbers() {}

  /** Trailing zeros stripped, scale never negative: the one representation of a decimal number. */
  static BigDecimal normalise(BigDecimal value) {
    BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * The exact decimal of {@code raw}. A Double is read through its shortest decimal form ({@code 0.1} is 0.1, not
   * 0.1000000000000000055…); strings are plain or scientific notation with a dot, without grouping separators
   * ({@code "1,000"} is ambiguous across locales and refused).
   *
   * @throws CanonicalException {@code invalid_number}
   */
  static BigDecimal decimal(@Nullable Object raw) {
    BigDecimal d = switch (raw) {
      case BigDecimal b -> b;
      case BigInteger b -> new BigDecimal(b);
      case Long l -> BigDecimal.valueOf(l);
      case Integer i -> BigDecimal.valueOf(i);
      case Short s -> BigDecimal.valueOf(s);
      case Byte b -> BigDecimal.valueOf(b);
      case Double x -> finite(x);
      case Float x -> finite(Double.parseDouble(Float.toString(x)));
      case CharSequence s -> parse(s.toString().strip());
      case null, default -> throw new CanonicalException(CanonicalException.INVALID_NUMBER, "expected a number");
    };
    if (d.precision() - d.scale() > MAX_DIGITS || d.scale() > MAX_DIGITS) {
      throw new CanonicalException(CanonicalException.INVALID_NUMBER, "number out of range");
    }
    return normalise(d);
  }

  /** @throws CanonicalException {@code not_an_integer} for a fraction or a value outside the 64-bit range */
  static long integer(@Nullable Object raw) {
    BigDecimal d = decimal(raw);
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      throw new CanonicalException(CanonicalException.NOT_AN_INTEGER, "expected a whole number in the 64-bit range");
    }
  }

  /** @throws CanonicalException {@code scale_exceeded} when {@code value} has more than {@code scale} fraction digits */
  static BigDecimal requireScale(BigDecimal value, int scale) {
    BigDecimal n = normalise(value);
    if (n.scale() > scale) {
      throw new CanonicalException(CanonicalException.SCALE_EXCEEDED,
          "at most " + scale + " fraction digits are allowed; values are not rounded");
    }
    return n;
  }

  private static BigDecimal finite(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      throw new CanonicalException(CanonicalException.INVALID_NUMBER, "expected a finite number");
    }
    return BigDecimal.valueOf(x);
  }

  private static BigDecimal parse(String s) {
    if (s.isEmpty() || s.length() > MAX_DIGITS * 2 || s.indexOf(',') >= 0 || s.indexOf('_') >= 0) {
      throw new CanonicalException(CanonicalException.INVALID_NUMBER, "expected a plain decimal number");
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new CanonicalException(CanonicalException.INVALID_NUMBER, "expected a plain decimal number");
    }
  }
}
