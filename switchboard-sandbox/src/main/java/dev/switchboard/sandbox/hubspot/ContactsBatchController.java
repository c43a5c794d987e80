package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot CRM v3 contact batch endpoints. At most 100 inputs (else 400 VALIDATION_ERROR). Inputs are
 * processed one by one; failures are reported in {@code errors} with HTTP 207.
 */
@RestController
@RequestMapping("/hubspot/crm/v3/objects/contacts/batch")
class ContactsBatchController {

  private final ContactStore store;
  private final ChangeClock clock;

  ContactsBatchController(ContactStore store, ChangeClock clock) {
    this.store = store;
    this.clock = clock;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-read
  @PostMapping("/read")
  ResponseEntity<Map<String, Object>> read(@RequestBody Map<String, Object> body) {
    Batch b = new Batch(body);
    String idProperty = (String) body.get("idProperty");
    boolean archived = Boolean.TRUE.equals(body.get("archived"));
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> in : b.inputs) {
      String id = String.valueOf(in.get("id"));
      Contact c = store.find(id, idProperty, archived);
      if (c == null) {
        missing.add(id);
      } else {
        b.results.add(ContactJson.render(c, ContactJson.requested(body.get("properties"))));
      }
    }
    if (!missing.isEmpty()) {
      b.error("OBJECT_NOT_FOUND", "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.", Map.of("ids", missing));
    }
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-create
  @PostMapping("/create")
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    Batch b = new Batch(body);
    for (Map<String, Object> in : b.inputs) {
      try {
        Contact c = store.create(ContactsController.props(in), "INTEGRATION");
        b.results.add(ContactJson.render(c, List.copyOf(c.props.keySet())));
      } catch (HubSpotException e) {
        b.error(e.category, e.getMessage(), Map.of());
      }
    }
    return b.done(201);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-update
  @PostMapping("/update")
  ResponseEntity<Map<String, Object>> update(@RequestBody Map<String, Object> body) {
    Batch b = new Batch(body);
    for (Map<String, Object> in : b.inputs) {
      String id = String.valueOf(in.get("id"));
      try {
        Contact found = store.find(id, (String) in.get("idProperty"), false);
        if (found == null) {
          throw HubSpotException.notFound();
        }
        Contact c = store.update(found.id, ContactsController.props(in), "INTEGRATION");
        b.results.add(ContactJson.render(c, List.copyOf(c.props.keySet())));
      } catch (HubSpotException e) {
        b.error(e.category, e.getMessage() + " (id " + id + ")", Map.of("ids", List.of(id)));
      }
    }
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-upsert
  @PostMapping("/upsert")
  ResponseEntity<Map<String, Object>> upsert(@RequestBody Map<String, Object> body) {
    Batch b = new Batch(body);
    for (Map<String, Object> in : b.inputs) {
      String id = String.valueOf(in.get("id"));
      String idProperty = (String) in.getOrDefault("idProperty", "email");
      try {
        Contact existing = store.find(id, idProperty, false);
        Contact c;
        if (existing == null) {
          Map<String, Object> props = new LinkedHashMap<>(ContactsController.props(in));
          if ("email".equals(idProperty)) {
            props.put("email", id);
          }
          c = store.create(props, "INTEGRATION");
        } else {
          c = store.update(existing.id, ContactsController.props(in), "INTEGRATION");
        }
        Map<String, Object> r = ContactJson.render(c, List.copyOf(c.props.keySet()));
        r.put("new", existing == null);
        b.results.add(r);
      } catch (HubSpotException e) {
        b.error(e.category, e.getMessage(), Map.of("ids", List.of(id)));
      }
    }
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-archive
  @PostMapping("/archive")
  ResponseEntity<Void> archive(@RequestBody Map<String, Object> body) {
    Batch b = new Batch(body);
    for (Map<String, Object> in : b.inputs) {
      Long id = ContactStore.parseId(String.valueOf(in.get("id")));
      if (id != null) {
        store.archive(id, "INTEGRATION");
      }
    }
    return ResponseEntity.noContent().build();
  }

  /** Accumulates one batch response. */
  private final class Batch {
    final List<Map<String, Object>> inputs;
    final List<Map<String, Object>> results = new ArrayList<>();
    final List<Map<String, Object>> errors = new ArrayList<>();
    final Instant startedAt = clock.now();

    @SuppressWarnings("unchecked")
    Batch(Map<String, Object> body) {
      if (!(body.get("inputs") instanceof List<?> l)) {
        throw HubSpotException.validation("inputs is required");
      }
      if (l.size() > 100) {
        throw HubSpotException.validation("Batch input size " + l.size() + " exceeds the limit of 100 inputs.");
      }
      this.inputs = (List<Map<String, Object>>) l;
    }

    void error(String category, String message, Map<String, Object> context) {
      Map<String, Object> e = HubSpotException.body(category, message);
      e.remove("correlationId");
      e.put("context", context);
      errors.add(e);
    }

    ResponseEntity<Map<String, Object>> done(int okStatus) {
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("status", "COMPLETE");
      res.put("results", results);
      if (!errors.isEmpty()) {
        res.put("numErrors", errors.size());
        res.put("errors", errors);
      }
      res.put("startedAt", ContactJson.ts(startedAt));
      res.put("completedAt", ContactJson.ts(clock.now()));
      return ResponseEntity.status(errors.isEmpty() ? okStatus : 207).body(res);
    }
  }
}
