package dev.switchboard.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SwitchboardApplication {
  /** Runs the app; {@code reset-password <user> [--setting=value…]} resets a user's password instead ({@link ResetPassword}). */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(ResetPassword.COMMAND)) {
      System.exit(ResetPassword.run(args.length > 1 ? args[1] : "", System.out,
          java.util.Arrays.copyOfRange(args, Math.min(2, args.length), args.length)));
    }
    SpringApplication.run(SwitchboardApplication.class, args);
  }
}
