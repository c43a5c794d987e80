package dev.switchboard.app.console;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.SetupLinks;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.events.DomainEvents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * First-run setup through the one-time link the first start prints ({@link SetupLinks}): the owner's username and
 * password, the organisation's name, default phone region and time zone. The link is used up by a setup that
 * succeeds (not by one that is refused for a short password), and the owner is then signed in on a new session id.
 * It sets up the tenant the instance was started with: there is no member yet whose tenant it could be.
 */
@Controller
class SetupController {
  static final int MIN_PASSWORD = 12;

  private final SetupLinks links;
  private final Users users;
  private final Tenants tenants;
  private final TransactionTemplate tx;
  private final DomainEvents events;
  private final String tenantId;

  SetupController(SetupLinks links, Users users, Tenants tenants, TransactionTemplate tx, DomainEvents events,
      @Value("${switchboard.default-tenant.id:default}") String tenantId) {
    this.events = events;
    this.links = links;
    this.users = users;
    this.tenants = tenants;
    this.tx = tx;
    this.tenantId = tenantId;
  }

  @GetMapping("/setup/{token}")
  String form(@PathVariable String token, Model model, HttpServletResponse response) {
    if (!links.usable(token)) {
      return spent(model, response);
    }
    Tenants.Tenant tenant = tenants.find(tenantId).orElseThrow();
    model.addAttribute("form", Map.of("username", "", "organisation", "Default".equals(tenant.name()) ? ""
        : tenant.name(), "region", tenant.defaultRegion(), "time_zone", ZoneId.systemDefault().getId()));
    model.addAttribute("token", token);
    return "setup";
  }

  @PostMapping("/setup/{token}")
  String setUp(@PathVariable String token, @RequestParam Map<String, String> form, Model model,
      HttpServletRequest request, HttpServletResponse response) {
    String username = form.getOrDefault("username", "").strip();
    String password = form.getOrDefault("password", "");
    String organisation = form.getOrDefault("organisation", "").strip();
    String region = form.getOrDefault("region", "").strip().toUpperCase(Locale.ROOT);
    String zone = form.getOrDefault("time_zone", "").strip();
    List<String> errors = new ArrayList<>();
    if (!username.matches("[\\p{L}\\p{N}._@+-]{1,100}")) {
      errors.add("Choose a username of 1 to 100 letters, digits or . _ @ + - (no spaces).");
    }
    if (password.length() < MIN_PASSWORD || password.length() > 200) {
      errors.add("Choose a password of at least " + MIN_PASSWORD + " characters.");
    } else if (!password.equals(form.getOrDefault("password_confirm", ""))) {
      errors.add("The two passwords differ.");
    }
    if (organisation.isEmpty() || organisation.length() > 200) {
      errors.add("Name your organisation (up to 200 characters).");
    }
    if (!ContactCleaner.isSupportedRegion(region)) {
      errors.add("The default phone region must be a two-letter country code such as US, GB or DE.");
    }
    if (!validZone(zone)) {
      errors.add("The time zone must be a name such as Europe/London or America/New_York.");
    }
    if (!errors.isEmpty()) {
      model.addAttribute("errors", errors);
      model.addAttribute("form", Map.of("username", username, "organisation", organisation, "region", region,
          "time_zone", zone));
      model.addAttribute("token", token);
      return "setup";
    }
    Boolean done = tx.execute(status -> {
      if (!links.use(token) || !users.create(username, password)) {
        status.setRollbackOnly();
        return false;
      }
      tenants.configure(tenantId, organisation, region, ZoneId.of(zone).getId());
      users.ensureMember(username, tenantId, Role.OWNER);
      events.emit(tenantId, DomainEvents.AUDIT_LOGGED, Map.of("action", "setup.completed", "actor", username,
          "target", "user:" + username, "after", Map.of("role", Role.OWNER.key(), "region", region,
              "time_zone", zone)), null);
      return true;
    });
    if (!Boolean.TRUE.equals(done)) {
      return spent(model, response);
    }
    ConsoleSignIn.signIn(users.member(username).orElseThrow(), request, response);
    events.emit(tenantId, DomainEvents.AUDIT_LOGGED, Map.of("action", "login.succeeded", "actor", username), null);
    return "redirect:/";
  }

  private static String spent(Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("spent", true);
    return "setup";
  }

  static boolean validZone(String zone) {
    if (!zone.contains("/") && !zone.equals("UTC")) {
      return false; // region ids only: "EST" or "+02:00" would not follow daylight saving time
    }
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
