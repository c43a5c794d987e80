package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * In-memory QuickBooks company (one realm, see {@link QboRealm}): Customer, Item, Invoice, Estimate, Payment. Ids are per-entity
 * sequences; every write bumps {@code SyncToken} and {@code MetaData.LastUpdatedTime}; a write with a
 * SyncToken other than the current one fails with 5010 (Stale Object Error). Deleted transactions leave a
 * tombstone for CDC. Every change is reported to {@link QboWebhooks} with this realm's id. Thread-safe (one lock).
 */
final class QboStore {

  /** Entity names as in the API, keyed by their lower-case URL form. */
  static final Map<String, String> TYPES = Map.of("customer", "Customer", "item", "Item", "invoice", "Invoice",
      "estimate", "Estimate", "payment", "Payment");
  static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

  record Tombstone(String type, String id, Instant at) {}

  record Change(String type, String id, String operation, Instant at) {}

  final ChangeClock clock;
  private final QboWebhooks webhooks;
  private final String realmId;
  private final Map<String, TreeMap<Long, Map<String, Object>>> data = new LinkedHashMap<>();
  private final Map<String, Long> sequences = new LinkedHashMap<>();
  private final List<Tombstone> tombstones = new ArrayList<>();
  private List<Change> pending = new ArrayList<>();

  QboStore(ChangeClock clock, QboWebhooks webhooks, String realmId) {
    this.clock = clock;
    this.webhooks = webhooks;
    this.realmId = realmId;
    reset();
  }

  /** Canonical entity name for a URL segment or query name (any case), or a 400 fault. */
  static String type(String name) {
    String t = name == null ? null : TYPES.get(name.toLowerCase(Locale.ROOT));
    if (t == null) {
      throw QboFault.validation("4000", "Error parsing query", "Unsupported entity: " + name, "");
    }
    return t;
  }

  synchronized void reset() {
    data.clear();
    TYPES.values().forEach(t -> data.put(t, new TreeMap<>()));
    sequences.clear();
    tombstones.clear();
    pending = new ArrayList<>();
  }

  String now() {
    return MILLIS.format(clock.now());
  }

  synchronized Map<String, Object> get(String type, String id) {
    return Json.copy(require(type, id));
  }

  synchronized List<Map<String, Object>> all(String type) {
    return data.get(type).values().stream().map(Json::copy).toList();
  }

  synchronized List<Tombstone> deletedSince(String type, Instant since) {
    return tombstones.stream().filter(t -> t.type().equals(type) && !t.at().isBefore(since)).toList();
  }

  /** Live object (no copy) for the rules; null if absent. */
  Map<String, Object> live(String type, String id) {
    Long key = key(id);
    return key == null ? null : data.get(type).get(key);
  }

  Iterable<Map<String, Object>> liveAll(String type) {
    return data.get(type).values();
  }

  Map<String, Object> require(String type, String id) {
    Map<String, Object> e = live(type, id);
    if (e == null) {
      throw QboFault.notFound(type, id);
    }
    return e;
  }

  Map<String, Object> create(String type, Map<String, Object> body) {
    return create(type, body, true);
  }

  /** Creates an entity; {@code notify=false} (sandbox seeding) sends no webhook. */
  Map<String, Object> create(String type, Map<String, Object> body, boolean notify) {
    List<Change> fired;
    Map<String, Object> result;
    synchronized (this) {
      pending = new ArrayList<>();
      Map<String, Object> e = Json.copy(body);
      QboRules.stripReadOnly(e);
      QboRules.normalize(this, type, e, null);
      long id = sequences.merge(type, 1L, Long::sum);
      e.put("Id", String.valueOf(id));
      e.put("SyncToken", "0");
      Instant at = clock.nextChange();
      e.put("MetaData", new LinkedHashMap<>(Map.of("CreateTime", SECONDS.format(at), "LastUpdatedTime", SECONDS.format(at))));
      e.put("domain", "QBO");
      e.put("sparse", false);
      data.get(type).put(id, e);
      pending.add(new Change(type, String.valueOf(id), "Create", at));
      QboPayments.settle(this);
      result = Json.copy(e);
      fired = drain();
    }
    if (notify) {
      webhooks.publish(realmId, fired);
    }
    return result;
  }

  /** Full update, or sparse when {@code body.sparse == true} (only the given top-level fields change). */
  Map<String, Object> update(String type, Map<String, Object> body) {
    List<Change> fired;
    Map<String, Object> result;
    synchronized (this) {
      pending = new ArrayList<>();
      Map<String, Object> current = checkVersion(type, body);
      Map<String, Object> incoming = Json.copy(body);
      QboRules.stripReadOnly(incoming);
      Map<String, Object> next = Boolean.TRUE.equals(body.get("sparse")) ? Json.copy(current) : QboRules.keepReadOnly(current);
      next.putAll(incoming);
      QboRules.normalize(this, type, next, current);
      touch(type, next, "Update");
      data.get(type).put(key(next.get("Id").toString()), next);
      QboPayments.settle(this);
      result = Json.copy(next);
      fired = drain();
    }
    webhooks.publish(realmId, fired);
    return result;
  }

  /** Deletes a transaction; answers {@code {Id, status:"Deleted", domain}}. */
  Map<String, Object> delete(String type, Map<String, Object> body) {
    if (type.equals("Customer") || type.equals("Item")) {
      throw QboFault.unsupported("Operation Delete " + type + " is not supported. Make it inactive (Active=false) instead.");
    }
    List<Change> fired;
    Map<String, Object> result = new LinkedHashMap<>();
    synchronized (this) {
      pending = new ArrayList<>();
      Map<String, Object> current = checkVersion(type, body);
      String id = current.get("Id").toString();
      data.get(type).remove(key(id));
      Instant at = clock.nextChange();
      tombstones.add(new Tombstone(type, id, at));
      pending.add(new Change(type, id, "Delete", at));
      QboPayments.settle(this);
      result.put("domain", "QBO");
      result.put("status", "Deleted");
      result.put("Id", id);
      fired = drain();
    }
    webhooks.publish(realmId, fired);
    return result;
  }

  /** Bumps SyncToken and LastUpdatedTime of a live object and records the change (rules use it too). */
  void touch(String type, Map<String, Object> e, String operation) {
    e.put("SyncToken", String.valueOf(Long.parseLong(e.get("SyncToken").toString()) + 1));
    Instant at = clock.nextChange();
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) e.get("MetaData"));
    meta.put("LastUpdatedTime", SECONDS.format(at));
    e.put("MetaData", meta);
    pending.add(new Change(type, e.get("Id").toString(), operation, at));
  }

  private Map<String, Object> checkVersion(String type, Map<String, Object> body) {
    Object id = body.get("Id");
    if (id == null) {
      throw QboFault.required("Id");
    }
    if (body.get("SyncToken") == null) {
      throw QboFault.required("SyncToken");
    }
    Map<String, Object> current = require(type, id.toString());
    if (!current.get("SyncToken").equals(body.get("SyncToken").toString())) {
      throw QboFault.stale();
    }
    return current;
  }

  private List<Change> drain() {
    List<Change> out = pending;
    pending = new ArrayList<>();
    return out;
  }

  private static Long key(String id) {
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
