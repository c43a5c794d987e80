package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.RawHttp;
import dev.switchboard.sandbox.SandboxServer;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A production install can use its own API from the first start: the app issues the default tenant one API token and
 * prints it once, next to the one-time setup link, and never again (not on a restart, which prints a new setup link
 * while nobody has used one and voids the old); the demo brings its own token.
 * Each phase starts a whole app on its own database.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTests {
  private static final Pattern SETUP_LINE = Pattern.compile(
      "Finish setting up Switchboard in your browser: http://127\\.0\\.0\\.1:1/setup/([A-Za-z0-9_-]{32})");
  private static final Pattern TOKEN_LINE = Pattern.compile("API token for tenant 'default': (sbt_[0-9a-f]{64})");

  private static Map<String, Object> properties(String db) {
    return Map.of("spring.datasource.url", "jdbc:h2:mem:" + db + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "switchboard.master-key", "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
        "switchboard.workers.enabled", "false", "server.port", "0", "switchboard.admin.password", "",
        "switchboard.public-base-url", "http://127.0.0.1:1",
        "switchboard.connectors.hubspot.base-url", "http://127.0.0.1:1/hubspot",
        "switchboard.connectors.mailchimp.base-url", "http://127.0.0.1:1/mailchimp/3.0");
  }

  /** Settings as command-line arguments: they outrank application.properties (its port 8080, its file database). */
  private static ConfigurableApplicationContext start(Map<String, Object> properties) {
    return new SpringApplicationBuilder(SwitchboardApplication.class)
        .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext app) {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @Test
  void theFirstStartPrintsOneWorkingApiTokenNextToTheSetupLinkNotOnARestartNorInTheDemo(CapturedOutput output) {
    String db = "first-start-" + UUID.randomUUID();
    String token;
    String firstLink;
    try (ConfigurableApplicationContext app = start(properties(db))) {
      String printed = output.getOut();
      Matcher m = TOKEN_LINE.matcher(printed);
      assertThat(m.find()).as("the first start prints an API token:\n" + printed).isTrue();
      token = m.group(1);
      int at = m.start();
      assertThat(m.find()).as("printed once").isFalse();
      Matcher setup = SETUP_LINE.matcher(printed);
      assertThat(setup.find()).as("next to the setup link:\n" + printed).isTrue();
      firstLink = setup.group(1);
      assertThat(printed.substring(setup.start(), at).lines().count()).isLessThan(4);
      assertThat(printed).doesNotContain("admin login");
      assertThat(RawHttp.to(port(app)).get("/api/status", "Authorization: Bearer " + token).status()).isEqualTo(200);
      assertThat(RawHttp.to(port(app)).get("/setup/" + firstLink).status()).isEqualTo(200);
    }
    int before = output.getOut().length();
    try (ConfigurableApplicationContext app = start(properties(db))) {
      String restart = output.getOut().substring(before);
      assertThat(restart).doesNotContain("API token for tenant");
      Matcher setup = SETUP_LINE.matcher(restart);
      assertThat(setup.find()).as("not set up yet: a new link").isTrue();
      assertThat(setup.group(1)).isNotEqualTo(firstLink);
      assertThat(RawHttp.to(port(app)).get("/setup/" + firstLink).status()).as("the old link is void").isEqualTo(404);
      assertThat(RawHttp.to(port(app)).get("/setup/" + setup.group(1)).status()).isEqualTo(200);
      assertThat(RawHttp.to(port(app)).get("/api/status", "Authorization: Bearer " + token).status()).isEqualTo(200);
    }
    // the demo registers its own token and prints it itself: the app issues none
    before = output.getOut().length();
    try (SandboxServer sandbox = SandboxServer.start(0, Map.of())) {
      Map<String, Object> demo = new java.util.HashMap<>(properties("demo-" + UUID.randomUUID()));
      demo.put("switchboard.demo.enabled", "true");
      demo.put("switchboard.demo.sandbox-url", sandbox.baseUrl());
      demo.put("switchboard.demo.api-token", "sbt_demo_first_start_test");
      demo.put("switchboard.connectors.hubspot.base-url", sandbox.baseUrl() + "/hubspot");
      demo.put("switchboard.connectors.mailchimp.base-url", sandbox.baseUrl() + "/mailchimp/3.0");
      try (ConfigurableApplicationContext app = start(demo)) {
        assertThat(output.getOut().substring(before)).doesNotContain("API token for tenant");
        assertThat(RawHttp.to(port(app)).get("/api/status", "Authorization: Bearer sbt_demo_first_start_test").status())
            .isEqualTo(200);
      }
    }
  }
}
