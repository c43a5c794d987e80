package dev.switchboard.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot CRM search for every object type, v3 and 2026-03 paths: {@code filterGroups} on any property (including
 * the last-modified date and {@code hs_object_id}), full-text {@code query}, one sort, {@code after} offset, at most
 * 200 per page. A query reaches its first 10,000 results only: a page is cut at the 10,000th and offers no next
 * page beyond it, and {@code after} ≥ 10,000 is a 400 (HubSpot: "The search API is limited to 10,000 total results
 * for any given query"); {@code total} still counts every match. Exempt from the ten-secondly limit and limited
 * per second instead, one budget for every type (see {@link HubSpotGuardFilter}).
 * https://developers.hubspot.com/docs/api-reference/latest/crm/search/guide
 */
@RestController
class ObjectSearchController {

  static final int MAX_RESULTS = 10_000;

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/search/post-crm-v3-objects-contacts-search
  @PostMapping({CrmPaths.OBJECTS_V3 + "/search", CrmPaths.OBJECTS_2026_03 + "/search"})
  Map<String, Object> search(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body) {
    ObjectType type = ObjectType.of(objectType);
    int limit = body.get("limit") instanceof Number n ? n.intValue() : 10;
    if (limit < 1 || limit > 200) {
      throw HubSpotException.validation("limit must be between 1 and 200");
    }
    int after = 0;
    if (body.get("after") != null) {
      Long a = ObjectStore.parseId(body.get("after").toString());
      if (a == null || a < 0) {
        throw HubSpotException.validation("Invalid after: " + body.get("after"));
      }
      if (a >= MAX_RESULTS) {
        throw HubSpotException.validation("The search API is limited to 10,000 total results for any given query.");
      }
      after = a.intValue();
    }
    ObjectSearch search = new ObjectSearch(portal.crm.catalog(type));
    List<CrmObject> matched = portal.crm.store(type).list(c -> !c.archived).stream()
        .filter(search.filter(body.get("filterGroups")))
        .filter(search.query(body.get("query")))
        .sorted(search.sort(body.get("sorts"))).toList();
    int end = Math.min(Math.min(after + limit, matched.size()), MAX_RESULTS);
    List<CrmObject> page = matched.subList(Math.min(after, end), end);
    List<String> props = HubSpotJson.requested(body.get("properties"), type);
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("total", matched.size());
    res.put("results", page.stream().map(c -> HubSpotJson.render(c, props)).toList());
    if (end < matched.size() && end < MAX_RESULTS) {
      res.put("paging", Map.of("next", Map.of("after", Integer.toString(end))));
    }
    return res;
  }
}
