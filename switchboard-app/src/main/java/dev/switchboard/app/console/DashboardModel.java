package dev.switchboard.app.console;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.CredentialExpiry;
import dev.switchboard.app.connections.FirstSyncHolds;
import dev.switchboard.app.connections.OAuthConnect;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.events.Alerts;
import dev.switchboard.app.sync.SyncOperations;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the dashboard shows of the member's tenant: connections, counts, alerts, dead letters. */
@Component
class DashboardModel {
  private final Connections connections;
  private final SyncOperations sync;
  private final Alerts alerts;
  private final Tenants tenants;
  private final OAuthConnect oauth;
  private final FirstSyncHolds holds;
  private final Clock clock;
  private final CredentialExpiry expiry;

  DashboardModel(Connections connections, SyncOperations sync, Alerts alerts, Tenants tenants, OAuthConnect oauth,
      FirstSyncHolds holds, Clock clock, CredentialExpiry expiry) {
    this.clock = clock;
    this.expiry = expiry;
    this.oauth = oauth;
    this.holds = holds;
    this.connections = connections;
    this.sync = sync;
    this.alerts = alerts;
    this.tenants = tenants;
  }

  /**
   * @param backfill e.g. {@code DONE (20)}, per object type
   * @param signIn   whether it is reconnected by signing in to the vendor (an OAuth app is registered), else by
   *                 entering new credentials
   * @param waitingForStart whether it is held until an owner or admin starts its first-sync plan (it shows as paused,
   *                 but Resume is refused: Start on the plan is the way on)
   * @param state    its one state in words, with the backfill's progress and when it last synced a change
   * @param credentialExpiry when its credential stops working for good, where known ({@link CredentialExpiry})
   */
  record ConnectionRow(Connection connection, long linked, Map<String, Long> outbound, String backfill,
      boolean signIn, boolean waitingForStart, ConnectionState state, @Nullable Instant credentialExpiry) {}

  /** Fills the model with the member's tenant's state, and what the member may do (buttons they may use). */
  void fill(Model model, Member member) {
    String tenantId = member.tenantId();
    List<ConnectionRow> rows = new ArrayList<>();
    Instant now = clock.instant();
    for (Connection c : connections.forTenant(tenantId)) {
      List<SyncOperations.SyncProgress> progress = sync.progress(tenantId, c.id());
      String backfill = progress.stream()
          .map(p -> p.backfillStatus() + " (" + p.backfillSeen() + ")").collect(Collectors.joining(", "));
      boolean held = holds.find(tenantId, c.id()).map(FirstSyncHolds.Hold::held).orElse(false);
      rows.add(new ConnectionRow(c, sync.linkedRecords(tenantId, c.id()), sync.outboxCounts(tenantId, c.id()),
          backfill.isEmpty() ? "PENDING" : backfill,
          oauth.availability(c.system()) == OAuthConnect.Availability.OFFERED, held,
          ConnectionState.of(c, held, progress, sync.lastSynced(tenantId, c.id()).orElse(null), now),
          expiry.of(c).orElse(null)));
    }
    Map<String, Long> outbound = sync.outboxCounts(tenantId, null);
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("records", sync.goldenRecords(tenantId));
    // Finished writes are purged after an hour, so their count says nothing: count the objects linked instead.
    totals.put("linked", rows.stream().mapToLong(ConnectionRow::linked).sum());
    totals.put("pending", outbound.getOrDefault("PENDING", 0L) + sync.inboundCounts(tenantId).getOrDefault("PENDING", 0L));
    totals.put("failed", outbound.getOrDefault("DEAD", 0L));
    model.addAttribute("connections", rows);
    List<SyncOperations.FailureGroup> failures = sync.failureGroups(tenantId);
    model.addAttribute("attention", Attention.of(rows, failures, member.may(Action.RECONNECT), now));
    model.addAttribute("totals", totals);
    model.addAttribute("alerts", alerts.recent(tenantId, 10));
    model.addAttribute("deadLetters", sync.deadLetters(tenantId, 20));
    model.addAttribute("failureGroups", failures);
    model.addAttribute("connectionNames", rows.stream().collect(Collectors.toMap(r -> r.connection().id(),
        r -> r.connection().displayName(), (a, b) -> a)));
    model.addAttribute("tenantId", tenantId);
    model.addAttribute("tenantName", tenants.find(tenantId).map(Tenants.Tenant::name).orElse(tenantId));
    model.addAttribute("member", member);
    model.addAttribute("mayReconnect", member.may(Action.RECONNECT));
    model.addAttribute("mayDisconnect", member.may(Action.DISCONNECT));
    model.addAttribute("mayReplay", member.may(Action.REPLAY));
  }
}
