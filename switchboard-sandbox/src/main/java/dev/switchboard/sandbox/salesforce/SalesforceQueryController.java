package dev.switchboard.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SOQL query with server-side cursors: the first batch answers {@code nextRecordsUrl}
 * ({@code /services/data/vXX.X/query/01g…-2000}) while more remain. Batch size: {@code queryBatchSize}
 * (default 2000) or the {@code Sforce-Query-Options: batchSize=n} header (200..2000), whichever is smaller.
 * Queries read the session's org only, and a locator pages only in the org that opened it.
 */
@RestController
class SalesforceQueryController {

  private final SalesforceSettings settings;

  SalesforceQueryController(SalesforceSettings settings) {
    this.settings = settings;
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
  @GetMapping("/salesforce/services/data/{version:v\\d+\\.\\d+}/query")
  Map<String, Object> query(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String version, @RequestParam(required = false) String q,
      @RequestHeader(name = "Sforce-Query-Options", required = false) String options) {
    if (q == null || q.isBlank()) {
      throw SalesforceException.malformedQuery("A query string has to be specified");
    }
    SalesforceSoql.Query query = SalesforceSoql.parse(q);
    Stream<Map<String, Object>> rows = org.store.all(query.type()).stream().filter(query.where());
    if (query.order() != null) {
      rows = rows.sorted(query.order());
    }
    rows = rows.skip(query.offset());
    if (query.limit() != null) {
      rows = rows.limit(query.limit());
    }
    List<Map<String, Object>> all = rows.map(r -> SalesforceRecords.render(query.type(), r, query.fields(), version)).toList();
    if (query.count()) {
      return page(all.size(), List.of(), null);
    }
    int batch = batchSize(options);
    if (all.size() <= batch) {
      return page(all.size(), all, null);
    }
    String locator = org.cursors.open(all);
    return page(all.size(), all.subList(0, batch), "/services/data/" + version + "/query/" + locator + "-" + batch);
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm (nextRecordsUrl)
  @GetMapping("/salesforce/services/data/{version:v\\d+\\.\\d+}/query/{locator}")
  Map<String, Object> more(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String version, @PathVariable String locator,
      @RequestHeader(name = "Sforce-Query-Options", required = false) String options) {
    int dash = locator.lastIndexOf('-');
    List<Map<String, Object>> all = dash < 0 ? null : org.cursors.get(locator.substring(0, dash));
    int from;
    try {
      from = dash < 0 ? -1 : Integer.parseInt(locator.substring(dash + 1));
    } catch (NumberFormatException e) {
      from = -1;
    }
    if (all == null || from < 0 || from > all.size()) {
      throw new SalesforceException(400, "INVALID_QUERY_LOCATOR", "invalid query locator", null);
    }
    int to = Math.min(all.size(), from + batchSize(options));
    String next = to < all.size() ? "/services/data/" + version + "/query/" + locator.substring(0, dash) + "-" + to : null;
    return page(all.size(), all.subList(from, to), next);
  }

  private int batchSize(String options) {
    int size = settings.queryBatchSize;
    if (options != null && options.matches("(?i)\\s*batchSize\\s*=\\s*\\d+\\s*")) {
      int asked = Integer.parseInt(options.replaceAll("\\D", ""));
      size = Math.min(size, Math.max(200, Math.min(2000, asked)));
    }
    return Math.max(1, size);
  }

  private static Map<String, Object> page(int total, List<Map<String, Object>> records, String next) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("totalSize", total);
    m.put("done", next == null);
    if (next != null) {
      m.put("nextRecordsUrl", next);
    }
    m.put("records", records);
    return m;
  }
}
