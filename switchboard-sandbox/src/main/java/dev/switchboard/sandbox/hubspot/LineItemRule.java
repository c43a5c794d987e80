package dev.switchboard.sandbox.hubspot;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Line items: one created from a product ({@code hs_product_id}) takes the product's name, price, description and
 * SKU unless the create gives its own, and must name an existing product (400 otherwise); {@code amount} is
 * HubSpot's calculated net price, price × quantity (quantity 1 when unset) less {@code hs_total_discount}, the
 * calculated total discount: the unit discount ({@code discount}, an amount) × quantity, or else
 * {@code hs_discount_percentage} of price × quantity, rounded half up to cents.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/objects/line-items/guide
 */
final class LineItemRule implements WriteRule {

  private final ObjectStore products;

  LineItemRule(ObjectStore products) {
    this.products = products;
  }

  @Override
  public void check(CrmObject before, Map<String, String> changes) {
    String productId = changes.get("hs_product_id");
    if (productId != null && !productId.isEmpty() && product(productId) == null) {
      throw HubSpotException.invalidProperties(java.util.List.<String[]>of(new String[] {"hs_product_id",
          "INVALID_OPTION", "Product " + productId + " does not exist"}));
    }
  }

  @Override
  public Map<String, String> derive(CrmObject before, Map<String, String> values) {
    Map<String, String> out = new HashMap<>();
    String productId = values.get("hs_product_id");
    CrmObject product = before == null && productId != null && !productId.isEmpty() ? product(productId) : null;
    if (product != null) {
      for (String p : new String[] {"name", "price", "description", "hs_sku"}) {
        if (!values.containsKey(p) && product.props.containsKey(p)) {
          out.put(p, product.props.get(p));
        }
      }
    }
    String price = out.getOrDefault("price", values.get("price"));
    String quantity = values.get("quantity");
    try {
      if (price != null && !price.isEmpty()) {
        BigDecimal q = quantity == null || quantity.isEmpty() ? BigDecimal.ONE : new BigDecimal(quantity);
        BigDecimal gross = new BigDecimal(price).multiply(q);
        String unit = values.get("discount");
        String percent = values.get("hs_discount_percentage");
        BigDecimal discount = unit != null && !unit.isEmpty() ? new BigDecimal(unit).multiply(q)
            : percent != null && !percent.isEmpty() ? gross.multiply(new BigDecimal(percent))
                .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP) : BigDecimal.ZERO;
        if (discount.signum() != 0 || values.containsKey("hs_total_discount")) {
          out.put("hs_total_discount", discount.signum() == 0 ? "" : discount.stripTrailingZeros().toPlainString());
        }
        out.put("amount", gross.subtract(discount).stripTrailingZeros().toPlainString());
      }
    } catch (NumberFormatException e) {
      // a price or quantity that is no number leaves the amount alone (values are not type-checked)
    }
    return out;
  }

  private CrmObject product(String id) {
    Long parsed = ObjectStore.parseId(id);
    return parsed == null ? null : products.live(parsed);
  }
}
