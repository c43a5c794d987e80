package dev.switchboard.app;

import dev.switchboard.app.access.Users;
import dev.switchboard.app.events.DomainEvents;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/switchboard reset-password <user>}: gives an existing user a new generated password, printed once to
 * the deployer's terminal (never logged), and ends the user's sessions. It starts the application without its web
 * server, workers or demo, on the configured database, and stops. A user whose password
 * {@code SWITCHBOARD_ADMIN_PASSWORD} sets gets that one back on the next start: change the variable instead.
 */
final class ResetPassword {
  static final String COMMAND = "reset-password";

  private ResetPassword() {}

  /**
   * @param settings further {@code --name=value} settings (tests: the database)
   * @return the process exit status: 0 done, 1 no such user, 2 no username given
   */
  static int run(String username, PrintStream out, String... settings) {
    if (username == null || username.isBlank()) {
      out.println("usage: bin/switchboard reset-password <user>");
      return 2;
    }
    String[] args = Stream.concat(Stream.of("--switchboard.workers.enabled=false", "--switchboard.demo.enabled=false",
        "--switchboard.admin.password=", "--logging.level.root=WARN"), Stream.of(settings)).toArray(String[]::new);
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class)
        .web(WebApplicationType.NONE).run(args)) {
      Users users = app.getBean(Users.class);
      if (!users.exists(username)) {
        out.println("There is no user " + username + ".");
        return 1;
      }
      byte[] raw = new byte[18];
      new SecureRandom().nextBytes(raw);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      users.setPassword(username, password);
      users.member(username).ifPresent(m -> app.getBean(DomainEvents.class).emit(m.tenantId(),
          DomainEvents.AUDIT_LOGGED, Map.of("action", "user.password_reset", "actor", "command line",
              "target", "user:" + username), null));
      // Printed to the terminal of the person who ran the command, once; it is never stored in clear or logged.
      out.println("New password for " + username + ": " + password
          + "\n(their sessions have ended; they can change it after signing in)");
      return 0;
    }
  }
}
