package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.EdgeWrite;
import dev.switchboard.app.connectors.EdgeWriteResult;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorDescriptor;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.TimestampCapability;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.connectors.WebhookVerifier;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory vendor behind the connector SPI, for unit tests of the spine: objects with canonical fields and
 * a modified-at at the vendor's own precision (HubSpot: milliseconds; Mailchimp: seconds), create-or-update by
 * create key (as HubSpot's unique {@code switchboard_id}), else by e-mail, paging oldest first, and hooks to fail a call or to act while a write is "on the wire".
 */
final class FakeConnector implements Connector, dev.switchboard.app.connectors.ListsDeletions {

  /** One object as the vendor holds it. */
  record Obj(String id, Map<String, Object> fields, Instant modifiedAt) {}

  private final String system;
  private final Clock clock;
  private final ChronoUnit precision;
  final Map<String, Obj> objects = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(100);
  /** Create key → the object created with it. */
  private final Map<String, String> byCreateKey = new ConcurrentHashMap<>();
  final AtomicInteger fetchCalls = new AtomicInteger();
  final AtomicInteger writeCalls = new AtomicInteger();
  final AtomicInteger listCalls = new AtomicInteger();
  /** Pages listed of contacts only (the reconciler also polls the fake's companies). */
  final AtomicInteger contactListCalls = new AtomicInteger();
  /** Runs after the vendor applied a write and before it answers (a person editing meanwhile, a webhook arriving). */
  volatile @Nullable Runnable duringWrite;
  /** When set, the next calls of each kind throw what it supplies (null: succeed). */
  volatile @Nullable Supplier<VendorException> fetchFailure;
  volatile @Nullable Supplier<VendorException> writeFailure;
  volatile @Nullable Supplier<VendorException> listFailure;
  volatile int pageSize = 100;
  /** Writes of these e-mails are rejected item by item (as a vendor refuses an invalid value). */
  final java.util.Set<String> rejectEmails = ConcurrentHashMap.newKeySet();
  /** Every batch the connector was asked to write, as sent. */
  /** Ids merged into another object: as HubSpot, a write to one lands on the survivor and answers its id. */
  final Map<String, String> mergedInto = new ConcurrentHashMap<>();
  final List<List<WriteRequest>> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Object id → the vendor type it was created as ({@link #createAs}); others are read as any type holding theirs. */
  private final Map<String, String> vendorOf = new ConcurrentHashMap<>();
  /** Object id → its canonical type (contact unless created as a company). */
  private final Map<String, String> typeOf = new ConcurrentHashMap<>();
  /** Contact id → its companies (id → primary), as HubSpot keeps associations. */
  private final Map<String, Map<String, Boolean>> companiesOf = new ConcurrentHashMap<>();
  /** Every id {@link #delete} was asked to delete (archive), in order. */
  final List<String> deleteRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** When set, the next delete calls throw what it supplies (null: succeed). */
  volatile @Nullable Supplier<VendorException> deleteFailure;
  /** The association kinds each type declares (HubSpot: a contact's companies); reads report them. */
  final Map<String, List<AssociationKind>> kinds = new ConcurrentHashMap<>();
  /** Every edge write batch the connector was asked to make ({@code +}) or remove ({@code -}), as sent. */
  final List<String> edgeCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Writes of objects of this type fail as a whole with a retryable 503 while set. */
  volatile @Nullable String unavailableType;
  /** Writes of objects of this type are refused item by item. */
  volatile @Nullable String refusedType;
  /** Part type → the owners of its parts the vendor still names (part id → owner ids); HubSpot: line items. */
  final Map<String, Map<String, List<String>>> parts = new ConcurrentHashMap<>();
  /** Part type → the vendor type of the objects that hold such parts as lines. */
  final Map<String, String> partOwnerType = new ConcurrentHashMap<>();

  @Override
  public java.util.Set<String> partTypes() {
    return java.util.Set.copyOf(partOwnerType.keySet());
  }

  @Override
  public java.util.Set<String> ownerTypes(String partType) {
    return partOwnerType.containsKey(partType) ? java.util.Set.of(partOwnerType.get(partType)) : java.util.Set.of();
  }

  @Override
  public Map<String, List<PartOf>> ownersOf(ConnectionContext connection, String partType, List<String> ids,
      java.util.Set<String> deleted) {
    fetchCalls.incrementAndGet();
    Map<String, List<PartOf>> out = new LinkedHashMap<>();
    Map<String, List<String>> known = parts.getOrDefault(partType, Map.of());
    ids.forEach(id -> {
      if (known.containsKey(id)) {
        out.put(id, known.get(id).stream().map(o -> new PartOf(partOwnerType.get(partType), o)).toList());
      }
    });
    return out;
  }

  /** The vendor's event that the part {@code id} of {@code partType} was deleted. */
  InboundEvent partDeleted(String partType, String id) {
    return new InboundEvent("evt-del-" + system + "-" + id + "-" + System.nanoTime(), partType, id,
        InboundEvent.Kind.DELETED, null, clock.instant());
  }

  /**
   * Creates of objects of this type are made at the vendor, then answered refused (HubSpot: a deal created whose line
   * items were refused): the object exists, carrying its create key, and the spine was told it failed.
   */
  volatile @Nullable String madeThenRefusedType;

  /** The vendor types it binds instead of contact and company (null: those two). */
  volatile @Nullable List<dev.switchboard.app.connectors.VendorType> boundTypes;
  /** Reads the records the binding derives from an object (a booking's client); null: none. */
  volatile java.util.function.@Nullable Function<Obj, List<SourceRecord.Derived>> deriver;

  /** What the vendor declares about its times (as the real ones: HubSpot per field, Mailchimp per record). */
  volatile TimestampCapability timestamps;

  FakeConnector(String system, Clock clock, ChronoUnit precision) {
    this.system = system;
    this.clock = clock;
    this.precision = precision;
    this.timestamps = system.equals("hubspot") ? TimestampCapability.perField(precision.getDuration())
        : TimestampCapability.perRecord(precision.getDuration());
    if (system.equals("hubspot")) {
      kinds.put(CanonicalRecord.CONTACT, List.of(new AssociationKind("company", "company", false)));
    }
  }

  /** The companies of a contact as the vendor holds them: id → primary. */
  Map<String, Boolean> companiesOf(String contactId) {
    return Map.copyOf(companiesOf.getOrDefault(contactId, Map.of()));
  }

  /** A person creates the object in the vendor's UI; returns its id. */
  String create(Map<String, Object> fields) {
    String id = system + "-" + ids.incrementAndGet();
    objects.put(id, new Obj(id, new LinkedHashMap<>(fields), now()));
    return id;
  }

  /** A person creates a company in the vendor's UI; returns its id. */
  String createCompany(Map<String, Object> fields) {
    String id = system + "-co-" + ids.incrementAndGet();
    typeOf.put(id, "company");
    objects.put(id, new Obj(id, new LinkedHashMap<>(fields), now()));
    return id;
  }

  /** A person creates an object of {@code vendorType} in the vendor's UI; returns its id. */
  String createAs(String vendorType, Map<String, Object> fields) {
    String id = system + "-" + vendorType + "-" + ids.incrementAndGet();
    vendorOf.put(id, vendorType);
    typeOf.put(id, vendorType(vendorType).map(t -> t.canonicalTypes().getFirst()).orElse(vendorType));
    objects.put(id, new Obj(id, new LinkedHashMap<>(fields), now()));
    return id;
  }

  /**
   * The object becomes a new object of {@code vendorType} with its values (a Salesforce lead converted into a
   * contact); the old one stays readable, as a converted lead does. Returns the new id.
   */
  String convert(String id, String vendorType) {
    return createAs(vendorType, objects.get(id).fields());
  }

  /** The vendor's event that {@code previousId} became {@code id} of another vendor type. */
  InboundEvent typeChanged(String id, String previousId) {
    return InboundEvent.typeChanged("evt-type-" + system + "-" + id + "-" + System.nanoTime(), vt(id), id,
        vt(previousId), previousId, clock.instant(), null);
  }

  /** A person associates the contact with the company (HubSpot's primary company when {@code primary}). */
  void associate(String contactId, String companyId, boolean primary) {
    companiesOf.computeIfAbsent(contactId, k -> new ConcurrentHashMap<>()).put(companyId, primary);
  }

  /** A person removes the association. */
  void dissociate(String contactId, String companyId) {
    companiesOf.getOrDefault(contactId, new ConcurrentHashMap<>()).remove(companyId);
  }

  /** A person edits the object in the vendor's UI. */
  void edit(String id, Map<String, Object> changes) {
    Obj o = objects.get(id);
    Map<String, Object> f = new LinkedHashMap<>(o.fields());
    f.putAll(changes);
    objects.put(id, new Obj(id, f, now()));
  }

  Obj get(String id) {
    return objects.get(id);
  }

  /** The object is deleted at the vendor. */
  void remove(String id) {
    archived.put(id, now());
    objects.remove(id);
  }

  /** A deleted (archived) object is restored at the vendor with its values: the same id is back. */
  void restore(Obj o) {
    archived.remove(o.id());
    objects.put(o.id(), new Obj(o.id(), new LinkedHashMap<>(o.fields()), now()));
  }

  Optional<Obj> byEmail(String email) {
    return objects.values().stream().filter(o -> email.equals(o.fields().get(ContactField.EMAIL))).findFirst();
  }

  int size() {
    return objects.size();
  }

  /** The vendor's deletion webhook for {@code id}. */
  InboundEvent deleted(String id) {
    return new InboundEvent("del-" + system + "-" + id + "-" + System.nanoTime(), CanonicalRecord.CONTACT, id,
        InboundEvent.Kind.DELETED, null, clock.instant());
  }

  /** HubSpot's {@code associationChange} for the object: it is read again with its associations. */
  InboundEvent associationsChanged(String id) {
    return new InboundEvent("evt-assoc-" + system + "-" + id + "-" + System.nanoTime(), vt(id), id,
        InboundEvent.Kind.ASSOCIATIONS_CHANGED, null, clock.instant());
  }

  InboundEvent changed(String id) {
    return new InboundEvent("evt-" + system + "-" + id + "-" + System.nanoTime(), vt(id), id,
        InboundEvent.Kind.CHANGED, null, clock.instant());
  }

  private Instant now() {
    return clock.instant().truncatedTo(precision);
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor(system, system.equals("hubspot") ? "crm" : "marketing", system,
        List.of(CanonicalRecord.CONTACT), List.of(), "https://example.invalid/" + system);
  }

  /**
   * The vendor types: by default contacts and companies, each its own vendor type named as the canonical one. A test
   * may declare a routed type instead (one vendor type whose objects are contacts or companies).
   */
  volatile List<dev.switchboard.app.connectors.VendorType> types = List.of(
      dev.switchboard.app.connectors.VendorType.of("contact", "contact"),
      dev.switchboard.app.connectors.VendorType.of("company", "company"));
  /** Whether {@link #mapAs} can read an object as another canonical type than the one it is routed to now. */
  volatile boolean mapsAs;

  @Override
  public List<dev.switchboard.app.connectors.VendorType> vendorTypes() {
    List<dev.switchboard.app.connectors.VendorType> bound = boundTypes;
    return bound != null ? bound : types;
  }

  /** Reads the object as {@code canonicalType} (its fields as they are) when {@link #mapsAs}; else as the default. */
  @Override
  public Optional<SourceRecord> mapAs(String vendorType, SourceRecord record, String canonicalType) {
    if (!mapsAs) {
      return Connector.super.mapAs(vendorType, record, canonicalType);
    }
    return Optional.of(new SourceRecord(canonicalType, record.externalId(), record.modifiedAt(),
        new CanonicalRecord(canonicalType, record.record().fields()), record.associations(), record.fieldModifiedAt()));
  }

  /** The routing rule now makes the object a record of {@code canonicalType} (a deal moved into another pipeline). */
  void route(String id, String canonicalType) {
    typeOf.put(id, canonicalType);
  }

  /** Whether objects of canonical type {@code type} are read as {@code vendorType}. */
  private boolean readAs(String vendorType, String id) {
    String createdAs = vendorOf.get(id);
    if (createdAs != null) {
      return createdAs.equals(vendorType);
    }
    return vendorTypes().stream().anyMatch(t -> t.name().equals(vendorType) && t.holds(type(id)));
  }

  @Override
  public WebhookVerifier webhookVerifier() {
    throw new UnsupportedOperationException("unit tests enqueue events directly");
  }

  @Override
  public List<InboundEvent> parseWebhook(WebhookRequest request) {
    throw new UnsupportedOperationException("unit tests enqueue events directly");
  }

  @Override
  public String check(ConnectionContext connection) {
    return "acct-" + system;
  }

  @Override
  public Optional<SourceRecord> fetch(ConnectionContext connection, String objectType, String externalId) {
    fetchCalls.incrementAndGet();
    fail(fetchFailure);
    return Optional.ofNullable(objects.get(externalId)).filter(o -> readAs(objectType, o.id())).map(this::source);
  }

  @Override
  public Map<String, SourceRecord> fetchMany(ConnectionContext connection, String objectType, List<String> externalIds) {
    fetchCalls.incrementAndGet();
    fail(fetchFailure);
    Map<String, SourceRecord> out = new LinkedHashMap<>();
    externalIds.forEach(id -> Optional.ofNullable(objects.get(id)).filter(o -> readAs(objectType, o.id()))
        .ifPresent(o -> out.put(id, system.equals("hubspot") ? withoutAssociations(source(o)) : source(o))));
    return out;
  }

  /** Oldest first, ties by id; the cursor is an offset into that order. */
  @Override
  public RecordPage listModified(ConnectionContext connection, String objectType, @Nullable Instant since,
      @Nullable String cursor) {
    listCalls.incrementAndGet();
    if (objectType.equals(CanonicalRecord.CONTACT)) {
      contactListCalls.incrementAndGet();
    }
    fail(listFailure);
    List<Obj> all = objects.values().stream().filter(o -> readAs(objectType, o.id()))
        .filter(o -> since == null || !o.modifiedAt().isBefore(since))
        .sorted(Comparator.comparing(Obj::modifiedAt).thenComparing(Obj::id)).toList();
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    int to = Math.min(all.size(), from + pageSize);
    List<SourceRecord> page = new ArrayList<>();
    all.subList(from, to).forEach(o -> page.add(source(o)));
    return new RecordPage(page, to < all.size() ? Integer.toString(to) : null);
  }

  @Override
  public List<WriteResult> write(ConnectionContext connection, String objectType, List<WriteRequest> batch) {
    writeCalls.incrementAndGet();
    fail(writeFailure);
    if (objectType.equals(unavailableType)) {
      throw new VendorException(503, true, null, "http_503", system + " unavailable");
    }
    batches.add(List.copyOf(batch));
    List<WriteResult> results = new ArrayList<>();
    for (WriteRequest w : batch) {
      String email = w.desired().string(ContactField.EMAIL);
      AssociationKind required = kindsOf(objectType).stream().filter(AssociationKind::requiredAtCreate).findFirst()
          .orElse(null);
      if (objectType.equals(refusedType)) {
        results.add(new WriteResult.Rejected(w.ref(), "invalid_value", null, "refused by the vendor"));
        continue;
      }
      if (w.externalId() == null && required != null && !objects.containsKey(
          w.references().getOrDefault(required.label(), ""))) {
        results.add(new WriteResult.Rejected(w.ref(), "missing_reference", required.label(), "needs its "
            + required.label()));
        continue;
      }
      if (email != null && rejectEmails.contains(email)) {
        results.add(new WriteResult.Rejected(w.ref(), "invalid_value", ContactField.EMAIL, "refused by the vendor"));
        continue;
      }
      String id = w.externalId() != null ? mergedInto.getOrDefault(w.externalId(), w.externalId())
          : w.createKey() != null && byCreateKey.containsKey(w.createKey()) ? byCreateKey.get(w.createKey())
          : email == null ? null : byEmail(email).map(Obj::id).orElse(null);
      if (id == null && (email == null || email.isEmpty()) && w.createKey() == null) {
        results.add(new WriteResult.Rejected(w.ref(), "missing_email", ContactField.EMAIL, "needs an e-mail"));
        continue;
      }
      Map<String, Object> fields = new LinkedHashMap<>(id == null ? Map.of() : objects.get(id).fields());
      fields.putAll(w.desired().fields());
      String written = id != null ? id : system + "-" + ids.incrementAndGet();
      if (id == null && w.createKey() != null) {
        byCreateKey.put(w.createKey(), written);
      }
      if (id == null) {
        typeOf.put(written, objectType);
      }
      Instant at = now();
      objects.put(written, new Obj(written, fields, at));
      if (id == null && required != null) {
        associate(written, w.references().get(required.label()), true); // created with its reference
      }
      if (id == null && objectType.equals(madeThenRefusedType)) {
        results.add(new WriteResult.Rejected(w.ref(), "part_refused", null, "made, then a part of it was refused"));
        continue;
      }
      results.add(new WriteResult.Written(w.ref(), written, at));
    }
    Runnable hook = duringWrite;
    if (hook != null) {
      duringWrite = null;
      hook.run();
    }
    return results;
  }

  @Override
  public Optional<dev.switchboard.app.connectors.DeleteSemantics> deleteSemantics(String objectType) {
    return Optional.of(dev.switchboard.app.connectors.DeleteSemantics.ARCHIVE);
  }

  /** Archives: the objects are gone from reads; an unknown id is deleted already. */
  @Override
  public List<dev.switchboard.app.connectors.DeleteResult> delete(ConnectionContext connection, String objectType,
      List<String> externalIds) {
    fail(deleteFailure);
    deleteRequests.addAll(externalIds);
    externalIds.forEach(id -> {
      if (objects.remove(id) != null) {
        archived.put(id, now());
      }
    });
    return externalIds.stream().<dev.switchboard.app.connectors.DeleteResult>map(
        dev.switchboard.app.connectors.DeleteResult.Deleted::new).toList();
  }

  /** Deleted objects as the vendor still lists them (a recycle bin): id → when. */
  private final Map<String, Instant> archived = new java.util.concurrent.ConcurrentSkipListMap<>();
  /** Whether reconciliation may sweep its deleted objects (off unless a test says so). */
  /** What {@link #fieldGroups(String)} answers for every vendor type. */
  volatile List<java.util.Set<String>> fieldGroups = List.of();

  @Override
  public List<java.util.Set<String>> fieldGroups(String vendorType) {
    return fieldGroups;
  }

  volatile boolean listsDeletions;
  final AtomicInteger deletedListCalls = new AtomicInteger();

  @Override
  public boolean listsDeletions(String vendorType) {
    return listsDeletions;
  }

  /** The recycle bin, {@link #pageSize} a page, by id; the cursor is an offset. */
  @Override
  public DeletedPage listDeleted(ConnectionContext connection, String vendorType, @Nullable String cursor) {
    deletedListCalls.incrementAndGet();
    fail(listFailure);
    List<Map.Entry<String, Instant>> all = archived.entrySet().stream()
        .filter(e -> readAs(vendorType, e.getKey())).toList();
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    int to = Math.min(all.size(), from + pageSize);
    return new DeletedPage(all.subList(from, to).stream().map(e -> new Deleted(e.getKey(), e.getValue())).toList(),
        to < all.size() ? Integer.toString(to) : null);
  }

  /** The types it merges (none unless a test says so); every merge asked of it ({@code merged>survivor}). */
  final java.util.Set<String> mergeable = ConcurrentHashMap.newKeySet();
  final List<String> mergeRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
  volatile @Nullable Supplier<VendorException> mergeFailure;

  @Override
  public java.util.Set<String> mergeableTypes() {
    return java.util.Set.copyOf(mergeable);
  }

  /** As HubSpot: the survivor keeps its values and fills its gaps, the merged id resolves to it; unknown ids: 404. */
  @Override
  public Optional<String> merge(ConnectionContext connection, String objectType, String survivorId, String mergedId) {
    if (!mergeable.contains(objectType)) {
      return Optional.empty();
    }
    fail(mergeFailure);
    mergeRequests.add(mergedId + ">" + survivorId);
    Obj kept = objects.get(survivorId);
    Obj gone = objects.get(mergedId);
    if (kept == null || gone == null) {
      throw VendorException.forStatus(404, null, "OBJECT_NOT_FOUND", system + " has no such object to merge");
    }
    Map<String, Object> fields = new LinkedHashMap<>(kept.fields());
    gone.fields().forEach(fields::putIfAbsent);
    objects.remove(mergedId);
    objects.put(survivorId, new Obj(survivorId, fields, now()));
    mergedInto.put(mergedId, survivorId);
    return Optional.of(survivorId);
  }

  @Override
  public TimestampCapability timestamps(String objectType) {
    return timestamps;
  }

  @Override
  public List<AssociationKind> associationKinds(String objectType) {
    return kindsOf(objectType);
  }

  private List<AssociationKind> kindsOf(String objectType) {
    return kinds.getOrDefault(objectType, List.of());
  }

  /** As HubSpot: both objects must exist; making one that exists, or removing one that does not, is done. */
  @Override
  public List<EdgeWriteResult> associate(ConnectionContext connection, List<EdgeWrite> edges) {
    return edgeWrites(edges, true);
  }

  @Override
  public List<EdgeWriteResult> dissociate(ConnectionContext connection, List<EdgeWrite> edges) {
    return edgeWrites(edges, false);
  }

  private List<EdgeWriteResult> edgeWrites(List<EdgeWrite> edges, boolean make) {
    fail(writeFailure);
    List<EdgeWriteResult> out = new ArrayList<>();
    for (EdgeWrite e : edges) {
      edgeCalls.add((make ? "+" : "-") + e.fromId() + ">" + e.toId() + (e.primary() ? "*" : ""));
      if (!objects.containsKey(e.fromId()) || !objects.containsKey(e.toId())) {
        out.add(new EdgeWriteResult.Rejected(e.ref(), "not_found", "no such object"));
      } else if (make) {
        associate(e.fromId(), e.toId(), e.primary());
        out.add(new EdgeWriteResult.Done(e.ref()));
      } else {
        dissociate(e.fromId(), e.toId());
        out.add(new EdgeWriteResult.Done(e.ref()));
      }
    }
    Runnable hook = duringWrite;
    if (hook != null) {
      duringWrite = null;
      hook.run();
    }
    return out;
  }

  @Override
  public boolean seedsInitialSync() {
    return descriptor().system().equals("hubspot"); // as the real connectors: the hub seeds
  }

  @Override
  public int maxBatchSize(String objectType) {
    return 100;
  }

  @Override
  public RateLimitPolicy rateLimitPolicy() {
    return RateLimitPolicy.none();
  }

  /**
   * HubSpot's batch read carries no associations: they are read when they changed. (The other fakes' reads carry
   * them, as a vendor whose object embeds its references does.)
   */
  private static SourceRecord withoutAssociations(SourceRecord r) {
    return new SourceRecord(r.objectType(), r.externalId(), r.modifiedAt(), r.record(), null, r.fieldModifiedAt(),
        r.derived(), r.createKey());
  }

  final AtomicInteger associationReads = new AtomicInteger();

  @Override
  public Map<String, List<SourceRecord.Association>> fetchAssociations(ConnectionContext connection, String objectType,
      List<String> externalIds) {
    associationReads.incrementAndGet();
    Map<String, List<SourceRecord.Association>> out = new LinkedHashMap<>();
    externalIds.forEach(id -> Optional.ofNullable(objects.get(id)).map(this::source)
        .filter(r -> r.associations() != null).ifPresent(r -> out.put(id, r.associations())));
    return out;
  }

  /** The vendor type the object is read as: the one it was created as, else the one holding its canonical type. */
  private String vt(String id) {
    String createdAs = vendorOf.get(id);
    return createdAs != null ? createdAs : vendorTypeFor(type(id)).orElse(type(id));
  }

  private String type(String id) {
    return typeOf.getOrDefault(id, CanonicalRecord.CONTACT);
  }

  /**
   * The object as a record of its vendor type's first canonical type; a HubSpot contact carries its companies, as the
   * real connector reads them, and every object the records {@link #deriver} reads out of it.
   */
  private SourceRecord source(Obj o) {
    String vendorType = vt(o.id());
    String type = type(o.id());
    var derive = deriver;
    List<SourceRecord.Derived> derived = derive == null ? List.of() : derive.apply(o);
    List<SourceRecord.Association> companies = null;
    if (!kindsOf(vendorType).isEmpty()) {
      companies = new ArrayList<>();
      for (var e : companiesOf.getOrDefault(o.id(), Map.of()).entrySet()) {
        companies.add(new SourceRecord.Association("company", "company", e.getKey(), e.getValue()));
      }
    }
    String createKey = byCreateKey.entrySet().stream().filter(e -> e.getValue().equals(o.id())).map(Map.Entry::getKey)
        .findFirst().orElse(null); // as HubSpot's switchboard_id: the object carries the key it was created by
    return new SourceRecord(type, o.id(), o.modifiedAt(), new CanonicalRecord(type, new LinkedHashMap<>(o.fields())),
        companies, null, derived, createKey);
  }

  private static void fail(@Nullable Supplier<VendorException> failure) {
    if (failure != null) {
      VendorException e = failure.get();
      if (e != null) {
        throw e;
      }
    }
  }
}
