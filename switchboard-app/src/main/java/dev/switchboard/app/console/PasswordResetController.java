package dev.switchboard.app.console;

import dev.switchboard.app.access.PasswordResets;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.events.DomainEvents;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgot your password?", for people who cannot sign in (public pages). With SMTP configured,
 * {@code /login/forgot} takes a username or e-mail address and always answers the same — sent or not, known or not
 * ({@link ResetMailer}); the e-mailed link {@code /login/reset/{token}} asks for a new password once, ends the
 * user's sessions everywhere, and sends them to sign in. Without SMTP the page says to ask the deployer to run
 * {@code bin/switchboard reset-password <user>}.
 */
@Controller
class PasswordResetController {
  private final ResetMailer mailer;
  private final PasswordResets resets;
  private final Users users;
  private final DomainEvents events;

  PasswordResetController(ResetMailer mailer, PasswordResets resets, Users users, DomainEvents events) {
    this.mailer = mailer;
    this.resets = resets;
    this.users = users;
    this.events = events;
  }

  @GetMapping("/login/forgot")
  String forgot(Model model) {
    model.addAttribute("mail", mailer.available());
    return "forgot";
  }

  @PostMapping("/login/forgot")
  String requestLink(@RequestParam(defaultValue = "") String account, HttpServletRequest request, Model model) {
    mailer.request(account.strip(), request.getRemoteAddr());
    model.addAttribute("mail", mailer.available());
    model.addAttribute("requested", true);
    return "forgot";
  }

  @GetMapping("/login/reset/{token}")
  String resetPage(@PathVariable String token, Model model) {
    model.addAttribute("token", token);
    model.addAttribute("spent", resets.usable(token).isEmpty());
    return "reset";
  }

  @PostMapping("/login/reset/{token}")
  String reset(@PathVariable String token, @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String password_confirm, Model model) {
    model.addAttribute("token", token);
    model.addAttribute("spent", false);
    if (password.length() < SetupController.MIN_PASSWORD || password.length() > 200) {
      model.addAttribute("error", "Choose a password of at least " + SetupController.MIN_PASSWORD + " characters.");
      return "reset";
    }
    if (!password.equals(password_confirm)) {
      model.addAttribute("error", "The two passwords differ.");
      return "reset";
    }
    return resets.reset(token, password).map(username -> {
      users.member(username).ifPresent(member -> events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED,
          Map.of("action", "user.password_reset", "actor", "reset link", "target", "user:" + username), null));
      return "redirect:/login?reset";
    }).orElseGet(() -> {
      model.addAttribute("spent", true);
      return "reset";
    });
  }
}
