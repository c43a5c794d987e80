package dev.switchboard.app.console;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.ConnectionRefused;
import dev.switchboard.app.connections.ConnectionSetup;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConsentSetting;
import dev.switchboard.app.sync.FirstSyncPlans;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The first-sync plan page: the dry run's counts and reasons, who is sent to an audience without consent (the
 * {@code withoutConsent} setting and how many it adds), and Start. Reading the page reads the vendor and writes
 * nothing; Start and the setting are an owner's or admin's ({@link Action#CONNECT}).
 */
@Controller
class FirstSyncConsoleController {
  private final FirstSyncPlans plans;
  private final ConnectionSetup setup;
  private final Connections connections;

  FirstSyncConsoleController(FirstSyncPlans plans, ConnectionSetup setup, Connections connections) {
    this.plans = plans;
    this.setup = setup;
    this.connections = connections;
  }

  @GetMapping("/console/connections/{id}/first-sync")
  String plan(@PathVariable String id, Model model, @AuthenticationPrincipal Member member,
      HttpServletResponse response) {
    Optional<FirstSyncPlans.Plan> plan = plans.plan(member.tenantId(), id);
    if (plan.isEmpty()) {
      return missing(id, model, response);
    }
    Connection c = connections.find(member.tenantId(), id).orElseThrow();
    model.addAttribute("connection", c);
    model.addAttribute("plan", plan.get());
    try {
      Connector.SyncTargets targets = setup.syncTargets(member.tenantId(), id);
      model.addAttribute("audiences", targets.targets());
      model.addAttribute("audience", targets.targets().stream()
          .filter(t -> t.id().equals(c.settings().get(targets.setting()))).findFirst().orElse(null));
    } catch (ConnectionRefused e) {
      model.addAttribute("audiences", null); // nothing to choose, or the vendor cannot say now (the plan shows why)
    }
    model.addAttribute("mayStart", member.may(Action.CONNECT));
    return "connection-plan";
  }

  @PostMapping("/console/connections/{id}/first-sync/start")
  String start(@PathVariable String id, @AuthenticationPrincipal Member member, RedirectAttributes redirect,
      Model model, HttpServletResponse response) {
    if (connections.find(member.tenantId(), id).isEmpty()) {
      return missing(id, model, response);
    }
    try {
      Connection c = setup.startFirstSync(member.tenantId(), id, member.getUsername());
      redirect.addFlashAttribute("notice", "Started: " + c.displayName() + " is " + c.status()
          + ". Its records are read and matched first; then what the plan said is sent.");
    } catch (ConnectionRefused e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/console/connections/" + id + "/first-sync";
  }

  /** Chooses the audience by its name (a settings change verified with the vendor, as every one is). */
  @PostMapping("/console/connections/{id}/first-sync/audience")
  String audience(@PathVariable String id, @RequestParam(name = "name", defaultValue = "") String name,
      @AuthenticationPrincipal Member member, RedirectAttributes redirect, Model model,
      HttpServletResponse response) {
    if (connections.find(member.tenantId(), id).isEmpty()) {
      return missing(id, model, response);
    }
    try {
      setup.chooseSyncTarget(member.tenantId(), id, name, member.getUsername());
      redirect.addFlashAttribute("notice", "Audience chosen: " + name + ".");
    } catch (ConnectionRefused e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/console/connections/" + id + "/first-sync";
  }

  /** {@code withoutConsent}: skip or transactional (checked with the vendor as every settings change is). */
  @PostMapping("/console/connections/{id}/first-sync/settings")
  String settings(@PathVariable String id, @RequestParam(name = "withoutConsent", defaultValue = "skip") String value,
      @AuthenticationPrincipal Member member, RedirectAttributes redirect, Model model,
      HttpServletResponse response) {
    if (connections.find(member.tenantId(), id).isEmpty()) {
      return missing(id, model, response);
    }
    try {
      setup.update(member.tenantId(), id, new ConnectionSetup.Edit(null,
          Map.of(ConsentSetting.WITHOUT_CONSENT, value), null), member.getUsername());
      redirect.addFlashAttribute("notice", "Saved: contacts without consent are "
          + (ConsentSetting.TRANSACTIONAL.equals(value) ? "added as transactional." : "not sent."));
    } catch (ConnectionRefused e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/console/connections/" + id + "/first-sync";
  }

  /** Another tenant's connection (or none) is answered 404, as if it did not exist, and nothing is changed. */
  private static String missing(String id, Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("missing", id);
    return "connection-plan";
  }
}
