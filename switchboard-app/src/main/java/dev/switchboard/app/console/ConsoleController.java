package dev.switchboard.app.console;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.events.Alerts;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.sync.SyncOperations;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Dashboard of the default tenant: connections, counts, alerts, dead letters. */
@Controller
class ConsoleController {
  private final Connections connections;
  private final SyncOperations sync;
  private final Alerts alerts;
  private final DomainEvents events;
  private final String tenantId;

  ConsoleController(Connections connections, SyncOperations sync, Alerts alerts, DomainEvents events,
      @Value("${switchboard.default-tenant.id:default}") String tenantId) {
    this.connections = connections;
    this.sync = sync;
    this.alerts = alerts;
    this.events = events;
    this.tenantId = tenantId;
  }

  /**
   * @param backfill e.g. {@code DONE (20)}, per object type
   */
  record ConnectionRow(Connection connection, long linked, Map<String, Long> outbound, String backfill) {}

  @GetMapping("/")
  String dashboard(Model model) {
    fill(model);
    return "dashboard";
  }

  /** Browsers ask for /favicon.ico on pages that name no icon (login, error pages); there is one icon. */
  @GetMapping("/favicon.ico")
  String favicon() {
    return "redirect:/favicon.svg";
  }

  /** The auto-refreshing part of the dashboard (htmx polls it). */
  @GetMapping("/console/status")
  String status(Model model) {
    fill(model);
    return "dashboard :: status";
  }

  @PostMapping("/console/dead-letters/{id}/replay")
  String replay(@PathVariable long id, Model model, Principal admin) {
    if (sync.replay(tenantId, id)) {
      events.emit(tenantId, DomainEvents.AUDIT_LOGGED,
          Map.of("action", "dead_letter.replay", "id", id, "actor", admin.getName()), null);
    }
    fill(model);
    return "dashboard :: status";
  }

  private void fill(Model model) {
    List<ConnectionRow> rows = new ArrayList<>();
    for (Connection c : connections.forTenant(tenantId)) {
      String backfill = sync.progress(tenantId, c.id()).stream()
          .map(p -> p.backfillStatus() + " (" + p.backfillSeen() + ")").collect(java.util.stream.Collectors.joining(", "));
      rows.add(new ConnectionRow(c, sync.linkedRecords(tenantId, c.id()), sync.outboxCounts(tenantId, c.id()),
          backfill.isEmpty() ? "PENDING" : backfill));
    }
    Map<String, Long> outbound = sync.outboxCounts(tenantId, null);
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("records", sync.goldenRecords(tenantId));
    totals.put("inSync", outbound.getOrDefault("DONE", 0L));
    totals.put("pending", outbound.getOrDefault("PENDING", 0L) + sync.inboundCounts(tenantId).getOrDefault("PENDING", 0L));
    totals.put("failed", outbound.getOrDefault("DEAD", 0L));
    model.addAttribute("connections", rows);
    model.addAttribute("totals", totals);
    model.addAttribute("alerts", alerts.recent(tenantId, 10));
    model.addAttribute("deadLetters", sync.deadLetters(tenantId, 20));
    model.addAttribute("tenantId", tenantId);
  }
}
