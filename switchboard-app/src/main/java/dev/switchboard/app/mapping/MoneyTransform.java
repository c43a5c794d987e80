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
 * Canonical money ({@code {amount, currency}}) ⇄ the vendor's amount: integer minor units by an exponent table
 * ({@code units: minor}, {@code table: iso4217} or {@code stripe}) or a decimal string ({@code units: decimal}). The
 * currency is either fixed ({@code currency: USD}: the portal's currency) or a second vendor field. A write refuses,
 * never rounds or relabels: an amount finer than the vendor's units, or money in another currency than the fixed one.
 *
 * @param currency the fixed currency, or null when the rule's second vendor field carries it
 */
record MoneyTransform(boolean minorUnits, MinorUnits table, @Nullable String currency) implements Transform {

  @Override
  public String name() {
    return "money";
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    Object amount = vendor.get(0);
    if (amount == null) {
      return nullList();
    }
    String text = Transform.text(amount);
    if (text.isEmpty()) {
      return List.of("");
    }
    String code = currency != null ? currency : Transform.text(vendor.size() > 1 ? vendor.get(1) : null);
    if (code.isEmpty()) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "money without a currency");
    }
    try {
      Money m = minorUnits ? table.fromMinor(parseLong(text), code) : Money.of(text, code);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("amount", m.amount().toPlainString());
      out.put("currency", m.currencyCode());
      return List.of(out);
    } catch (CanonicalException | NumberFormatException e) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "money: " + e.getMessage());
    }
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    Object v = canonical.get(0);
    List<@Nullable Object> out = new ArrayList<>();
    if (v == null || Transform.blank(v)) {
      out.add(v == null ? null : "");
      if (currency == null) {
        out.add(v == null ? null : "");
      }
      return out;
    }
    Money m;
    try {
      m = v instanceof Money money ? money
          : v instanceof Map<?, ?> map ? Money.of(Transform.text(map.get("amount")), Transform.text(map.get("currency")))
          : null;
    } catch (CanonicalException e) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "money: " + e.getMessage());
    }
    if (m == null) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "money is {amount, currency}");
    }
    if (currency != null && !currency.equalsIgnoreCase(m.currencyCode())) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE,
          "money in " + m.currencyCode() + " where the vendor holds " + currency);
    }
    try {
      out.add(minorUnits ? (Object) table.toMinor(m) : m.amount().toPlainString());
    } catch (CanonicalException e) {
      throw new MappingValueException(MappingValueException.INVALID_VALUE, "money: " + e.getMessage());
    }
    if (currency == null) {
      out.add(m.currencyCode());
    }
    return out;
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    int expected = currency == null ? 2 : 1;
    if (types.size() != 1 || vendorCount != expected) {
      return "money maps one canonical field to " + (currency == null
          ? "two vendor fields (amount, currency) or give a fixed currency" : "one vendor field (the amount)");
    }
    ValueType t = types.get(0);
    return t == null || t instanceof ValueType.MoneyType ? null : "money maps onto a money field, not " + t.name();
  }

  private static long parseLong(String s) {
    BigDecimal d = new BigDecimal(s);
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      throw new NumberFormatException("minor units are an integer");
    }
  }

  private static List<@Nullable Object> nullList() {
    List<@Nullable Object> out = new ArrayList<>();
    out.add(null);
    return out;
  }
}
