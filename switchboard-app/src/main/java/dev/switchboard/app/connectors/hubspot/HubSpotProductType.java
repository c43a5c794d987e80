package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.Money;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import dev.switchboard.app.mapping.FieldRule;
import dev.switchboard.app.mapping.IntervalTransform;
import dev.switchboard.app.mapping.MappingValueException;
import dev.switchboard.app.mapping.PortalMoneyTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot products ({@code /crm/v3/objects/products}) ⇄ the canonical product, as {@code mappings/hubspot/product.yaml}
 * maps them ({@link HubSpotFileMapping}): name, SKU, description, the price (in the portal's {@code companyCurrency},
 * which this class supplies per connection into the file's {@code money: {currency: portal}} rule; a price in another
 * currency is refused, {@code currency_mismatch}) and the recurring billing frequency ⇄ billingInterval +
 * billingIntervalCount by the file's {@code interval} table (unset is {@code one_time}; an interval HubSpot has no
 * frequency for is refused, {@code billing_interval_unsupported}). Products keep no associations; a line item refers to
 * one by its product id.
 */
final class HubSpotProductType implements HubSpotObjectType {
  static final String PATH = "products";
  static final String CANONICAL = "product";
  static final String VENDOR_TYPE = "product";
  static final HubSpotFileMapping MAPPING = HubSpotFileMapping.of(VENDOR_TYPE);
  /** canonical price ⇄ the price property, in the portal's currency. */
  private static final FieldRule PRICE = MAPPING.ruleBy(PortalMoneyTransform.class);
  /** canonical [billingInterval, billingIntervalCount] ⇄ HubSpot's billing frequency. */
  private static final FieldRule FREQUENCY = MAPPING.ruleBy(IntervalTransform.class);

  private final HubSpotPipelines portal;
  private final @Nullable ConnectionContext connection;

  HubSpotProductType(HubSpotPipelines portal) {
    this(portal, null);
  }

  private HubSpotProductType(HubSpotPipelines portal, @Nullable ConnectionContext connection) {
    this.portal = portal;
    this.connection = connection;
  }

  @Override
  public HubSpotObjectType at(ConnectionContext connection) {
    return new HubSpotProductType(portal, connection);
  }

  @Override
  public String canonicalType() {
    return CANONICAL;
  }

  @Override
  public String vendorType() {
    return VENDOR_TYPE;
  }

  @Override
  public String path() {
    return PATH;
  }

  /** HubSpot has no merge for products. */
  @Override
  public boolean mergeable() {
    return false;
  }

  @Override
  public String lastModifiedProperty() {
    return MAPPING.lastModifiedProperty();
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return MAPPING.readProperties(Map.of());
  }

  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    return MAPPING.fieldSources(Map.of());
  }

  /** The price in the portal's currency, looked up only for a product that carries a price (left out without one). */
  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    JsonNode p = object.path("properties");
    String currency = connection != null && p.has(PRICE.vendorField()) ? portal.of(connection).currency() : null;
    return new CanonicalRecord(CANONICAL, MAPPING.bind(t -> t instanceof PortalMoneyTransform money
        ? money.bind(currency) : t).toFields(p, Map.of()));
  }

  /** The price is written without its currency, and a frequency HubSpot has: {@link #refusal} has checked both. */
  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    try {
      return MAPPING.toProperties(desired, Map.of());
    } catch (MappingValueException e) {
      throw new IllegalStateException("product " + e.code() + " was checked by refusal()", e);
    }
  }

  /** A price in another currency than the portal's, or a billing interval HubSpot has no frequency for. */
  @Override
  public WriteResult.@Nullable Rejected refusal(WriteRequest w) {
    CanonicalRecord d = w.desired();
    String price = PRICE.canonicalField();
    if (d.fields().get(price) instanceof Map<?, ?> m && m.get(Money.CURRENCY_KEY) != null && connection != null) {
      String currency = portal.of(connection).currency();
      if (currency != null && !currency.equalsIgnoreCase(String.valueOf(m.get(Money.CURRENCY_KEY)))) {
        return new WriteResult.Rejected(w.ref(), "currency_mismatch", price,
            "the hubspot portal keeps prices in " + currency + ", not " + m.get(Money.CURRENCY_KEY));
      }
    }
    String interval = FREQUENCY.canonical().get(0);
    if (d.has(interval) && frequencyOf(d) == null) {
      return new WriteResult.Rejected(w.ref(), "billing_interval_unsupported", interval,
          "hubspot has no billing frequency for every " + d.fields().get(FREQUENCY.canonical().get(1)) + " "
              + d.fields().get(interval));
    }
    return null;
  }

  /** HubSpot's frequency for the record's interval and count ("" for one-time), or null when it has none. */
  static @Nullable String frequencyOf(CanonicalRecord d) {
    List<@Nullable Object> in = new ArrayList<>();
    FREQUENCY.canonical().forEach(c -> in.add(d.fields().get(c)));
    if (in.get(0) == null) {
      in.set(0, ""); // no interval: one-time
    }
    try {
      Object out = FREQUENCY.transform().write(in).get(0);
      return out == null ? null : String.valueOf(out);
    } catch (MappingValueException e) {
      return null;
    }
  }
}
