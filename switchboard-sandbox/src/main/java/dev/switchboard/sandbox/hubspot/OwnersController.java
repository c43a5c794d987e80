package dev.switchboard.sandbox.hubspot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HubSpot CRM owners ({@link Owners}) on the v3 and 2026-03 paths (equal shapes): a paged list (by {@code email},
 * {@code archived}; {@code limit} 1–500, default 100; the cursor is an offset) and one owner by id or user id.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/owners/guide
 */
@RestController
class OwnersController {

  @GetMapping({"/hubspot/crm/v3/owners", "/hubspot/crm/owners/2026-03"})
  Map<String, Object> list(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestParam(required = false) String email, @RequestParam(defaultValue = "100") int limit,
      @RequestParam(required = false) String after, @RequestParam(defaultValue = "false") boolean archived,
      HttpServletRequest req) {
    if (limit < 1 || limit > 500) {
      throw HubSpotException.validation("limit must be between 1 and 500");
    }
    Long offset = after == null ? Long.valueOf(0) : ObjectStore.parseId(after);
    if (offset == null || offset < 0) {
      throw HubSpotException.validation("Invalid after cursor: " + after);
    }
    List<Map<String, Object>> all = portal.crm.owners.list(archived, email);
    int from = (int) Math.min(offset, all.size());
    int to = Math.min(from + limit, all.size());
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("results", all.subList(from, to));
    if (to < all.size()) {
      String next = Integer.toString(to);
      String link = UriComponentsBuilder.fromUriString(req.getRequestURL().toString())
          .query(req.getQueryString()).replaceQueryParam("after", next).build().toUriString();
      HubSpotJson.paging(res, true, next, link);
    }
    return res;
  }

  @GetMapping({"/hubspot/crm/v3/owners/{ownerId}", "/hubspot/crm/owners/2026-03/{ownerId}"})
  Map<String, Object> get(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal, @PathVariable String ownerId,
      @RequestParam(defaultValue = "id") String idProperty, @RequestParam(defaultValue = "false") boolean archived) {
    Map<String, Object> o = portal.crm.owners.get(ownerId, idProperty, archived);
    if (o == null) {
      throw HubSpotException.notFound();
    }
    return o;
  }
}
