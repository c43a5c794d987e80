package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTests {
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void backsOffExponentiallyFrom250msAndCapsAt60s() {
    RetryPolicy p = new RetryPolicy(250, 60_000, 2.0, 0, 8);
    assertThat(Duration.between(NOW, p.nextAttempt(NOW, 1, null))).isEqualTo(Duration.ofMillis(250));
    assertThat(Duration.between(NOW, p.nextAttempt(NOW, 2, null))).isEqualTo(Duration.ofMillis(500));
    assertThat(Duration.between(NOW, p.nextAttempt(NOW, 5, null))).isEqualTo(Duration.ofMillis(4000));
    assertThat(Duration.between(NOW, p.nextAttempt(NOW, 20, null))).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void jitterStaysWithinItsBand() {
    RetryPolicy p = new RetryPolicy(1000, 60_000, 2.0, 0.5, 8);
    for (int i = 0; i < 200; i++) {
      long ms = Duration.between(NOW, p.nextAttempt(NOW, 2, null)).toMillis();
      assertThat(ms).isBetween(1000L, 3000L); // 2000 ± 50 %
    }
  }

  @Test
  void vendorRetryAfterIsHonouredWhenLongerButCapped() {
    RetryPolicy p = new RetryPolicy(250, 60_000, 2.0, 0, 8);
    assertThat(Duration.between(NOW, p.nextAttempt(NOW, 1, Duration.ofSeconds(10)))).isEqualTo(Duration.ofSeconds(10));
    assertThat(Duration.between(NOW, p.nextAttempt(NOW, 1, Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void attemptsAreCapped() {
    RetryPolicy p = new RetryPolicy(250, 60_000, 2.0, 0.5, 3);
    assertThat(p.exhausted(2)).isFalse();
    assertThat(p.exhausted(3)).isTrue();
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new RetryPolicy(0, 60_000, 2, 0.5, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(250, 100, 2, 0.5, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(250, 60_000, 2, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
