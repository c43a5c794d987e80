package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.RepeatMergesSetting;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.events.Alerts;
import dev.switchboard.app.events.DomainEvents;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends claimed merges owed to other connections ({@link MergeRepeats}), outside any spine transaction: the object
 * the merged record held in the target is merged into the survivor's there ({@link Connector#merge}), then, in the
 * transaction that finishes the task, the link of the object that is gone is tombstoned {@link Links.Tombstone#MERGED}
 * — so the merge webhook the target then sends (HubSpot {@code contact.merge}) finds both objects on one record
 * already and does nothing.
 *
 * <p>A task is skipped (no call) when the connection is gone, its {@code repeatMerges} was turned off, the connector
 * cannot merge the type, or the two objects are no longer both live links of one record (one was deleted or merged
 * meanwhile, or a split took one away). Failures are handled as egress handles a failed write: retried with backoff on
 * 429, 5xx and network errors until the attempt cap; waiting without spending attempts while the credentials are
 * refused; dead-lettered with one alert per connection on any other refusal. Logs name task ids and error codes,
 * never vendor ids or values.
 */
@Component
class MergeEgress {
  private static final Logger log = LoggerFactory.getLogger(MergeEgress.class);
  static final String DEAD_LETTER = "merge_dead_letter";

  private final MergeRepeats repeats;
  private final GoldenRecords golden;
  private final Links links;
  private final ExternalIds ids;
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final Breakers breakers;
  private final RetryPolicy retry;
  private final SyncMetrics metrics;
  private final DomainEvents events;
  private final Alerts alerts;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration lease;

  MergeEgress(MergeRepeats repeats, GoldenRecords golden, Links links, ExternalIds ids, Connections connections,
      ConnectorRegistry connectors, Breakers breakers, RetryPolicy retry, SyncMetrics metrics, DomainEvents events,
      Alerts alerts, TransactionTemplate tx, Clock clock, @Value("${switchboard.workers.lease-ms:60000}") long leaseMs) {
    this.repeats = repeats;
    this.golden = golden;
    this.links = links;
    this.ids = ids;
    this.connections = connections;
    this.connectors = connectors;
    this.breakers = breakers;
    this.retry = retry;
    this.metrics = metrics;
    this.events = events;
    this.alerts = alerts;
    this.tx = tx;
    this.clock = clock;
    this.lease = Duration.ofMillis(leaseMs);
  }

  /** Claims up to {@code limit} due merges and sends them one by one; returns how many were claimed. */
  int runOnce(String owner, int limit) {
    List<MergeRepeats.Task> tasks = repeats.claim(owner, limit, clock.instant().plus(lease));
    tasks.forEach(t -> send(owner, t));
    return tasks.size();
  }

  private record Objects(String canonicalId, String objectType, String survivorId, String mergedId) {}

  private void send(String owner, MergeRepeats.Task task) {
    Connection target = connections.find(task.tenantId(), task.connectionId()).orElse(null);
    Connector connector = target == null ? null : connectors.get(target.system());
    Optional<Objects> objects = connector == null ? Optional.empty() : objects(target, connector, task);
    if (objects.isEmpty()) {
      repeats.finish(task, owner, Outbox.SKIPPED);
      return;
    }
    Objects o = objects.get();
    Optional<String> remaining;
    try {
      ConnectionContext ctx = connections.context(target);
      remaining = breakers.forConnection(target.id()).executeSupplier(
          () -> connector.merge(ctx, task.vendorType(), o.survivorId(), o.mergedId()));
    } catch (CallNotPermittedException e) {
      repeats.retryAt(task, owner, clock.instant().plus(breakers.whenOpen()), "circuit open", "circuit_open", false);
      return;
    } catch (VendorException e) {
      failed(owner, target, task, e);
      return;
    }
    connections.markHealthy(target.tenantId(), target.id());
    if (remaining.isEmpty()) {
      dead(owner, target, task, "unsupported", target.system() + " cannot merge " + task.vendorType());
      return;
    }
    String gone = remaining.get().equals(o.mergedId()) ? o.survivorId() : o.mergedId();
    tx.executeWithoutResult(s -> {
      links.tombstone(task.tenantId(), target.id(), task.vendorType(), gone, Links.Tombstone.MERGED);
      if (!repeats.finish(task, owner, Outbox.DONE)) {
        s.setRollbackOnly(); // lease lost: the worker that took the task over does the bookkeeping
        return;
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("system", target.system());
      payload.put("type", o.objectType());
      payload.put("external_id", ids.shown(target.system(), remaining.get()));
      payload.put("merged_external_id", ids.shown(target.system(), gone));
      payload.put("canonical_id", o.canonicalId());
      payload.put("direction", "outbound");
      payload.put("merged", true);
      events.emit(task.tenantId(), DomainEvents.CRM_SYNCED, payload, task.correlationId());
      metrics.applied(target.system(), "outbound");
    });
  }

  /** The two objects to merge, when the merge is (still) wanted and both are live links of one record there. */
  private Optional<Objects> objects(Connection target, Connector connector, MergeRepeats.Task task) {
    if (!RepeatMergesSetting.enabled(target.settings())
        || !connector.mergeableTypes().contains(task.vendorType())) {
      return Optional.empty();
    }
    Optional<GoldenRecords.Golden> record = golden.find(task.tenantId(), task.canonicalId());
    if (record.isEmpty()) {
      return Optional.empty();
    }
    String survivor = null;
    String merged = null;
    for (Links.Link l : links.forCanonical(task.tenantId(), record.get().id())) {
      if (!l.live() || !l.connectionId().equals(target.id()) || !l.vendorType().equals(task.vendorType())) {
        continue;
      }
      String key = ids.key(l.externalId());
      if (key.equals(task.survivorKey())) {
        survivor = l.externalId();
      } else if (key.equals(task.mergedKey())) {
        merged = l.externalId();
      }
    }
    return survivor == null || merged == null ? Optional.empty()
        : Optional.of(new Objects(record.get().id(), record.get().objectType(), survivor, merged));
  }

  private void failed(String owner, Connection target, MergeRepeats.Task task, VendorException e) {
    String message = Pii.redact(e.getMessage());
    metrics.failure(target.system(), e.errorCode());
    if (e.status() == 401 || e.status() == 403) {
      connections.markCredentialsRejected(target.tenantId(), target.id(), message);
      repeats.retryAt(task, owner, clock.instant().plus(Duration.ofMinutes(1)), message, e.errorCode(), false);
    } else if (!e.retryable() || retry.exhausted(task.attempts() + 1)) {
      dead(owner, target, task, e.errorCode(), message);
    } else {
      metrics.retry(target.system());
      Instant next = retry.nextAttempt(clock.instant(), task.attempts() + 1, e.retryAfter());
      repeats.retryAt(task, owner, next, message, e.errorCode(), true);
    }
  }

  private void dead(String owner, Connection target, MergeRepeats.Task task, String code, String message) {
    if (repeats.dead(task, owner, message, code)) {
      metrics.deadLettered(target.system());
      alerts.raiseOnce(task.tenantId(), "ERROR", DEAD_LETTER, "A merge could not be repeated in "
          + target.displayName() + " (" + code + "): " + message + ". Both objects stay linked to the merged record; "
          + "merge them in " + target.system() + " by hand.", target.id());
    }
    log.warn("dead-lettered merge task {} to {}: {}", task.id(), target.system(), code);
  }
}
