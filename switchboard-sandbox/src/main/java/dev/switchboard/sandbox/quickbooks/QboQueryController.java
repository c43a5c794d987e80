package dev.switchboard.sandbox.quickbooks;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Query, change data capture and batch endpoints, on the realm of the path (checked by the guard). */
@RestController
@RequestMapping(path = "/quickbooks/v3/company/{realmId}", produces = MediaType.APPLICATION_JSON_VALUE)
class QboQueryController {

  static final int MAX_BATCH = 30;
  static final int CDC_MAX = 1000;
  private final QboEntityController entities;

  QboQueryController(QboEntityController entities) {
    this.entities = entities;
  }

  // https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries
  // GET ?query=… or POST with the query as text body (Content-Type application/text), as the devkit does.
  @GetMapping("/query")
  Map<String, Object> queryGet(@RequestAttribute(QboGuardFilter.REALM) QboRealm realm, @RequestParam String query) {
    return Map.of("QueryResponse", query(realm.store, query), "time", realm.store.now());
  }

  @PostMapping("/query")
  Map<String, Object> queryPost(@RequestAttribute(QboGuardFilter.REALM) QboRealm realm, @RequestParam(required = false) String query,
      HttpServletRequest req) {
    String text = query != null ? query : QboEntityController.readText(req);
    return Map.of("QueryResponse", query(realm.store, text), "time", realm.store.now());
  }

  /** The {@code QueryResponse} object: entity list (omitted when empty), startPosition, maxResults; or totalCount. */
  static Map<String, Object> query(QboStore store, String text) {
    QboQuery q = QboQuery.parse(text);
    List<Map<String, Object>> rows = q.select(store.all(q.entity()));
    Map<String, Object> out = new LinkedHashMap<>();
    if (q.count()) {
      out.put("totalCount", rows.size());
      return out;
    }
    int from = Math.min(rows.size(), q.start() - 1);
    List<Map<String, Object>> page = rows.subList(from, Math.min(rows.size(), from + Math.max(0, q.max())));
    if (!page.isEmpty()) {
      out.put(q.entity(), page);
      out.put("startPosition", q.start());
      out.put("maxResults", page.size());
    }
    return out;
  }

  // https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/change-data-capture
  @GetMapping("/cdc")
  Map<String, Object> cdc(@RequestAttribute(QboGuardFilter.REALM) QboRealm realm, @RequestParam String entities, @RequestParam String changedSince) {
    QboStore store = realm.store;
    Instant since = QboQuery.instant(changedSince.trim());
    if (since == null) {
      throw QboFault.validation("2010", "Request has invalid or unsupported property",
          "changedSince is not a valid date-time: " + changedSince, "changedSince");
    }
    if (since.isBefore(store.clock.now().minus(Duration.ofDays(30)))) {
      throw QboFault.validation("2010", "Request has invalid or unsupported property",
          "changedSince must be within the last 30 days", "changedSince");
    }
    List<Object> responses = new ArrayList<>();
    int budget = CDC_MAX;
    for (String name : entities.split(",")) {
      String type = QboStore.type(name.trim());
      List<Object> changed = new ArrayList<>();
      for (Map<String, Object> e : store.all(type)) {
        Instant updated = QboQuery.instant(Json.path(e, "MetaData.LastUpdatedTime").toString());
        if (!updated.isBefore(since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) && changed.size() < budget) {
          changed.add(e);
        }
      }
      for (QboStore.Tombstone t : store.deletedSince(type, since)) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("domain", "QBO");
        d.put("status", "Deleted");
        d.put("Id", t.id());
        d.put("MetaData", Map.of("LastUpdatedTime", QboStore.SECONDS.format(t.at())));
        if (changed.size() < budget) {
          changed.add(d);
        }
      }
      budget -= changed.size();
      Map<String, Object> qr = new LinkedHashMap<>();
      if (!changed.isEmpty()) {
        qr.put(type, changed);
        qr.put("startPosition", 1);
        qr.put("maxResults", changed.size());
      }
      responses.add(qr);
    }
    return Map.of("CDCResponse", List.of(Map.of("QueryResponse", responses)), "time", store.now());
  }

  // https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/batch
  @PostMapping("/batch")
  Map<String, Object> batch(@RequestAttribute(QboGuardFilter.REALM) QboRealm realm, HttpServletRequest req) {
    QboStore store = realm.store;
    List<Object> items = Json.list(entities.readBody(req).get("BatchItemRequest"));
    if (items.size() > MAX_BATCH) {
      throw QboFault.validation("1000", "Batch Size Exceeded",
          "The number of batch items exceeds the maximum of " + MAX_BATCH + " per request", "");
    }
    List<Object> out = new ArrayList<>();
    for (Object o : items) {
      Map<String, Object> item = Json.map(o);
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("bId", item.get("bId"));
      try {
        res.putAll(one(store, item));
      } catch (QboFault f) {
        res.put("Fault", f.fault());
      }
      out.add(res);
    }
    return Map.of("BatchItemResponse", out, "time", store.now());
  }

  private static Map<String, Object> one(QboStore store, Map<String, Object> item) {
    if (item.get("Query") != null) {
      return Map.of("QueryResponse", query(store, item.get("Query").toString()));
    }
    String op = item.get("operation") == null ? "create" : item.get("operation").toString();
    for (String type : QboStore.TYPES.values()) {
      Map<String, Object> body = Json.map(item.get(type));
      if (body != null) {
        Map<String, Object> result = switch (op) {
          case "delete" -> store.delete(type, body);
          case "create", "update" -> body.get("Id") == null ? store.create(type, body) : store.update(type, body);
          default -> throw QboFault.unsupported("Operation " + op + " is not supported.");
        };
        return Map.of(type, result);
      }
    }
    throw QboFault.validation("2010", "Request has invalid or unsupported property",
        "Batch item carries no supported entity (Customer, Invoice, Payment, Item, Estimate) or Query", "");
  }
}
