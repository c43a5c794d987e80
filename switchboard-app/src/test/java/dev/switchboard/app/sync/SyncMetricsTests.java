package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The seed's series: {@code latency_ms_p95{target}} is one gauge per target, reading the timer's p95 in ms. */
class SyncMetricsTests {

  @Test
  void latencyGaugeIsRegisteredOncePerTargetAndReadsMilliseconds() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SyncMetrics metrics = new SyncMetrics(registry);
    for (int i = 1; i <= 20; i++) {
      metrics.latency("hubspot", Duration.ofMillis(100));
    }
    metrics.latency("mailchimp", Duration.ofMillis(30));

    assertThat(registry.find("latency_ms_p95").gauges()).hasSize(2);
    double p95 = registry.get("latency_ms_p95").tag("target", "hubspot").gauge().value();
    assertThat(p95).isBetween(90.0, 110.0);
    assertThat(registry.get("switchboard.sync.latency").tag("target", "hubspot").timer().count()).isEqualTo(20);
  }
}
