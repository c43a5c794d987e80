package dev.switchboard.app.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Prometheus series of the sync engine (names are the seed's where it gives them). */
@Component
class SyncMetrics {
  private final MeterRegistry meters;
  private final java.util.Set<String> latencyGauges = java.util.concurrent.ConcurrentHashMap.newKeySet();

  SyncMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void applied(String system, String direction) {
    Counter.builder("switchboard.sync.applied").tag("system", system).tag("direction", direction).register(meters).increment();
  }

  void echoSuppressed(String system) {
    Counter.builder("switchboard.sync.echo.suppressed").tag("system", system).register(meters).increment();
  }

  void unchangedSkipped(String system) {
    Counter.builder("switchboard.sync.unchanged.skipped").tag("system", system).register(meters).increment();
  }

  /** A field change from a system the tenant does not allow to change that field: not merged. */
  void unauthorizedIgnored(String system) {
    Counter.builder("switchboard.sync.unauthorized.ignored").tag("system", system).register(meters).increment();
  }

  /** A write not sent because the target deleted the record's object (its link is tombstoned). */
  void tombstoneSkipped(String system) {
    Counter.builder("switchboard.sync.tombstoned.skipped").tag("system", system).register(meters).increment();
  }

  /** A write not sent because the target's record filter keeps the record out ({@code FieldMappings#filterFor}). */
  void filteredSkipped(String system) {
    Counter.builder("switchboard.sync.filtered.skipped").tag("system", system).register(meters).increment();
  }

  /** A record not added to a marketing audience: no recorded opt-in, or opted out ({@link AudienceConsent}). */
  void consentSkipped(String system, String reason) {
    Counter.builder("switchboard.sync.consent.skipped").tag("system", system).tag("reason", reason).register(meters)
        .increment();
  }

  /** Writes enqueued because a record others derive values from changed (a company renamed: its members). */
  void dependentsEnqueued(String sourceType, int n) {
    Counter.builder("switchboard.sync.dependents.enqueued").tag("type", sourceType).register(meters).increment(n);
  }

  /** An association whose other end is not (and will not be) linked in the source: the edge is not kept. */
  void edgeDropped(String system) {
    Counter.builder("switchboard.sync.edges.dropped").tag("system", system).register(meters).increment();
  }

  /**
   * Edge writes to {@code system} dropped because an end will never exist there (skipped, filtered out, deleted
   * there): counted, not retried.
   */
  void edgeWritesDropped(String system, int n) {
    Counter.builder("switchboard.sync.edge_writes.dropped").tag("system", system).register(meters).increment(n);
  }

  void retry(String system) {
    Counter.builder("switchboard.vendor.retries").tag("vendor", system).register(meters).increment();
  }

  void failure(String system, String code) {
    Counter.builder("switchboard.vendor.failures").tag("vendor", system).tag("code", code).register(meters).increment();
    Counter.builder("errors").tag("system", system).register(meters).increment();
  }

  void deadLettered(String system) {
    Counter.builder("switchboard.dead.letters").tag("vendor", system).register(meters).increment();
  }

  /**
   * Time from the source change reaching us to the target holding it. Also exposed as the seed's
   * {@code latency_ms_p95{target}} gauge (milliseconds, over the timer's rolling window).
   */
  void latency(String target, Duration d) {
    Timer timer = Timer.builder("switchboard.sync.latency").tag("target", target).publishPercentiles(0.5, 0.95)
        .publishPercentileHistogram().register(meters);
    timer.record(d);
    // Registered once per target: Micrometer warns on (and ignores) every re-registration of a gauge.
    if (latencyGauges.add(target)) {
      io.micrometer.core.instrument.Gauge.builder("latency_ms_p95", timer, SyncMetrics::p95Millis)
          .tag("target", target).description("95th percentile sync latency, ms").register(meters);
    }
  }

  private static double p95Millis(Timer timer) {
    for (var v : timer.takeSnapshot().percentileValues()) {
      if (v.percentile() == 0.95) {
        return v.value(java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    }
    return Double.NaN;
  }
}
