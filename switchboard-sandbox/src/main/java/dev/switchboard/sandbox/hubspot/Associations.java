package dev.switchboard.sandbox.hubspot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One portal's associations between records. As in HubSpot they are bidirectional: every type id added from A
 * to B adds its inverse from B to A, and removing one removes both. A labeled association always comes with the
 * pair's unlabeled one (HubSpot lists a primary company both as "Primary" and unlabeled). Both records must be
 * live (404 otherwise); a type id must be one defined from A's type to B's (400 otherwise). Every type added or
 * removed fires {@code associationChange} for both ends ({@link HubSpotEventPublisher#associationChanged}). Runs
 * under the portal's {@link Journal}, so a batch that fails leaves no association behind.
 */
final class Associations {

  /** One end of an association. */
  record End(ObjectType type, long id) {}

  private static final Comparator<End> ORDER = Comparator.comparing(End::type).thenComparingLong(End::id);

  private final long portalId;
  private final Journal journal;
  final AssociationLabels labels;
  private final Function<ObjectType, ObjectStore> stores;
  private final HubSpotEventPublisher events;
  /** from → to → type ids from → to; every pair is stored in both directions. */
  private final Map<End, Map<End, Set<Integer>>> edges = new HashMap<>();

  Associations(long portalId, Journal journal, AssociationLabels labels, Function<ObjectType, ObjectStore> stores,
      HubSpotEventPublisher events) {
    this.portalId = portalId;
    this.journal = journal;
    this.labels = labels;
    this.stores = stores;
    this.events = events;
  }

  /** The live record {@code id} of {@code type} (after merges) as an end; 404 OBJECT_NOT_FOUND when there is none. */
  End live(ObjectType type, String id) {
    Long parsed = ObjectStore.parseId(id);
    CrmObject c = parsed == null ? null : stores.apply(type).live(parsed);
    if (c == null) {
      throw new HubSpotException(404, "OBJECT_NOT_FOUND", "No " + type.singular + " with id " + id + " exists.")
          .withContext("id", List.of(String.valueOf(id)));
    }
    return new End(type, c.id);
  }

  /**
   * Adds the given types ({@code AssociationSpec}: associationCategory, associationTypeId) from → to and their
   * inverses, plus the unlabeled type when a label is given. 400 for a type id that does not belong from → to or
   * a category that is not the type's.
   */
  void associate(End from, End to, List<Map<String, Object>> specs, String source) {
    List<Integer> ids = new ArrayList<>();
    for (Map<String, Object> s : specs) {
      Integer typeId = s.get("associationTypeId") instanceof Number n ? n.intValue() : null;
      String category = typeId == null ? null : labels.category(from.type(), to.type(), typeId);
      if (category == null || (s.get("associationCategory") != null && !category.equals(s.get("associationCategory")))) {
        throw HubSpotException.validation("associationTypeId " + s.get("associationTypeId") + " (" + s.get("associationCategory")
            + ") is not a valid association type from " + from.type().plural + " to " + to.type().plural + ".");
      }
      ids.add(typeId);
    }
    Integer unlabeled = AssociationTypes.defaultType(from.type(), to.type());
    if (unlabeled != null && !ids.isEmpty() && !ids.contains(unlabeled)) {
      ids.add(unlabeled);
    }
    synchronized (journal.lock) {
      touch(from, to);
      for (int id : ids) {
        add(from, to, id, source);
      }
    }
  }

  /** Adds the pair's unlabeled default type; 400 when HubSpot defines no association between the two types. */
  int associateDefault(End from, End to, String source) {
    Integer unlabeled = AssociationTypes.defaultType(from.type(), to.type());
    if (unlabeled == null) {
      throw HubSpotException.validation("Associations between " + from.type().plural + " and " + to.type().plural
          + " are not supported.");
    }
    synchronized (journal.lock) {
      touch(from, to);
      add(from, to, unlabeled, source);
    }
    return unlabeled;
  }

  private void add(End from, End to, int typeId, String source) {
    if (!types(from, to).contains(typeId)) {
      demoteOtherPrimary(from, to, typeId, source);
    }
    if (types(from, to).add(typeId)) {
      Integer inverse = labels.inverse(typeId);
      types(to, from).add(inverse);
      fire(from, to, typeId, false, source);
      fire(to, from, inverse, false, source);
    }
  }

  /**
   * A record has one primary company: making {@code to} (or {@code from}, from the company's side) the primary one
   * takes the "Primary" label off the record's previous primary company, whose unlabeled association stays — as
   * HubSpot does, firing the label's removal for both ends.
   */
  private void demoteOtherPrimary(End from, End to, int typeId, String source) {
    AssociationTypes.Type type = AssociationTypes.byId(typeId);
    if (type == null || !type.primary()) {
      return;
    }
    boolean fromCompany = from.type() == ObjectType.COMPANIES;
    End owner = fromCompany ? to : from;
    End company = fromCompany ? from : to;
    int ownerSide = fromCompany ? labels.inverse(typeId) : typeId;
    for (Map.Entry<End, Set<Integer>> e : new ArrayList<>(edges.getOrDefault(owner, Map.of()).entrySet())) {
      if (!e.getKey().equals(company) && e.getValue().contains(ownerSide)) {
        remove(owner, e.getKey(), List.of(ownerSide), source);
      }
    }
  }

  /** Removes {@code typeIds} from → to (every type when null) and their inverses. */
  void remove(End from, End to, List<Integer> typeIds, String source) {
    synchronized (journal.lock) {
      Set<Integer> current = edges.getOrDefault(from, Map.of()).getOrDefault(to, Set.of());
      List<Integer> gone = new ArrayList<>(typeIds == null ? current : typeIds.stream().filter(current::contains).toList());
      if (gone.isEmpty()) {
        return;
      }
      touch(from, to);
      for (int typeId : gone) {
        Integer inverse = labels.inverse(typeId);
        types(from, to).remove(typeId);
        types(to, from).remove(inverse);
        fire(from, to, typeId, true, source);
        fire(to, from, inverse, true, source);
      }
      prune(from, to);
      prune(to, from);
    }
  }

  /** Removes every association of a record (it was archived or deleted); returns what it had, other end → type ids. */
  Map<End, Set<Integer>> dropAll(End end, String source) {
    synchronized (journal.lock) {
      Map<End, Set<Integer>> had = new LinkedHashMap<>();
      edges.getOrDefault(end, Map.of()).forEach((k, v) -> had.put(k, new LinkedHashSet<>(v)));
      had.keySet().forEach(other -> remove(end, other, null, source));
      return had;
    }
  }

  /** Adds back associations {@link #dropAll} removed, to those other ends that are still live. */
  void restoreAll(End end, Map<End, Set<Integer>> had, String source) {
    synchronized (journal.lock) {
      had.forEach((other, ids) -> {
        CrmObject o = stores.apply(other.type()).live(other.id());
        if (o != null && o.id == other.id()) { // still there, and not merged into another record meanwhile
          touch(end, other);
          ids.stream().filter(id -> labels.category(end.type(), other.type(), id) != null).forEach(id -> add(end, other, id, source));
        }
      });
    }
  }

  /** Moves a merged-away record's associations to the record it was merged into (except those between the two). */
  void move(End merged, End primary, String source) {
    synchronized (journal.lock) {
      for (Map.Entry<End, Set<Integer>> e : new ArrayList<>(edges.getOrDefault(merged, Map.of()).entrySet())) {
        End other = e.getKey();
        List<Integer> ids = List.copyOf(e.getValue());
        remove(merged, other, null, source);
        if (!other.equals(primary)) {
          touch(primary, other);
          ids.forEach(id -> add(primary, other, id, source));
        }
      }
    }
  }

  /** Removes a deleted user-defined label's type ids from every association that has them. */
  void dropTypes(List<Integer> typeIds, String source) {
    synchronized (journal.lock) {
      for (End from : List.copyOf(edges.keySet())) {
        for (End to : List.copyOf(edges.getOrDefault(from, Map.of()).keySet())) {
          List<Integer> hit = edges.getOrDefault(from, Map.of()).getOrDefault(to, Set.of()).stream().filter(typeIds::contains).toList();
          if (!hit.isEmpty()) {
            remove(from, to, hit, source);
          }
        }
      }
    }
  }

  /** The records of type {@code to} associated with {@code from}, in id order, each with its type ids. */
  List<Map.Entry<End, Set<Integer>>> list(End from, ObjectType to) {
    synchronized (journal.lock) {
      Map<End, Set<Integer>> sorted = new TreeMap<>(ORDER);
      edges.getOrDefault(from, Map.of()).forEach((k, v) -> {
        if (k.type() == to) {
          sorted.put(k, new LinkedHashSet<>(v));
        }
      });
      return List.copyOf(sorted.entrySet());
    }
  }

  /** The type ids from → to (empty if none). */
  Set<Integer> between(End from, End to) {
    synchronized (journal.lock) {
      return new LinkedHashSet<>(edges.getOrDefault(from, Map.of()).getOrDefault(to, Set.of()));
    }
  }

  /** {@code AssociationSpecWithLabel} ({@code category, typeId, label}) of a type id from → to. */
  Map<String, Object> spec(ObjectType from, ObjectType to, int typeId) {
    return AssociationLabels.spec(labels.category(from, to, typeId), typeId, labels.label(typeId));
  }

  /** {@code LabelsBetweenObjectPair}: both ends and the labels (non-null ones) of the types from → to. */
  Map<String, Object> labelsBetween(End from, End to) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fromObjectTypeId", from.type().typeId);
    m.put("fromObjectId", Long.toString(from.id()));
    m.put("toObjectTypeId", to.type().typeId);
    m.put("toObjectId", Long.toString(to.id()));
    m.put("labels", between(from, to).stream().map(labels::label).filter(java.util.Objects::nonNull).toList());
    return m;
  }

  private Set<Integer> types(End from, End to) {
    return edges.computeIfAbsent(from, k -> new HashMap<>()).computeIfAbsent(to, k -> new LinkedHashSet<>());
  }

  private void prune(End from, End to) {
    Map<End, Set<Integer>> m = edges.get(from);
    if (m != null && m.containsKey(to) && m.get(to).isEmpty()) {
      m.remove(to);
      if (m.isEmpty()) {
        edges.remove(from);
      }
    }
  }

  /** Registers, once per transaction, how to put the pair's associations back as they are now. */
  private void touch(End a, End b) {
    boolean ordered = ORDER.compare(a, b) <= 0;
    if (!journal.firstTouch(List.of("assoc", ordered ? a : b, ordered ? b : a))) {
      return;
    }
    Set<Integer> ab = between(a, b);
    Set<Integer> ba = between(b, a);
    journal.onUndo(() -> {
      restore(a, b, ab);
      restore(b, a, ba);
    });
  }

  private void restore(End from, End to, Set<Integer> ids) {
    types(from, to).clear();
    types(from, to).addAll(ids);
    prune(from, to);
  }

  private void fire(End from, End to, int typeId, boolean removed, String source) {
    if (source != null) {
      String category = labels.category(from.type(), to.type(), typeId);
      journal.emit(() -> events.associationChanged(portalId, from, to, typeId, category, removed, source));
    }
  }

  void reset() {
    synchronized (journal.lock) {
      edges.clear();
    }
  }
}
