package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.Money;
import dev.switchboard.app.mapping.ComputedTransform;
import dev.switchboard.app.mapping.FieldRule;
import dev.switchboard.app.mapping.PortalMoneyTransform;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot line items ({@code /crm/v3/objects/line_items}) as one line of a deal's canonical {@code lines}, as
 * {@code mappings/hubspot/line_item.yaml} maps them ({@link HubSpotFileMapping}). Not a binding of its own: a line item
 * exists only as a line of its deal, so {@link HubSpotDealLines} reads them with the deal and writes them through this
 * type's mapping and {@link HubSpotWrites} (batch update by id, batch upsert by the line's key in
 * {@code switchboard_id}).
 *
 * <p>The file maps the product (the spine turns the product's HubSpot id into its record and back: a line reference is
 * {@code {type, externalId}} here), name, quantity, unit price and amount (money in the deal's currency, which
 * {@link #inCurrency} supplies; HubSpot calculates the amount: read only) and position (HubSpot counts from 0, the
 * spine from 1). The discount is the two computations the file names and this class supplies: read, the line's whole
 * discount ({@link #totalDiscount(List)}: HubSpot's calculated total where set, so a percentage discount is read as the
 * amount HubSpot made of it, else the unit discount × quantity); written, HubSpot's unit discount
 * ({@link #unitDiscount}), clearing the percentage, and only when it differs from that total, so a percentage line
 * stays as it is until its discount changes; a changed discount the quantity does not divide exactly is refused for
 * that line alone, never rounded: see {@link HubSpotDealLines}. Not mapped: tax, billing terms.
 */
final class HubSpotLineItemType implements HubSpotObjectType {
  static final String VENDOR_TYPE = HubSpotObjectKind.LINE_ITEMS.vendorType;
  static final String PATH = HubSpotObjectKind.LINE_ITEMS.path;
  /** The file as it is; money is bound per deal ({@link #inCurrency}). */
  private static final HubSpotFileMapping FILE = HubSpotFileMapping.of(VENDOR_TYPE);
  /** The line's whole discount from what HubSpot holds: [calculated total, unit discount, quantity]. */
  private static final FieldRule TOTAL_DISCOUNT = computed("totalDiscount");
  /** The unit discount written for [whole discount, quantity]: [unit discount, percentage]. */
  private static final FieldRule UNIT_DISCOUNT = computed("unitDiscount");
  /** The property that orders a deal's lines first. */
  static final String POSITION = FILE.file().vendorFieldOf("position");
  /** The property that orders lines of no position: their creation time (the file's other read). */
  static final String CREATED = FILE.file().alsoRead().stream().filter(p -> !p.equals(FILE.file().modifiedAt()))
      .findFirst().orElseThrow();
  /** What a read of a deal's line items asks for: the file's properties and the line's key. */
  static final List<String> READ = withKey(FILE.readProperties(Map.of()));

  private final HubSpotFileMapping mapping;

  private HubSpotLineItemType(@Nullable String currency) {
    this.mapping = FILE.bind(t -> switch (t) {
      case PortalMoneyTransform money -> money.bind(currency);
      case ComputedTransform c when c.computation().equals(TOTAL_DISCOUNT_NAME) -> c.bind(totalDiscountIn(currency));
      case ComputedTransform c when c.computation().equals(UNIT_DISCOUNT_NAME) -> c.bind(UNIT_DISCOUNT_WRITE);
      case ComputedTransform c -> throw new IllegalStateException(FILE.file().resource() + " names computation "
          + c.computation() + ", which line items do not supply");
      default -> t;
    });
  }

  /** The lines of a deal whose money is in {@code currency} (null: money left out). */
  static HubSpotLineItemType inCurrency(@Nullable String currency) {
    return currency == null ? INSTANCE : new HubSpotLineItemType(currency);
  }

  @Override
  public String canonicalType() {
    return FILE.file().canonicalType();
  }

  @Override
  public String vendorType() {
    return VENDOR_TYPE;
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public String lastModifiedProperty() {
    return FILE.lastModifiedProperty();
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return READ;
  }

  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    return Map.of();
  }

  /** A line without its id (the deal's composition sets it), its money in this type's currency. */
  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    return new CanonicalRecord(canonicalType(), mapping.toFields(object.path("properties"), Map.of()));
  }

  /** {@code desired}: one canonical line ({@code unitPrice} as {amount, currency}, or a number). */
  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    return mapping.toProperties(desired, Map.of());
  }

  /**
   * A line item's whole discount as HubSpot holds it ({@code properties} of a read): its calculated total where set
   * (whatever made it, a unit discount or a percentage), else the unit discount × quantity; zero for none.
   */
  static BigDecimal totalDiscount(JsonNode p) {
    List<@Nullable Object> in = new ArrayList<>();
    TOTAL_DISCOUNT.vendor().forEach(v -> in.add(HubSpotMapper.text(p.path(v))));
    return totalDiscount(in);
  }

  /** The whole discount of [calculated total, unit discount, quantity]; zero for none. */
  static BigDecimal totalDiscount(List<@Nullable Object> vendor) {
    BigDecimal total = decimal(text(vendor.get(0)));
    if (total != null) {
      return total;
    }
    BigDecimal unit = decimal(text(vendor.get(1)));
    BigDecimal quantity = decimal(text(vendor.get(2)));
    return unit == null ? BigDecimal.ZERO : unit.multiply(quantity == null ? BigDecimal.ONE : quantity);
  }

  /** A canonical line's whole discount ({@code discount} as {amount, currency}, or a number); zero for none. */
  static BigDecimal totalDiscount(Map<?, ?> line) {
    Object d = line.get(DISCOUNT);
    BigDecimal total = decimal(d instanceof Map<?, ?> m ? text(m.get(Money.AMOUNT_KEY)) : text(d));
    return total == null ? BigDecimal.ZERO : total;
  }

  /** The canonical field of a line's whole discount, as the file names it. */
  static final String DISCOUNT = TOTAL_DISCOUNT.canonicalField();
  private static final String TOTAL_DISCOUNT_NAME = "totalDiscount";
  private static final String UNIT_DISCOUNT_NAME = "unitDiscount";

  /**
   * HubSpot's unit discount for a line's whole discount over its quantity; empty when the quantity does not divide it
   * exactly (it cannot be held without rounding); "" for no discount.
   */
  static java.util.Optional<String> unitDiscount(Map<?, ?> line) {
    return unitDiscount(line.get(DISCOUNT), line.get(UNIT_DISCOUNT.canonical().get(1)));
  }

  private static java.util.Optional<String> unitDiscount(@Nullable Object discount, @Nullable Object quantityValue) {
    BigDecimal total = decimal(discount instanceof Map<?, ?> m ? text(m.get(Money.AMOUNT_KEY)) : text(discount));
    if (total == null || total.signum() == 0) {
      return java.util.Optional.of("");
    }
    BigDecimal quantity = decimal(text(quantityValue));
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

  /** Read: the whole discount, as money in {@code currency} (left out without one, and when zero). */
  private static ComputedTransform.Computation totalDiscountIn(@Nullable String currency) {
    return new ComputedTransform.Computation() {
      @Override
      public List<@Nullable Object> read(List<@Nullable Object> vendor) {
        BigDecimal total = totalDiscount(vendor);
        List<@Nullable Object> out = new ArrayList<>();
        out.add(total.signum() == 0 || currency == null ? null
            : Map.of(Money.AMOUNT_KEY, total.stripTrailingZeros().toPlainString(), Money.CURRENCY_KEY, currency));
        return out;
      }

      @Override
      public List<@Nullable Object> write(List<@Nullable Object> canonical) {
        throw new UnsupportedOperationException("the whole discount is read only");
      }
    };
  }

  /**
   * Write: [whole discount, quantity] → [unit discount, percentage cleared]; nothing when the line carries no discount
   * or the quantity does not divide it ({@link HubSpotDealLines#diff} refuses such a line before it is written).
   * HubSpot keeps one of the two: a percentage left set would go on making the total (a removed discount would not
   * stick), so writing the unit discount clears it.
   */
  private static final ComputedTransform.Computation UNIT_DISCOUNT_WRITE = new ComputedTransform.Computation() {
    @Override
    public List<@Nullable Object> read(List<@Nullable Object> vendor) {
      throw new UnsupportedOperationException("the unit discount is written only");
    }

    @Override
    public List<@Nullable Object> write(List<@Nullable Object> canonical) {
      List<@Nullable Object> out = new ArrayList<>();
      String unit = canonical.get(0) == null ? null : unitDiscount(canonical.get(0), canonical.get(1)).orElse(null);
      out.add(unit);
      out.add(unit == null ? null : "");
      return out;
    }
  };

  /** Money left out: the line items of a deal whose currency is not known. Made last: it binds the above. */
  static final HubSpotLineItemType INSTANCE = new HubSpotLineItemType(null);

  private static List<String> withKey(List<String> properties) {
    List<String> out = new ArrayList<>(properties);
    out.add(HubSpotKeyProperty.NAME);
    return List.copyOf(out);
  }

  private static FieldRule computed(String name) {
    return FILE.file().rules().stream()
        .filter(r -> r.transform() instanceof ComputedTransform c && c.computation().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException(FILE.file().resource() + " computes no " + name));
  }

  private static @Nullable BigDecimal decimal(String s) {
    try {
      return s == null || s.isBlank() ? null : new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(@Nullable Object v) {
    return v == null ? "" : String.valueOf(v).trim();
  }
}
