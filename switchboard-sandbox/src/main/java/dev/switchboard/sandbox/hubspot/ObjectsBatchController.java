package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot CRM batch endpoints for every object type, v3 and 2026-03 paths. At most 100 inputs (else 400
 * VALIDATION_ERROR). Writes (create, update, upsert) follow HubSpot's multi-status rule (see {@link HubSpotBatch}):
 * per-input outcomes with HTTP 207 only when every input carries {@code objectWriteTraceId}; otherwise the first
 * failing input fails the whole batch and nothing is written. Every error entry is a full {@code StandardError}.
 * https://developers.hubspot.com/docs/api-reference/latest/error-handling
 */
@RestController
@RequestMapping({CrmPaths.OBJECTS_V3 + "/batch", CrmPaths.OBJECTS_2026_03 + "/batch"})
class ObjectsBatchController {

  private final ChangeClock clock;

  ObjectsBatchController(ChangeClock clock) {
    this.clock = clock;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-read
  /**
   * {@code archived} is a query parameter (as in HubSpot); {@code idProperty} names a unique property. Ids not found
   * → 207 with one OBJECT_NOT_FOUND error naming them in {@code context.ids}.
   */
  @PostMapping("/read")
  ResponseEntity<Map<String, Object>> read(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body,
      @RequestParam(defaultValue = "false") boolean archived) {
    ObjectType type = ObjectType.of(objectType);
    HubSpotBatch b = new HubSpotBatch(body, clock);
    String idProperty = CrmBodies.string(body, "idProperty");
    List<String> props = HubSpotJson.requested(body.get("properties"), type);
    List<String> history = HubSpotJson.names(body.get("propertiesWithHistory"), List.of());
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> in : b.inputs) {
      String id = String.valueOf(in.get("id"));
      CrmObject c = portal.crm.store(type).find(id, idProperty, archived);
      if (c == null) {
        missing.add(id);
      } else {
        b.results.add(HubSpotJson.render(c, props, history));
      }
    }
    if (!missing.isEmpty()) {
      b.error(new HubSpotException(404, "OBJECT_NOT_FOUND", "Could not get some " + type.upper()
          + " objects, they may be deleted or not exist. Check that ids are valid.").withContext("ids", missing));
    }
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-create
  @PostMapping("/create")
  ResponseEntity<Map<String, Object>> create(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body) {
    ObjectType type = ObjectType.of(objectType);
    HubSpotBatch b = new HubSpotBatch(body, clock);
    b.write(portal.crm.journal, in -> HubSpotJson.written(RecordWrites.create(portal.crm, type, in, "INTEGRATION")));
    return b.done(201);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-update
  @PostMapping("/update")
  ResponseEntity<Map<String, Object>> update(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body) {
    ObjectStore store = portal.crm.store(ObjectType.of(objectType));
    HubSpotBatch b = new HubSpotBatch(body, clock);
    b.write(portal.crm.journal, in -> {
      String id = String.valueOf(in.get("id"));
      try {
        CrmObject found = store.find(id, CrmBodies.string(in, "idProperty"), false);
        if (found == null) {
          throw HubSpotException.notFound();
        }
        return HubSpotJson.written(store.update(found.id, CrmBodies.props(in), "INTEGRATION"));
      } catch (HubSpotException e) {
        throw e.withContext("ids", List.of(id));
      }
    });
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-upsert
  /**
   * Updates the record whose {@code idProperty} (a unique property; contacts default to {@code email}) has the
   * value {@code id}, or creates one with that value; results carry {@code new}. A type without such a default
   * needs {@code idProperty}, and {@code hs_object_id} cannot create records: 400.
   */
  @PostMapping("/upsert")
  ResponseEntity<Map<String, Object>> upsert(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body) {
    ObjectType type = ObjectType.of(objectType);
    ObjectStore store = portal.crm.store(type);
    HubSpotBatch b = new HubSpotBatch(body, clock);
    b.write(portal.crm.journal, in -> {
      String id = String.valueOf(in.get("id"));
      String idProperty = CrmBodies.string(in, "idProperty");
      if (idProperty == null && type == ObjectType.CONTACTS) {
        idProperty = "email";
      }
      try {
        if (idProperty == null || idProperty.equals("hs_object_id") || !store.unique.identifies(idProperty)) {
          throw HubSpotException.validation("Upsert needs an idProperty with unique values for " + type.plural
              + (idProperty == null ? "" : "; " + idProperty + " is not one") + ".");
        }
        CrmObject existing = store.find(id, idProperty, false);
        CrmObject c;
        if (existing == null) {
          Map<String, Object> props = new LinkedHashMap<>(CrmBodies.props(in));
          props.put(idProperty, id);
          c = RecordWrites.create(portal.crm, type, in, props, "INTEGRATION");
        } else {
          c = store.update(existing.id, CrmBodies.props(in), "INTEGRATION");
        }
        Map<String, Object> r = HubSpotJson.written(c);
        r.put("new", existing == null);
        return r;
      } catch (HubSpotException e) {
        throw e.withContext("ids", List.of(id));
      }
    });
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-archive
  /** Archives each record (and removes its associations); unknown ids are ignored, as in HubSpot (204). */
  @PostMapping("/archive")
  ResponseEntity<Void> archive(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body) {
    ObjectType type = ObjectType.of(objectType);
    HubSpotBatch b = new HubSpotBatch(body, clock);
    for (Map<String, Object> in : b.inputs) {
      Long id = ObjectStore.parseId(String.valueOf(in.get("id")));
      if (id != null) {
        portal.crm.archive(type, id, "INTEGRATION");
      }
    }
    return ResponseEntity.noContent().build();
  }
}
