package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without SMTP there is no e-mailed reset: the page sends the person to the deployer and its command. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=no-mail-admin-password",
    "switchboard.workers.enabled=false",
    "switchboard.public-base-url=http://127.0.0.1:1"})
class PasswordResetWithoutMailTests {
  @LocalServerPort int port;
  @Autowired JdbcClient db;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @Test
  void theForgotPageSaysToAskTheDeployerToRunResetPassword() throws Exception {
    ConsoleHttp browser = new ConsoleHttp(port);
    assertThat(browser.get("/login").body()).contains("Forgot your password?");
    String page = browser.get("/login/forgot").body();
    assertThat(page).contains("does not send e-mail", "bin/switchboard reset-password").doesNotContain("name=\"account\"");
    db.sql("update app_user set email = 'admin@example.com' where username = 'admin'").update();
    HttpResponse<String> posted = browser.postForm("/login", "/login/forgot", "account", "admin");
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).contains("bin/switchboard reset-password");
    Thread.sleep(200); // a background request would have issued its link by now
    assertThat(db.sql("select count(*) from access_link where purpose = 'reset'").query(Long.class).single()).isZero();
  }
}
