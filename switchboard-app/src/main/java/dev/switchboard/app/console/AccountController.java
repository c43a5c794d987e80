package dev.switchboard.app.console;

import dev.switchboard.app.access.Member;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.events.DomainEvents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /console/account}: every member changes their own password, giving the current one. Their other sessions
 * end (they started before the change); this one goes on, signed in again on a new session id — its 12-hour
 * absolute limit then counts from the change.
 */
@Controller
class AccountController {
  private final Users users;
  private final DomainEvents events;

  AccountController(Users users, DomainEvents events) {
    this.users = users;
    this.events = events;
  }

  @GetMapping("/console/account")
  String page(@AuthenticationPrincipal Member member, Model model) {
    model.addAttribute("member", member);
    model.addAttribute("email", users.email(member.getUsername()).orElse(""));
    return "account";
  }

  /**
   * Sets (or, empty, clears) the address the member's password reset links go to. The audit trail records that it
   * changed, never the address.
   */
  @PostMapping("/console/account/email")
  String changeEmail(@RequestParam(defaultValue = "") String email, @AuthenticationPrincipal Member member,
      Model model, RedirectAttributes redirect) {
    String value = email.strip();
    if (!value.isEmpty() && (value.length() > 320 || !EMAIL.matcher(value).matches())) {
      return error(member, model, "That is not an e-mail address.");
    }
    if (!users.setEmail(member.getUsername(), value)) {
      return error(member, model, "Another user has that address.");
    }
    events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED, Map.of("action", "user.email_change", "actor",
        member.getUsername(), "target", "user:" + member.getUsername()), null);
    redirect.addFlashAttribute("notice", value.isEmpty() ? "Your e-mail address is removed."
        : "Your e-mail address is saved.");
    return "redirect:/console/account";
  }

  private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private String error(Member member, Model model, String error) {
    model.addAttribute("error", error);
    return page(member, model);
  }

  @PostMapping("/console/account/password")
  String changePassword(@RequestParam(defaultValue = "") String current,
      @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String password_confirm,
      @AuthenticationPrincipal Member member, Model model, HttpServletRequest request, HttpServletResponse response,
      RedirectAttributes redirect) {
    String error = !users.passwordMatches(member.getUsername(), current) ? "The current password is not right."
        : password.length() < SetupController.MIN_PASSWORD || password.length() > 200
            ? "Choose a password of at least " + SetupController.MIN_PASSWORD + " characters."
            : !password.equals(password_confirm) ? "The two new passwords differ." : null;
    if (error != null) {
      return error(member, model, error);
    }
    users.setPassword(member.getUsername(), password);
    events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED, Map.of("action", "user.password_change", "actor",
        member.getUsername(), "target", "user:" + member.getUsername()), null);
    ConsoleSignIn.signIn(users.member(member.getUsername()).orElseThrow(), request, response);
    redirect.addFlashAttribute("notice", "Your password is changed; your other sessions have ended.");
    return "redirect:/console/account";
  }
}
