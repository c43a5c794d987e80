package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.access.Member;
import dev.switchboard.app.access.Role;
import dev.switchboard.app.sync.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * The OAuth state of a sign-in: random, single use, 10 minutes, bound to the session, the user, the tenant and the
 * vendor; whatever comes of a callback, its state is gone.
 */
class OAuthStatesTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
  final OAuthStates states = new OAuthStates(clock);
  final MockHttpSession session = new MockHttpSession();
  final Member olivia = member("olivia", "t1");

  static Member member(String name, String tenant) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new Member(name, "{noop}x", tenant, Role.OWNER, t, t);
  }

  private String begin(Member who, String system) {
    return states.begin(session, who, system, "HubSpot", Map.of("listId", "l1"), null).state();
  }

  @Test
  void aStateIsRandomAndComesBackOnceWithWhatTheSignInNeeds() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      assertThat(seen.add(begin(olivia, "hubspot"))).isTrue();
    }
    String state = seen.iterator().next();
    assertThat(state).matches("[A-Za-z0-9_-]{43}"); // 32 random bytes
    OAuthStates.Pending p = states.take(session, state, "hubspot", olivia);
    assertThat(p.settings()).containsEntry("listId", "l1");
    assertThatThrownBy(() -> states.take(session, state, "hubspot", olivia)).isInstanceOf(OAuthStates.Refused.class)
        .hasMessageContaining("already been used");
  }

  @Test
  void anotherSessionUserTenantOrVendorIsRefusedAndTheStateIsSpentAnyway() {
    String state = begin(olivia, "hubspot");
    assertThatThrownBy(() -> states.take(new MockHttpSession(), state, "hubspot", olivia))
        .hasMessageContaining("not started in this browser session");
    assertThatThrownBy(() -> states.take(session, state, "mailchimp", olivia))
        .hasMessageContaining("started for another account");
    assertThatThrownBy(() -> states.take(session, state, "hubspot", olivia)).as("spent by the refused attempt")
        .hasMessageContaining("already been used");
    String other = begin(olivia, "hubspot");
    assertThatThrownBy(() -> states.take(session, other, "hubspot", member("mallory", "t1")))
        .hasMessageContaining("started for another account");
    String tenant = begin(olivia, "hubspot");
    assertThatThrownBy(() -> states.take(session, tenant, "hubspot", member("olivia", "t2")))
        .hasMessageContaining("started for another account");
    assertThatThrownBy(() -> states.take(null, tenant, "hubspot", olivia))
        .hasMessageContaining("not started in this browser session");
  }

  @Test
  void aStateExpiresAfterTenMinutes() {
    String inTime = begin(olivia, "hubspot");
    String late = begin(olivia, "hubspot");
    clock.advance(Duration.ofMinutes(10));
    assertThat(states.take(session, inTime, "hubspot", olivia).system()).isEqualTo("hubspot");
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> states.take(session, late, "hubspot", olivia)).hasMessageContaining("expired");
  }

  @Test
  void aSessionKeepsAtMostFiveSignInsDroppingTheOldest() {
    String oldest = begin(olivia, "hubspot");
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      begin(olivia, "hubspot");
    }
    assertThatThrownBy(() -> states.take(session, oldest, "hubspot", olivia))
        .hasMessageContaining("not started in this browser session");
  }
}
