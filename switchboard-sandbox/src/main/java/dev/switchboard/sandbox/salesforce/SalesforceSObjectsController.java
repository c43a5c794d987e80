package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.salesforce.SalesforceSchema.SObject;
import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * sObject basic info, describe, rows, rows by external id, updated and deleted, in the org the session belongs to
 * (another org's record id or external id is 404). Writes are made by the org's API user.
 */
@RestController
@RequestMapping("/salesforce/services/data/{version:v\\d+\\.\\d+}/sobjects/{type}")
class SalesforceSObjectsController {

  private final ChangeClock clock;

  SalesforceSObjectsController(ChangeClock clock) {
    this.clock = clock;
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
  @GetMapping("/describe")
  Map<String, Object> describe(@PathVariable String version, @PathVariable String type) {
    return SalesforceSchema.describe(SalesforceSchema.type(type), version);
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm
  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String version, @PathVariable String type,
      @RequestBody Map<String, Object> body) {
    Map<String, Object> r = org.store.create(SalesforceSchema.type(type), body, org.userId);
    return ResponseEntity.status(201).body(saveResult(r.get("Id"), null));
  }

  static Map<String, Object> saveResult(Object id, Boolean created) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("success", true);
    m.put("errors", List.of());
    if (created != null) {
      m.put("created", created);
    }
    return m;
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_get_field_values.htm
  @GetMapping("/{id}")
  Map<String, Object> get(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String version, @PathVariable String type,
      @PathVariable String id, @RequestParam(required = false) String fields) {
    SalesforceStore store = org.store;
    SObject t = SalesforceSchema.type(type);
    List<String> names = fields == null ? null : SalesforceRecords.fieldList(t, fields);
    synchronized (store) {
      return SalesforceRecords.render(t, store.get(t, id), names, version);
    }
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_update_fields.htm
  @PatchMapping("/{id}")
  ResponseEntity<Void> update(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String type, @PathVariable String id,
      @RequestBody Map<String, Object> body) {
    org.store.update(SalesforceSchema.type(type), id, body, org.userId);
    return ResponseEntity.noContent().build();
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_delete_record.htm
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String type, @PathVariable String id) {
    org.store.delete(SalesforceSchema.type(type), id);
    return ResponseEntity.noContent().build();
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_upsert.htm
  // 201 + {id, success, errors, created:true} when created; when updated: 200 + created:false in v46.0+,
  // 204 without body before v46.0 (where "created" does not appear at all). updateOnly=true: 404 instead of creating.
  @PatchMapping("/{field}/{value}")
  ResponseEntity<Map<String, Object>> upsert(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String version, @PathVariable String type,
      @PathVariable String field, @PathVariable String value, @RequestBody Map<String, Object> body,
      @RequestParam(defaultValue = "false") boolean updateOnly) {
    SalesforceStore store = org.store;
    boolean v46 = Double.parseDouble(version.substring(1)) >= 46.0;
    SObject t = SalesforceSchema.type(type);
    String ext = externalField(t, field);
    Map<String, Object> clean = new LinkedHashMap<>(body);
    if (clean.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(ext))) {
      throw SalesforceException.badRequest("INVALID_FIELD", "The external ID field '" + ext
          + "' must not be set in the request body", List.of(ext));
    }
    synchronized (store) {
      Map<String, Object> existing = store.findBy(t, ext, value);
      if (existing == null && updateOnly) {
        throw SalesforceException.notFound();
      }
      if (existing == null) {
        clean.put(ext, value);
        Map<String, Object> r = store.create(t, clean, org.userId);
        return ResponseEntity.status(201).body(saveResult(r.get("Id"), v46 ? true : null));
      }
      store.update(t, existing.get("Id").toString(), clean, org.userId);
      if (!v46) {
        return ResponseEntity.noContent().build();
      }
      return ResponseEntity.ok(saveResult(existing.get("Id"), false));
    }
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_get_reference_by_external_id.htm
  @GetMapping("/{field}/{value}")
  Map<String, Object> getByExternalId(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String version, @PathVariable String type,
      @PathVariable String field, @PathVariable String value) {
    SalesforceStore store = org.store;
    SObject t = SalesforceSchema.type(type);
    synchronized (store) {
      Map<String, Object> r = store.findBy(t, externalField(t, field), value);
      if (r == null) {
        throw SalesforceException.notFound();
      }
      return SalesforceRecords.render(t, r, null, version);
    }
  }

  private static String externalField(SObject t, String field) {
    SalesforceSchema.Field f = t.field(field);
    if (f == null || !f.externalId()) {
      throw SalesforceException.notFound();
    }
    return f.name();
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getupdated.htm
  @GetMapping({"/updated", "/updated/"})
  Map<String, Object> updated(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String type, @RequestParam String start, @RequestParam String end) {
    SObject t = SalesforceSchema.type(type);
    Instant[] w = window(start, end);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ids", org.store.updatedIds(t, w[0], w[1]));
    m.put("latestDateCovered", SalesforceRecords.format(w[1]));
    return m;
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
  @GetMapping({"/deleted", "/deleted/"})
  Map<String, Object> deleted(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String type, @RequestParam String start, @RequestParam String end) {
    SObject t = SalesforceSchema.type(type);
    Instant[] w = window(start, end);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deletedRecords", org.store.deleted(t, w[0], w[1]).stream()
        .map(d -> Map.of("id", d.id(), "deletedDate", SalesforceRecords.format(d.at()))).toList());
    m.put("earliestDateAvailable", SalesforceRecords.format(SalesforceRecords.minute(clock.now().minusSeconds(15L * 86400))));
    m.put("latestDateCovered", SalesforceRecords.format(w[1]));
    return m;
  }

  /** [start, end) truncated to whole minutes (Salesforce ignores seconds); end is capped at the current minute. */
  private Instant[] window(String start, String end) {
    Instant s = SalesforceRecords.parse(start);
    Instant e = SalesforceRecords.parse(end);
    if (s == null || e == null) {
      throw SalesforceException.badRequest("INVALID_DATE_FORMAT", "Invalid date format: " + (s == null ? start : end)
          + ". Valid format is ISO 8601, e.g. 2026-01-01T10:00:00+00:00", null);
    }
    Instant cap = SalesforceRecords.minute(clock.now());
    Instant ms = SalesforceRecords.minute(s);
    Instant me = SalesforceRecords.minute(e).isAfter(cap) ? cap : SalesforceRecords.minute(e);
    if (!me.isAfter(ms)) {
      throw SalesforceException.badRequest("INVALID_REPLICATION_DATE", "start date must be before end date", null);
    }
    return new Instant[] {ms, me};
  }
}
