package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.ErrorCatalogue;
import dev.switchboard.app.sync.SyncOperations.FailureGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Needs your attention names each cause of failed writes in the catalogue's words, with who fixes it. */
class FailureAttentionTests {
  static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

  static FailureGroup group(String key, String code, long count) {
    ErrorCatalogue.Entry e = ErrorCatalogue.standard().lookup(code);
    return new FailureGroup(key, "con_m", code, count, NOW, NOW, 1, "rec", e.message(), e.who(), e.fix());
  }

  static DashboardModel.ConnectionRow mailchimp() {
    Connection c = new Connection("con_m", "t1", "mailchimp", "acct", "Mailchimp", Map.of(), Connection.ACTIVE, null,
        null, null);
    return new DashboardModel.ConnectionRow(c, 0, Map.of(), "DONE (0)", false, false,
        ConnectionState.of(c, false, List.of(), null, NOW), null);
  }

  /** The lines about failed writes (no hub is connected here: that line comes first). */
  private static List<Attention> failed(List<Attention> all) {
    return all.stream().filter(a -> a.id().startsWith("failed-")).toList();
  }

  @Test
  void eachCauseIsOneLineInPlainWordsWithWhoFixesItAndTheRestShareOne() {
    List<FailureGroup> groups = new ArrayList<>(List.of(group("k1", "Member Exists", 3),
        group("k2", "server_error", 1)));
    List<Attention> lines = failed(Attention.of(List.of(mailchimp()), groups, true, NOW));
    assertThat(lines).extracting(Attention::id).containsExactly("failed-k1", "failed-k2");
    assertThat(lines.getFirst().text()).isEqualTo("Mailchimp: 3 changes could not be written. "
        + ErrorCatalogue.standard().lookup("Member Exists").message() + " "
        + ErrorCatalogue.standard().lookup("Member Exists").fix());
    assertThat(lines.getFirst().who()).isEqualTo("You");
    assertThat(lines.get(1).who()).isEqualTo("Whoever installed Switchboard");
    assertThat(failed(Attention.of(List.of(mailchimp()), groups, false, NOW)).getFirst().who())
        .isEqualTo("An owner or admin of your organisation");

    for (int i = 3; i <= 8; i++) {
      groups.add(group("k" + i, "http_40" + i, 2));
    }
    lines = failed(Attention.of(List.of(mailchimp()), groups, true, NOW));
    assertThat(lines).hasSize(Attention.MAX_FAILURE_LINES + 1);
    assertThat(lines.getLast().text()).startsWith("6 more changes could not be written, for other causes");
  }
}
