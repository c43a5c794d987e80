package dev.switchboard.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot CRM search for contacts: {@code filterGroups}, full-text {@code query}, {@code sorts}; offset
 * cursor, max 200 per page, 10,000 results overall. Rate-limited per second, not per 10 s (see the guard
 * filter).
 */
@RestController
class ContactSearchController {

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/search/post-crm-v3-objects-contacts-search
  @PostMapping("/hubspot/crm/v3/objects/contacts/search")
  Map<String, Object> search(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    int limit = body.get("limit") instanceof Number n ? n.intValue() : 10;
    if (limit < 1 || limit > 200) {
      throw HubSpotException.validation("limit must be between 1 and 200");
    }
    int after = 0;
    if (body.get("after") != null) {
      Long a = ContactStore.parseId(body.get("after").toString());
      if (a == null) {
        throw HubSpotException.validation("Invalid after: " + body.get("after"));
      }
      after = a.intValue();
    }
    if (after + limit > 10_000) {
      throw HubSpotException.validation("The search API is limited to 10,000 total results for any given query.");
    }
    List<Contact> all = portal.contacts.list(c -> !c.archived);
    List<Contact> matched = all.stream().filter(ContactSearch.filter(body.get("filterGroups")))
        .filter(ContactSearch.query(body.get("query")))
        .sorted(ContactSearch.sort(body.get("sorts"))).toList();
    List<Contact> page = matched.subList(Math.min(after, matched.size()), Math.min(after + limit, matched.size()));
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("total", matched.size());
    res.put("results", ContactJson.render(page, ContactJson.requested(body.get("properties"))));
    if (after + limit < matched.size()) {
      res.put("paging", Map.of("next", Map.of("after", Integer.toString(after + limit))));
    }
    return res;
  }
}
