package dev.switchboard.app.console;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.events.DomainEvents;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /console/tokens}: the member's tenant's API tokens — listed to every member, issued and revoked by those
 * whose role may ({@link Action#TOKENS}; the security configuration enforces it). A new token's secret is in the
 * answer to the issuing POST only (rendered, not redirected, so it is never kept in the session) and never again.
 * A {@code metrics} token (for a Prometheus scraper) reads instance-wide numbers: only a member who may change
 * instance settings ({@link Action#INSTANCE_SETTINGS}, an owner) issues one.
 */
@Controller
class TokensConsoleController {
  private final ApiTokens tokens;
  private final Tenants tenants;
  private final DomainEvents events;
  private final Clock clock;

  TokensConsoleController(ApiTokens tokens, Tenants tenants, DomainEvents events, Clock clock) {
    this.tokens = tokens;
    this.tenants = tenants;
    this.events = events;
    this.clock = clock;
  }

  @GetMapping("/console/tokens")
  String list(@AuthenticationPrincipal Member member, Model model) {
    return page(member, model);
  }

  /**
   * @param expires a date (the token stops working at its start, in the tenant's time zone), or empty for none
   */
  @PostMapping("/console/tokens")
  String issue(@RequestParam(defaultValue = "") String label, @RequestParam(defaultValue = "write") String scope,
      @RequestParam(defaultValue = "") String expires, @AuthenticationPrincipal Member member, Model model) {
    String name = label.strip();
    Instant expiresAt = null;
    String error = null;
    if (name.isEmpty() || name.length() > 200) {
      error = "Say what the token is for (1 to 200 characters).";
    } else if (!ApiTokens.SCOPES.contains(scope)) {
      error = "The scope is read, write or metrics.";
    } else if (scope.equals(ApiTokens.METRICS) && !member.may(Action.INSTANCE_SETTINGS)) {
      error = "Only an owner issues metrics tokens: the metrics are the whole instance's.";
    } else if (!expires.isBlank()) {
      try {
        expiresAt = LocalDate.parse(expires.strip()).atStartOfDay(zone(member)).toInstant();
      } catch (DateTimeException e) {
        error = "The expiry must be a date.";
      }
      if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
        error = "The expiry must be in the future.";
      }
    }
    if (error != null) {
      model.addAttribute("error", error);
      return page(member, model);
    }
    ApiTokens.Issued issued = tokens.issue(member.tenantId(), name, scope, expiresAt, member.getUsername());
    events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED, Map.of("action", "api_token.issue", "token_id",
        issued.id(), "scope", scope, "actor", member.getUsername()), null);
    model.addAttribute("issued", issued);
    return page(member, model);
  }

  /** 404 for a token the member's tenant does not have. */
  @PostMapping("/console/tokens/{id}/revoke")
  String revoke(@PathVariable String id, @AuthenticationPrincipal Member member, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    if (!tokens.revoke(member.tenantId(), id)) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("error", "There is no such token.");
      return page(member, model);
    }
    events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED, Map.of("action", "api_token.revoke", "token_id", id,
        "actor", member.getUsername()), null);
    redirect.addFlashAttribute("notice", "Revoked " + id + ": it is refused from now on.");
    return "redirect:/console/tokens";
  }

  private String page(Member member, Model model) {
    model.addAttribute("tokens", tokens.list(member.tenantId()));
    model.addAttribute("mayManage", member.may(Action.TOKENS));
    model.addAttribute("mayIssueMetrics", member.may(Action.INSTANCE_SETTINGS));
    model.addAttribute("now", clock.instant());
    return "tokens";
  }

  private ZoneId zone(Member member) {
    return tenants.find(member.tenantId()).map(t -> ZoneId.of(t.timeZone())).orElse(ZoneId.of("UTC"));
  }
}
