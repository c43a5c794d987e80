package dev.switchboard.app.console;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.events.DomainEvents;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /console/users}: the members of the signed-in member's tenant. Every member sees the list (usernames masked
 * for those who may not see personal data); owners ({@link Action#USERS}, enforced by the security configuration)
 * add a user with a first password and a role, change a role and remove a member. A tenant always keeps an owner.
 * A change of role or a removal ends that member's sessions. A username that is not a member here answers 404.
 */
@Controller
class UsersConsoleController {
  private final Users users;
  private final DomainEvents events;
  private final TransactionTemplate tx;

  UsersConsoleController(Users users, DomainEvents events, TransactionTemplate tx) {
    this.users = users;
    this.events = events;
    this.tx = tx;
  }

  /** A row of the list: the username as this member may see it. */
  record Row(String username, String shown, Role role) {}

  @GetMapping("/console/users")
  String list(@AuthenticationPrincipal Member member, Model model) {
    return page(member, model);
  }

  @PostMapping("/console/users")
  String add(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "viewer") String role, @AuthenticationPrincipal Member member, Model model,
      RedirectAttributes redirect) {
    String name = username.strip();
    Optional<Role> r = role(role);
    String error = !name.matches("[\\p{L}\\p{N}._@+-]{1,100}")
        ? "A username is 1 to 100 letters, digits or . _ @ + - (no spaces)."
        : password.length() < SetupController.MIN_PASSWORD || password.length() > 200
            ? "A first password has at least " + SetupController.MIN_PASSWORD + " characters."
            : r.isEmpty() ? "The role is owner, admin or viewer." : null;
    if (error == null) {
      boolean created = Boolean.TRUE.equals(tx.execute(status -> {
        if (!users.create(name, password)) {
          return false;
        }
        users.ensureMember(name, member.tenantId(), r.get());
        audit(member, "user.create", name, Map.of("role", r.get().key()));
        return true;
      }));
      if (created) {
        redirect.addFlashAttribute("notice", "Added " + name + " as " + r.get().key() + ".");
        return "redirect:/console/users";
      }
      error = "That username is taken.";
    }
    model.addAttribute("error", error);
    return page(member, model);
  }

  @PostMapping("/console/users/role")
  String changeRole(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String role,
      @AuthenticationPrincipal Member member, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    Optional<Role> before = users.role(username, member.tenantId());
    Optional<Role> after = role(role);
    if (before.isEmpty()) {
      return missing(member, model, response);
    }
    if (after.isEmpty() || (before.get() == Role.OWNER && after.get() != Role.OWNER && lastOwner(member))) {
      model.addAttribute("error", after.isEmpty() ? "The role is owner, admin or viewer."
          : "The organisation needs an owner: make someone else owner first.");
      return page(member, model);
    }
    users.grant(username, member.tenantId(), after.get());
    audit(member, "membership.role_change", username, Map.of("before", before.get().key(), "after",
        after.get().key()));
    redirect.addFlashAttribute("notice", username + " is now " + after.get().key() + ".");
    return "redirect:/console/users";
  }

  @PostMapping("/console/users/remove")
  String remove(@RequestParam(defaultValue = "") String username, @AuthenticationPrincipal Member member,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    Optional<Role> before = users.role(username, member.tenantId());
    if (before.isEmpty()) {
      return missing(member, model, response);
    }
    if (before.get() == Role.OWNER && lastOwner(member)) {
      model.addAttribute("error", "The organisation needs an owner: make someone else owner first.");
      return page(member, model);
    }
    users.remove(username, member.tenantId());
    audit(member, "membership.remove", username, Map.of("before", before.get().key()));
    redirect.addFlashAttribute("notice", "Removed " + username + ".");
    return "redirect:/console/users";
  }

  private boolean lastOwner(Member member) {
    return users.members(member.tenantId()).stream().filter(m -> m.role() == Role.OWNER).count() <= 1;
  }

  private String missing(Member member, Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("error", "There is no such member.");
    return page(member, model);
  }

  private void audit(Member member, String action, String username, Map<String, Object> change) {
    events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED, Map.of("action", action, "actor",
        member.getUsername(), "target", "user:" + username, "change", change), null);
  }

  private String page(Member member, Model model) {
    boolean unmasked = member.may(Action.VIEW_PII);
    List<Row> rows = users.members(member.tenantId()).stream().map(m -> new Row(m.username(),
        unmasked ? m.username() : AuditTrail.maskActor(m.username()), m.role())).toList();
    model.addAttribute("members", rows);
    model.addAttribute("mayManage", member.may(Action.USERS));
    model.addAttribute("roles", Role.values());
    return "users";
  }

  private static Optional<Role> role(String key) {
    try {
      return Optional.of(Role.of(key));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
