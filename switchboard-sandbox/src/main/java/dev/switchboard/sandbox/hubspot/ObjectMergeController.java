package dev.switchboard.sandbox.hubspot;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The "advanced" object endpoints: merge (contacts, companies, deals; see {@link ObjectLifecycle#merge}) and the
 * contacts' GDPR delete, on the v3 and 2026-03 paths.
 */
@RestController
class ObjectMergeController {

  // https://developers.hubspot.com/docs/api-reference/crm-companies-v3/advanced/post-crm-v3-objects-companies-merge
  /** {@code PublicMergeInput} {@code {primaryObjectId, objectIdToMerge}} → the primary record (200). */
  @PostMapping({CrmPaths.OBJECTS_V3 + "/merge", CrmPaths.OBJECTS_2026_03 + "/merge"})
  Map<String, Object> merge(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body) {
    String primary = CrmBodies.string(body, "primaryObjectId");
    String merged = CrmBodies.string(body, "objectIdToMerge");
    if (primary == null || merged == null) {
      throw HubSpotException.validation("primaryObjectId and objectIdToMerge are required");
    }
    return HubSpotJson.written(portal.crm.lifecycle.merge(ObjectType.of(objectType), primary, merged, "INTEGRATION"));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/gdpr/post-crm-v3-objects-contacts-gdpr-delete
  /**
   * Permanently deletes the contact (archived or not) with its associations and fires {@code contact.privacyDeletion}.
   * An email ({@code idProperty=email}) that matches no contact is still 204 (HubSpot blocklists it; the sandbox
   * does not enforce that blocklist); an unknown record id is 404.
   */
  @PostMapping({"/hubspot/crm/v3/objects/contacts/gdpr-delete", "/hubspot/crm/objects/2026-03/contacts/gdpr-delete"})
  ResponseEntity<Void> gdprDelete(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    String objectId = CrmBodies.string(body, "objectId");
    if (objectId == null) {
      throw HubSpotException.validation("objectId is required");
    }
    String idProperty = CrmBodies.string(body, "idProperty");
    ObjectStore contacts = portal.crm.store(ObjectType.CONTACTS);
    CrmObject c = contacts.find(objectId, idProperty, false);
    if (c == null) {
      c = contacts.find(objectId, idProperty, true);
    }
    if (c == null) {
      if ("email".equals(idProperty)) {
        return ResponseEntity.noContent().build();
      }
      throw HubSpotException.notFound();
    }
    portal.crm.lifecycle.purge(ObjectType.CONTACTS, c.id, "INTEGRATION");
    return ResponseEntity.noContent().build();
  }
}
