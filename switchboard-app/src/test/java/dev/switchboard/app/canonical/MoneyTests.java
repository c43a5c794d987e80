package dev.switchboard.app.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTests {

  @Test
  void moneyIsCanonicalByCurrencyDigitsSoEqualityIsNumeric() {
    assertThat(Money.of("12.5", "usd")).isEqualTo(Money.of("12.50", "USD")).isEqualTo(Money.of("12.500000", "USD"));
    assertThat(Money.of("12.5", "USD").amount().toPlainString()).isEqualTo("12.50");
    assertThat(Money.of("1200", "JPY").amount().toPlainString()).isEqualTo("1200");
    assertThat(Money.of("1.25", "KWD").amount().toPlainString()).isEqualTo("1.250");
    assertThat(Money.of("0.0125", "USD").amount().toPlainString()).isEqualTo("0.0125"); // unit prices keep precision
    assertThat(Money.of("12.50", "USD")).isNotEqualTo(Money.of("12.50", "EUR"));
    assertThat(Money.of("12.50", "USD")).hasToString("USD 12.50");
    refused(() -> Money.of("1", "ABC"), CanonicalException.INVALID_CURRENCY);
    refused(() -> Money.of("1", "dollars"), CanonicalException.INVALID_CURRENCY);
  }

  @ParameterizedTest(name = "{0}: {1} {2} is {3} minor units")
  @CsvSource({
      // table,  currency, amount,   minor
      "iso4217,  USD,      12.50,    1250",
      "stripe,   USD,      12.50,    1250",
      "iso4217,  USD,      -12.5,    -1250",
      "iso4217,  JPY,      500,      500",
      "stripe,   JPY,      500,      500",
      "iso4217,  KWD,      1.234,    1234",
      "stripe,   KWD,      1.230,    1230",
      "iso4217,  ISK,      5,        5",
      "stripe,   ISK,      5,        500",
      "stripe,   HUF,      10.45,    1045",
      "stripe,   TWD,      10.45,    1045",
      "iso4217,  UGX,      5000,     5000",
      "stripe,   UGX,      5000,     5000",
      "iso4217,  MGA,      100,      10000",
      "stripe,   MGA,      100,      100",
      "stripe,   BHD,      0.010,    10",
  })
  void convertsBothWaysWithTheVendorsExponents(String table, String currency, String amount, long minor) {
    MinorUnits units = table.equals("stripe") ? MinorUnits.STRIPE : MinorUnits.ISO_4217;
    Money money = Money.of(amount, currency);
    assertThat(units.toMinor(money)).isEqualTo(minor);
    assertThat(units.fromMinor(minor, currency.toLowerCase())).isEqualTo(money);
  }

  @ParameterizedTest(name = "{0}: {1} {2} is refused")
  @CsvSource({
      "iso4217,  JPY,  1.5",     // yen have no fraction
      "stripe,   JPY,  1.5",
      "iso4217,  USD,  12.345",  // a third cent
      "stripe,   USD,  0.001",
      "iso4217,  KWD,  1.2345",  // ISO fils are thousandths
      "stripe,   KWD,  1.2345",
      "stripe,   KWD,  1.235",   // Stripe wants the last of three digits to be 0
      "iso4217,  ISK,  5.50",    // ISO: no aurar
      "stripe,   ISK,  5.50",    // Stripe: two decimals written, whole krónur only
      "stripe,   UGX,  1.5",
  })
  void moreDigitsThanTheTargetHoldsAreRefusedNeverRounded(String table, String currency, String amount) {
    MinorUnits units = table.equals("stripe") ? MinorUnits.STRIPE : MinorUnits.ISO_4217;
    refused(() -> units.toMinor(Money.of(amount, currency)), CanonicalException.PRECISION_EXCEEDED);
  }

  @Test
  void aCurrencyTheTargetCannotHoldIsRefusedNotRelabelled() {
    refused(() -> MinorUnits.STRIPE.toMinor(Money.of("10", "IQD")), CanonicalException.UNSUPPORTED_CURRENCY);
    refused(() -> MinorUnits.STRIPE.fromMinor(1000, "iqd"), CanonicalException.UNSUPPORTED_CURRENCY);
    refused(() -> MinorUnits.STRIPE.toMinor(Money.of("1", "XAU")), CanonicalException.UNSUPPORTED_CURRENCY);
    // Gold has no minor unit in ISO 4217 either.
    refused(() -> MinorUnits.ISO_4217.toMinor(Money.of("1", "XAU")), CanonicalException.UNSUPPORTED_CURRENCY);
    refused(() -> MinorUnits.ISO_4217.exponent(Currency.getInstance("XXX")), CanonicalException.UNSUPPORTED_CURRENCY);
    assertThat(MinorUnits.STRIPE.supports(Currency.getInstance("IQD"))).isFalse();
    assertThat(MinorUnits.STRIPE.supports(Currency.getInstance("KWD"))).isTrue();
    assertThat(MinorUnits.STRIPE.exponent(Currency.getInstance("KWD"))).isEqualTo(3);
    assertThat(MinorUnits.STRIPE.exponent(Currency.getInstance("ISK"))).isEqualTo(2);
    assertThat(MinorUnits.ISO_4217.exponent(Currency.getInstance("ISK"))).isZero();
  }

  @Test
  void minorUnitsBeyondSixtyFourBitsAreRefused() {
    refused(() -> MinorUnits.ISO_4217.toMinor(Money.of("100000000000000000", "USD")),
        CanonicalException.AMOUNT_OUT_OF_RANGE);
    assertThat(MinorUnits.ISO_4217.fromMinor(Long.MAX_VALUE, "USD").amount())
        .isEqualByComparingTo(new BigDecimal(Long.MAX_VALUE).movePointLeft(2));
  }

  @Test
  void everyAmountATableHoldsRoundTrips() {
    Random random = new Random(42);
    for (MinorUnits units : new MinorUnits[] {MinorUnits.ISO_4217, MinorUnits.STRIPE}) {
      for (String code : new String[] {"USD", "EUR", "JPY", "KRW", "ISK", "KWD", "BHD", "HUF", "TWD", "UGX", "CLP"}) {
        Currency currency = Currency.getInstance(code);
        for (int i = 0; i < 200; i++) {
          long minor = random.nextLong(-10_000_000_000L, 10_000_000_000L);
          if (code.equals("ISK") && units == MinorUnits.STRIPE) {
            minor -= minor % 100;
          } else if (units == MinorUnits.STRIPE && units.exponent(currency) == 3) {
            minor -= minor % 10;
          }
          Money money = units.fromMinor(minor, currency);
          assertThat(units.toMinor(money)).as("%s %s %d", units, code, minor).isEqualTo(minor);
        }
      }
    }
  }

  static void refused(ThrowingCallable call, String code) {
    assertThatThrownBy(call).isInstanceOf(CanonicalException.class)
        .extracting(e -> ((CanonicalException) e).code()).isEqualTo(code);
  }
}
