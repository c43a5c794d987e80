package dev.switchboard.app.canonical;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/**
 * An exact amount of one ISO 4217 currency. The canonical amount has at least the currency's ISO minor-unit digits
 * and no trailing zeros beyond them ({@code USD 12.50}, {@code JPY 1200}, {@code KWD 1.250}, {@code USD 0.0125} for a
 * unit price), so {@code equals} is "same currency, same amount". How many fraction digits a field accepts is
 * declared by its {@link ValueType.MoneyType}; how an amount travels to a vendor's integer minor units is
 * {@link MinorUnits}'s business. Arithmetic is left to callers ({@link BigDecimal} is exact).
 *
 * @param amount   any sign (refunds and discounts are negative or positive as the field declares)
 * @param currency an ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) implements Value {
  /** The amount's key in money's raw form ({@code {"amount": "12.50", "currency": "USD"}}), as mappers carry it. */
  public static final String AMOUNT_KEY = "amount";
  /** The currency's key in money's raw form. */
  public static final String CURRENCY_KEY = "currency";
  public Money {
    BigDecimal n = Numbers.normalise(amount);
    int iso = Math.max(0, currency.getDefaultFractionDigits());
    amount = n.scale() < iso ? n.setScale(iso) : n;
  }

  /** {@code Money.of("12.50", "usd")}; the code is case-insensitive. */
  public static Money of(String amount, String currencyCode) {
    return new Money(Numbers.decimal(amount), currency(currencyCode));
  }

  /**
   * @throws CanonicalException {@code invalid_currency} when {@code code} is not an ISO 4217 code
   */
  public static Currency currency(String code) {
    String c = code.strip().toUpperCase(Locale.ROOT);
    if (!c.matches("[A-Z]{3}")) {
      throw new CanonicalException(CanonicalException.INVALID_CURRENCY, "expected an ISO 4217 code");
    }
    try {
      return Currency.getInstance(c);
    } catch (IllegalArgumentException e) {
      throw new CanonicalException(CanonicalException.INVALID_CURRENCY, "expected an ISO 4217 code");
    }
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  /** {@code USD 12.50}: for people and logs (amounts are not personal data). */
  @Override
  public String toString() {
    return currencyCode() + " " + amount.toPlainString();
  }
}
