package dev.switchboard.app.console;

import dev.switchboard.app.access.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's login page (Spring Security processes the POST). After too many failed logins the security
 * configuration sends the browser here with {@code ?wait=<seconds>}, and the page says, in words, how long.
 */
@Controller
class LoginController {
  private final Users users;

  LoginController(Users users) {
    this.users = users;
  }

  @GetMapping("/login")
  String login(@RequestParam(name = "wait", required = false) @Nullable String wait, Model model) {
    // Before the first-run setup there is nobody to sign in: say where to go instead.
    model.addAttribute("notSetUp", !users.any());
    if (wait != null) {
      model.addAttribute("waitFor", inWords(wait));
    }
    return "login";
  }

  /** "1 second", "40 seconds", "2 minutes" (rounded up), or "a little while" when the number is not one. */
  static String inWords(String seconds) {
    long s;
    try {
      s = Long.parseLong(seconds.trim());
    } catch (NumberFormatException e) {
      return "a little while";
    }
    if (s <= 1) {
      return "1 second";
    }
    if (s < 60) {
      return s + " seconds";
    }
    long minutes = (s + 59) / 60;
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
