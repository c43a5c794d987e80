package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Products, told apart by a synthetic name ({@code tck-…}); created by create key (a SKU is not unique). */
final class ProductSamples implements RecordSamples {
  static final ProductSamples INSTANCE = new ProductSamples();
  static final String NAME = "name";
  static final String SKU = "sku";
  static final String DESCRIPTION = "description";
  static final String PRICE = "price";
  static final String INTERVAL = "billingInterval";
  static final String COUNT = "billingIntervalCount";
  static final List<String> WRITABLE = List.of(NAME, SKU, DESCRIPTION, PRICE, INTERVAL, COUNT);

  @Override
  public String type() {
    return "product";
  }

  @Override
  public String tagField() {
    return NAME;
  }

  @Override
  public String tagValue(String tag) {
    return RecordSamples.unique(tag);
  }

  @Override
  public String changeField() {
    return DESCRIPTION;
  }

  @Override
  public CanonicalRecord roundTripCreate(String name, Function<String, String> longest) {
    Map<String, Object> created = new LinkedHashMap<>();
    created.put(NAME, "  " + name + " · Ångström 🙂  ");
    created.put(SKU, "TCK-SKU-1");
    created.put(DESCRIPTION, longest.apply(DESCRIPTION));
    created.put(PRICE, DealSamples.usd("999.5"));
    created.put(INTERVAL, "month");
    created.put(COUNT, 3L);
    return record(created);
  }

  /** The SKU cleared and the billing made yearly; then one-time (no count) and the price cleared. */
  @Override
  public List<CanonicalRecord> roundTripUpdates(String name) {
    Map<String, Object> first = new HashMap<>();
    first.put(NAME, name);
    first.put(SKU, "");
    first.put(INTERVAL, "year");
    first.put(COUNT, 1L);
    Map<String, Object> second = new HashMap<>();
    second.put(INTERVAL, "one_time");
    second.put(COUNT, "");
    second.put(PRICE, null);
    return List.of(record(first), record(second));
  }

  @Override
  public String keptField() {
    return DESCRIPTION;
  }

  /** Numbers read back as themselves (the count is a number, not text). */
  @Override
  public Object readsBackAs(String field, Object written) {
    return written instanceof Long ? written : RecordSamples.super.readsBackAs(field, written);
  }
}
