package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One portal's CRM: a {@link PropertyCatalog} and an {@link ObjectStore} per object type, the associations between
 * records and their labels, the deal pipelines and the owners, all under one {@link Journal}. Record ids are per
 * portal and per type; each type counts from its own block of the portal's id range (contacts from the portal's
 * base + 101, as before there were other types; companies from base + 100,001, deals + 200,001, …), so that an id
 * of one type or portal used for another is a 404 rather than some other record. The operations that touch
 * several stores at once — archive (drops associations), restore, merge, GDPR delete — are here and in
 * {@link ObjectLifecycle}.
 */
final class CrmData {

  /** Where each type's ids start within a portal's range (contacts keep 101, their ids from before). */
  static long idOffset(ObjectType type) {
    return type == ObjectType.CONTACTS ? 101 : type.ordinal() * 100_000L + 1;
  }

  final long portalId;
  final Journal journal = new Journal();
  final Pipelines pipelines;
  final Owners owners;
  final AssociationLabels labels = new AssociationLabels();
  final Associations associations;
  final ObjectLifecycle lifecycle;
  final ChangeClock clock;
  /** E-mail subscription types and each address's status (communication preferences). */
  final Subscriptions subscriptions;

  private final Map<ObjectType, PropertyCatalog> catalogs = new EnumMap<>(ObjectType.class);
  private final Map<ObjectType, ObjectStore> stores = new EnumMap<>(ObjectType.class);
  /** Associations an archived record had, to give back when it is restored. */
  private final Map<Associations.End, Map<Associations.End, Set<Integer>>> archivedAssociations = new HashMap<>();

  /** A portal's CRM whose ids start at {@code idBase} + each type's offset. */
  CrmData(long portalId, long idBase, ChangeClock clock, HubSpotEventPublisher events) {
    this.portalId = portalId;
    this.clock = clock;

    this.pipelines = new Pipelines(clock, portalId * 1000);
    this.owners = new Owners(portalId, clock);
    for (ObjectType t : ObjectType.values()) {
      PropertyCatalog catalog = new PropertyCatalog(t);
      catalogs.put(t, catalog);
      stores.put(t, new ObjectStore(t, portalId, idBase + idOffset(t), catalog, journal, clock, events));
    }
    store(ObjectType.DEALS).rule(new DealStageRule(pipelines));
    store(ObjectType.LINE_ITEMS).rule(new LineItemRule(store(ObjectType.PRODUCTS)));
    this.associations = new Associations(portalId, journal, labels, stores::get, events);
    this.lifecycle = new ObjectLifecycle(this, clock, events);
    this.subscriptions = new Subscriptions(this, clock);
  }

  ObjectStore store(ObjectType type) {
    return stores.get(type);
  }

  PropertyCatalog catalog(ObjectType type) {
    return catalogs.get(type);
  }

  /**
   * Archives a live record and removes its associations (their {@code associationChange} events fire for both
   * ends); a no-op for an archived or unknown record. The associations come back if the record is restored.
   */
  void archive(ObjectType type, long id, String source) {
    journal.atomically(() -> {
      if (store(type).archive(id, source)) {
        Associations.End end = new Associations.End(type, id);
        Map<Associations.End, Set<Integer>> had = associations.dropAll(end, source);
        if (!had.isEmpty()) {
          archivedAssociations.put(end, had);
          journal.onUndo(() -> archivedAssociations.remove(end));
        }
      }
      return null;
    });
  }

  /** The associations an archived record had (removed from this memory). */
  Map<Associations.End, Set<Integer>> takeArchivedAssociations(Associations.End end) {
    Map<Associations.End, Set<Integer>> had = archivedAssociations.remove(end);
    return had == null ? Map.of() : had;
  }

  void forget(Associations.End end) {
    archivedAssociations.remove(end);
  }

  void reset() {
    synchronized (journal.lock) {
      stores.values().forEach(ObjectStore::reset);
      catalogs.values().forEach(PropertyCatalog::reset);
      associations.reset();
      archivedAssociations.clear();
      labels.reset();
      pipelines.reset();
      owners.reset();
      subscriptions.reset();
    }
  }
}
