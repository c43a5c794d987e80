package dev.switchboard.sandbox.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * sObject Collections create: up to 200 records of any emulated types, answered 200 with one save result per
 * record in request order. With {@code allOrNone:true} a single failure rolls back every record: failed ones
 * carry their error, the others {@code ALL_OR_NONE_OPERATION_ROLLED_BACK}.
 */
@RestController
class SalesforceCompositeController {


  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_create.htm
  @PostMapping("/salesforce/services/data/{version:v\\d+\\.\\d+}/composite/sobjects")
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> create(@RequestAttribute(SalesforceGuardFilter.ORG) SalesforceOrg org, @PathVariable String version,
      @RequestBody Map<String, Object> body) {
    SalesforceStore store = org.store;
    boolean allOrNone = Boolean.TRUE.equals(body.get("allOrNone"));
    List<Map<String, Object>> records = body.get("records") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    if (records.size() > 200) {
      throw SalesforceException.badRequest("EXCEEDED_ID_LIMIT",
          "record limit reached. cannot submit more than 200 records into this call", List.of());
    }
    synchronized (store) {
      List<SalesforceException> failures = new ArrayList<>();
      for (Map<String, Object> r : records) {
        failures.add(check(store, r));
      }
      boolean anyFailed = failures.stream().anyMatch(f -> f != null);
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        SalesforceException f = failures.get(i);
        if (f != null) {
          out.add(failed(f));
        } else if (allOrNone && anyFailed) {
          out.add(failed(new SalesforceException(400, "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because"
              + " not all records were valid and the request was using AllOrNone header", List.of())));
        } else {
          Map<String, Object> r = records.get(i);
          SalesforceSchema.SObject t = SalesforceSchema.type(typeOf(r));
          out.add(SalesforceSObjectsController.saveResult(store.create(t, r, org.userId).get("Id"), null));
        }
      }
      return out;
    }
  }

  private static SalesforceException check(SalesforceStore store, Map<String, Object> r) {
    try {
      String type = typeOf(r);
      if (type == null) {
        return SalesforceException.badRequest("INVALID_TYPE", "Must send a concrete entity type.", List.of());
      }
      store.validate(SalesforceSchema.type(type), r, null, true);
      return null;
    } catch (SalesforceException e) {
      return e.errorCode.equals("NOT_FOUND")
          ? SalesforceException.badRequest("INVALID_TYPE", "sObject type '" + typeOf(r) + "' is not supported.", List.of())
          : e;
    }
  }

  @SuppressWarnings("unchecked")
  private static String typeOf(Map<String, Object> r) {
    return r.get("attributes") instanceof Map<?, ?> a ? (String) ((Map<String, Object>) a).get("type") : null;
  }

  private static Map<String, Object> failed(SalesforceException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", false);
    m.put("errors", List.of(e.saveError()));
    return m;
  }
}
