package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.MinorUnits;
import dev.switchboard.app.canonical.Money;
import dev.switchboard.app.canonical.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Money in the connection's own currency ({@code money: {units: decimal, currency: portal}}): the vendor field holds
 * the amount only, and the currency is the account's (a HubSpot portal's {@code companyCurrency}), supplied when the
 * binding binds the mapping to a connection ({@link #bind}). A second vendor field, where the rule names one, is the
 * record's own currency (a deal's currency in a portal with several): read in preference to the account's, never
 * written.
 *
 * <p>Read: an absent amount is absent, an empty one {@code ""}; an amount whose currency is known neither way is left
 * out (absent: never labelled with a guessed currency). Decimal amounts are carried as the vendor states them; minor
 * units go by the exponent table. Write: the amount only; money in another currency than the bound one is refused
 * ({@code invalid_value}), never relabelled.
 *
 * @param currency the account's currency once bound; null in the file's rule, or where the account names none
 */
public record PortalMoneyTransform(boolean minorUnits, MinorUnits table, @Nullable String currency)
    implements Transform {

  @Override
  public String name() {
    return "money";
  }

  /** This rule in the account's currency (null: the account names none). */
  public PortalMoneyTransform bind(@Nullable String accountCurrency) {
    return new PortalMoneyTransform(minorUnits, table, accountCurrency);
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    List<@Nullable Object> out = new ArrayList<>();
    Object amount = vendor.get(0);
    String own = vendor.size() > 1 ? Transform.text(vendor.get(1)) : "";
    String code = !own.isEmpty() ? own : currency;
    if (amount == null || code == null) {
      out.add(amount == null ? null : Transform.text(amount).isEmpty() ? "" : null);
      return out;
    }
    String text = Transform.text(amount);
    if (text.isEmpty()) {
      out.add("");
      return out;
    }
    Map<String, Object> money = new LinkedHashMap<>();
    try {
      money.put("amount", minorUnits ? table.fromMinor(new BigDecimal(text).longValueExact(), code).amount()
          .toPlainString() : text);
    } catch (CanonicalException | NumberFormatException | ArithmeticException e) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "money: minor units are an integer");
    }
    money.put("currency", code);
    out.add(money);
    return out;
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    Object v = canonical.get(0);
    List<@Nullable Object> out = new ArrayList<>();
    if (v == null) {
      out.add(null);
    } else if (v instanceof Map<?, ?> m) {
      String code = Transform.text(m.get("currency"));
      if (currency != null && !code.isEmpty() && !currency.equalsIgnoreCase(code)) {
        throw new MappingValueException(MappingValueException.INVALID_VALUE,
            "money in " + code + " where the account holds " + currency);
      }
      out.add(vendorAmount(Transform.text(m.get("amount")), code.isEmpty() ? currency : code));
    } else {
      out.add(vendorAmount(Transform.text(v), currency));
    }
    out.add(null); // the record's own currency is the vendor's to set
    return out;
  }

  private String vendorAmount(String amount, @Nullable String code) {
    if (!minorUnits || amount.isEmpty()) {
      return amount;
    }
    if (code == null) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "money in minor units without a currency");
    }
    try {
      return String.valueOf(table.toMinor(Money.of(amount, code)));
    } catch (CanonicalException e) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "money: " + e.getMessage());
    }
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    if (types.size() != 1 || vendorCount < 1 || vendorCount > 2) {
      return "money in the account's currency maps one canonical field to the amount and, optionally, the record's "
          + "own currency";
    }
    ValueType t = types.get(0);
    return t == null || t instanceof ValueType.MoneyType ? null : "money maps onto a money field, not " + t.name();
  }
}
