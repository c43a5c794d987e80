package dev.switchboard.sandbox.hubspot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HubSpot CRM objects, basic endpoints, for every {@link ObjectType} (by name or type id) on the v3 and the
 * 2026-03 paths, whose shapes are equal: list with cursor paging, read (by id or a unique {@code idProperty},
 * with {@code propertiesWithHistory} and {@code associations}), create (with {@code associations}), update and
 * archive. A merged-away id reads as the record it was merged into.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/objects/objects/guide
 */
@RestController
@RequestMapping({CrmPaths.OBJECTS_V3, CrmPaths.OBJECTS_2026_03})
class ObjectsController {

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts
  @GetMapping
  Map<String, Object> list(
      @RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType,
      @RequestParam(defaultValue = "10") int limit,
      @RequestParam(required = false) String after,
      @RequestParam(required = false) String properties,
      @RequestParam(required = false) String propertiesWithHistory,
      @RequestParam(required = false) String associations,
      @RequestParam(defaultValue = "false") boolean archived,
      HttpServletRequest req) {
    ObjectType type = ObjectType.of(objectType);
    if (limit < 1 || limit > 100) {
      throw HubSpotException.validation("limit must be between 1 and 100");
    }
    Long cursor = after == null ? Long.valueOf(0) : ObjectStore.parseId(after); // cursor = first id of the page
    if (cursor == null) {
      throw HubSpotException.validation("Invalid after cursor: " + after);
    }
    List<CrmObject> page = portal.crm.store(type).page(cursor, limit + 1, archived);
    boolean more = page.size() > limit;
    page = page.subList(0, Math.min(limit, page.size()));
    List<String> props = HubSpotJson.requested(properties, type);
    List<String> history = HubSpotJson.names(propertiesWithHistory, List.of());
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("results", page.stream().map(c -> withAssociations(portal, HubSpotJson.render(c, props, history), c, associations)).toList());
    if (more) {
      String next = Long.toString(page.getLast().id + 1);
      String link = UriComponentsBuilder.fromUriString(req.getRequestURL().toString())
          .query(req.getQueryString()).replaceQueryParam("after", next).build().toUriString();
      HubSpotJson.paging(res, true, next, link);
    }
    return res;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts-contactId
  @GetMapping("/{objectId}")
  Map<String, Object> get(
      @RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType,
      @PathVariable String objectId,
      @RequestParam(required = false) String idProperty,
      @RequestParam(required = false) String properties,
      @RequestParam(required = false) String propertiesWithHistory,
      @RequestParam(required = false) String associations,
      @RequestParam(defaultValue = "false") boolean archived) {
    ObjectType type = ObjectType.of(objectType);
    CrmObject c = portal.crm.store(type).find(objectId, idProperty, archived);
    if (c == null) {
      throw HubSpotException.notFound();
    }
    return withAssociations(portal, HubSpotJson.render(c, HubSpotJson.requested(properties, type),
        HubSpotJson.names(propertiesWithHistory, List.of())), c, associations);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts
  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body) {
    CrmObject c = RecordWrites.create(portal.crm, ObjectType.of(objectType), body, "INTEGRATION");
    return ResponseEntity.status(HttpStatus.CREATED).body(HubSpotJson.written(c));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/patch-crm-v3-objects-contacts-contactId
  @PatchMapping("/{objectId}")
  Map<String, Object> update(
      @RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType,
      @PathVariable String objectId,
      @RequestParam(required = false) String idProperty,
      @RequestBody Map<String, Object> body) {
    ObjectStore store = portal.crm.store(ObjectType.of(objectType));
    CrmObject found = store.find(objectId, idProperty, false);
    if (found == null) {
      throw HubSpotException.notFound();
    }
    return HubSpotJson.written(store.update(found.id, CrmBodies.props(body), "INTEGRATION"));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/delete-crm-v3-objects-contacts-contactId
  /** Archives the record and removes its associations; 204 for an unknown or archived id too, as in HubSpot. */
  @DeleteMapping("/{objectId}")
  ResponseEntity<Void> archive(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String objectId) {
    ObjectType type = ObjectType.of(objectType);
    Long id = ObjectStore.parseId(objectId);
    if (id != null) {
      portal.crm.archive(type, id, "INTEGRATION");
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * Adds {@code associations: {<toType>: {results: [{id, type}]}}} for each type named in the {@code associations}
   * parameter that the record has associations with (one entry per association type, v3's {@code AssociatedId}).
   */
  static Map<String, Object> withAssociations(HubSpotPortal portal, Map<String, Object> rendered, CrmObject c, String toTypes) {
    List<String> names = HubSpotJson.names(toTypes, List.of());
    if (names.isEmpty() || c.archived) {
      return rendered;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Associations.End from = new Associations.End(c.type, c.id);
    for (String name : names) {
      ObjectType to = ObjectType.of(name);
      List<Map<String, Object>> results = new java.util.ArrayList<>();
      for (Map.Entry<Associations.End, Set<Integer>> e : portal.crm.associations.list(from, to)) {
        e.getValue().forEach(typeId -> results.add(Map.of("id", Long.toString(e.getKey().id()),
            "type", AssociationLabels.v3Name(typeId))));
      }
      if (!results.isEmpty()) {
        out.put(to.plural, Map.of("results", results));
      }
    }
    if (!out.isEmpty()) {
      rendered.put("associations", out);
    }
    return rendered;
  }
}
