package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Deals, told apart by a synthetic name ({@code tck-…}); created by create key (a deal has no natural key). Money is
 * the canonical {amount, currency} in the portal's currency (the sandbox's: USD); the round trip writes lines (with
 * the line total HubSpot calculates, so they read back as written), changes them, and clears them.
 */
final class DealSamples implements RecordSamples {
  static final DealSamples INSTANCE = new DealSamples();
  static final String NAME = "name";
  static final String DESCRIPTION = "description";
  static final String AMOUNT = "amount";
  static final String CLOSE_DATE = "closeDate";
  static final String STAGE = "stage";
  static final String PIPELINE = "pipeline";
  static final String LINES = "lines";
  static final List<String> WRITABLE = List.of(NAME, DESCRIPTION, AMOUNT, CLOSE_DATE, STAGE, PIPELINE, LINES);

  @Override
  public String type() {
    return "deal";
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
    created.put(NAME, "  " + name + " · Zoë & Ångström 李小龍 🙂  ");
    created.put(DESCRIPTION, longest.apply(DESCRIPTION));
    created.put(AMOUNT, usd("1250.5"));
    created.put(CLOSE_DATE, "2026-03-31");
    created.put(STAGE, "contract_sent");
    created.put(PIPELINE, "default");
    created.put(LINES, List.of(line("tck-1", "Ünïcødé licence", "2", "500", "1000", 1),
        line("tck-2", "Setup", "1", "250.5", "250.5", 2)));
    return record(created);
  }

  /**
   * First the stage moves to won, the close date and the amount are cleared, a line goes and one changes; then the
   * lines are cleared whole and the amount set again. The description (the longest value) is named by neither.
   */
  @Override
  public List<CanonicalRecord> roundTripUpdates(String name) {
    Map<String, Object> first = new HashMap<>();
    first.put(NAME, name);
    first.put(STAGE, "closed_won");
    first.put(CLOSE_DATE, "");
    first.put(AMOUNT, null);
    first.put(LINES, List.of(line("tck-2", "Setup", "3", "250.5", "751.5", 1)));
    Map<String, Object> second = new HashMap<>();
    second.put(LINES, "");
    second.put(AMOUNT, usd("99"));
    second.put(STAGE, "appointment_scheduled");
    return List.of(record(first), record(second));
  }

  @Override
  public String keptField() {
    return DESCRIPTION;
  }

  static Map<String, Object> usd(String amount) {
    return Map.of("amount", amount, "currency", "USD");
  }

  static Map<String, Object> line(String id, String name, String quantity, String price, String amount,
      long position) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("id", id);
    l.put("name", name);
    l.put("quantity", quantity);
    l.put("unitPrice", usd(price));
    l.put("amount", usd(amount));
    l.put("position", position);
    return l;
  }
}
