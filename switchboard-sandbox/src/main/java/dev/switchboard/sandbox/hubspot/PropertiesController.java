package dev.switchboard.sandbox.hubspot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
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

/**
 * HubSpot CRM properties and property groups of every object type ({@link PropertyCatalog}) on the v3 and
 * 2026-03 paths. Custom properties are the portal's own; one created with {@code hasUniqueValue: true} becomes
 * an {@code idProperty} for reads and upserts and refuses duplicate values; enumeration options are enforced on
 * write. The two versions differ in requiredness only: 2026-03 requires {@code displayOrder} on each option
 * written (enforced on its paths), and v3 requires {@code displayOrder} on groups (always answered).
 * https://developers.hubspot.com/docs/api-reference/latest/crm/properties/guide
 */
@RestController
@RequestMapping({"/hubspot/crm/v3/properties/{objectType}", "/hubspot/crm/properties/2026-03/{objectType}"})
class PropertiesController {

  private static PropertyCatalog catalog(HubSpotPortal portal, String objectType) {
    return portal.crm.catalog(ObjectType.of(objectType));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/get-crm-v3-properties-objectType
  @GetMapping
  Map<String, Object> all(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal, @PathVariable String objectType,
      @RequestParam(defaultValue = "false") boolean archived) {
    return Map.of("results", catalog(portal, objectType).all(archived));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/get-crm-v3-properties-objectType-propertyName
  @GetMapping("/{propertyName}")
  Map<String, Object> get(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal, @PathVariable String objectType,
      @PathVariable String propertyName) {
    Map<String, Object> p = catalog(portal, objectType).get(propertyName);
    if (p == null) {
      throw HubSpotException.notFound();
    }
    return p;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/post-crm-v3-properties-objectType
  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body, HttpServletRequest req) {
    return ResponseEntity.status(201).body(catalog(portal, objectType).create(body, CrmPaths.dated(req)));
  }

  @PatchMapping("/{propertyName}")
  Map<String, Object> update(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String propertyName, @RequestBody Map<String, Object> body,
      HttpServletRequest req) {
    return catalog(portal, objectType).update(propertyName, body, CrmPaths.dated(req));
  }

  @DeleteMapping("/{propertyName}")
  ResponseEntity<Void> archive(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String propertyName) {
    catalog(portal, objectType).archive(propertyName);
    return ResponseEntity.noContent().build();
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/groups/get-crm-v3-properties-objectType-groups
  @GetMapping("/groups")
  Map<String, Object> groups(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal, @PathVariable String objectType) {
    return Map.of("results", catalog(portal, objectType).groups());
  }

  @PostMapping("/groups")
  ResponseEntity<Map<String, Object>> createGroup(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body) {
    PropertyCatalog c = catalog(portal, objectType);
    boolean taken = body.get("name") != null && c.group(String.valueOf(body.get("name"))) != null;
    return ResponseEntity.status(201).body(c.custom.createGroup(body, taken));
  }

  @GetMapping("/groups/{groupName}")
  Map<String, Object> group(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal, @PathVariable String objectType,
      @PathVariable String groupName) {
    Map<String, Object> g = catalog(portal, objectType).group(groupName);
    if (g == null) {
      throw HubSpotException.notFound();
    }
    return g;
  }

  /** Custom groups only; HubSpot's own groups are not editable here (404). */
  @PatchMapping("/groups/{groupName}")
  Map<String, Object> updateGroup(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String groupName, @RequestBody Map<String, Object> body) {
    Map<String, Object> g = catalog(portal, objectType).custom.updateGroup(groupName, body);
    if (g == null) {
      throw HubSpotException.notFound();
    }
    return g;
  }

  @DeleteMapping("/groups/{groupName}")
  ResponseEntity<Void> archiveGroup(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String groupName) {
    if (!catalog(portal, objectType).custom.archiveGroup(groupName)) {
      throw HubSpotException.notFound();
    }
    return ResponseEntity.noContent().build();
  }
}
