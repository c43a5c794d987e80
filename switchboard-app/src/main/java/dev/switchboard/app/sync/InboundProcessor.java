package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Runs claimed inbound jobs: fetch the current object (webhooks are thin), then apply it and complete the
 * job in one transaction. Fetch failures are retried with backoff through the connection's breaker;
 * concurrent updates of the same golden record are retried at once.
 */
@Component
class InboundProcessor {
  private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);
  private static final Duration DEFER = Duration.ofMillis(300);

  private final SyncJobs jobs;
  private final SyncEngine engine;
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final Breakers breakers;
  private final RetryPolicy retry;
  private final SyncMetrics metrics;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration lease;

  InboundProcessor(SyncJobs jobs, SyncEngine engine, Connections connections, ConnectorRegistry connectors,
      Breakers breakers, RetryPolicy retry, SyncMetrics metrics, TransactionTemplate tx, Clock clock,
      @Value("${switchboard.workers.lease-ms:60000}") long leaseMs) {
    this.jobs = jobs;
    this.engine = engine;
    this.connections = connections;
    this.connectors = connectors;
    this.breakers = breakers;
    this.retry = retry;
    this.metrics = metrics;
    this.tx = tx;
    this.clock = clock;
    this.lease = Duration.ofMillis(leaseMs);
  }

  /** Claims and processes up to {@code limit} due jobs; returns how many were claimed. */
  int runOnce(String owner, int limit) {
    List<SyncJobs.Job> claimed = jobs.claim(owner, limit, clock.instant().plus(lease));
    for (SyncJobs.Job job : claimed) {
      MDC.put("correlation_id", job.correlationId() == null ? "" : job.correlationId());
      MDC.put("tenant_id", job.tenantId());
      try {
        process(job, owner);
      } catch (RuntimeException e) {
        log.error("inbound job {} failed: {}", job.id(), Pii.redact(String.valueOf(e.getMessage())));
        fail(job, owner, "internal", e.getClass().getSimpleName(), null);
      } finally {
        MDC.clear();
      }
    }
    return claimed.size();
  }

  void process(SyncJobs.Job job, String owner) {
    Optional<Connection> conn = connections.find(job.tenantId(), job.connectionId());
    if (conn.isEmpty()) {
      tx.executeWithoutResult(s -> jobs.complete(job, owner)); // connection removed: nothing to apply
      return;
    }
    Connection source = conn.get();
    Connector connector = connectors.get(source.system());
    Optional<SourceRecord> record;
    Instant readAt = clock.instant();
    if (job.prefetched() != null) {
      record = Optional.of(job.prefetched());
      readAt = job.prefetchedAt();
    } else {
      CircuitBreaker breaker = breakers.forConnection(source.id());
      try {
        record = breaker.executeSupplier(() -> connector.fetch(connections.context(source), job.objectType(), job.externalId()));
      } catch (CallNotPermittedException e) {
        jobs.retryAt(job, owner, clock.instant().plus(breakers.whenOpen()), "circuit open", false, false);
        return;
      } catch (VendorException e) {
        metrics.failure(source.system(), e.errorCode());
        if (e.retryable()) {
          metrics.retry(source.system());
        }
        fail(job, owner, e.errorCode(), Pii.redact(e.getMessage()), e.retryable() ? e.retryAfter() : null);
        if (!e.retryable()) {
          connections.markError(job.tenantId(), source.id(), Pii.redact(e.getMessage()));
        }
        return;
      }
    }
    Instant readAtFinal = readAt;
    for (int attempt = 0; ; attempt++) {
      try {
        boolean done = Boolean.TRUE.equals(tx.execute(s -> {
          if (record.isEmpty()) {
            engine.unlinkDeleted(job.tenantId(), source, job.objectType(), job.externalId());
            jobs.complete(job, owner);
            return true;
          }
          SourceRecord r = record.get();
          SyncEngine.Outcome outcome = engine.apply(job.tenantId(), source, source.system(), r.externalId(),
              job.previousExternalId(), engine.clean(job.tenantId(), r.record()), r.modifiedAt(), readAtFinal, job.firstRequestedAt(),
              job.correlationId());
          if (outcome.deferred()) {
            return false;
          }
          jobs.complete(job, owner);
          return true;
        }));
        if (!done) {
          jobs.retryAt(job, owner, clock.instant().plus(DEFER), null, false, false);
        }
        connections.markHealthy(job.tenantId(), source.id());
        return;
      } catch (OptimisticLockingFailureException | DataIntegrityViolationException e) {
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private void fail(SyncJobs.Job job, String owner, String code, String message, Duration retryAfter) {
    int attempts = job.attempts() + 1;
    boolean dead = retry.exhausted(attempts);
    jobs.retryAt(job, owner, retry.nextAttempt(clock.instant(), attempts, retryAfter), code + ": " + message, true, dead);
  }
}
