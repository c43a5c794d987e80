package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs claimed inbound jobs: fetch the current object (webhooks are thin), then apply it, with the records derived from
 * it ({@link DerivedRecords}), and complete the job in one transaction. Fetch failures are retried with backoff through the connection's breaker;
 * concurrent updates of the same golden record are retried at once.
 */
@Component
class InboundProcessor {
  private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);
  private static final Duration DEFER = Duration.ofMillis(300);

  private final SyncJobs jobs;
  private final SyncEngine engine;
  private final RecordMerges merges;
  private final AssociatedRecords associated;
  private final DerivedRecords derived;
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final Breakers breakers;
  private final RetryPolicy retry;
  private final SyncMetrics metrics;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration lease;

  InboundProcessor(SyncJobs jobs, SyncEngine engine, RecordMerges merges, AssociatedRecords associated,
      DerivedRecords derived, Connections connections, ConnectorRegistry connectors, Breakers breakers, RetryPolicy retry,
      SyncMetrics metrics, TransactionTemplate tx, Clock clock,
      @Value("${switchboard.workers.lease-ms:60000}") long leaseMs) {
    this.associated = associated;
    this.derived = derived;
    this.jobs = jobs;
    this.engine = engine;
    this.merges = merges;
    this.connections = connections;
    this.connectors = connectors;
    this.breakers = breakers;
    this.retry = retry;
    this.metrics = metrics;
    this.tx = tx;
    this.clock = clock;
    this.lease = Duration.ofMillis(leaseMs);
  }

  /**
   * Claims up to {@code limit} due jobs and processes them; returns how many were claimed. Jobs of one
   * connection that need a fetch are read from the vendor together ({@link Connector#fetchMany}).
   */
  int runOnce(String owner, int limit) {
    List<SyncJobs.Job> claimed = jobs.claim(owner, limit, clock.instant().plus(lease));
    Map<String, List<SyncJobs.Job>> byConnection = new LinkedHashMap<>();
    // one group per (connection, vendor type): a batch read is of one type
    claimed.forEach(j -> byConnection.computeIfAbsent(j.tenantId() + "|" + j.connectionId() + "|" + j.vendorType(),
        k -> new ArrayList<>()).add(j));
    for (List<SyncJobs.Job> group : byConnection.values()) {
      SyncJobs.Job first = group.getFirst();
      MDC.put("tenant_id", first.tenantId());
      try {
        processGroup(group, owner);
      } catch (RuntimeException e) {
        log.error("inbound jobs of connection {} failed: {}", first.connectionId(), Pii.redact(String.valueOf(e.getMessage())));
        group.forEach(j -> fail(j, owner, "internal", e.getClass().getSimpleName(), null));
      } finally {
        MDC.clear();
      }
    }
    return claimed.size();
  }

  private void processGroup(List<SyncJobs.Job> claimed, String owner) {
    List<SyncJobs.Job> group = claimed;
    SyncJobs.Job first = claimed.getFirst();
    Optional<Connection> conn = connections.find(first.tenantId(), first.connectionId());
    if (conn.isEmpty()) {
      tx.executeWithoutResult(s -> claimed.forEach(j -> jobs.complete(j, owner))); // connection removed
      return;
    }
    Connection source = conn.get();
    Connector connector = connectors.get(source.system());
    if (connector.partTypes().contains(first.vendorType())) {
      toOwners(source, connector, claimed, owner);
      return;
    }
    List<SyncJobs.Job> toFetch = claimed.stream().filter(SyncJobs.Job::needsFetch).toList();
    Map<String, SourceRecord> fetched = Map.of();
    Instant readAt = clock.instant();
    if (!toFetch.isEmpty()) {
      CircuitBreaker breaker = breakers.forConnection(source.id());
      try {
        fetched = breaker.executeSupplier(() -> readWithAssociations(connector, connections.context(source),
            first.vendorType(), toFetch));
        // Healthy only on a call that worked: a pass that failed its fetch must leave the connection failing.
        connections.markHealthy(source.tenantId(), source.id());
      } catch (CallNotPermittedException e) {
        toFetch.forEach(j -> jobs.retryAt(j, owner, clock.instant().plus(breakers.whenOpen()), "circuit open", false, false));
        group = group.stream().filter(j -> !j.needsFetch()).toList();
      } catch (VendorException e) {
        fetchFailed(source, toFetch, owner, e);
        group = group.stream().filter(j -> !j.needsFetch()).toList();
      }
    }
    if (!linkAssociated(source, connector, group, fetched, owner)) {
      return;
    }
    for (SyncJobs.Job job : group) {
      MDC.put("correlation_id", job.correlationId() == null ? "" : job.correlationId());
      if (job.mergedInto() != null) {
        applyMerge(job, owner, source);
        continue;
      }
      Optional<SourceRecord> record = job.prefetched() != null ? Optional.of(job.prefetched())
          : Optional.ofNullable(fetched.get(job.externalId()));
      try {
        apply(job, owner, source, record, job.prefetched() != null ? job.prefetchedAt() : readAt);
      } catch (RuntimeException e) {
        // only this job pays: the others of the group go on
        log.error("inbound job {} failed: {}", job.id(), Pii.redact(String.valueOf(e.getMessage())));
        fail(job, owner, "internal", e.getClass().getSimpleName(), null);
      }
    }
  }

  /**
   * Jobs of a part type (HubSpot line items) are changes of the objects their parts belong to: the owners are asked
   * of the vendor in one call ({@link Connector#ownersOf}) and a change of each owner is enqueued in the transaction
   * that completes the parts' jobs; no part is linked. A refused call is retried as a failed read is.
   */
  private void toOwners(Connection source, Connector connector, List<SyncJobs.Job> claimed, String owner) {
    String type = claimed.getFirst().vendorType();
    java.util.Set<String> deleted = claimed.stream().filter(SyncJobs.Job::deleteRequested)
        .map(SyncJobs.Job::externalId).collect(java.util.stream.Collectors.toSet());
    Map<String, List<Connector.PartOf>> owners;
    try {
      owners = breakers.forConnection(source.id()).executeSupplier(() -> connector.ownersOf(
          connections.context(source), type, claimed.stream().map(SyncJobs.Job::externalId).distinct().toList(),
          deleted));
    } catch (CallNotPermittedException e) {
      claimed.forEach(j -> jobs.retryAt(j, owner, clock.instant().plus(breakers.whenOpen()), "circuit open", false,
          false));
      return;
    } catch (VendorException e) {
      fetchFailed(source, claimed, owner, e);
      return;
    }
    Map<String, List<Connector.PartOf>> found = new java.util.HashMap<>(owners);
    // only a deleted part is looked for among the lines last known (a scan of every owner link's snapshot): a part
    // the vendor names no owner for that was not deleted is loose, and its owner's own events tell any change
    java.util.Set<String> unplaced = deleted.stream().filter(id -> !found.containsKey(id))
        .collect(java.util.stream.Collectors.toSet());
    if (!unplaced.isEmpty()) {
      // the vendor names no owner (a deleted line item has no associations left): the one whose lines held it
      engine.lastKnownOwners(source, type, unplaced).forEach((part, o) -> found.put(part, List.of(o)));
    }
    tx.executeWithoutResult(s -> {
      for (SyncJobs.Job j : claimed) {
        for (Connector.PartOf p : found.getOrDefault(j.externalId(), List.of())) {
          jobs.enqueue(j.tenantId(), j.connectionId(), new InboundEvent("part:" + j.id() + ":" + p.externalId(),
              p.vendorType(), p.externalId(), InboundEvent.Kind.CHANGED, null, clock.instant()), j.correlationId());
        }
        jobs.complete(j, owner);
      }
    });
  }

  /**
   * Reads the jobs' objects in one batch and, for those whose associations changed, their associations (one more
   * call, only then).
   */
  private Map<String, SourceRecord> readWithAssociations(Connector connector,
      dev.switchboard.app.connectors.ConnectionContext ctx, String type, List<SyncJobs.Job> toFetch) {
    Map<String, SourceRecord> read = new LinkedHashMap<>(connector.fetchMany(ctx, type,
        toFetch.stream().map(SyncJobs.Job::externalId).distinct().toList()));
    List<String> withAssociations = toFetch.stream().filter(SyncJobs.Job::associationsRequested)
        .map(SyncJobs.Job::externalId).filter(read::containsKey).distinct().toList();
    if (!withAssociations.isEmpty()) {
      Map<String, List<SourceRecord.Association>> found = connector.fetchAssociations(ctx, type, withAssociations);
      found.forEach((id, associations) -> read.computeIfPresent(id, (k, r) -> r.withAssociations(associations)));
    }
    return read;
  }

  /**
   * Links the other ends of the group's associations first (see {@link AssociatedRecords}); false when reading them
   * failed, the group's jobs then being retried as after a failed fetch.
   */
  private boolean linkAssociated(Connection source, Connector connector, List<SyncJobs.Job> group,
      Map<String, SourceRecord> fetched, String owner) {
    List<SourceRecord> records = new ArrayList<>();
    for (SyncJobs.Job j : group) {
      SourceRecord r = j.prefetched() != null ? j.prefetched() : fetched.get(j.externalId());
      if (r != null && r.associations() != null && !r.associations().isEmpty()) {
        records.add(r);
      }
    }
    if (records.isEmpty()) {
      return true;
    }
    SyncJobs.Job first = group.getFirst();
    try {
      breakers.forConnection(source.id()).executeRunnable(() -> associated.linkOtherEnds(source, connector,
          connections.context(source), records, first.firstRequestedAt(), first.correlationId()));
      return true;
    } catch (CallNotPermittedException e) {
      group.forEach(j -> jobs.retryAt(j, owner, clock.instant().plus(breakers.whenOpen()), "circuit open", false, false));
    } catch (VendorException e) {
      fetchFailed(source, group, owner, e);
    }
    return false;
  }

  /**
   * A fetch failed as a whole. Refused credentials stop the connection's work (the jobs wait, spending no
   * attempts, until the credentials are updated); a retryable failure (429, 5xx, network) is retried with backoff;
   * any other failure counts against each job's attempts and marks the connection failing.
   */
  private void fetchFailed(Connection source, List<SyncJobs.Job> jobsToFetch, String owner, VendorException e) {
    String message = Pii.redact(e.getMessage());
    metrics.failure(source.system(), e.errorCode());
    if (e.status() == 401 || e.status() == 403) {
      connections.markCredentialsRejected(source.tenantId(), source.id(), message);
      Instant later = clock.instant().plus(Duration.ofMinutes(1));
      jobsToFetch.forEach(j -> jobs.retryAt(j, owner, later, e.errorCode() + ": " + message, false, false));
      return;
    }
    for (SyncJobs.Job j : jobsToFetch) {
      if (e.retryable()) {
        metrics.retry(source.system());
      }
      fail(j, owner, e.errorCode(), message, e.retryable() ? e.retryAfter() : null);
    }
    if (!e.retryable() || e.status() >= 500 || e.status() == 0) {
      connections.markError(source.tenantId(), source.id(), message);
    }
  }

  private void apply(SyncJobs.Job job, String owner, Connection source, Optional<SourceRecord> record, Instant readAt) {
    for (int attempt = 0; ; attempt++) {
      try {
        boolean done = Boolean.TRUE.equals(tx.execute(s -> {
          if (record.isEmpty()) {
            // Gone at the vendor. Only a deletion event makes that a deletion: after a change event a 404 can
            // also mean the object moved (a Mailchimp member whose e-mail changed), and its id-change event
            // still needs the link.
            if (job.deleteRequested()) {
              engine.tombstoneDeleted(job.tenantId(), source, job.vendorType(), job.externalId(),
                  job.eraseRequested() ? Links.Tombstone.ERASED : Links.Tombstone.DELETED);
            }
            if (!jobs.complete(job, owner)) {
              s.setRollbackOnly(); // our lease expired and another worker owns the job now
            }
            return true;
          }
          SourceRecord r = engine.routed(job.tenantId(), source, job.vendorType(), record.get());
          SyncEngine.Outcome outcome = engine.apply(job.tenantId(), source, source.system(), job.vendorType(),
              r.externalId(), job.previousExternalId(), job.previousVendorType(), engine.cleanFrom(job.tenantId(), source,
              r.record()), r.modifiedAt(), r.fieldModifiedAt(), readAt, job.firstRequestedAt(), job.correlationId(),
              r.createKey());
          if (outcome.stale()) {
            jobs.refetch(job, owner);
            return true;
          }
          if (outcome.deferred()) {
            return false;
          }
          if (r.associations() != null && associated.edgeWriteInFlight(source, outcome.canonicalId())) {
            // our edge write of this record to the source is on the wire: this read may or may not show it
            s.setRollbackOnly();
            return false;
          }
          associated.observe(source, connectors.get(source.system()), r, outcome.canonicalId(), outcome.version(), readAt, job.firstRequestedAt(),
              job.correlationId());
          if (outcome.linked()) {
            associated.linked(source, outcome.canonicalId(), job.firstRequestedAt(), job.correlationId());
          }
          // the records read out of the object (a booking's client), now that the object's own record is known
          derived.apply(source, job.vendorType(), r, outcome.canonicalId(), readAt, job.firstRequestedAt(),
              job.correlationId());
          if (!jobs.complete(job, owner)) {
            s.setRollbackOnly(); // our lease expired and another worker owns the job now
          }
          return true;
        }));
        if (!done) {
          // keep what we read: coming back must not cost another vendor call
          jobs.defer(job, owner, clock.instant().plus(DEFER), record.get(), readAt);
        }
        return;
      } catch (OptimisticLockingFailureException | DataIntegrityViolationException e) {
        if (attempt >= 3) {
          throw e;
        }
      } catch (TypeRouting.RoutingRefused e) {
        // the binding cannot read the object as the record it belongs to: no retry will change that
        jobs.retryAt(job, owner, clock.instant(), "routing: " + e.getMessage(), true, true);
        return;
      }
    }
  }

  /** A vendor merge needs no read: the merged-away object is gone and the survivor has its own change job. */
  private void applyMerge(SyncJobs.Job job, String owner, Connection source) {
    try {
      RecordMerges.Result result = tx.execute(s -> {
        RecordMerges.Result r = merges.vendorMerged(job.tenantId(), source, job.vendorType(), job.externalId(),
            job.mergedInto(), job.firstRequestedAt(), job.correlationId());
        if (r != RecordMerges.Result.DEFERRED && !jobs.complete(job, owner)) {
          s.setRollbackOnly(); // our lease expired and another worker owns the job now
        }
        return r;
      });
      if (result == RecordMerges.Result.DEFERRED) {
        jobs.retryAt(job, owner, clock.instant().plus(DEFER), null, false, false);
      }
    } catch (RuntimeException e) {
      // only this job pays (a concurrent change of either record, a deadlock victim, …): it is tried again later
      log.warn("merge job {} failed: {}", job.id(), e.getClass().getSimpleName());
      fail(job, owner, "conflict", e.getClass().getSimpleName(), null);
    }
  }

  private void fail(SyncJobs.Job job, String owner, String code, String message, Duration retryAfter) {
    int attempts = job.attempts() + 1;
    boolean dead = retry.exhausted(attempts);
    jobs.retryAt(job, owner, retry.nextAttempt(clock.instant(), attempts, retryAfter), code + ": " + message, true, dead);
  }
}
