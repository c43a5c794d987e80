package dev.switchboard.sandbox.salesforce;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One org's server-side query cursors (query locators): the rendered rows of a query, kept until reset. A locator
 * belongs to the org whose session ran the query, so another org's session cannot page through it.
 */
final class SalesforceCursors {

  private final Map<String, List<Map<String, Object>>> cursors = new HashMap<>();
  private long seq;

  /** Keeps {@code rows} and answers their new locator. */
  synchronized String open(List<Map<String, Object>> rows) {
    String locator = "01g5g" + String.format("%010d", ++seq) + "SbX";
    cursors.put(locator, rows);
    return locator;
  }

  /** The rows of {@code locator}, or null if this org has no such cursor. */
  synchronized List<Map<String, Object>> get(String locator) {
    return cursors.get(locator);
  }

  synchronized void reset() {
    cursors.clear();
    seq = 0;
  }
}
