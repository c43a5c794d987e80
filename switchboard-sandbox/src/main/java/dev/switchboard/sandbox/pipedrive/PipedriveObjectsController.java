package dev.switchboard.sandbox.pipedrive;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * v2 CRUD for persons, organizations, deals and activities, one shape for all four:
 * https://developers.pipedrive.com/docs/api/v1/Persons#getPersons (v2 tab), …/Organizations, …/Deals, …/Activities.
 * Each acts on the company the request's credential reaches (another company's object is 404).
 */
@RestController
class PipedriveObjectsController {

  private static final String BASE = "/pipedrive/api/v2/{collection:persons|organizations|deals|activities}";

  // https://developers.pipedrive.com/docs/api/v1/Persons#getPersons (GET /api/v2/persons; cursor paging)
  @GetMapping(BASE)
  Map<String, Object> list(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company, @PathVariable String collection, @RequestParam Map<String, String> q,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
      @RequestParam(name = "updated_since", required = false) String updatedSince,
      @RequestParam(name = "updated_until", required = false) String updatedUntil,
      @RequestParam(name = "sort_by", defaultValue = "id") String sortBy,
      @RequestParam(name = "sort_direction", defaultValue = "asc") String direction,
      @RequestParam(required = false) String ids) {
    String type = PipedriveTypes.ofPath(collection);
    int max = PipedriveEnvelope.limit(limit);
    int from = PipedriveEnvelope.offset(cursor);
    if (!Set.of("id", "update_time", "add_time").contains(sortBy)) {
      throw PipedriveException.bad("Validation failed: sort_by: Invalid enum value. Expected 'id' | 'update_time' | 'add_time', received '" + sortBy + "'");
    }
    if (!Set.of("asc", "desc").contains(direction)) {
      throw PipedriveException.bad("Validation failed: sort_direction: Invalid enum value. Expected 'asc' | 'desc', received '" + direction + "'");
    }
    Instant since = instant("updated_since", updatedSince);
    Instant until = instant("updated_until", updatedUntil);
    Set<String> idSet = ids == null ? null : Set.of(ids.split(","));
    Comparator<PipedriveEntity> order = switch (sortBy) {
      case "update_time" -> Comparator.comparing((PipedriveEntity e) -> e.updated).thenComparingLong(e -> e.id);
      case "add_time" -> Comparator.comparing((PipedriveEntity e) -> e.added).thenComparingLong(e -> e.id);
      default -> Comparator.comparingLong((PipedriveEntity e) -> e.id);
    };
    if (direction.equals("desc")) {
      order = order.reversed();
    }
    List<PipedriveEntity> matching = company.store.all(type).stream()
        .filter(e -> since == null || !e.updated.isBefore(since))
        .filter(e -> until == null || e.updated.isBefore(until))
        .filter(e -> idSet == null || idSet.contains(Long.toString(e.id)))
        .filter(e -> PipedriveTypes.filters(type).stream()
            .allMatch(f -> !q.containsKey(f) || q.get(f).equals(String.valueOf(e.fields.get(f)))))
        .sorted(order).toList();
    List<Map<String, Object>> page = matching.stream().skip(from).limit(max).map(PipedriveEntity::render).toList();
    String next = from + max < matching.size() ? PipedriveEnvelope.cursor(from + max) : null;
    java.util.Map<String, Object> additional = new java.util.LinkedHashMap<>();
    additional.put("next_cursor", next);
    return PipedriveEnvelope.ok(page, additional);
  }

  // https://developers.pipedrive.com/docs/api/v1/Persons#getPerson (GET /api/v2/persons/{id})
  @GetMapping(BASE + "/{id:\\d+}")
  Map<String, Object> get(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company, @PathVariable String collection, @PathVariable long id) {
    return PipedriveEnvelope.ok(company.store.get(PipedriveTypes.ofPath(collection), id).render());
  }

  // https://developers.pipedrive.com/docs/api/v1/Persons#addPerson (POST /api/v2/persons)
  @PostMapping(BASE)
  Map<String, Object> create(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company, @PathVariable String collection,
      @RequestBody Map<String, Object> body) {
    return PipedriveEnvelope.ok(company.store.create(PipedriveTypes.ofPath(collection), body, "api").render());
  }

  // https://developers.pipedrive.com/docs/api/v1/Persons#updatePerson (PATCH /api/v2/persons/{id})
  @PatchMapping(BASE + "/{id:\\d+}")
  Map<String, Object> update(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company, @PathVariable String collection, @PathVariable long id,
      @RequestBody Map<String, Object> body) {
    return PipedriveEnvelope.ok(company.store.update(PipedriveTypes.ofPath(collection), id, body, "api").render());
  }

  // https://developers.pipedrive.com/docs/api/v1/Persons#deletePerson (DELETE /api/v2/persons/{id})
  @DeleteMapping(BASE + "/{id:\\d+}")
  Map<String, Object> delete(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company, @PathVariable String collection, @PathVariable long id) {
    company.store.delete(PipedriveTypes.ofPath(collection), id, "api");
    return PipedriveEnvelope.ok(Map.of("id", id));
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw PipedriveException.bad("Validation failed: " + name + ": Invalid datetime, expected RFC3339 format (e.g. 2025-01-01T10:20:00Z)");
    }
  }

}
