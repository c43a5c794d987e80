package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Forgot your password?" through a real SMTP server: the page answers the same for every account, a member with
 * an e-mail address gets a link that works once and ends their other sessions, requests are throttled per client
 * address, and the audit trail records it without the address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=" + PasswordResetTests.PASSWORD,
    "switchboard.workers.enabled=false",
    "switchboard.password-reset.requests-per-address=3",
    "switchboard.mail.from=switchboard@example.com",
    "switchboard.public-base-url=http://switchboard.example.com/"})
class PasswordResetTests {
  static final String PASSWORD = "reset-admin-password";
  static final Pattern LINK = Pattern.compile("http://switchboard\\.example\\.com(/login/reset/[A-Za-z0-9_-]+)\\s");
  static final String ANSWER = "If that account has an e-mail address";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withPerMethodLifecycle(false);

  @LocalServerPort int port;
  @Autowired Users users;
  @Autowired JdbcClient db;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @Test
  void aMemberWithAnAddressResetsThroughTheEmailedLinkOnceAndIsSignedOutEverywhere() throws Exception {
    users.create("rita", PASSWORD);
    users.ensureMember("rita", "default", Role.ADMIN);
    ConsoleHttp rita = new ConsoleHttp(port);
    rita.login("rita", PASSWORD);
    HttpResponse<String> saved = rita.postForm("/console/account", "/console/account/email", "email",
        "Rita@Example.com");
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(rita.get("/console/account").body()).contains("rita@example.com");
    assertThat(rita.get("/login").body()).contains("/login/forgot");

    ConsoleHttp stranger = new ConsoleHttp(port, "127.0.0.2");
    assertThat(stranger.get("/login").body()).contains("Forgot your password?");
    HttpResponse<String> unknown = stranger.postForm("/login/forgot", "/login/forgot", "account", "nobody@example.com");
    HttpResponse<String> known = stranger.postForm("/login/forgot", "/login/forgot", "account", "RITA@example.com");
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).contains(ANSWER);
    assertThat(strip(known.body())).as("the same answer, known or not").isEqualTo(strip(unknown.body()));

    await().atMost(Duration.ofSeconds(10)).until(() -> to("rita@example.com") >= 1);
    MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m)
        .equals("rita@example.com")).findFirst().orElseThrow();
    assertThat(mail.getFrom()[0].toString()).isEqualTo("switchboard@example.com");
    Matcher link = LINK.matcher(String.valueOf(mail.getContent()));
    assertThat(link.find()).as(String.valueOf(mail.getContent())).isTrue();
    String path = link.group(1);
    assertThat(stranger.get(path).body()).contains("Choose a new password");

    HttpResponse<String> tooShort = stranger.postForm(path, path, "password", "short", "password_confirm", "short");
    assertThat(tooShort.body()).contains("at least 12 characters");
    HttpResponse<String> done = stranger.postForm(path, path, "password", "a fresh long password",
        "password_confirm", "a fresh long password");
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/login?reset");
    assertThat(stranger.get("/login?reset").body()).contains("Your password is changed");

    assertThat(rita.get("/console/account").headers().firstValue("Location").orElse(""))
        .as("the session signed in before the reset has ended").contains("/login");
    assertThat(stranger.get(path).body()).as("once").contains("This link does not work");
    HttpResponse<String> again = stranger.postForm("/login/forgot", path, "password", "another long password",
        "password_confirm", "another long password");
    assertThat(again.body()).contains("This link does not work");
    assertThat(users.passwordMatches("rita", "a fresh long password")).isTrue();
    assertThat(location(new ConsoleHttp(port).login("rita", PASSWORD))).contains("/login?error");
    assertThat(location(new ConsoleHttp(port).login("rita", "a fresh long password"))).doesNotContain("/login");

    String audit = db.sql("select payload_json from domain_event where name = 'audit.logged'").query(String.class)
        .list().toString();
    assertThat(audit).contains("user.email_change", "user.password_reset_link", "user.password_reset")
        .doesNotContainIgnoringCase("rita@example.com").doesNotContain("nobody@example.com");
    assertThat(to("rita@example.com")).isEqualTo(1);
    assertThat(to("nobody@example.com")).as("nothing for the unknown address").isZero();
  }

  @Test
  void requestsFromOneAddressAreThrottledAndAnswerTheSame() throws Exception {
    for (String name : new String[] {"tom", "uma", "val", "wes"}) {
      users.create(name, PASSWORD);
      users.setEmail(name, name + "@example.org");
    }
    ConsoleHttp sprayer = new ConsoleHttp(port, "127.0.0.9");
    for (String name : new String[] {"tom", "uma", "val", "wes"}) {
      assertThat(sprayer.postForm("/login/forgot", "/login/forgot", "account", name).body()).contains(ANSWER);
    }
    new ConsoleHttp(port, "127.0.0.10").postForm("/login/forgot", "/login/forgot", "account", "wes");
    await().atMost(Duration.ofSeconds(10)).until(() -> to("wes@example.org") >= 1);
    Thread.sleep(300); // not timing-sensitive: checks that nothing more trickles in
    assertThat(to("tom@example.org") + to("uma@example.org") + to("val@example.org")).isEqualTo(3);
    assertThat(to("wes@example.org")).as("the fourth from 127.0.0.9 was held back; 127.0.0.10's went").isEqualTo(1);
  }

  private static long to(String address) throws Exception {
    long n = 0;
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (recipient(m).equals(address)) {
        n++;
      }
    }
    return n;
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The page without its per-session CSRF token. */
  private static String strip(String page) {
    return page.replaceAll("name=\"_csrf\"[^>]*", "").replaceAll("<meta name=\"_csrf\"[^>]*>", "");
  }

  private static String location(HttpResponse<?> response) {
    return response.headers().firstValue("Location").orElse("");
  }
}
