package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot products ({@code /crm/v3/objects/products}) ⇄ the canonical product: {@code name}, {@code hs_sku} ⇄ sku,
 * {@code description}, {@code price} ⇄ price (in the portal's {@code companyCurrency}; a price in another currency is
 * refused, {@code currency_mismatch}), and the recurring billing frequency {@code recurringbillingfrequency} ⇄
 * billingInterval + billingIntervalCount ({@link #FREQUENCIES}; unset is {@code one_time}). Products keep no
 * associations; a line item refers to one by {@code hs_product_id}.
 */
final class HubSpotProductType implements HubSpotObjectType {
  static final String PATH = "products";
  static final String CANONICAL = "product";
  static final String FREQUENCY = "recurringbillingfrequency";
  /** HubSpot's billing frequency options → (canonical interval, count). */
  static final Map<String, Object[]> FREQUENCIES = frequencies();
  static final List<String> READ = List.of("name", "hs_sku", "description", "price", FREQUENCY,
      HubSpotCompanyType.LAST_MODIFIED);

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
    return "product";
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
    return HubSpotCompanyType.LAST_MODIFIED;
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return READ;
  }

  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("name", List.of("name"));
    out.put("sku", List.of("hs_sku"));
    out.put("description", List.of("description"));
    out.put("price", List.of("price"));
    out.put("billingInterval", List.of(FREQUENCY));
    out.put("billingIntervalCount", List.of(FREQUENCY));
    return out;
  }

  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    JsonNode p = object.path("properties");
    Map<String, Object> f = new LinkedHashMap<>();
    putText(f, "name", p, "name");
    putText(f, "sku", p, "hs_sku");
    putText(f, "description", p, "description");
    if (p.has("price")) {
      String price = HubSpotMapper.text(p.get("price"));
      String currency = connection == null ? null : portal.of(connection).currency();
      if (price.isEmpty()) {
        f.put("price", "");
      } else if (currency != null) {
        f.put("price", Map.of("amount", price, "currency", currency));
      }
    }
    if (p.has(FREQUENCY)) {
      String freq = HubSpotMapper.text(p.get(FREQUENCY));
      Object[] interval = freq.isEmpty() ? new Object[] {"one_time", null} : FREQUENCIES.get(freq);
      if (interval != null) {
        f.put("billingInterval", interval[0]);
        f.put("billingIntervalCount", interval[1] == null ? "" : interval[1]);
      }
    }
    return new CanonicalRecord(CANONICAL, f);
  }

  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    ObjectNode props = HubSpotClient.JSON.createObjectNode();
    Map<String, Object> f = desired.fields();
    putProp(props, desired, "name", "name");
    putProp(props, desired, "sku", "hs_sku");
    putProp(props, desired, "description", "description");
    if (desired.has("price")) {
      props.put("price", f.get("price") instanceof Map<?, ?> m ? plain(m.get("amount")) : plain(f.get("price")));
    }
    if (desired.has("billingInterval")) {
      props.put(FREQUENCY, frequencyOf(desired));
    }
    return props;
  }

  /** A price in another currency than the portal's, or a billing interval HubSpot has no frequency for. */
  @Override
  public WriteResult.@Nullable Rejected refusal(WriteRequest w) {
    CanonicalRecord d = w.desired();
    if (d.fields().get("price") instanceof Map<?, ?> m && m.get("currency") != null && connection != null) {
      String currency = portal.of(connection).currency();
      if (currency != null && !currency.equalsIgnoreCase(String.valueOf(m.get("currency")))) {
        return new WriteResult.Rejected(w.ref(), "currency_mismatch", "price",
            "the hubspot portal keeps prices in " + currency + ", not " + m.get("currency"));
      }
    }
    if (d.has("billingInterval") && frequencyOf(d) == null) {
      return new WriteResult.Rejected(w.ref(), "billing_interval_unsupported", "billingInterval",
          "hubspot has no billing frequency for every " + d.fields().get("billingIntervalCount") + " "
              + d.fields().get("billingInterval"));
    }
    return null;
  }

  /** HubSpot's frequency for the record's interval and count ("" for one-time), or null when it has none. */
  static @Nullable String frequencyOf(CanonicalRecord d) {
    String interval = plain(d.fields().get("billingInterval"));
    if (interval.isEmpty() || interval.equals("one_time")) {
      return "";
    }
    String count = plain(d.fields().get("billingIntervalCount"));
    long n;
    try {
      n = count.isEmpty() ? 1 : new java.math.BigDecimal(count).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
    return FREQUENCIES.entrySet().stream().filter(e -> e.getValue()[0].equals(interval)
        && e.getValue()[1] instanceof Long c && c == n).map(Map.Entry::getKey).findFirst().orElse(null);
  }

  private static Map<String, Object[]> frequencies() {
    Map<String, Object[]> m = new LinkedHashMap<>();
    m.put("weekly", new Object[] {"week", 1L});
    m.put("biweekly", new Object[] {"week", 2L});
    m.put("monthly", new Object[] {"month", 1L});
    m.put("quarterly", new Object[] {"month", 3L});
    m.put("per_six_months", new Object[] {"month", 6L});
    m.put("annually", new Object[] {"year", 1L});
    m.put("per_two_years", new Object[] {"year", 2L});
    m.put("per_three_years", new Object[] {"year", 3L});
    m.put("per_four_years", new Object[] {"year", 4L});
    m.put("per_five_years", new Object[] {"year", 5L});
    return java.util.Collections.unmodifiableMap(m);
  }

  private static void putText(Map<String, Object> out, String field, JsonNode props, String name) {
    if (props.has(name)) {
      out.put(field, HubSpotMapper.text(props.get(name)));
    }
  }

  private static void putProp(ObjectNode props, CanonicalRecord d, String field, String name) {
    if (d.has(field)) {
      props.put(name, plain(d.fields().get(field)));
    }
  }

  private static String plain(@Nullable Object v) {
    return v == null ? "" : String.valueOf(v).trim();
  }
}
