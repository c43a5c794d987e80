package dev.switchboard.sandbox.hubspot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** HubSpot CRM v3 contacts: basic CRUD, list with cursor paging, GDPR delete. */
@RestController
@RequestMapping("/hubspot/crm/v3/objects/contacts")
class ContactsController {

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts
  @GetMapping
  Map<String, Object> list(
      @RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestParam(defaultValue = "10") int limit,
      @RequestParam(required = false) String after,
      @RequestParam(required = false) String properties,
      @RequestParam(defaultValue = "false") boolean archived,
      HttpServletRequest req) {
    if (limit < 1 || limit > 100) {
      throw HubSpotException.validation("limit must be between 1 and 100");
    }
    Long cursor = after == null ? Long.valueOf(0) : ContactStore.parseId(after);  // cursor = first id of the page
    if (cursor == null) {
      throw HubSpotException.validation("Invalid after cursor: " + after);
    }
    List<Contact> page = portal.contacts.page(cursor, limit + 1, archived);
    boolean more = page.size() > limit;
    page = page.subList(0, Math.min(limit, page.size()));
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("results", ContactJson.render(page, ContactJson.requested(properties)));
    if (more) {
      String next = Long.toString(page.getLast().id + 1);
      String link = UriComponentsBuilder.fromUriString(req.getRequestURL().toString())
          .query(req.getQueryString()).replaceQueryParam("after", next).build().toUriString();
      ContactJson.paging(res, true, next, link);
    }
    return res;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts-contactId
  @GetMapping("/{contactId}")
  Map<String, Object> get(
      @RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String contactId,
      @RequestParam(required = false) String idProperty,
      @RequestParam(required = false) String properties,
      @RequestParam(defaultValue = "false") boolean archived) {
    Contact c = portal.contacts.find(contactId, idProperty, archived);
    if (c == null) {
      throw HubSpotException.notFound();
    }
    return ContactJson.render(c, ContactJson.requested(properties));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts
  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    Contact c = portal.contacts.create(props(body), "INTEGRATION");
    return ResponseEntity.status(HttpStatus.CREATED).body(ContactJson.render(c, ContactJson.requested(c.props.keySet().stream().toList())));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/patch-crm-v3-objects-contacts-contactId
  @PatchMapping("/{contactId}")
  Map<String, Object> update(
      @RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String contactId,
      @RequestParam(required = false) String idProperty,
      @RequestBody Map<String, Object> body) {
    Contact found = portal.contacts.find(contactId, idProperty, false);
    if (found == null) {
      throw HubSpotException.notFound();
    }
    Contact c = portal.contacts.update(found.id, props(body), "INTEGRATION");
    return ContactJson.render(c, ContactJson.requested(c.props.keySet().stream().toList()));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/delete-crm-v3-objects-contacts-contactId
  @DeleteMapping("/{contactId}")
  ResponseEntity<Void> archive(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String contactId) {
    Long id = ContactStore.parseId(contactId);
    if (id != null) {
      portal.contacts.archive(id, "INTEGRATION");
    }
    return ResponseEntity.noContent().build();
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/gdpr/post-crm-v3-objects-contacts-gdpr-delete
  /**
   * Permanently deletes the contact (archived or not) and fires {@code contact.privacyDeletion}. An email
   * ({@code idProperty=email}) that matches no contact is still 204 (HubSpot blocklists it; the sandbox
   * does not enforce that blocklist); an unknown record id is 404.
   */
  @PostMapping("/gdpr-delete")
  ResponseEntity<Void> gdprDelete(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    Object objectId = body.get("objectId");
    if (objectId == null) {
      throw HubSpotException.validation("objectId is required");
    }
    String idProperty = (String) body.get("idProperty");
    Contact c = portal.contacts.find(objectId.toString(), idProperty, false);
    if (c == null) {
      c = portal.contacts.find(objectId.toString(), idProperty, true);
    }
    if (c == null) {
      if ("email".equals(idProperty)) {
        return ResponseEntity.noContent().build();
      }
      throw HubSpotException.notFound();
    }
    portal.contacts.purge(c.id, "INTEGRATION");
    return ResponseEntity.noContent().build();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> props(Map<String, Object> body) {
    Object p = body == null ? null : body.get("properties");
    if (p != null && !(p instanceof Map)) {
      throw HubSpotException.validation("properties must be an object");
    }
    return p == null ? Map.of() : (Map<String, Object>) p;
  }
}
