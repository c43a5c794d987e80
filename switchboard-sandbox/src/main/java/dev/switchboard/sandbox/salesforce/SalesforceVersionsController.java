package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Versions list, per-version resources, sObject list and the session's org's limits. */
@RestController
class SalesforceVersionsController {

  static final List<String[]> VERSIONS = List.of(new String[] {"Summer '24", "61.0"}, new String[] {"Winter '25", "62.0"},
      new String[] {"Spring '25", "63.0"});

  private final SalesforceSettings settings;
  private final ChangeClock clock;

  SalesforceVersionsController(SalesforceSettings settings, ChangeClock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_versions.htm
  @GetMapping({"/salesforce/services/data", "/salesforce/services/data/"})
  List<Map<String, Object>> versions() {
    return VERSIONS.stream().map(v -> Map.<String, Object>of("label", v[0], "url", "/services/data/v" + v[1], "version", v[1]))
        .toList();
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_discoveryresource.htm
  @GetMapping({"/salesforce/services/data/{version:v\\d+\\.\\d+}", "/salesforce/services/data/{version:v\\d+\\.\\d+}/"})
  Map<String, Object> resources(@PathVariable String version) {
    Map<String, Object> m = new LinkedHashMap<>();
    String base = "/services/data/" + version;
    for (String r : List.of("sobjects", "query", "queryAll", "composite", "limits", "search", "recent")) {
      m.put(r, base + "/" + r);
    }
    return m;
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_describeGlobal.htm
  @GetMapping("/salesforce/services/data/{version:v\\d+\\.\\d+}/sobjects")
  Map<String, Object> sobjects(@PathVariable String version) {
    List<Map<String, Object>> list = SalesforceSchema.TYPES.values().stream().map(t -> {
      Map<String, Object> d = new LinkedHashMap<>(SalesforceSchema.describe(t, version));
      d.remove("fields");
      return d;
    }).toList();
    return Map.of("encoding", "UTF-8", "maxBatchSize", 200, "sobjects", list);
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
  @GetMapping("/salesforce/services/data/{version:v\\d+\\.\\d+}/limits")
  Map<String, Object> limits(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org) {
    int max = settings.dailyApiLimit;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("DailyApiRequests", Map.of("Max", max, "Remaining", Math.max(0, max - org.used(clock.now()))));
    m.put("DailyBulkV2QueryJobs", Map.of("Max", 10000, "Remaining", 10000));
    m.put("DataStorageMB", Map.of("Max", 5, "Remaining", 5));
    return m;
  }
}
