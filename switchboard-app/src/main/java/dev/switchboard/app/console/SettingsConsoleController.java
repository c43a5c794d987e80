package dev.switchboard.app.console;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.events.DomainEvents;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /console/settings}: the organisation's name, default phone region and time zone — shown to every member,
 * changed by those whose role may ({@link Action#TENANT_SETTINGS}, enforced by the security configuration).
 */
@Controller
class SettingsConsoleController {
  private final Tenants tenants;
  private final DomainEvents events;

  SettingsConsoleController(Tenants tenants, DomainEvents events) {
    this.tenants = tenants;
    this.events = events;
  }

  @GetMapping("/console/settings")
  String page(@AuthenticationPrincipal Member member, Model model) {
    Tenants.Tenant t = tenants.find(member.tenantId()).orElseThrow();
    return page(member, model, Map.of("organisation", t.name(), "region", t.defaultRegion(), "time_zone",
        t.timeZone()));
  }

  @PostMapping("/console/settings")
  String save(@RequestParam(defaultValue = "") String organisation, @RequestParam(defaultValue = "") String region,
      @RequestParam(defaultValue = "") String time_zone, @AuthenticationPrincipal Member member, Model model,
      RedirectAttributes redirect) {
    String name = organisation.strip();
    String code = region.strip().toUpperCase(Locale.ROOT);
    String zone = time_zone.strip();
    String error = name.isEmpty() || name.length() > 200 ? "Name your organisation (up to 200 characters)."
        : !ContactCleaner.isSupportedRegion(code)
            ? "The default phone region must be a two-letter country code such as US, GB or DE."
            : !SetupController.validZone(zone) ? "The time zone must be a name such as Europe/London." : null;
    if (error != null) {
      model.addAttribute("error", error);
      return page(member, model, Map.of("organisation", name, "region", code, "time_zone", zone));
    }
    Tenants.Tenant before = tenants.find(member.tenantId()).orElseThrow();
    tenants.configure(member.tenantId(), name, code, ZoneId.of(zone).getId());
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("before", Map.of("region", before.defaultRegion(), "time_zone", before.timeZone()));
    change.put("after", Map.of("region", code, "time_zone", zone));
    events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED, Map.of("action", "settings.update", "actor",
        member.getUsername(), "target", "tenant:" + member.tenantId(), "change", change), null);
    redirect.addFlashAttribute("notice", "Saved.");
    return "redirect:/console/settings";
  }

  private String page(Member member, Model model, Map<String, String> form) {
    model.addAttribute("form", form);
    model.addAttribute("mayChange", member.may(Action.TENANT_SETTINGS));
    return "settings";
  }
}
