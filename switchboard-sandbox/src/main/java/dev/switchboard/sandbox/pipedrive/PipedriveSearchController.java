package dev.switchboard.sandbox.pipedrive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * v2 search for persons and organizations: {@code term} (≥ 2 characters, ≥ 1 with {@code exact_match}),
 * {@code fields} (persons: name,email,phone,custom_fields,notes; organizations: name,address,custom_fields,notes),
 * {@code exact_match} (whole-value, case-insensitive), cursor paging. Non-exact matching is a case-insensitive
 * substring match; {@code result_score} is 1.0 for exact and 0.5 for partial hits (Pipedrive's scoring is opaque).
 * Searches only the company the request's credential reaches.
 */
@RestController
class PipedriveSearchController {

  // https://developers.pipedrive.com/docs/api/v1/Persons#searchPersons (GET /api/v2/persons/search)
  // https://developers.pipedrive.com/docs/api/v1/Organizations#searchOrganization (GET /api/v2/organizations/search)
  @GetMapping("/pipedrive/api/v2/{collection:persons|organizations}/search")
  Map<String, Object> search(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company, @PathVariable String collection, @RequestParam(required = false) String term,
      @RequestParam(required = false) String fields, @RequestParam(name = "exact_match", defaultValue = "false") boolean exact,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    PipedriveStore store = company.store;
    String type = PipedriveTypes.ofPath(collection);
    if (term == null || term.length() < (exact ? 1 : 2)) {
      throw PipedriveException.bad("Validation failed: term: String must contain at least " + (exact ? 1 : 2) + " character(s)");
    }
    Set<String> allowed = type.equals("person") ? Set.of("name", "email", "phone", "custom_fields", "notes")
        : Set.of("name", "address", "custom_fields", "notes");
    Set<String> wanted = fields == null ? allowed : Set.of(fields.split(","));
    if (!allowed.containsAll(wanted)) {
      throw PipedriveException.bad("Validation failed: fields: Invalid enum value. Expected one of " + allowed);
    }
    int max = PipedriveEnvelope.limit(limit);
    int from = PipedriveEnvelope.offset(cursor);
    String needle = term.toLowerCase(Locale.ROOT);
    List<Map<String, Object>> items = new ArrayList<>();
    for (PipedriveEntity e : store.all(type)) {
      double score = 0;
      for (String v : values(e, wanted)) {
        String hay = v.toLowerCase(Locale.ROOT);
        if (hay.equals(needle)) {
          score = 1.0;
        } else if (!exact && hay.contains(needle)) {
          score = Math.max(score, 0.5);
        }
      }
      if (score > 0) {
        items.add(Map.of("result_score", score, "item", item(store, e)));
      }
    }
    items.sort((a, b) -> Double.compare((double) b.get("result_score"), (double) a.get("result_score")));
    List<Map<String, Object>> page = items.stream().skip(from).limit(max).toList();
    Map<String, Object> additional = new LinkedHashMap<>();
    additional.put("next_cursor", from + max < items.size() ? PipedriveEnvelope.cursor(from + max) : null);
    return PipedriveEnvelope.ok(Map.of("items", page), additional);
  }

  private static List<String> values(PipedriveEntity e, Set<String> wanted) {
    List<String> out = new ArrayList<>();
    if (wanted.contains("name") && e.fields.get("name") instanceof String n) {
      out.add(n);
    }
    if (wanted.contains("address") && e.fields.get("address") instanceof String a) {
      out.add(a);
    }
    if (wanted.contains("email")) {
      out.addAll(contactValues(e.fields.get("emails")));
    }
    if (wanted.contains("phone")) {
      out.addAll(contactValues(e.fields.get("phones")));
    }
    if (wanted.contains("custom_fields") && e.fields.get("custom_fields") instanceof Map<?, ?> cf) {
      cf.values().stream().filter(v -> v instanceof String).forEach(v -> out.add((String) v));
    }
    return out;
  }

  private static List<String> contactValues(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(((Map<?, ?>) o).get("value"))));
    }
    return out;
  }

  /** The search result item shape (flattened emails/phones, owner and organization references). */
  private static Map<String, Object> item(PipedriveStore store, PipedriveEntity e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id);
    m.put("type", e.type);
    m.put("name", e.fields.get("name"));
    if (e.type.equals("person")) {
      m.put("phones", contactValues(e.fields.get("phones")));
      m.put("emails", contactValues(e.fields.get("emails")));
      Object orgId = e.fields.get("org_id");
      Map<String, Object> org = null;
      if (orgId instanceof Long oid) {
        org = new LinkedHashMap<>();
        org.put("id", oid);
        try {
          org.put("name", store.get("organization", oid).fields.get("name"));
        } catch (PipedriveException gone) {
          org.put("name", null);
        }
        org.put("address", null);
      }
      m.put("organization", org);
    } else {
      m.put("address", e.fields.get("address"));
    }
    m.put("visible_to", e.fields.get("visible_to"));
    m.put("owner", Map.of("id", e.fields.get("owner_id")));
    m.put("custom_fields", new ArrayList<>());
    m.put("notes", new ArrayList<>());
    m.put("update_time", PipedriveEntity.TIME.format(e.updated));
    return m;
  }
}
