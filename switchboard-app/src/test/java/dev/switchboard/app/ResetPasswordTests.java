package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code bin/switchboard reset-password <user>}: the deployer gets a new password for a user, printed once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=" + ResetPasswordTests.KEY,
    "switchboard.admin.password=reset-admin-password",
    "switchboard.workers.enabled=false"})
class ResetPasswordTests {
  static final String KEY = "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=";
  static final String DB = TestDatabases.freshH2Url();
  static final Pattern NEW_PASSWORD = Pattern.compile("New password for rita: (\\S+)");

  @LocalServerPort int port;
  @Autowired Users users;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", () -> DB);
  }

  @Test
  void theCommandPrintsANewPasswordThatWorksInsteadOfTheOldOne() throws Exception {
    users.create("rita", "the forgotten password");
    users.ensureMember("rita", "default", Role.VIEWER);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int status = ResetPassword.run("rita", new PrintStream(printed, true, StandardCharsets.UTF_8),
        "--spring.datasource.url=" + DB, "--switchboard.master-key=" + KEY, "--switchboard.admin.password=");
    assertThat(status).isZero();
    Matcher m = NEW_PASSWORD.matcher(printed.toString(StandardCharsets.UTF_8));
    assertThat(m.find()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
    assertThat(signsIn("rita", m.group(1))).isTrue();
    assertThat(signsIn("rita", "the forgotten password")).isFalse();

    ByteArrayOutputStream unknown = new ByteArrayOutputStream();
    assertThat(ResetPassword.run("nobody", new PrintStream(unknown, true, StandardCharsets.UTF_8),
        "--spring.datasource.url=" + DB, "--switchboard.master-key=" + KEY)).isEqualTo(1);
    assertThat(unknown.toString(StandardCharsets.UTF_8)).contains("There is no user nobody.");
  }

  private boolean signsIn(String user, String password) throws Exception {
    String to = new ConsoleHttp(port).login(user, password).headers().firstValue("Location").orElse("");
    return !to.contains("/login");
  }
}
