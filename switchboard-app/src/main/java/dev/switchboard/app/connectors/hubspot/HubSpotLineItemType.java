package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot line items ({@code /crm/v3/objects/line_items}) as one line of a deal's canonical {@code lines}. Not a
 * binding of its own: a line item exists only as a line of its deal, so {@link HubSpotDealLines} reads them with the
 * deal and writes them through this type's mapping and {@link HubSpotWrites} (batch update by id, batch upsert by the
 * line's key in {@code switchboard_id}).
 *
 * <p>Mapped: {@code name} ⇄ name, {@code quantity} ⇄ quantity, {@code price} ⇄ unitPrice (in the deal's currency),
 * {@code amount} → amount (HubSpot calculates it: read only), {@code hs_position_on_quote} ⇄ position (HubSpot counts
 * from 0, the spine from 1), {@code discount} (HubSpot's unit discount, an amount per unit) ⇄ discount (the line's
 * whole discount: the unit discount × quantity; read from HubSpot's calculated {@code hs_total_discount} where set, so a
 * percentage discount, {@code hs_discount_percentage}, is read as the amount HubSpot made of it; written as a unit
 * discount, clearing the percentage, and only when it differs from that total, so a percentage line stays as it is
 * until its discount changes; a changed discount the quantity does not divide exactly is refused for that line alone,
 * never rounded: see {@link HubSpotDealLines}), and
 * {@code hs_product_id} ⇄ product (the spine turns the product's HubSpot id into its record and back: a line reference
 * is {@code {type, externalId}} here). Not mapped: tax, billing terms.
 */
final class HubSpotLineItemType implements HubSpotObjectType {
  static final HubSpotLineItemType INSTANCE = new HubSpotLineItemType();
  static final String PATH = "line_items";
  static final String POSITION = "hs_position_on_quote";
  static final String PRODUCT = "hs_product_id";
  static final String UNIT_DISCOUNT = "discount";
  static final String TOTAL_DISCOUNT = "hs_total_discount";
  static final String PERCENTAGE = "hs_discount_percentage";
  static final List<String> READ = List.of("name", "quantity", "price", "amount", PRODUCT, UNIT_DISCOUNT,
      PERCENTAGE, TOTAL_DISCOUNT, POSITION, "createdate", HubSpotCompanyType.LAST_MODIFIED,
      HubSpotKeyProperty.NAME);

  @Override
  public String canonicalType() {
    return "line_item";
  }

  @Override
  public String vendorType() {
    return "line_item";
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public String lastModifiedProperty() {
    return HubSpotCompanyType.LAST_MODIFIED;
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return READ;
  }

  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    return Map.of();
  }

  /** A line without its id and position (the deal's composition sets those) and without a currency on money. */
  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    JsonNode p = object.path("properties");
    Map<String, Object> f = new LinkedHashMap<>();
    putText(f, "name", p.path("name"));
    putText(f, "quantity", p.path("quantity"));
    putText(f, "unitPrice", p.path("price"));
    putText(f, "amount", p.path("amount"));
    BigDecimal discount = totalDiscount(p);
    if (discount.signum() != 0) {
      f.put("discount", discount.stripTrailingZeros().toPlainString());
    }
    String product = HubSpotMapper.text(p.path(PRODUCT));
    if (!product.isBlank()) {
      f.put("product", Map.of("type", "product", "externalId", product));
    }
    return new CanonicalRecord("line_item", f);
  }

  /**
   * A line item's whole discount as HubSpot holds it ({@code properties} of a read): its calculated
   * {@code hs_total_discount} where set (whatever made it, a unit discount or a percentage), else the unit
   * {@code discount} × quantity; zero for none.
   */
  static BigDecimal totalDiscount(JsonNode p) {
    BigDecimal total = decimal(HubSpotMapper.text(p.path(TOTAL_DISCOUNT)));
    if (total != null) {
      return total;
    }
    BigDecimal unit = decimal(HubSpotMapper.text(p.path(UNIT_DISCOUNT)));
    BigDecimal quantity = decimal(HubSpotMapper.text(p.path("quantity")));
    return unit == null ? BigDecimal.ZERO : unit.multiply(quantity == null ? BigDecimal.ONE : quantity);
  }

  /** A canonical line's whole discount ({@code discount} as {amount, currency}, or a number); zero for none. */
  static BigDecimal totalDiscount(Map<?, ?> line) {
    Object d = line.get("discount");
    BigDecimal total = decimal(d instanceof Map<?, ?> m ? text(m.get("amount")) : text(d));
    return total == null ? BigDecimal.ZERO : total;
  }

  /**
   * HubSpot's unit discount for a line's whole {@code discount} over its {@code quantity}; empty when the quantity does
   * not divide it exactly (it cannot be held without rounding); "" for no discount.
   */
  static java.util.Optional<String> unitDiscount(Map<?, ?> line) {
    Object d = line.get("discount");
    BigDecimal total = decimal(d instanceof Map<?, ?> m ? text(m.get("amount")) : text(d));
    if (total == null || total.signum() == 0) {
      return java.util.Optional.of("");
    }
    BigDecimal quantity = decimal(text(line.get("quantity")));
    if (quantity == null || quantity.signum() == 0) {
      quantity = BigDecimal.ONE;
    }
    try {
      BigDecimal unit = total.divide(quantity);
      return unit.stripTrailingZeros().scale() > 6 ? java.util.Optional.empty()
          : java.util.Optional.of(unit.stripTrailingZeros().toPlainString());
    } catch (ArithmeticException e) {
      return java.util.Optional.empty(); // 10 over 3: no exact unit discount
    }
  }

  private static @org.jspecify.annotations.Nullable BigDecimal decimal(String s) {
    try {
      return s == null || s.isBlank() ? null : new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code desired}: one canonical line ({@code unitPrice} as {amount, currency}, or a number). */
  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    ObjectNode props = HubSpotClient.JSON.createObjectNode();
    Map<String, Object> f = desired.fields();
    if (f.containsKey("name")) {
      props.put("name", text(f.get("name")));
    }
    if (f.containsKey("quantity")) {
      props.put("quantity", text(f.get("quantity")));
    }
    if (f.containsKey("unitPrice")) {
      props.put("price", f.get("unitPrice") instanceof Map<?, ?> m ? text(m.get("amount")) : text(f.get("unitPrice")));
    }
    if (f.containsKey("discount")) {
      unitDiscount(f).ifPresent(u -> {
        props.put(UNIT_DISCOUNT, u);
        // HubSpot keeps one of the two: a percentage left set would go on making the total (a removed discount
        // would not stick), so writing the unit discount clears it
        props.put(PERCENTAGE, "");
      });
    }
    if (f.get("product") instanceof Map<?, ?> ref && ref.get("externalId") != null) {
      props.put(PRODUCT, text(ref.get("externalId")));
    }
    if (f.get("position") instanceof Number n) {
      props.put(POSITION, Long.toString(n.longValue() - 1));
    }
    return props;
  }

  private static void putText(Map<String, Object> out, String field, JsonNode value) {
    if (!value.isMissingNode() && !value.isNull()) {
      out.put(field, HubSpotMapper.text(value));
    }
  }

  private static String text(Object v) {
    return v == null ? "" : String.valueOf(v).trim();
  }
}
