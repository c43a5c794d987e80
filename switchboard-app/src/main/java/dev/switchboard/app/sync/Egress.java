package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import dev.switchboard.app.events.Alerts;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.mapping.FieldMappings;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends claimed outbox tasks to their targets: per connection, in batches of the connector's size, through
 * the connection's circuit breaker (the HTTP guard underneath applies the rate limit). The payload is the
 * golden record's current values for the fields the target maps; a task whose values the target already
 * holds is finished without a call. Failures are retried with backoff until the attempt cap, then
 * dead-lettered with an alert. A create that needs a reference not linked in the target yet waits for it
 * ({@link Waiting}); a record's write that is skipped or dead-lettered tells the writes waiting for it. Edge writes are
 * sent after the record writes of each round ({@link EdgeEgress}); a create that links a record in its target enqueues
 * the edges owed there ({@link EdgeFanOut#linked}). A record derived from an object of the target and not linked there
 * is never created there ({@link DerivedRecords}).
 */
@Component
class Egress implements EgressDeletes.Failures {
  private static final Logger log = LoggerFactory.getLogger(Egress.class);
  /** Most writes sent under one lease renewal (a Mailchimp chunk is sequential PUTs). */
  static final int MAX_CHUNK = 100;
  static final String DEAD_LETTER = "dead_letter";

  private final Outbox outbox;
  private final GoldenRecords golden;
  private final Links links;
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final FieldMappings mappings;
  private final DesiredValues desiredValues;
  private final FirstSyncGate firstSync;
  private final Breakers breakers;
  private final RetryPolicy retry;
  private final SyncMetrics metrics;
  private final DomainEvents events;
  private final Alerts alerts;
  private final ExternalIds ids;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final WriteFailures failures;
  private final Duration lease;
  private final EgressDeletes deletes;
  private final Waiting waiting;
  private final EdgeEgress edgeEgress;
  private final MergeEgress mergeEgress;
  private final EdgeFanOut edgeFanOut;
  private final Derivations derivations;

  private final IdentityReviews reviews;
  private final AudienceConsent consent;

  Egress(Outbox outbox, GoldenRecords golden, Links links, Connections connections, ConnectorRegistry connectors,
      FieldMappings mappings, DesiredValues desiredValues, FirstSyncGate firstSync, Breakers breakers, RetryPolicy retry, SyncMetrics metrics, DomainEvents events,
      Alerts alerts, ExternalIds ids, TransactionTemplate tx, Clock clock,
      @Value("${switchboard.workers.lease-ms:60000}") long leaseMs, EgressDeletes deletes, Waiting waiting,
      EdgeEgress edgeEgress, MergeEgress mergeEgress, EdgeFanOut edgeFanOut, Derivations derivations,
      IdentityReviews reviews, AudienceConsent consent) {
    this.consent = consent;
    this.reviews = reviews;
    this.derivations = derivations;
    this.mergeEgress = mergeEgress;
    this.edgeFanOut = edgeFanOut;
    this.waiting = waiting;
    this.edgeEgress = edgeEgress;
    this.outbox = outbox;
    this.golden = golden;
    this.links = links;
    this.connections = connections;
    this.connectors = connectors;
    this.mappings = mappings;
    this.desiredValues = desiredValues;
    this.firstSync = firstSync;
    this.breakers = breakers;
    this.retry = retry;
    this.metrics = metrics;
    this.events = events;
    this.alerts = alerts;
    this.ids = ids;
    this.tx = tx;
    this.clock = clock;
    this.failures = new WriteFailures(metrics, connections, retry, clock);
    this.lease = Duration.ofMillis(leaseMs);
    this.deletes = deletes;
  }

  /**
   * Claims up to {@code limit} due record tasks and sends them, then up to {@code limit} edge tasks (after the records,
   * whose links they need), then up to {@code limit} merges owed to other connections ({@link MergeEgress}); returns
   * how many were claimed.
   */
  int runOnce(String owner, int limit) {
    List<Outbox.Task> tasks = outbox.claim(owner, limit, clock.instant().plus(lease));
    // one group per (connection, object type, operation): a batch write is of one type, a batch delete is its own call
    Map<String, List<Outbox.Task>> byTarget = tasks.stream().collect(Collectors.groupingBy(
        t -> t.connectionId() + "|" + t.objectType() + "|" + t.operation(), LinkedHashMap::new, Collectors.toList()));
    byTarget.forEach((target, group) -> sendGroup(owner, group));
    return tasks.size() + edgeEgress.runOnce(owner, limit) + mergeEgress.runOnce(owner, limit);
  }

  /**
   * Sends the pending write of one record to one target now (the synchronous upsert API) and returns the
   * target's id for it only when the target is confirmed to hold version {@code minVersion} or newer; empty
   * when the write failed, was rejected or is waiting for a retry.
   */
  Optional<String> sendNow(String owner, String tenantId, String connectionId, String objectType, String canonicalId,
      long minVersion) {
    // A background worker, or an inbound change holding the row, may have it right now: keep trying (bounded)
    // until the write is confirmed, rejected, or waiting for a retry, instead of answering "queued" at once.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      Optional<Outbox.Task> task = outbox.claimOne(owner, tenantId, connectionId, canonicalId, clock.instant().plus(lease));
      if (task.isPresent()) {
        sendGroup(owner, List.of(task.get()));
      }
      Optional<Outbox.State> st = outbox.state(tenantId, connectionId, canonicalId);
      // a retry a worker is sending right now is not settled: its answer is what the caller is waiting for
      boolean settled = st.isEmpty() || !Outbox.PENDING.equals(st.get().status())
          || (st.get().attempts() > 0 && !st.get().inFlight()) || st.get().version() < minVersion;
      if (settled || task.isPresent() || System.nanoTime() > deadline) {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    boolean confirmed = outbox.state(tenantId, connectionId, canonicalId)
        .map(st -> Outbox.DONE.equals(st.status()) && st.version() >= minVersion).orElse(false);
    return confirmed ? links.byCanonical(tenantId, connectionId, objectType, canonicalId).map(Links.Link::externalId)
        : Optional.empty();
  }

  private void sendGroup(String owner, List<Outbox.Task> group) {
    Outbox.Task first = group.getFirst();
    Optional<Connection> found = connections.find(first.tenantId(), first.connectionId());
    if (found.isEmpty()) {
      group.forEach(t -> outbox.finish(t, owner, Outbox.SKIPPED));
      return;
    }
    Connection target = found.get();
    MDC.put("tenant_id", target.tenantId());
    MDC.put("connection_id", target.id());
    try {
      Connector connector = connectors.get(target.system());
      // chunks small enough to finish well inside one lease; the lease is renewed before each chunk
      int size = Math.max(1, Math.min(MAX_CHUNK, connector.maxBatchSize(
          connector.vendorTypeFor(first.objectType()).orElse(first.objectType()))));
      for (int from = 0; from < group.size(); from += size) {
        List<Outbox.Task> chunk = group.subList(from, Math.min(group.size(), from + size));
        java.util.Set<Long> still = new java.util.HashSet<>(outbox.renew(chunk.stream().map(Outbox.Task::id).toList(),
            owner, clock.instant().plus(lease)));
        List<Outbox.Task> owned = chunk.stream().filter(t -> still.contains(t.id())).toList();
        if (!owned.isEmpty() && first.operation() == Outbox.Operation.DELETE) {
          deletes.sendBatch(owner, target, connector, owned, this);
        } else if (!owned.isEmpty()) {
          sendBatch(owner, target, connector, owned);
        }
      }
    } finally {
      MDC.remove("tenant_id");
      MDC.remove("connection_id");
    }
  }

  /** A write on its way: what is sent, what the target held before, and what it is bookkept with. */
  private record Pending(Outbox.Task task, String vendorType, Map<String, Object> desired, Map<String, Object> heldBefore,
      long goldenVersion, @Nullable String linkedId, Waiting.References references) {}

  private void sendBatch(String owner, Connection target, Connector connector, List<Outbox.Task> batch) {
    Map<String, Optional<GoldenRecords.Golden>> sources = DesiredValues.cache();
    // one write call per vendor type: records of one canonical type may be held as several (a lead, a contact)
    Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
    Map<Long, Pending> byRef = new HashMap<>();
    for (Outbox.Task task : batch) {
      Optional<GoldenRecords.Golden> g = golden.find(task.tenantId(), task.canonicalId());
      if (g.isEmpty() || !g.get().id().equals(task.canonicalId())) {
        // gone, or merged into another record (whose own write carries its values)
        skip(owner, target, task);
        continue;
      }
      Optional<Links.Link> link = links.byCanonical(task.tenantId(), target.id(), task.objectType(), task.canonicalId());
      Map<String, Object> desired = desiredValues.of(target, g.get(), sources,
          link.map(Links.Link::vendorType).orElse(null));
      if (link.isPresent() && !link.get().live()) {
        // The vendor deleted (or erased, or merged away) this record's object: never create it there again.
        metrics.tombstoneSkipped(target.system());
        skip(owner, target, task);
        continue;
      }
      Optional<String> filtered = desiredValues.refusal(target, g.get(), link.map(Links.Link::vendorType).orElse(null));
      if (filtered.isPresent()) {
        if (!optOutOwed(connector, link, desired)) {
          // The target's record filter keeps it out: not created there; a linked object stays as it is, not deleted,
          // and gets this write when the record passes again (a change to the filter's field enqueues it)
          metrics.filteredSkipped(target.system());
          skip(owner, target, task);
          continue;
        }
        // kept out by the filter, but a member who opted out is told so whatever the filter says: only that goes
        desired.keySet().retainAll(java.util.Set.of(ContactField.EMAIL, ContactField.MARKETING_STATUS));
      }
      if (link.isEmpty() && derivations.derivedFrom(task.tenantId(), target.id(), task.canonicalId())) {
        // derived from one of the target's objects (a booking's client): it holds the record inside that object only
        skip(owner, target, task);
        continue;
      }
      Optional<String> ownType = link.map(Links.Link::vendorType)
          .or(() -> connector.vendorTypeFor(task.objectType(), desired));
      if (ownType.isPresent() && connector.consentGated(ownType.get())) {
        if (link.isPresent()) {
          // never (re)subscribes a member: only an opt-out goes, or an opt-in to a member held as transactional
          consent.forExisting(target, g.get().fields(), link.get().snapshot().get(ContactField.MARKETING_STATUS),
              desired);
        } else {
          AudienceConsent.Decision decision = consent.forNew(target, g.get().fields());
          if (!decision.sent()) {
            metrics.consentSkipped(target.system(), decision.reason());
            skip(owner, target, task); // sent when an opt-in is recorded (the record changes then)
            continue;
          }
          desired.put(ContactField.MARKETING_STATUS, decision.status());
        }
      }
      Map<String, Object> snapshot = link.map(Links.Link::snapshot).orElse(Map.of());
      Map<String, Object> whole = new LinkedHashMap<>(desired);
      if (link.isPresent()) {
        // Only what the target does not hold yet: resending the other fields could overwrite an edit made there
        // meanwhile (whose webhook is still on its way) with the value it replaced. The e-mail stays as the
        // member's key for vendors that address records by it.
        desired.entrySet().removeIf(e -> !e.getKey().equals(ContactField.EMAIL)
            && Merge.sameValue(snapshot.get(e.getKey()), e.getValue()));
      }
      if (link.isPresent() && desired.entrySet().stream().allMatch(e -> Merge.sameValue(snapshot.get(e.getKey()), e.getValue()))) {
        metrics.unchangedSkipped(target.system()); // the target already holds these values: no call
        outbox.finish(task, owner, Outbox.DONE);
        continue;
      }
      String email = (String) desired.get(ContactField.EMAIL);
      // an object is written as its own vendor type; a new one as the type the binding creates such records as
      Optional<String> vendorType = link.map(Links.Link::vendorType)
          .or(() -> connector.vendorTypeFor(task.objectType(), desired));
      if (vendorType.isPresent()) {
        // a field sent brings the fields the vendor needs with it (a deal's stage its pipeline)
        for (java.util.Set<String> group : connector.fieldGroups(vendorType.get())) {
          if (group.stream().anyMatch(desired::containsKey)) {
            group.stream().filter(whole::containsKey).forEach(f -> desired.putIfAbsent(f, whole.get(f)));
          }
        }
      }
      if (vendorType.isEmpty()
          || (mappings.requiresEmail(target.system()) && (email == null || email.isEmpty()) && link.isEmpty())) {
        skip(owner, target, task); // e.g. a phone-only contact cannot be a Mailchimp member
        continue;
      }
      if (link.isEmpty() && email != null && !email.isEmpty()
          && reviews.sharesAnothersEmail(task.tenantId(), task.canonicalId(), email)) {
        // made for a review pair whose e-mail is the other record's: a system that keys people by e-mail (Mailchimp's
        // member, HubSpot's unique e-mail) would hand it that record's object. Merged, it is gone; kept apart, it stays
        // out of such systems.
        skip(owner, target, task);
        continue;
      }
      if (link.isEmpty() && firstSync.matching(target, task.objectType())) {
        // the target's own records of this type are still being read: this one may be among them
        outbox.retryAt(task, owner, clock.instant().plus(FirstSyncGate.WAIT), "waiting for the first sync of "
            + task.objectType() + " records", "first_sync", false);
        continue;
      }
      Optional<Waiting.References> references = link.isPresent() ? Optional.of(Waiting.References.none())
          : waiting.referencesForCreate(owner, target, connector, task, vendorType.get());
      if (references.isEmpty()) {
        continue; // parked until the record it references is linked there
      }
      // a line's reference to another record goes out with that record's object id there, when it has one
      CanonicalRecord record = new CanonicalRecord(task.objectType(), LineReferences.outbound(desired,
          (type, id) -> links.byCanonical(task.tenantId(), target.id(), type, id).filter(Links.Link::live)
              .map(Links.Link::externalId)));
      String createKey = ids.createKey(target.id(), task.canonicalId());
      if (link.isEmpty()) {
        // before the create goes out: an object read back carrying this key is this record's, whatever the answer
        links.rememberCreate(task.tenantId(), target.id(), createKey, task.canonicalId());
      }
      requests.computeIfAbsent(vendorType.get(), t -> new ArrayList<>()).add(new WriteRequest(task.id(),
          link.map(Links.Link::externalId).orElse(null), record, createKey, references.get().vendorIds(),
          link.isEmpty() ? null : snapshot));
      byRef.put(task.id(), new Pending(task, vendorType.get(), desired, snapshot, g.get().version(),
          link.map(Links.Link::externalId).orElse(null), references.get()));
    }
    requests.forEach((vendorType, writes) -> write(owner, target, connector, vendorType, writes, byRef));
  }

  private void write(String owner, Connection target, Connector connector, String vendorType,
      List<WriteRequest> requests, Map<Long, Pending> byRef) {
    List<Outbox.Task> tasks = requests.stream().map(r -> byRef.get(r.ref()).task()).toList();
    CircuitBreaker breaker = breakers.forConnection(target.id());
    List<WriteResult> results;
    try {
      ConnectionContext ctx = connections.context(target);
      results = breaker.executeSupplier(() -> connector.write(ctx, vendorType, requests));
    } catch (CallNotPermittedException e) {
      Instant later = clock.instant().plus(breakers.whenOpen());
      tasks.forEach(t -> outbox.retryAt(t, owner, later, "circuit open", "circuit_open", false));
      return;
    } catch (VendorException e) {
      handleFailure(owner, target, tasks, e);
      return;
    }
    connections.markHealthy(target.tenantId(), target.id());
    boolean wrote = false;
    for (WriteResult result : results) {
      Pending p = byRef.get(result.ref());
      if (p == null || !p.vendorType().equals(vendorType)) {
        continue;
      }
      switch (result) {
        case WriteResult.Written w -> {
          wrote = true;
          written(owner, target, p, w);
        }
        case WriteResult.Rejected r -> deadLetter(owner, target, p.task(), r.errorCode(),
            Pii.redact(r.message()) + (r.field() == null ? "" : " (field " + r.field() + ")"));
      }
    }
    if (wrote && !outbox.hasDead(target.tenantId(), target.id())) {
      alerts.resolve(target.tenantId(), DEAD_LETTER, target.id()); // the failed writes were replayed or superseded
    }
  }

  /** Bookkeeping of one write the target confirmed: link and snapshot, the task done, {@code crm.synced}. */
  private void written(String owner, Connection target, Pending p, WriteResult.Written w) {
    Outbox.Task task = p.task();
    String linkedId = p.linkedId();
    tx.executeWithoutResult(s -> {
          Map<String, Object> snapshot = new LinkedHashMap<>(p.heldBefore());
          snapshot.putAll(p.desired());
          String landedOn = w.externalId();
          if (linkedId != null && !linkedId.equals(landedOn) && links.byExternal(task.tenantId(), target.id(),
              p.vendorType(), landedOn).filter(l -> !l.canonicalId().equals(task.canonicalId())).isPresent()) {
            // The update landed on another record's object: the vendor merged ours into it (HubSpot resolves a
            // merged-away id to the survivor). The merge event folds the two records; until then ours keeps its id.
            landedOn = linkedId;
          }
          boolean linkedNow = links.put(task.tenantId(), target.id(), p.vendorType(), landedOn, linkedId,
              task.canonicalId(), snapshot, w.modifiedAt(), true, "created");
          if (!outbox.finish(task, owner, Outbox.DONE)) {
            s.setRollbackOnly(); // lease lost: the worker that took the task over does the bookkeeping
            return;
          }
          waiting.createdWith(target, task, p.references());
          if (linkedNow) {
            // after createdWith: an edge the create carried is held there, not owed
            edgeFanOut.linked(target, task.canonicalId(), clock.instant(), task.correlationId());
          }
          // The golden record may have moved on while we were sending (a change from this very system does
          // not enqueue a write back to it): then the target must get the newer state too.
          long now = golden.find(task.tenantId(), task.canonicalId()).map(GoldenRecords.Golden::version).orElse(0L);
          if (now > p.goldenVersion()) {
            outbox.enqueue(task.tenantId(), target.id(), task.canonicalId(), task.objectType(), now, clock.instant(),
                task.correlationId());
          }
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("system", target.system());
          payload.put("type", task.objectType());
          payload.put("external_id", ids.shown(target.system(), w.externalId()));
          payload.put("canonical_id", task.canonicalId());
          payload.put("direction", "outbound");
          payload.put("version", task.version());
          events.emit(task.tenantId(), DomainEvents.CRM_SYNCED, payload, task.correlationId());
          metrics.applied(target.system(), "outbound");
          metrics.latency(target.system(), Duration.between(task.enqueuedAt(), clock.instant()));
    });
  }

  /**
   * Whether a record its target's filter keeps out still owes that target an opt-out: its object there is linked, of a
   * consent-gated type, and the record says unsubscribed (or cleaned) while the object was last known otherwise. A
   * filter decides which records an audience receives, never that a person who opted out keeps getting campaigns.
   */
  private static boolean optOutOwed(Connector connector, Optional<Links.Link> link, Map<String, Object> desired) {
    if (link.isEmpty() || !connector.consentGated(link.get().vendorType())) {
      return false;
    }
    Object wanted = desired.get(ContactField.MARKETING_STATUS);
    return AudienceConsent.optsOut(wanted)
        && !Merge.sameValue(link.get().snapshot().get(ContactField.MARKETING_STATUS), wanted);
  }

  /** The task will not be sent: skipped, telling the writes that wait for its record there. */

  private void skip(String owner, Connection target, Outbox.Task task) {
    outbox.finish(task, owner, Outbox.SKIPPED);
    waiting.dependencyUnavailable(target, task.canonicalId(), false);
  }

  @Override
  public void handleFailure(String owner, Connection target, Iterable<Outbox.Task> tasks, VendorException e) {
    failures.failed(target, tasks, e, new WriteFailures.Queue<>() {
      public int attempts(Outbox.Task t) {
        return t.attempts();
      }

      public void retryAt(Outbox.Task t, Instant at, String message, String code, boolean countAttempt) {
        outbox.retryAt(t, owner, at, message, code, countAttempt);
      }

      public void dead(Outbox.Task t, String code, String message) {
        deadLetter(owner, target, t, code, message);
      }
    });
  }


  @Override
  public void deadLetter(String owner, Connection target, Outbox.Task task, String code, String message) {
    tx.executeWithoutResult(s -> {
      if (outbox.dead(task, owner, message, code)) {
        metrics.deadLettered(target.system());
        waiting.dependencyUnavailable(target, task.canonicalId(), true);
        // one open alert per connection: a cause that fails a thousand writes is one thing to fix
        alerts.raiseOnce(task.tenantId(), "ERROR", DEAD_LETTER,
            "Writes to " + target.displayName() + " failed permanently (" + code + "): " + message
                + ". Fix the cause, then replay them from Failed writes in the console (or POST /api/dead-letters/"
                + task.id() + "/replay).",
            target.id());
      }
    });
    log.warn("dead-lettered outbox task {} to {}: {} {}", task.id(), target.system(), code, message);
  }
}
