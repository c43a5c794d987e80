package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.sync.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Needs your attention warns 14 days before a credential's known hard expiry, with a Reconnect action. */
class CredentialExpiryWarningTests {
  static final Instant EXPIRES = Instant.parse("2026-07-01T00:00:00Z");
  final MutableClock clock = new MutableClock(EXPIRES.minus(Duration.ofDays(15)));

  static DashboardModel.ConnectionRow row(String status, boolean signIn, @Nullable Instant expiry) {
    Connection c = new Connection("con_q", "t1", "quickbooks", "realm", "QuickBooks", Map.of(), status, null, null,
        null);
    ConnectionState state = ConnectionState.of(c, false, List.of(), null, Instant.EPOCH);
    return new DashboardModel.ConnectionRow(c, 0, Map.of(), "DONE (0)", signIn, false, state, expiry);
  }

  private List<Attention> expiring(DashboardModel.ConnectionRow row, boolean mayAct) {
    return Attention.of(List.of(row), List.of(), mayAct, clock.instant()).stream()
        .filter(a -> a.id().startsWith("expiring-")).toList();
  }

  @Test
  void theWarningAppearsFourteenDaysAheadWithAReconnectActionAndNotBefore() {
    assertThat(expiring(row(Connection.ACTIVE, true, EXPIRES), true)).as("15 days ahead").isEmpty();

    clock.advance(Duration.ofDays(1));
    assertThat(expiring(row(Connection.ACTIVE, true, EXPIRES), true)).singleElement().satisfies(a -> {
      assertThat(a.text()).startsWith("QuickBooks’s access ends on 1 July 2026 (in 14 days)");
      assertThat(a.who()).isEqualTo("You");
      assertThat(a.kind()).isEqualTo("form");
      assertThat(a.action()).isEqualTo("Reconnect");
      assertThat(a.target()).isEqualTo("/console/connections/con_q/reconnect");
    });

    clock.advance(Duration.ofDays(13).plusHours(12));
    assertThat(expiring(row(Connection.ACTIVE, true, EXPIRES), true)).singleElement()
        .extracting(Attention::text).asString().contains("(within a day)");
    clock.advance(Duration.ofDays(1));
    assertThat(expiring(row(Connection.ACTIVE, true, EXPIRES), true)).singleElement()
        .extracting(Attention::text).asString().startsWith("QuickBooks’s access ended on 1 July 2026");
  }

  @Test
  void aTokenTypedByItsOwnerIsRenewedOnItsPageAndAViewerIsToldWhoCan() {
    clock.advance(Duration.ofDays(5));
    assertThat(expiring(row(Connection.ACTIVE, false, EXPIRES), true)).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo("link");
      assertThat(a.action()).isEqualTo("Update credentials");
      assertThat(a.target()).isEqualTo("/console/connections/con_q");
    });
    assertThat(expiring(row(Connection.ACTIVE, true, EXPIRES), false)).singleElement().satisfies(a -> {
      assertThat(a.kind()).isNull();
      assertThat(a.who()).isEqualTo("An owner or admin of your organisation");
    });
  }

  @Test
  void noWarningWithoutAKnownExpiryOrOnceTheConnectionAlreadyNeedsReconnecting() {
    clock.advance(Duration.ofDays(10));
    assertThat(expiring(row(Connection.ACTIVE, true, null), true)).isEmpty();
    assertThat(expiring(row(Connection.NEEDS_RECONNECTING, true, EXPIRES), true)).as("its own line says so").isEmpty();
    assertThat(expiring(row(Connection.PAUSED, true, EXPIRES), true)).as("a paused one lapses too").hasSize(1);
  }
}
