package dev.switchboard.app.console;

import dev.switchboard.app.access.Member;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.sync.SyncOperations;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Dashboard of the signed-in member's tenant ({@link DashboardModel}) and the replay of dead letters. */
@Controller
class ConsoleController {
  private final DashboardModel dashboard;
  private final SyncOperations sync;
  private final DomainEvents events;

  ConsoleController(DashboardModel dashboard, SyncOperations sync, DomainEvents events) {
    this.dashboard = dashboard;
    this.sync = sync;
    this.events = events;
  }

  @GetMapping("/")
  String dashboard(Model model, @AuthenticationPrincipal Member member) {
    dashboard.fill(model, member);
    return "dashboard";
  }

  /** Browsers ask for /favicon.ico on pages that name no icon (login, error pages); there is one icon. */
  @GetMapping("/favicon.ico")
  String favicon() {
    return "redirect:/favicon.svg";
  }

  /** The auto-refreshing part of the dashboard (htmx polls it). */
  @GetMapping("/console/status")
  String status(Model model, @AuthenticationPrincipal Member member) {
    dashboard.fill(model, member);
    return "dashboard :: status";
  }

  @PostMapping("/console/dead-letters/{id}/replay")
  /** 404 for a dead letter the member's tenant does not have (or no longer has: replayed meanwhile). */
  String replay(@PathVariable long id, Model model, @AuthenticationPrincipal Member member,
      HttpServletResponse response) {
    if (sync.replay(member.tenantId(), id)) {
      events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED,
          Map.of("action", "dead_letter.replay", "id", id, "actor", member.getUsername()), null);
    } else {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    }
    dashboard.fill(model, member);
    return "dashboard :: status";
  }

  /** Retry all: every failed write of one cause is sent again. 404 for a group the member's tenant does not have. */
  @PostMapping("/console/dead-letters/groups/{key}/retry")
  String retryGroup(@PathVariable String key, Model model, @AuthenticationPrincipal Member member,
      HttpServletResponse response) {
    return group(sync.retryGroup(member.tenantId(), key), "dead_letter.group_retry", model, member, response);
  }

  /**
   * Discard all: the failed writes of one cause are not sent; kept as discarded (a decision on record, audited), never
   * deleted. 404 for a group the member's tenant does not have.
   */
  @PostMapping("/console/dead-letters/groups/{key}/discard")
  String discardGroup(@PathVariable String key, Model model, @AuthenticationPrincipal Member member,
      HttpServletResponse response) {
    return group(sync.discardGroup(member.tenantId(), key), "dead_letter.group_discard", model, member, response);
  }

  private String group(SyncOperations.GroupOutcome done, String action, Model model, Member member,
      HttpServletResponse response) {
    if (done.count() > 0) {
      events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED, done.audit(action, member.getUsername()), null);
    } else {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    }
    dashboard.fill(model, member);
    return "dashboard :: status";
  }
}
