package dev.switchboard.sandbox.hubspot;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot association labels (the associations schema API) for one pair of object types: the HubSpot-defined
 * types (e.g. contacts → companies: 279 unlabeled, 1 "Primary") and the portal's user-defined labels, which can be
 * created, renamed and deleted. Served on all three paths HubSpot publishes them under: {@code /crm/v4/associations}
 * (associations schema rollout 50914), {@code /crm/associations/v4} (rollout 130902) and
 * {@code /crm/associations/2026-03}, whose shapes are equal.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/associations/associations-schema/guide
 */
@RestController
@RequestMapping({"/hubspot/crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
    "/hubspot/crm/associations/v4/{fromObjectType}/{toObjectType}/labels",
    "/hubspot/crm/associations/2026-03/{fromObjectType}/{toObjectType}/labels"})
class AssociationLabelsController {

  // https://developers.hubspot.com/docs/api-reference/crm-associations-schema-v4/definitions/get-crm-v4-associations-fromObjectType-toObjectType-labels
  @GetMapping
  Map<String, Object> labels(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String toObjectType) {
    return Map.of("results", portal.crm.labels.all(ObjectType.of(fromObjectType), ObjectType.of(toObjectType)));
  }

  /** {@code {label, name, inverseLabel?}} → 200 with the new types of both directions. */
  @PostMapping
  Map<String, Object> create(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String toObjectType, @RequestBody Map<String, Object> body) {
    return Map.of("results", portal.crm.labels.create(ObjectType.of(fromObjectType), ObjectType.of(toObjectType), body));
  }

  /** {@code {associationTypeId, label, inverseLabel?}} renames a user-defined label → 204. */
  @PutMapping
  ResponseEntity<Void> update(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String toObjectType, @RequestBody Map<String, Object> body) {
    portal.crm.labels.update(ObjectType.of(fromObjectType), ObjectType.of(toObjectType), body);
    return ResponseEntity.noContent().build();
  }

  /** Deletes a user-defined label (both directions) and takes it off every association that had it → 204. */
  @DeleteMapping("/{associationTypeId}")
  ResponseEntity<Void> delete(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String toObjectType, @PathVariable int associationTypeId) {
    ObjectType from = ObjectType.of(fromObjectType);
    ObjectType to = ObjectType.of(toObjectType);
    if (portal.crm.labels.category(from, to, associationTypeId) == null
        || AssociationTypes.byId(associationTypeId) != null) {
      throw HubSpotException.notFound();
    }
    Integer inverse = portal.crm.labels.inverse(associationTypeId);
    portal.crm.associations.dropTypes(List.of(associationTypeId, inverse), "INTEGRATION");
    portal.crm.labels.delete(from, to, associationTypeId);
    return ResponseEntity.noContent().build();
  }
}
