package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.salesforce.SalesforceSchema.Field;
import dev.switchboard.sandbox.salesforce.SalesforceSchema.SObject;
import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory records of the emulated org, per sObject type, plus the log of deletions (for
 * {@code /deleted/}). Records are maps keyed by canonical field names; datetimes are {@link Instant}s.
 * Every write stamps {@code LastModifiedDate}/{@code SystemModstamp} with a strictly increasing instant. One per
 * org; external ids are unique within it (another org may hold the same external id).
 */
final class SalesforceStore {

  /** A deletion, for the {@code deleted/} resource. */
  record Deletion(String type, String id, Instant at) {}

  static final String UI_USER = "0055g00000SbxUiAAJ";

  private final ChangeClock clock;
  private final Map<String, Map<String, Map<String, Object>>> byType = new HashMap<>();
  private final List<Deletion> deletions = new ArrayList<>();
  /** Where this org's record numbering starts, so record ids never repeat across orgs. */
  private final long firstCounter;
  private long counter;

  SalesforceStore(ChangeClock clock, long firstCounter) {
    this.clock = clock;
    this.firstCounter = firstCounter;
    this.counter = firstCounter;
  }

  synchronized void reset() {
    byType.clear();
    deletions.clear();
    counter = firstCounter;
  }

  private Map<String, Map<String, Object>> table(SObject t) {
    return byType.computeIfAbsent(t.name(), k -> new LinkedHashMap<>());
  }

  /**
   * Checks a create/update body without applying it: unknown fields (INVALID_FIELD), read-only fields
   * (INVALID_FIELD_FOR_INSERT_UPDATE), missing required fields on create (REQUIRED_FIELD_MISSING), duplicate
   * external ids (DUPLICATE_VALUE). Returns the body with canonical field names.
   */
  synchronized Map<String, Object> validate(SObject t, Map<String, Object> body, String selfId, boolean create) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : body.entrySet()) {
      if (e.getKey().equals("attributes")) {
        continue;
      }
      Field f = t.field(e.getKey());
      if (f == null) {
        throw SalesforceException.badRequest("INVALID_FIELD",
            "No such column '" + e.getKey() + "' on sobject of type " + t.name(), List.of());
      }
      if (!f.writable()) {
        throw SalesforceException.badRequest("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
            + f.name() + ". Please check the security settings of this field and verify that it is read/write for"
            + " your profile or permission set.", List.of(f.name()));
      }
      Object v = e.getValue();
      if (v != null && f.type().equals("currency") && !(v instanceof Number)) {
        throw SalesforceException.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of currency from "
            + "VALUE_STRING value " + v, List.of(f.name()));
      }
      if (v != null && f.type().equals("date") && !String.valueOf(v).matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw SalesforceException.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of date from "
            + "VALUE_STRING value " + v + " or request may be missing a required field", List.of(f.name()));
      }
      out.put(f.name(), v instanceof Number n && f.type().equals("currency") ? n.doubleValue() : v);
    }
    List<String> missing = new ArrayList<>();
    for (String r : t.requiredFields()) {
      boolean absent = create ? out.get(r) == null || "".equals(out.get(r)) : out.containsKey(r) && out.get(r) == null;
      if (absent) {
        missing.add(r);
      }
    }
    if (!missing.isEmpty()) {
      throw SalesforceException.requiredMissing(missing);
    }
    Object ext = out.get("Switchboard_Id__c");
    if (ext != null) {
      Map<String, Object> other = findBy(t, "Switchboard_Id__c", String.valueOf(ext));
      if (other != null && !other.get("Id").equals(selfId)) {
        throw SalesforceException.badRequest("DUPLICATE_VALUE", "duplicate value found: Switchboard_Id__c duplicates"
            + " value on record with id: " + other.get("Id"), List.of("Switchboard_Id__c"));
      }
    }
    return out;
  }

  /** Creates a record (body already validated or not); returns the new record. */
  synchronized Map<String, Object> create(SObject t, Map<String, Object> body, String byUser) {
    Map<String, Object> clean = validate(t, body, null, true);
    String id = SalesforceIds.make(t.keyPrefix(), ++counter);
    Instant now = clock.nextChange();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("Id", id);
    r.put("IsDeleted", false);
    if (t.name().equals("Lead")) {
      r.put("Status", "Open - Not Contacted");
    }
    r.putAll(clean);
    r.put("CreatedDate", now);
    r.put("CreatedById", byUser);
    stamp(t, r, now, byUser);
    table(t).put(id, r);
    return r;
  }

  /** Applies changes to an existing record (404 if absent). */
  synchronized Map<String, Object> update(SObject t, String id, Map<String, Object> body, String byUser) {
    Map<String, Object> r = get(t, id);
    Map<String, Object> clean = validate(t, body, r.get("Id").toString(), false);
    r.putAll(clean);
    stamp(t, r, clock.nextChange(), byUser);
    return r;
  }

  private static void stamp(SObject t, Map<String, Object> r, Instant now, String byUser) {
    if (t.fields().containsKey("Name") && !t.field("Name").writable()) {
      r.put("Name", (r.get("FirstName") == null ? "" : r.get("FirstName") + " ") + r.get("LastName"));
    }
    r.put("LastModifiedDate", now);
    r.put("SystemModstamp", now);
    r.put("LastModifiedById", byUser);
  }

  /** The live record (not a copy) or 404 NOT_FOUND. */
  synchronized Map<String, Object> get(SObject t, String id) {
    String id18 = SalesforceIds.normalise(id);
    Map<String, Object> r = id18 == null ? null : table(t).get(id18);
    if (r == null) {
      throw SalesforceException.notFound();
    }
    return r;
  }

  synchronized void delete(SObject t, String id) {
    Map<String, Object> r = get(t, id);
    table(t).remove(r.get("Id").toString());
    deletions.add(new Deletion(t.name(), r.get("Id").toString(), clock.nextChange()));
  }

  /** The record whose field equals value (case-insensitive for text), or null. */
  synchronized Map<String, Object> findBy(SObject t, String field, String value) {
    for (Map<String, Object> r : table(t).values()) {
      if (r.get(field) != null && String.valueOf(r.get(field)).equalsIgnoreCase(value)) {
        return r;
      }
    }
    return null;
  }

  /** Copies of all records of a type, in creation order. */
  synchronized List<Map<String, Object>> all(SObject t) {
    return table(t).values().stream().map(m -> (Map<String, Object>) new LinkedHashMap<>(m)).toList();
  }

  /** Ids of records whose SystemModstamp lies in [start, end). */
  synchronized List<String> updatedIds(SObject t, Instant start, Instant end) {
    return table(t).values().stream().filter(r -> in((Instant) r.get("SystemModstamp"), start, end))
        .map(r -> r.get("Id").toString()).toList();
  }

  synchronized List<Deletion> deleted(SObject t, Instant start, Instant end) {
    return deletions.stream().filter(d -> d.type().equals(t.name()) && in(d.at(), start, end)).toList();
  }

  private static boolean in(Instant at, Instant start, Instant end) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}
