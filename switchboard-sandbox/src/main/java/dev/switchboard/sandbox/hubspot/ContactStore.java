package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One portal's in-memory contacts with HubSpot semantics: email unique within the portal
 * (case-insensitive, stored lower-case); {@code lastmodifieddate}/{@code updatedAt} bumped only when some
 * value really changes (strictly increasing millis); an empty string clears a property. Every change is
 * reported to the {@link HubSpotEventPublisher}, under this store's portal id, when {@code source} is
 * non-null. Written values are validated by the portal's {@link PropertyCatalog#normalize} before anything
 * changes. {@link #atomically} runs several writes all-or-nothing.
 */
final class ContactStore {

  private final Map<Long, Contact> byId = new TreeMap<>();
  private final Map<String, Long> byEmail = new HashMap<>();
  private final ChangeClock clock;
  private final PropertyCatalog catalog;
  private final HubSpotEventPublisher events;
  private final long portalId;
  private final long firstId;
  private long nextId;
  /** While {@link #atomically} runs: each touched contact as it was before (null = created in it). */
  private Map<Long, Contact> undo;
  /** While {@link #atomically} runs: webhook events held back until the work succeeds. */
  private List<Runnable> deferred;

  /** Ids start at {@code firstId} and count up (after a reset too). */
  ContactStore(long portalId, long firstId, ChangeClock clock, PropertyCatalog catalog, HubSpotEventPublisher events) {
    this.portalId = portalId;
    this.firstId = firstId;
    this.nextId = firstId;
    this.clock = clock;
    this.catalog = catalog;
    this.events = events;
  }

  /**
   * Runs {@code work} (calls of this store) all-or-nothing: when it throws, every contact it created or
   * changed is restored, the id sequence rewinds and none of its webhook events is sent.
   */
  synchronized <T> T atomically(Supplier<T> work) {
    long idBefore = nextId;
    undo = new LinkedHashMap<>();
    deferred = new ArrayList<>();
    try {
      T out = work.get();
      List<Runnable> events = deferred;
      undo = null;
      deferred = null;
      events.forEach(Runnable::run);
      return out;
    } catch (RuntimeException e) {
      rollback(idBefore);
      throw e;
    } finally {
      undo = null;
      deferred = null;
    }
  }

  private void rollback(long idBefore) {
    undo.keySet().forEach(id -> {
      Contact now = byId.remove(id);
      if (now != null && now.email() != null && id.equals(byEmail.get(now.email()))) {
        byEmail.remove(now.email());
      }
    });
    undo.forEach((id, before) -> {
      if (before != null) {
        byId.put(id, before);
        if (before.email() != null && !before.archived) {
          byEmail.put(before.email(), id);
        }
      }
    });
    nextId = idBefore;
  }

  private void touched(long id, Contact before) {
    if (undo != null && !undo.containsKey(id)) {
      undo.put(id, before == null ? null : before.copy());
    }
  }

  private void emit(Runnable event) {
    if (deferred != null) {
      deferred.add(event);
    } else {
      event.run();
    }
  }

  synchronized Contact create(Map<String, ?> raw, String source) {
    Map<String, String> props = catalog.normalize(raw, true);
    String email = props.get("email");
    if (email != null && !email.isEmpty() && byEmail.containsKey(email)) {
      throw new HubSpotException(409, "CONFLICT", "Contact already exists. Existing ID: " + byEmail.get(email));
    }
    Contact c = new Contact(nextId++);
    Instant now = clock.nextChange();
    props.forEach((k, v) -> {
      if (!v.isEmpty()) {
        c.props.put(k, v);
      }
    });
    c.createdAt = now;
    c.updatedAt = now;
    c.props.putIfAbsent("createdate", ContactJson.ts(now));
    c.props.put("lastmodifieddate", ContactJson.ts(now));
    c.props.put("hs_object_id", Long.toString(c.id));
    touched(c.id, null);
    byId.put(c.id, c);
    if (c.email() != null) {
      byEmail.put(c.email(), c.id);
    }
    if (source != null) {
      Contact snapshot = c.copy();
      emit(() -> events.created(portalId, snapshot, source));
    }
    return c.copy();
  }

  /** Applies changed values only; returns the updated contact. 404 if missing or archived. */
  synchronized Contact update(long id, Map<String, ?> raw, String source) {
    Contact c = byId.get(id);
    if (c == null || c.archived) {
      throw HubSpotException.notFound();
    }
    Map<String, String> props = catalog.normalize(raw, false);
    String newEmail = props.get("email");
    if (newEmail != null && !newEmail.isEmpty() && !newEmail.equals(c.email()) && byEmail.containsKey(newEmail)) {
      throw new HubSpotException(409, "CONFLICT", "Contact already exists. Existing ID: " + byEmail.get(newEmail));
    }
    Map<String, String> changed = new LinkedHashMap<>();
    props.forEach((k, v) -> {
      if (!v.equals(c.props.getOrDefault(k, ""))) {
        changed.put(k, v);
      }
    });
    if (changed.isEmpty()) {
      return c.copy();
    }
    touched(id, c);
    if (changed.containsKey("email")) {
      if (c.email() != null) {
        byEmail.remove(c.email());
      }
      if (!newEmail.isEmpty()) {
        byEmail.put(newEmail, id);
      }
    }
    changed.forEach((k, v) -> {
      if (v.isEmpty()) {
        c.props.remove(k);
      } else {
        c.props.put(k, v);
      }
    });
    Instant now = clock.nextChange();
    c.updatedAt = now;
    c.props.put("lastmodifieddate", ContactJson.ts(now));
    if (source != null) {
      emit(() -> events.propertiesChanged(portalId, id, changed, now, source));
    }
    return c.copy();
  }

  synchronized void archive(long id, String source) {
    Contact c = byId.get(id);
    if (c == null || c.archived) {
      return; // HubSpot answers 204 for already-archived/missing ids too
    }
    c.archived = true;
    c.archivedAt = clock.nextChange();
    if (c.email() != null) {
      byEmail.remove(c.email());
    }
    if (source != null) {
      events.deleted(portalId, id, c.archivedAt, source);
    }
  }

  /**
   * GDPR delete: removes the contact (archived or not) for good and fires {@code contact.privacyDeletion}
   * (plus {@code contact.deletion} if it was not archived yet). 404 when there is no such contact.
   */
  synchronized void purge(long id, String source) {
    Contact c = byId.remove(id);
    if (c == null) {
      throw HubSpotException.notFound();
    }
    if (c.email() != null && Long.valueOf(id).equals(byEmail.get(c.email()))) {
      byEmail.remove(c.email());
    }
    if (source != null) {
      Instant at = clock.nextChange();
      if (!c.archived) {
        events.deleted(portalId, id, at, source);
      }
      events.privacyDeleted(portalId, id, at, source);
    }
  }

  /** Looks up by id or, with {@code idProperty=email}, by email; archived ones only if asked. */
  synchronized Contact find(String idValue, String idProperty, boolean archived) {
    Contact c;
    if ("email".equals(idProperty) && archived) {
      String email = idValue.trim().toLowerCase(Locale.ROOT); // archived contacts are not in byEmail
      c = byId.values().stream().filter(x -> x.archived && email.equals(x.email())).reduce((a, b) -> b).orElse(null);
    } else if ("email".equals(idProperty)) {
      Long id = byEmail.get(idValue.trim().toLowerCase(Locale.ROOT));
      c = id == null ? null : byId.get(id);
    } else if (idProperty == null || idProperty.equals("hs_object_id")) {
      c = parseId(idValue) == null ? null : byId.get(parseId(idValue));
    } else {
      throw HubSpotException.validation("Unsupported idProperty: " + idProperty);
    }
    return c == null || c.archived != archived ? null : c.copy();
  }

  static Long parseId(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  synchronized List<Contact> list(Predicate<Contact> filter) {
    List<Contact> out = new ArrayList<>();
    byId.values().forEach(c -> {
      if (filter.test(c)) {
        out.add(c.copy());
      }
    });
    return out;
  }

  /** Up to {@code max} contacts with id >= {@code fromId} and the given archived flag, in id order. */
  synchronized List<Contact> page(long fromId, int max, boolean archived) {
    List<Contact> out = new ArrayList<>();
    for (Contact c : ((TreeMap<Long, Contact>) byId).tailMap(fromId, true).values()) {
      if (out.size() == max) {
        break;
      }
      if (c.archived == archived) {
        out.add(c.copy());
      }
    }
    return out;
  }

  synchronized void reset() {
    byId.clear();
    byEmail.clear();
    nextId = firstId;
  }
}
