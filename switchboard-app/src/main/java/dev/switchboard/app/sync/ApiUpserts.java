package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.model.IdentityKey;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.mapping.FieldMappings;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The seed-2 upsert API's writes into the spine (see {@link SyncOperations#upsert}, {@link SyncOperations#upsertDeal}):
 * a change made through the API now, applied to the golden record like any source's, then written to the CRM at once
 * when its connector writes that type. Contacts and companies are found by their type's identity keys (e-mail, phone;
 * registrable domain); a deal, a type linked only, by its link or by its upsert key, and it brings its edges to the
 * records it names.
 */
@Component
class ApiUpserts {
  /** The identity-key kind of the natural key an API caller names a deal by (blind-indexed like every key). */
  static final String UPSERT_KEY = "upsert";
  /** The source system of the API's changes and of the edges it makes. */
  static final String API = "api";

  private final SyncEngine engine;
  private final Egress egress;
  private final Links links;
  private final GoldenRecords golden;
  private final IdentityResolver identity;
  private final Edges edges;
  private final EdgeFanOut edgeFanOut;
  private final ConnectorRegistry connectors;
  private final FieldMappings mappings;
  private final DesiredValues desiredValues;
  private final TransactionTemplate tx;
  private final Clock clock;

  ApiUpserts(SyncEngine engine, Egress egress, Links links, GoldenRecords golden, IdentityResolver identity, Edges edges,
      EdgeFanOut edgeFanOut, ConnectorRegistry connectors, FieldMappings mappings, DesiredValues desiredValues,
      TransactionTemplate tx, Clock clock) {
    this.desiredValues = desiredValues;
    this.engine = engine;
    this.egress = egress;
    this.links = links;
    this.golden = golden;
    this.identity = identity;
    this.edges = edges;
    this.edgeFanOut = edgeFanOut;
    this.connectors = connectors;
    this.mappings = mappings;
    this.tx = tx;
    this.clock = clock;
  }

  /** Whether {@code target}'s connector binds {@code type} and the connection maps fields of it: it is written there. */
  boolean writes(Connection target, String type) {
    Optional<Connector> c = connectors.find(target.system());
    return c.isPresent() && c.get().vendorTypeFor(type).isPresent()
        && !mappings.fieldsFor(target.system(), type, target.settings()).isEmpty();
  }

  SyncOperations.UpsertResult upsert(String tenantId, Connection target, String type, Map<String, Object> attributes,
      String correlationId) {
    Instant now = clock.instant();
    CanonicalRecord cleaned = engine.clean(tenantId, new CanonicalRecord(type, attributes));
    SyncEngine.Outcome outcome = retryingLostUpdates(() -> tx.execute(s ->
        engine.apply(tenantId, null, API, null, cleaned, now, now, now, correlationId)));
    return written(tenantId, target, type, outcome, !outcome.changes().isEmpty(), correlationId);
  }

  SyncOperations.UpsertResult upsertDeal(String tenantId, Connection target, SyncOperations.DealUpsert deal,
      String correlationId) {
    Instant now = clock.instant();
    Map<String, Object> fields = new LinkedHashMap<>(deal.fields());
    if (deal.contactIds() != null) {
      fields.put("contacts", deal.contactIds().stream().map(id -> ref("contact", id)).toList());
    }
    if (deal.companyId() != null) {
      fields.put("company", ref("company", deal.companyId()));
    }
    CanonicalRecord cleaned = engine.clean(tenantId, new CanonicalRecord("deal", fields));
    record Applied(SyncEngine.Outcome outcome, boolean edgesChanged) {}
    Applied applied = retryingLostUpdates(() -> tx.execute(s -> {
      String id = deal.canonicalId() != null ? deal.canonicalId() : byUpsertKey(tenantId, deal.naturalKey());
      SyncEngine.Outcome outcome = engine.applyTo(tenantId, id, cleaned, now, correlationId);
      boolean changed = false;
      if (deal.contactIds() != null) {
        changed |= edges(tenantId, outcome.canonicalId(), "contact", deal.contactIds(), false, now, correlationId);
      }
      if (deal.companyId() != null) {
        changed |= edges(tenantId, outcome.canonicalId(), "company", List.of(deal.companyId()), true, now,
            correlationId);
      }
      return new Applied(outcome, changed);
    }));
    return written(tenantId, target, "deal", applied.outcome(),
        !applied.outcome().changes().isEmpty() || applied.edgesChanged(), correlationId);
  }

  /** Attempts of an upsert's transaction that lost a race with another change of the same record. */
  static final int LOST_UPDATE_ATTEMPTS = 3;

  /**
   * Runs an upsert's transaction again when it lost a race with another change of the same record (a webhook's, or
   * another request's): the golden record's version moved between the read and the write ({@link
   * org.springframework.dao.OptimisticLockingFailureException}), or a key was claimed meanwhile. The transaction rolled
   * back, so the next attempt applies the request to the record as it is now; the caller sees an answer, not a 500.
   */
  private static <T> T retryingLostUpdates(java.util.function.Supplier<T> attempt) {
    for (int i = 1; ; i++) {
      try {
        return attempt.get();
      } catch (org.springframework.dao.OptimisticLockingFailureException
               | org.springframework.dao.DataIntegrityViolationException e) {
        if (i >= LOST_UPDATE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * The deal the upsert key names: the record that claimed it first, or a new id claimed for it now (a concurrent
   * request that claims it first wins, and this one applies to its record).
   */
  private String byUpsertKey(String tenantId, String naturalKey) {
    Optional<String> known = identity.lookup(tenantId, "deal", UPSERT_KEY, naturalKey);
    if (known.isPresent()) {
      return known.get();
    }
    String id = UUID.randomUUID().toString();
    return identity.claim(tenantId, "deal", UPSERT_KEY, naturalKey, id) ? id
        : identity.lookup(tenantId, "deal", UPSERT_KEY, naturalKey).orElseThrow();
  }

  /**
   * The deal's edges of {@code label} become {@code targets}: new ones made (the API's), API-made ones it no longer
   * names ended; edges another system reported are the caller's to keep (the upsert names what it knows, not what
   * HubSpot's users added). Every change is owed to the connections that keep the kind ({@link EdgeFanOut}).
   */
  private boolean edges(String tenantId, String dealId, String label, List<String> targets, boolean primary,
      Instant now, String correlationId) {
    Map<String, Boolean> made = new LinkedHashMap<>();
    targets.forEach(t -> made.put(t, primary));
    Set<String> ended = edges.from(tenantId, dealId, label).stream()
        .filter(e -> e.live() && API.equals(e.sourceSystem()) && !made.containsKey(e.toId()))
        .map(Edges.Edge::toId).collect(Collectors.toSet());
    List<Edges.Change> changes = edges.change(tenantId, dealId, label, made, ended, API, now);
    edgeFanOut.changed(tenantId, null, "deal", dealId, label, changes, now, correlationId);
    return !changes.isEmpty();
  }

  /** The result, after writing the record to {@code target} at once when it changed and the target writes its type. */
  private SyncOperations.UpsertResult written(String tenantId, Connection target, String type,
      SyncEngine.Outcome outcome, boolean changed, String correlationId) {
    Optional<String> externalId = links.byCanonical(tenantId, target.id(), type, outcome.canonicalId())
        .filter(Links.Link::live).map(Links.Link::externalId);
    if (!outcome.changes().isEmpty() && writes(target, type)) {
      externalId = egress.sendNow("api-" + correlationId, tenantId, target.id(), type, outcome.canonicalId(),
          outcome.version());
    }
    boolean created = outcome.version() == 1 && !outcome.changes().isEmpty();
    // not held there and not to be: the target's record filter keeps it out (egress skipped it, and will until it passes)
    String filteredOut = externalId.isPresent() ? null : golden.find(tenantId, outcome.canonicalId())
        .flatMap(g -> desiredValues.refusal(target, g, null)).orElse(null);
    return new SyncOperations.UpsertResult(outcome.canonicalId(), changed, created, externalId.orElse(null),
        filteredOut);
  }

  private static Map<String, Object> ref(String type, String id) {
    return Map.of("type", type, "id", id);
  }

  /** The live contact with this (cleaned) e-mail. */
  Optional<String> contactByEmail(String tenantId, String email) {
    return identity.lookup(tenantId, CanonicalRecord.CONTACT, IdentityResolver.EMAIL, email)
        .flatMap(id -> golden.find(tenantId, id)).map(GoldenRecords.Golden::id);
  }

  /** The live company whose registrable domain is {@code domain}'s (the company type's strongest identity key). */
  Optional<String> companyByDomain(String tenantId, String domain) {
    List<IdentityKey> keys = RecordCleaning.identityKeys("company", Map.of("domain", domain));
    return keys.stream().filter(k -> k.rule().equals("domain")).findFirst()
        .flatMap(k -> identity.lookup(tenantId, "company", k.rule(), k.value()))
        .flatMap(id -> golden.find(tenantId, id)).map(GoldenRecords.Golden::id);
  }

  /** The record of {@code type} the connection's object {@code externalId} is linked to, while that link is live. */
  Optional<String> linked(String tenantId, Connection connection, String type, String externalId) {
    String vendorType = connectors.find(connection.system()).flatMap(c -> c.vendorTypeFor(type)).orElse(type);
    return links.byExternal(tenantId, connection.id(), vendorType, externalId).filter(Links.Link::live)
        .filter(l -> l.objectType().equals(type)).map(Links.Link::canonicalId)
        .flatMap(id -> golden.find(tenantId, id)).map(GoldenRecords.Golden::id);
  }

  /**
   * The tenant's product whose SKU is {@code sku}, if exactly one has it. Products are linked only (a SKU is not an
   * identity across systems), so this reads the tenant's product records one by one: fine for a price list, and the
   * only read of SKUs there is.
   */
  Optional<String> productBySku(String tenantId, String sku) {
    List<String> found = golden.idsOfType(tenantId, "product").stream()
        .filter(id -> golden.find(tenantId, id).map(g -> g.fields().get("sku")).map(FieldValue::value)
            .filter(v -> sku.equals(v)).isPresent())
        .limit(2).toList();
    return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
  }

  /** The canonical id of the deal a natural key names, if one was upserted with it. */
  Optional<String> dealByUpsertKey(String tenantId, String naturalKey) {
    return identity.lookup(tenantId, "deal", UPSERT_KEY, naturalKey).flatMap(id -> golden.find(tenantId, id))
        .map(GoldenRecords.Golden::id);
  }
}
