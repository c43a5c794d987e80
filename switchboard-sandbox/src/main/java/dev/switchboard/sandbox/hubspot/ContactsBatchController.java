package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot CRM v3 contact batch endpoints. At most 100 inputs (else 400 VALIDATION_ERROR). Writes
 * (create, update, upsert) follow HubSpot's multi-status rule (see {@link HubSpotBatch}): per-input
 * outcomes with HTTP 207 only when every input carries {@code objectWriteTraceId}; otherwise the first
 * failing input fails the whole batch and nothing is written.
 * https://developers.hubspot.com/docs/api-reference/latest/error-handling
 */
@RestController
@RequestMapping("/hubspot/crm/v3/objects/contacts/batch")
class ContactsBatchController {

  private final ChangeClock clock;

  ContactsBatchController(ChangeClock clock) {
    this.clock = clock;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-read
  /** {@code archived} is a query parameter (as in HubSpot); ids not found → 207 with one OBJECT_NOT_FOUND. */
  @PostMapping("/read")
  ResponseEntity<Map<String, Object>> read(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body,
      @RequestParam(defaultValue = "false") boolean archived) {
    HubSpotBatch b = new HubSpotBatch(body, clock);
    String idProperty = (String) body.get("idProperty");
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> in : b.inputs) {
      String id = String.valueOf(in.get("id"));
      Contact c = portal.contacts.find(id, idProperty, archived);
      if (c == null) {
        missing.add(id);
      } else {
        b.results.add(ContactJson.render(c, ContactJson.requested(body.get("properties"))));
      }
    }
    if (!missing.isEmpty()) {
      b.error(new HubSpotException(404, "OBJECT_NOT_FOUND",
          "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.")
          .withContext("ids", missing));
    }
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-create
  @PostMapping("/create")
  ResponseEntity<Map<String, Object>> create(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    HubSpotBatch b = new HubSpotBatch(body, clock);
    b.write(portal.contacts, in -> {
      Contact c = portal.contacts.create(ContactsController.props(in), "INTEGRATION");
      return ContactJson.render(c, List.copyOf(c.props.keySet()));
    });
    return b.done(201);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-update
  @PostMapping("/update")
  ResponseEntity<Map<String, Object>> update(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    HubSpotBatch b = new HubSpotBatch(body, clock);
    b.write(portal.contacts, in -> {
      String id = String.valueOf(in.get("id"));
      try {
        Contact found = portal.contacts.find(id, (String) in.get("idProperty"), false);
        if (found == null) {
          throw HubSpotException.notFound();
        }
        Contact c = portal.contacts.update(found.id, ContactsController.props(in), "INTEGRATION");
        return ContactJson.render(c, List.copyOf(c.props.keySet()));
      } catch (HubSpotException e) {
        throw e.withContext("ids", List.of(id));
      }
    });
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-upsert
  @PostMapping("/upsert")
  ResponseEntity<Map<String, Object>> upsert(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    HubSpotBatch b = new HubSpotBatch(body, clock);
    b.write(portal.contacts, in -> {
      String id = String.valueOf(in.get("id"));
      String idProperty = (String) in.getOrDefault("idProperty", "email");
      try {
        Contact existing = portal.contacts.find(id, idProperty, false);
        Contact c;
        if (existing == null) {
          Map<String, Object> props = new LinkedHashMap<>(ContactsController.props(in));
          if ("email".equals(idProperty)) {
            props.put("email", id);
          }
          c = portal.contacts.create(props, "INTEGRATION");
        } else {
          c = portal.contacts.update(existing.id, ContactsController.props(in), "INTEGRATION");
        }
        Map<String, Object> r = ContactJson.render(c, List.copyOf(c.props.keySet()));
        r.put("new", existing == null);
        return r;
      } catch (HubSpotException e) {
        throw e.withContext("ids", List.of(id));
      }
    });
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-archive
  @PostMapping("/archive")
  ResponseEntity<Void> archive(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    HubSpotBatch b = new HubSpotBatch(body, clock);
    for (Map<String, Object> in : b.inputs) {
      Long id = ContactStore.parseId(String.valueOf(in.get("id")));
      if (id != null) {
        portal.contacts.archive(id, "INTEGRATION");
      }
    }
    return ResponseEntity.noContent().build();
  }
}
