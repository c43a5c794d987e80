package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record operations beyond create, update and archive: merge (contacts, companies, deals), restore of an
 * archived record, and the GDPR delete of a contact. Each spans the record's store and the portal's
 * associations, all-or-nothing under the portal's {@link Journal}.
 */
final class ObjectLifecycle {

  /** Properties a merge never copies from the merged-away record: the ones HubSpot maintains itself. */
  private static final List<String> SYSTEM = List.of("hs_object_id", "hs_merged_object_ids", "createdate", "hs_createdate",
      "lastmodifieddate", "hs_lastmodifieddate");

  private final CrmData crm;
  private final ChangeClock clock;
  private final HubSpotEventPublisher events;

  ObjectLifecycle(CrmData crm, ChangeClock clock, HubSpotEventPublisher events) {
    this.crm = crm;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Merges {@code mergedId} into {@code primaryId} ({@code PublicMergeInput}) and returns the primary. As in HubSpot:
   * the primary keeps its id and its values, and takes the other record's values for properties it has no value
   * for; the merged-away id from then on resolves to the primary (reads, updates, associations); its unique values
   * (a contact's email) find the primary; its associations move to the primary; {@code hs_merged_object_ids} lists
   * the merged ids; {@code <type>.merge} fires with {@code mergedObjectIds}. 400 for a type without merge or a
   * record merged with itself, 404 for an unknown or archived record.
   * https://developers.hubspot.com/docs/api-reference/latest/crm/objects/contacts/guide#merge-contacts
   */
  CrmObject merge(ObjectType type, String primaryId, String mergedId, String source) {
    if (!type.mergeable) {
      throw HubSpotException.validation("Merging is not supported for " + type.plural + ".");
    }
    ObjectStore store = crm.store(type);
    return crm.journal.atomically(() -> {
      CrmObject primary = live(store, primaryId);
      CrmObject merged = live(store, mergedId);
      if (primary.id == merged.id) {
        throw HubSpotException.validation("Cannot merge a " + type.singular + " with itself (" + primary.id + ").");
      }
      store.touched(primary.id);
      store.touched(merged.id);
      CrmObject p = store.byId.get(primary.id);
      Map<String, String> moved = new LinkedHashMap<>();
      merged.props.forEach((k, v) -> {
        if (!SYSTEM.contains(k) && !p.props.containsKey(k)) {
          moved.put(k, v);
        }
      });
      List<String> mergedIds = new ArrayList<>();
      for (String list : new String[] {p.props.get("hs_merged_object_ids"), merged.props.get("hs_merged_object_ids")}) {
        if (list != null) {
          mergedIds.addAll(Arrays.asList(list.split(";")));
        }
      }
      mergedIds.add(Long.toString(merged.id));
      Instant now = clock.nextChange();
      String st = ObjectStore.sourceType(source);
      store.unique.remove(merged.props, merged.id);
      store.unique.remove(p.props, p.id);
      moved.forEach((k, v) -> p.set(k, v, now, st));
      p.set("hs_merged_object_ids", String.join(";", mergedIds), now, "CALCULATED");
      p.set(type.lastModified, HubSpotJson.ts(now), now, "CALCULATED");
      p.updatedAt = now;
      store.unique.add(merged.props, p.id); // the merged record's unique values (its email) now find the primary
      store.unique.add(p.props, p.id);
      store.byId.remove(merged.id);
      store.mergedInto.put(merged.id, p.id);
      crm.journal.onUndo(() -> store.mergedInto.remove(merged.id));
      crm.associations.move(new Associations.End(type, merged.id), new Associations.End(type, p.id), source);
      if (source != null) {
        long primaryIdValue = p.id;
        crm.journal.emit(() -> events.merged(crm.portalId, type, primaryIdValue, List.of(merged.id), moved.size(), now, source));
      }
      return p.copy();
    });
  }

  /**
   * Restores an archived record (the recycle bin's restore): it is live again with its values, the associations it
   * had come back (to records still live), and {@code <type>.restore} fires. 404 if it is not archived; 409 when a
   * live record took its email meanwhile (HubSpot's contact conflict).
   */
  CrmObject restore(ObjectType type, long id, String source) {
    ObjectStore store = crm.store(type);
    return crm.journal.atomically(() -> {
      CrmObject c = store.byId.get(id);
      if (c == null || !c.archived) {
        throw HubSpotException.notFound();
      }
      store.unique.check(c.props, id);
      store.touched(id);
      Instant now = clock.nextChange();
      c.archived = false;
      c.archivedAt = null;
      c.updatedAt = now;
      c.set(type.lastModified, HubSpotJson.ts(now), now, "CALCULATED");
      store.unique.add(c.props, id);
      Associations.End end = new Associations.End(type, id);
      Map<Associations.End, java.util.Set<Integer>> had = crm.takeArchivedAssociations(end);
      crm.associations.restoreAll(end, had, source);
      if (source != null) {
        crm.journal.emit(() -> events.restored(crm.portalId, type, id, now, source));
      }
      return c.copy();
    });
  }

  /**
   * GDPR delete: removes the record (archived or not) for good with its associations, and fires
   * {@code contact.privacyDeletion} (plus {@code contact.deletion} if it was not archived yet). 404 when there is
   * no such record.
   */
  void purge(ObjectType type, long id, String source) {
    ObjectStore store = crm.store(type);
    crm.journal.atomically(() -> {
      CrmObject c = store.byId.get(id);
      if (c == null) {
        throw HubSpotException.notFound();
      }
      store.touched(id);
      store.byId.remove(id);
      store.unique.remove(c.props, id);
      Associations.End end = new Associations.End(type, id);
      crm.associations.dropAll(end, source);
      crm.forget(end);
      if (source != null) {
        Instant at = clock.nextChange();
        boolean wasLive = !c.archived;
        crm.journal.emit(() -> {
          if (wasLive) {
            events.deleted(crm.portalId, type, id, at, source);
          }
          events.privacyDeleted(crm.portalId, type, id, at, source);
        });
      }
      return null;
    });
  }

  private static CrmObject live(ObjectStore store, String id) {
    Long parsed = ObjectStore.parseId(id);
    CrmObject c = parsed == null ? null : store.live(parsed);
    if (c == null) {
      throw HubSpotException.notFound();
    }
    return c;
  }
}
