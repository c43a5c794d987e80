package dev.switchboard.app.canonical;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's exponent table: how its APIs write an amount of each currency as an integer count of minor units, and
 * which currencies it can hold at all. Bindings convert with their vendor's table, both ways; the canonical
 * {@link Money} never holds minor units.
 *
 * <p>Conversion never rounds and never relabels: an amount more precise than the target holds is refused with
 * {@code precision_exceeded} (JPY 1.5; KWD 1.2345 by ISO; KWD 1.235 at Stripe, which wants the last digit 0), a
 * currency the target cannot hold with {@code unsupported_currency}, minor units beyond the 64-bit range with
 * {@code amount_out_of_range}. Amounts read from a vendor are taken as the vendor's truth ({@link #fromMinor} checks
 * the currency only).
 */
public final class MinorUnits {

  /**
   * ISO 4217 minor units, as {@link Currency#getDefaultFractionDigits()} has them (USD 2, JPY 0, KWD 3, ISK 0).
   * Currencies without a minor unit (gold, test and fund codes, digits -1) are unsupported. For APIs that count in
   * ISO minor units (Square).
   */
  public static final MinorUnits ISO_4217 = new MinorUnits("iso4217", MinorUnits::isoRule);

  /**
   * Stripe's table, from Stripe's "Supported currencies" documentation (docs.stripe.com/currencies, as of 2025):
   * <ul>
   *   <li>Two decimals unless listed below, including currencies ISO gives another exponent (MGA by ISO has 2 and at
   *       Stripe 0; all the others match).
   *   <li>Zero-decimal: BIF, CLP, DJF, GNF, JPY, KMF, KRW, MGA, PYG, RWF, UGX, VND, VUV, XAF, XOF, XPF. UGX is
   *       zero-decimal for charges; the doc's UGX special case concerns payouts, which no binding sends.
   *   <li>Three-decimal: BHD, JOD, KWD, OMR, TND, whose minor amounts must end in 0 (Stripe's payment partners settle
   *       to the hundredth), so KWD 1.235 (1235) is refused, not rounded to 1.230 or 1.240.
   *   <li>ISK: two-decimal in the API for backwards compatibility, but whole krónur only since 2023-04-14 (amounts
   *       divisible by 100; Stripe answers {@code invalid_charge_amount_no_decimal_compatible} otherwise).
   *   <li>HUF and TWD: two-decimal for charges, invoices and prices (fractions accepted); their payouts must be
   *       divisible by 100, which is not modelled because no binding creates payouts.
   *   <li>Supported: Stripe's presentment currencies listed below; any other code (IQD, LYD, VES, XAU, …) is
   *       {@code unsupported_currency}. Stripe adds currencies now and then: extend {@link #STRIPE_CURRENCIES}.
   * </ul>
   */
  public static final MinorUnits STRIPE = new MinorUnits("stripe", MinorUnits::stripeRule);

  static final Set<String> STRIPE_CURRENCIES = Set.of(("USD AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN "
      + "BHD BIF BMD BND BOB BRL BSD BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EGP ETB EUR FJD "
      + "FKP GBP GEL GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR ISK JMD JOD JPY KES KGS KHR KMF KRW KWD KYD KZT "
      + "LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN "
      + "PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SEK SGD SHP SLE SOS SRD STD SZL THB TJS TND TOP TRY TTD "
      + "TWD TZS UAH UGX UYU UZS VND VUV WST XAF XCD XOF XPF YER ZAR ZMW").split(" "));
  private static final Set<String> STRIPE_ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW",
      "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
  private static final Set<String> STRIPE_THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

  /**
   * How one currency is written: {@code minor = amount × 10^exponent}, and {@code minor} must be a multiple of
   * {@code step} (1 unless the vendor wants trailing zeros).
   */
  record Rule(int exponent, long step) {}

  private final String name;
  private final Function<Currency, @Nullable Rule> rules;

  private MinorUnits(String name, Function<Currency, @Nullable Rule> rules) {
    this.name = name;
    this.rules = rules;
  }

  public String name() {
    return name;
  }

  public boolean supports(Currency currency) {
    return rule(currency) != null;
  }

  /** @throws CanonicalException {@code unsupported_currency} */
  public int exponent(Currency currency) {
    return require(currency).exponent();
  }

  /**
   * The vendor's integer amount for {@code money}: {@code USD 12.50} → 1250; JPY 500 → 500; KWD 1.250 → 1250; at
   * Stripe ISK 5 → 500.
   *
   * @throws CanonicalException {@code unsupported_currency}, {@code precision_exceeded}, {@code amount_out_of_range}
   */
  public long toMinor(Money money) {
    Rule rule = require(money.currency());
    BigDecimal minor = money.amount().movePointRight(rule.exponent());
    if (minor.stripTrailingZeros().scale() > 0) {
      throw precision(money.currency(), rule);
    }
    long units;
    try {
      units = minor.longValueExact();
    } catch (ArithmeticException e) {
      throw new CanonicalException(CanonicalException.AMOUNT_OUT_OF_RANGE, "amount beyond the vendor's integer range");
    }
    if (units % rule.step() != 0) {
      throw precision(money.currency(), rule);
    }
    return units;
  }

  /**
   * The canonical money for the vendor's integer {@code minor} units of {@code currency}.
   *
   * @throws CanonicalException {@code unsupported_currency}
   */
  public Money fromMinor(long minor, Currency currency) {
    return new Money(BigDecimal.valueOf(minor).movePointLeft(require(currency).exponent()), currency);
  }

  /**
   * {@link #fromMinor(long, Currency)} for a vendor's currency code, in any case ({@code "usd"}).
   *
   * @throws CanonicalException {@code invalid_currency}, {@code unsupported_currency}
   */
  public Money fromMinor(long minor, String currencyCode) {
    return fromMinor(minor, Money.currency(currencyCode));
  }

  @Override
  public String toString() {
    return name;
  }

  private Rule require(Currency currency) {
    Rule rule = rule(currency);
    if (rule == null) {
      throw new CanonicalException(CanonicalException.UNSUPPORTED_CURRENCY,
          name + " cannot hold " + currency.getCurrencyCode());
    }
    return rule;
  }

  private @Nullable Rule rule(Currency currency) {
    return rules.apply(currency);
  }

  private static CanonicalException precision(Currency currency, Rule rule) {
    return new CanonicalException(CanonicalException.PRECISION_EXCEEDED, currency.getCurrencyCode() + " amounts hold "
        + (rule.exponent() - Long.toString(rule.step()).length() + 1) + " fraction digits here; amounts are not rounded");
  }

  private static @Nullable Rule isoRule(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    return digits < 0 ? null : new Rule(digits, 1);
  }

  private static @Nullable Rule stripeRule(Currency currency) {
    String code = currency.getCurrencyCode().toUpperCase(Locale.ROOT);
    if (!STRIPE_CURRENCIES.contains(code)) {
      return null;
    }
    if (STRIPE_ZERO_DECIMAL.contains(code)) {
      return new Rule(0, 1);
    }
    if (STRIPE_THREE_DECIMAL.contains(code)) {
      return new Rule(3, 10);
    }
    return code.equals("ISK") ? new Rule(2, 100) : new Rule(2, 1);
  }
}
