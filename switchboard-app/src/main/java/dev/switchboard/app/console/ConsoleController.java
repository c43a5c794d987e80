package dev.switchboard.app.console;

import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.sync.SyncOperations;
import java.security.Principal;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Dashboard of the default tenant ({@link DashboardModel}) and the replay of dead letters. */
@Controller
class ConsoleController {
  private final DashboardModel dashboard;
  private final SyncOperations sync;
  private final DomainEvents events;
  private final String tenantId;

  ConsoleController(DashboardModel dashboard, SyncOperations sync, DomainEvents events,
      @Value("${switchboard.default-tenant.id:default}") String tenantId) {
    this.dashboard = dashboard;
    this.sync = sync;
    this.events = events;
    this.tenantId = tenantId;
  }

  @GetMapping("/")
  String dashboard(Model model) {
    dashboard.fill(model);
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
    dashboard.fill(model);
    return "dashboard :: status";
  }

  @PostMapping("/console/dead-letters/{id}/replay")
  String replay(@PathVariable long id, Model model, Principal admin) {
    if (sync.replay(tenantId, id)) {
      events.emit(tenantId, DomainEvents.AUDIT_LOGGED,
          Map.of("action", "dead_letter.replay", "id", id, "actor", admin.getName()), null);
    }
    dashboard.fill(model);
    return "dashboard :: status";
  }
}
