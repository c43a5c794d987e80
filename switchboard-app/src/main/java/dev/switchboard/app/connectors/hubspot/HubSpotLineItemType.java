package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
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
 * from 0, the spine from 1). Not mapped yet: {@code hs_product_id} (the line's {@code product} is a reference to a
 * canonical product, and the spine does not yet resolve vendor ids inside a child line), discounts and tax.
 */
final class HubSpotLineItemType implements HubSpotObjectType {
  static final HubSpotLineItemType INSTANCE = new HubSpotLineItemType();
  static final String PATH = "line_items";
  static final String POSITION = "hs_position_on_quote";
  static final List<String> READ = List.of("name", "quantity", "price", "amount", "hs_product_id", POSITION,
      "createdate", HubSpotCompanyType.LAST_MODIFIED, HubSpotKeyProperty.NAME);

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
    return new CanonicalRecord("line_item", f);
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
