package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.VendorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a vendor call that failed as a whole means for the writes it carried, whatever kind of write they are (record
 * writes, edge writes): refused credentials stop the connection's work (the writes wait, spending no attempts, until
 * the credentials are updated — dead-lettering every write would bury the one real problem); a permanent failure
 * dead-letters them; a retryable one (429, 5xx, network) retries each with backoff until its attempts are spent. A
 * permanent failure, a 5xx or a network failure marks the connection failing.
 */
final class WriteFailures {

  /** How one kind of write is retried and dead-lettered in its own queue. */
  interface Queue<T> {
    int attempts(T task);

    void retryAt(T task, Instant at, String message, String code, boolean countAttempt);

    void dead(T task, String code, String message);
  }

  private final SyncMetrics metrics;
  private final Connections connections;
  private final RetryPolicy retry;
  private final Clock clock;

  WriteFailures(SyncMetrics metrics, Connections connections, RetryPolicy retry, Clock clock) {
    this.metrics = metrics;
    this.connections = connections;
    this.retry = retry;
    this.clock = clock;
  }

  <T> void failed(Connection target, Iterable<T> tasks, VendorException e, Queue<T> queue) {
    String message = Pii.redact(e.getMessage());
    metrics.failure(target.system(), e.errorCode());
    if (e.status() == 401 || e.status() == 403) {
      connections.markCredentialsRejected(target.tenantId(), target.id(), message);
      Instant later = clock.instant().plus(Duration.ofMinutes(1));
      tasks.forEach(t -> queue.retryAt(t, later, message, e.errorCode(), false));
      return;
    }
    for (T t : tasks) {
      int attempts = queue.attempts(t) + 1;
      if (!e.retryable() || retry.exhausted(attempts)) {
        queue.dead(t, e.errorCode(), message);
      } else {
        metrics.retry(target.system());
        queue.retryAt(t, retry.nextAttempt(clock.instant(), attempts, e.retryAfter()), message, e.errorCode(), true);
      }
    }
    if (!e.retryable() || e.status() >= 500 || e.status() == 0) {
      connections.markError(target.tenantId(), target.id(), message);
    }
  }
}
