package dev.switchboard.app.canonical;

import java.util.Currency;

/** An ISO 4217 currency, written as its upper-case code. */
public record CurrencyValue(Currency currency) implements Value {
  public static CurrencyValue of(String code) {
    return new CurrencyValue(Money.currency(code));
  }

  @Override
  public String toString() {
    return currency.getCurrencyCode();
  }
}
