package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot associations v4 batch endpoints for one pair of object types, on {@code /crm/v4/associations} and the
 * 2026-03 {@code /crm/associations/2026-03} paths. Each input succeeds or fails on its own (207 with one full
 * {@code StandardError} per failed input). The two versions differ in one point, per their specs: v4 answers
 * {@code batch/archive} and {@code batch/labels/archive} with 204, 2026-03 with 200 and a {@code BatchResponse}.
 * Exempt from the ten-secondly limit (spec {@code x-hubspot-rate-limit-exemptions}). Input limits: 2,000 for
 * writes, 1,000 for read (HubSpot's documented batch limits).
 * https://developers.hubspot.com/docs/api-reference/latest/crm/associations/associations-v4/guide
 */
@RestController
@RequestMapping({"/hubspot/crm/v4/associations/{fromObjectType}/{toObjectType}/batch",
    "/hubspot/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch"})
class AssociationsBatchController {

  static final int MAX_WRITE = 2000;
  static final int MAX_READ = 1000;

  private final ChangeClock clock;

  AssociationsBatchController(ChangeClock clock) {
    this.clock = clock;
  }

  private interface Input {
    void apply(Associations a, Map<String, Object> in);
  }

  /** Applies {@code one} to each input on its own; a failing input becomes an error with its ids in the context. */
  private HubSpotBatch each(Map<String, Object> body, int max, HubSpotPortal portal, Input one) {
    HubSpotBatch b = new HubSpotBatch(body, clock, max);
    for (Map<String, Object> in : b.inputs) {
      try {
        portal.crm.journal.atomically(() -> {
          one.apply(portal.crm.associations, in);
          return null;
        });
      } catch (HubSpotException e) {
        b.error(e.withContext("fromId", List.of(String.valueOf(id(in.get("from"))))));
      }
    }
    return b;
  }

  private static Object id(Object ref) {
    return ref instanceof Map<?, ?> m ? m.get("id") : null;
  }

  private static String required(Object ref, String what) {
    Object id = id(ref);
    if (id == null) {
      throw HubSpotException.validation(what + ".id is required");
    }
    return id.toString();
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-create
  /** {@code inputs[{from:{id}, to:{id}, types:[AssociationSpec]}]} → 201 {@code LabelsBetweenObjectPair} per input. */
  @SuppressWarnings("unchecked")
  @PostMapping("/create")
  ResponseEntity<Map<String, Object>> create(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String toObjectType, @RequestBody Map<String, Object> body) {
    ObjectType from = ObjectType.of(fromObjectType);
    ObjectType to = ObjectType.of(toObjectType);
    List<Map<String, Object>> results = new ArrayList<>();
    HubSpotBatch b = each(body, MAX_WRITE, portal, (a, in) -> {
      Associations.End f = a.live(from, required(in.get("from"), "from"));
      Associations.End t = a.live(to, required(in.get("to"), "to"));
      List<Map<String, Object>> types = in.get("types") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
      if (types.isEmpty()) {
        throw HubSpotException.validation("types is required");
      }
      a.associate(f, t, types, "INTEGRATION");
      results.add(a.labelsBetween(f, t));
    });
    b.results.addAll(results);
    return b.done(201);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-associate-default
  /** {@code inputs[{from:{id}, to:{id}}]} → 200 with both directions' {@code PublicDefaultAssociation} per input. */
  @PostMapping("/associate/default")
  ResponseEntity<Map<String, Object>> associateDefault(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String toObjectType, @RequestBody Map<String, Object> body) {
    ObjectType from = ObjectType.of(fromObjectType);
    ObjectType to = ObjectType.of(toObjectType);
    List<Map<String, Object>> results = new ArrayList<>();
    HubSpotBatch b = each(body, MAX_WRITE, portal, (a, in) -> {
      Associations.End f = a.live(from, required(in.get("from"), "from"));
      Associations.End t = a.live(to, required(in.get("to"), "to"));
      int typeId = a.associateDefault(f, t, "INTEGRATION");
      results.add(AssociationsController.defaultAssociation(f, t, typeId));
      results.add(AssociationsController.defaultAssociation(t, f, a.labels.inverse(typeId)));
    });
    b.results.addAll(results);
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-read
  /**
   * {@code inputs[{id, after?}]} → per record {@code {from:{id}, to:[MultiAssociatedObjectWithLabel], paging?}}
   * (500 per record and page). A record without associations of the type is an error of the 207 answer
   * ({@code OBJECT_NOT_FOUND} with {@code context.fromObjectId}; no {@code subCategory}, which the spec types as an
   * object whose content it does not give).
   */
  @PostMapping("/read")
  ResponseEntity<Map<String, Object>> read(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String toObjectType, @RequestBody Map<String, Object> body) {
    ObjectType from = ObjectType.of(fromObjectType);
    ObjectType to = ObjectType.of(toObjectType);
    HubSpotBatch b = new HubSpotBatch(body, clock, MAX_READ);
    for (Map<String, Object> in : b.inputs) {
      String id = String.valueOf(in.get("id"));
      Long parsed = ObjectStore.parseId(id);
      Long after = in.get("after") == null ? Long.valueOf(0) : ObjectStore.parseId(String.valueOf(in.get("after")));
      CrmObject c = parsed == null ? null : portal.crm.store(from).live(parsed);
      List<Map.Entry<Associations.End, Set<Integer>>> all = c == null || after == null ? List.of()
          : portal.crm.associations.list(new Associations.End(from, c.id), to).stream().filter(e -> e.getKey().id() >= after).toList();
      if (all.isEmpty()) {
        b.error(new HubSpotException(404, "OBJECT_NOT_FOUND", "No " + to.plural + " are associated with " + from.singular
            + " " + id + ".").withContext("fromObjectId", List.of(id)));
        continue;
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("from", Map.of("id", id));
      r.put("to", all.subList(0, Math.min(500, all.size())).stream()
          .map(e -> AssociationsController.associated(portal, from, to, e)).toList());
      if (all.size() > 500) {
        r.put("paging", Map.of("next", Map.of("after", Long.toString(all.get(500).getKey().id()))));
      }
      b.results.add(r);
    }
    return b.done(200);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-archive
  /** {@code inputs[{from:{id}, to:[{id}]}]}: removes every association of each pair, both directions. */
  @PostMapping("/archive")
  ResponseEntity<Map<String, Object>> archive(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String toObjectType, @RequestBody Map<String, Object> body,
      HttpServletRequest req) {
    ObjectType from = ObjectType.of(fromObjectType);
    ObjectType to = ObjectType.of(toObjectType);
    HubSpotBatch b = each(body, MAX_WRITE, portal, (a, in) -> {
      long f = resolved(portal, from, required(in.get("from"), "from"));
      List<?> tos = in.get("to") instanceof List<?> l ? l : List.of();
      for (Object t : tos) {
        a.remove(new Associations.End(from, f), new Associations.End(to, resolved(portal, to, required(t, "to"))), null,
            "INTEGRATION");
      }
    });
    return archived(b, req);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-labels-archive
  /**
   * {@code inputs[{from:{id}, to:{id}, types:[AssociationSpec]}]}: removes those types (and their inverses). Removing
   * the unlabeled type removes every type between the two records, as the spec says.
   */
  @SuppressWarnings("unchecked")
  @PostMapping("/labels/archive")
  ResponseEntity<Map<String, Object>> archiveLabels(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String fromObjectType, @PathVariable String toObjectType, @RequestBody Map<String, Object> body,
      HttpServletRequest req) {
    ObjectType from = ObjectType.of(fromObjectType);
    ObjectType to = ObjectType.of(toObjectType);
    Integer unlabeled = AssociationTypes.defaultType(from, to);
    HubSpotBatch b = each(body, MAX_WRITE, portal, (a, in) -> {
      Associations.End f = new Associations.End(from, resolved(portal, from, required(in.get("from"), "from")));
      Associations.End t = new Associations.End(to, resolved(portal, to, required(in.get("to"), "to")));
      List<Integer> ids = new ArrayList<>();
      for (Object s : in.get("types") instanceof List<?> l ? l : List.of()) {
        if (((Map<String, Object>) s).get("associationTypeId") instanceof Number n) {
          ids.add(n.intValue());
        }
      }
      a.remove(f, t, unlabeled != null && ids.contains(unlabeled) ? null : ids, "INTEGRATION");
    });
    return archived(b, req);
  }

  private static long resolved(HubSpotPortal portal, ObjectType type, String id) {
    Long parsed = ObjectStore.parseId(id);
    if (parsed == null) {
      throw HubSpotException.validation("Invalid id: " + id);
    }
    return portal.crm.store(type).resolve(parsed);
  }

  /** v4: 204 (207 with errors); 2026-03: 200 with the {@code BatchResponse} its spec gives these endpoints. */
  private ResponseEntity<Map<String, Object>> archived(HubSpotBatch b, HttpServletRequest req) {
    if (CrmPaths.dated(req) || !b.errors.isEmpty()) {
      return b.done(200);
    }
    return ResponseEntity.noContent().build();
  }
}
