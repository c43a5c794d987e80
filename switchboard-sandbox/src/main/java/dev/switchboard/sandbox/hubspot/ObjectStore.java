package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One portal's records of one {@link ObjectType}, with HubSpot's semantics: values checked by the type's
 * {@link PropertyCatalog} (and the type's {@link WriteRule}) before anything changes; unique values per portal
 * ({@link UniqueIndex}); the last-modified property and {@code updatedAt} bumped only when some value really
 * changes (strictly increasing millis); an empty string clears a property; every change kept in the property's
 * history. Each change is reported to the {@link HubSpotEventPublisher} when {@code source} (the webhook
 * {@code changeSource}) is non-null. Every method runs under the portal's {@link Journal} lock and registers its
 * undo, so a batch is all-or-nothing across stores. Merges and restores live in {@link ObjectLifecycle}.
 */
final class ObjectStore {

  final ObjectType type;
  final long portalId;
  final PropertyCatalog catalog;
  final UniqueIndex unique;
  final Journal journal;
  final ChangeClock clock;
  final HubSpotEventPublisher events;
  final TreeMap<Long, CrmObject> byId = new TreeMap<>();
  /** Merged-away record id → the record it was merged into. */
  final Map<Long, Long> mergedInto = new HashMap<>();
  private final long firstId;
  private long nextId;
  private WriteRule rule = WriteRule.NONE;

  /** Ids start at {@code firstId} and count up (after a reset too). */
  ObjectStore(ObjectType type, long portalId, long firstId, PropertyCatalog catalog, Journal journal, ChangeClock clock,
      HubSpotEventPublisher events) {
    this.type = type;
    this.portalId = portalId;
    this.firstId = firstId;
    this.nextId = firstId;
    this.catalog = catalog;
    this.unique = new UniqueIndex(type, catalog);
    this.journal = journal;
    this.clock = clock;
    this.events = events;
  }

  /** Sets the type's extra checks and derived values (deal stages, line item amounts). */
  void rule(WriteRule rule) {
    this.rule = rule;
  }

  /** The history's {@code sourceType} of a change: its change source, or IMPORT for a seed without webhooks. */
  static String sourceType(String source) {
    return source == null ? "IMPORT" : source;
  }

  /** Creates a record from raw property values; {@code createdate} may be given, system properties not. */
  CrmObject create(Map<String, ?> raw, String source) {
    synchronized (journal.lock) {
      Map<String, String> props = catalog.normalize(raw, true);
      rule.check(null, props);
      props.putAll(rule.derive(null, props));
      unique.check(props, null);
      long id = nextId++;
      if (journal.firstTouch(type + ":seq")) {
        long before = id;
        journal.onUndo(() -> nextId = before);
      }
      CrmObject c = new CrmObject(type, id);
      Instant now = clock.nextChange();
      String st = sourceType(source);
      props.forEach((k, v) -> {
        if (!v.isEmpty()) {
          c.set(k, v, now, st);
        }
      });
      c.createdAt = now;
      c.updatedAt = now;
      if (!c.props.containsKey(type.createDate)) {
        c.set(type.createDate, HubSpotJson.ts(now), now, "CALCULATED");
      }
      c.set(type.lastModified, HubSpotJson.ts(now), now, "CALCULATED");
      c.set("hs_object_id", Long.toString(id), now, "CALCULATED");
      touched(id);
      byId.put(id, c);
      unique.add(c.props, id);
      if (source != null) {
        CrmObject snapshot = c.copy();
        journal.emit(() -> events.created(portalId, snapshot, source));
      }
      return c.copy();
    }
  }

  /** Applies changed values only; returns the record. 404 if missing or archived. */
  CrmObject update(long id, Map<String, ?> raw, String source) {
    synchronized (journal.lock) {
      CrmObject c = byId.get(id);
      if (c == null || c.archived) {
        throw HubSpotException.notFound();
      }
      Map<String, String> props = catalog.normalize(raw, false);
      rule.check(c, props);
      Map<String, String> changed = new LinkedHashMap<>();
      props.forEach((k, v) -> {
        if (!v.equals(c.props.getOrDefault(k, ""))) {
          changed.put(k, v);
        }
      });
      if (changed.isEmpty()) {
        return c.copy();
      }
      Map<String, String> after = new LinkedHashMap<>(c.props);
      after.putAll(changed);
      rule.derive(c, after).forEach((k, v) -> {
        if (!v.equals(c.props.getOrDefault(k, ""))) {
          changed.put(k, v);
        }
      });
      after.putAll(changed);
      unique.check(after, id);
      touched(id);
      unique.remove(c.props, id);
      Instant now = clock.nextChange();
      String st = sourceType(source);
      changed.forEach((k, v) -> c.set(k, v, now, st));
      c.updatedAt = now;
      c.set(type.lastModified, HubSpotJson.ts(now), now, "CALCULATED");
      unique.add(c.props, id);
      if (source != null) {
        journal.emit(() -> events.propertiesChanged(portalId, type, id, changed, now, source));
      }
      return c.copy();
    }
  }

  /**
   * Archives a live record (a no-op for an archived or unknown one: HubSpot answers 204 for those too); true when
   * it archived something. The portal drops the record's associations ({@link HubSpotPortal}).
   */
  boolean archive(long id, String source) {
    synchronized (journal.lock) {
      CrmObject c = byId.get(id);
      if (c == null || c.archived) {
        return false;
      }
      touched(id);
      c.archived = true;
      c.archivedAt = clock.nextChange();
      unique.remove(c.props, id);
      if (source != null) {
        Instant at = c.archivedAt;
        journal.emit(() -> events.deleted(portalId, type, id, at, source));
      }
      return true;
    }
  }

  /**
   * Looks a record up by id (following merges) or, with {@code idProperty}, by a unique property; archived
   * records only if asked. 400 for an {@code idProperty} that is not unique.
   */
  CrmObject find(String idValue, String idProperty, boolean archived) {
    synchronized (journal.lock) {
      CrmObject c;
      if (idProperty == null || idProperty.equals("hs_object_id")) {
        Long id = parseId(idValue);
        c = id == null ? null : byId.get(resolve(id));
      } else if (!unique.identifies(idProperty)) {
        throw HubSpotException.validation(idProperty + " is not a unique property of " + type.plural
            + "; idProperty must name a property with unique values.");
      } else if (archived) { // archived records are not in the unique index
        String v = idProperty.equals("email") ? idValue.trim().toLowerCase(java.util.Locale.ROOT) : idValue;
        c = byId.values().stream().filter(x -> x.archived && v.equals(x.props.get(idProperty))).reduce((a, b) -> b).orElse(null);
      } else {
        Long id = unique.find(idProperty, idValue);
        c = id == null ? null : byId.get(id);
      }
      return c == null || c.archived != archived ? null : c.copy();
    }
  }

  /** The live record {@code id} (after merges) or null. */
  CrmObject live(long id) {
    synchronized (journal.lock) {
      CrmObject c = byId.get(resolve(id));
      return c == null || c.archived ? null : c.copy();
    }
  }

  /** The id a merged-away id now stands for (the id itself when it was not merged). */
  long resolve(long id) {
    Long to = mergedInto.get(id);
    return to == null ? id : resolve(to);
  }

  static Long parseId(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException | NullPointerException e) {
      return null;
    }
  }

  List<CrmObject> list(Predicate<CrmObject> filter) {
    synchronized (journal.lock) {
      List<CrmObject> out = new ArrayList<>();
      byId.values().forEach(c -> {
        if (filter.test(c)) {
          out.add(c.copy());
        }
      });
      return out;
    }
  }

  /** Up to {@code max} records with id >= {@code fromId} and the given archived flag, in id order. */
  List<CrmObject> page(long fromId, int max, boolean archived) {
    synchronized (journal.lock) {
      List<CrmObject> out = new ArrayList<>();
      for (CrmObject c : byId.tailMap(fromId, true).values()) {
        if (out.size() == max) {
          break;
        }
        if (c.archived == archived) {
          out.add(c.copy());
        }
      }
      return out;
    }
  }

  /** Registers, once per transaction, how to put record {@code id} back as it is now (or remove it if new). */
  void touched(long id) {
    if (!journal.firstTouch(type + ":" + id)) {
      return;
    }
    CrmObject before = byId.containsKey(id) ? byId.get(id).copy() : null;
    journal.onUndo(() -> {
      CrmObject now = byId.remove(id);
      if (now != null) {
        unique.remove(now.props, id);
      }
      if (before != null) {
        byId.put(id, before);
        if (!before.archived) {
          unique.add(before.props, id);
        }
      }
    });
  }

  void reset() {
    synchronized (journal.lock) {
      byId.clear();
      mergedInto.clear();
      unique.clear();
      nextId = firstId;
    }
  }
}
