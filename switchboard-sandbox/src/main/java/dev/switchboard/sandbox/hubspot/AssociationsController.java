package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HubSpot associations v4 between two records, on the {@code /crm/v4/objects} and the 2026-03
 * {@code /crm/objects/2026-03} paths (equal shapes): create the default association or labeled ones, list a
 * record's associations with one object type (paged, 500 at most per page), delete every association between two
 * records. Ids in the answers are strings, as the v4 (rollout 130902) and 2026-03 specs have them.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/associations/associations-v4/guide
 */
@RestController
class AssociationsController {

  static final String V4 = "/hubspot/crm/v4/objects";
  static final String DATED = "/hubspot/crm/objects/2026-03";

  private final ChangeClock clock;

  AssociationsController(ChangeClock clock) {
    this.clock = clock;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/basic/put-crm-v4-objects-fromObjectType-fromObjectId-associations-default-toObjectType-toObjectId
  /** The default (unlabeled) association, both directions → 200 {@code BatchResponsePublicDefaultAssociation}. */
  @PutMapping({V4 + "/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}",
      DATED + "/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}"})
  Map<String, Object> associateDefault(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String fromObjectId, @PathVariable String toObjectType,
      @PathVariable String toObjectId) {
    Associations a = portal.crm.associations;
    Associations.End from = a.live(ObjectType.of(fromObjectType), fromObjectId);
    Associations.End to = a.live(ObjectType.of(toObjectType), toObjectId);
    int typeId = a.associateDefault(from, to, "INTEGRATION");
    String started = HubSpotJson.ts(clock.now());
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("status", "COMPLETE");
    res.put("results", List.of(defaultAssociation(from, to, typeId), defaultAssociation(to, from, a.labels.inverse(typeId))));
    res.put("startedAt", started);
    res.put("completedAt", HubSpotJson.ts(clock.now()));
    return res;
  }

  /** {@code PublicDefaultAssociation}: from, to and the HubSpot-defined spec of the unlabeled type. */
  static Map<String, Object> defaultAssociation(Associations.End from, Associations.End to, int typeId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", Map.of("id", Long.toString(from.id())));
    m.put("to", Map.of("id", Long.toString(to.id())));
    m.put("associationSpec", Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", typeId));
    return m;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/basic/put-crm-v4-objects-objectType-objectId-associations-toObjectType-toObjectId
  /** Labeled associations ({@code [AssociationSpec]}) → 201 {@code LabelsBetweenObjectPair}. */
  @PutMapping({V4 + "/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}",
      DATED + "/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}"})
  ResponseEntity<Map<String, Object>> associate(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String objectId, @PathVariable String toObjectType,
      @PathVariable String toObjectId, @RequestBody List<Map<String, Object>> specs) {
    if (specs.isEmpty()) {
      throw HubSpotException.validation("At least one association type is required.");
    }
    Associations a = portal.crm.associations;
    Associations.End from = a.live(ObjectType.of(objectType), objectId);
    Associations.End to = a.live(ObjectType.of(toObjectType), toObjectId);
    a.associate(from, to, specs, "INTEGRATION");
    return ResponseEntity.status(201).body(a.labelsBetween(from, to));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/basic/get-crm-v4-objects-objectType-objectId-associations-toObjectType
  /**
   * {@code {results: [{toObjectId, associationTypes: [{category, typeId, label}]}], paging?}}, in id order; the
   * cursor is the next record's id. An unknown or archived record has none (empty results).
   */
  @GetMapping({V4 + "/{objectType}/{objectId}/associations/{toObjectType}",
      DATED + "/{objectType}/{objectId}/associations/{toObjectType}"})
  Map<String, Object> list(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String objectId, @PathVariable String toObjectType,
      @RequestParam(defaultValue = "500") int limit, @RequestParam(required = false) String after, HttpServletRequest req) {
    ObjectType type = ObjectType.of(objectType);
    ObjectType to = ObjectType.of(toObjectType);
    if (limit < 1 || limit > 500) {
      throw HubSpotException.validation("limit must be between 1 and 500");
    }
    Long cursor = after == null ? Long.valueOf(0) : ObjectStore.parseId(after);
    if (cursor == null) {
      throw HubSpotException.validation("Invalid after cursor: " + after);
    }
    Map<String, Object> res = new LinkedHashMap<>();
    Long id = ObjectStore.parseId(objectId);
    CrmObject c = id == null ? null : portal.crm.store(type).live(id);
    List<Map.Entry<Associations.End, Set<Integer>>> all = c == null ? List.of()
        : portal.crm.associations.list(new Associations.End(type, c.id), to);
    List<Map.Entry<Associations.End, Set<Integer>>> rest = all.stream().filter(e -> e.getKey().id() >= cursor).toList();
    List<Map<String, Object>> results = new ArrayList<>();
    for (Map.Entry<Associations.End, Set<Integer>> e : rest.subList(0, Math.min(limit, rest.size()))) {
      results.add(associated(portal, type, to, e));
    }
    res.put("results", results);
    if (rest.size() > limit) {
      String next = Long.toString(rest.get(limit).getKey().id());
      String link = UriComponentsBuilder.fromUriString(req.getRequestURL().toString())
          .query(req.getQueryString()).replaceQueryParam("after", next).build().toUriString();
      HubSpotJson.paging(res, true, next, link);
    }
    return res;
  }

  /** {@code MultiAssociatedObjectWithLabel}: the other record and every type (with its label) to it. */
  static Map<String, Object> associated(HubSpotPortal portal, ObjectType from, ObjectType to,
      Map.Entry<Associations.End, Set<Integer>> e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("toObjectId", Long.toString(e.getKey().id()));
    m.put("associationTypes", e.getValue().stream().map(t -> portal.crm.associations.spec(from, to, t)).toList());
    return m;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/basic/delete-crm-v4-objects-objectType-objectId-associations-toObjectType-toObjectId
  /** Deletes every association between the two records, both directions (204, also when there was none). */
  @DeleteMapping({V4 + "/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}",
      DATED + "/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}"})
  ResponseEntity<Void> delete(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String objectId, @PathVariable String toObjectType,
      @PathVariable String toObjectId) {
    ObjectType from = ObjectType.of(objectType);
    ObjectType to = ObjectType.of(toObjectType);
    Long a = ObjectStore.parseId(objectId);
    Long b = ObjectStore.parseId(toObjectId);
    if (a != null && b != null) {
      portal.crm.associations.remove(new Associations.End(from, portal.crm.store(from).resolve(a)),
          new Associations.End(to, portal.crm.store(to).resolve(b)), null, "INTEGRATION");
    }
    return ResponseEntity.noContent().build();
  }
}
