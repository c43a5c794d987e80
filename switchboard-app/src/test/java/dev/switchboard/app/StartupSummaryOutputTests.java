package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * At start the app says, in one block, how it runs — and warns when the public base URL names this machine on a port
 * it does not listen on (the silent {@code http://127.0.0.1:8080} while listening elsewhere).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSummaryOutputTests {

  @Test
  void theStartLogsWhereItListensItsPublicUrlKeySourceAndDatabaseAndWarnsOfAPortMismatch(CapturedOutput output) {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
        "--server.port=0", "--switchboard.workers.enabled=false", "--switchboard.public-base-url=http://127.0.0.1:8080",
        "--switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=", "--spring.datasource.url=jdbc:h2:mem:"
            + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      String out = output.getOut();
      int block = out.indexOf("Switchboard is running");
      assertThat(block).as(out).isNotNegative();
      assertThat(out.substring(block)).contains("listening on:     port " + port)
          .contains("public base URL:  http://127.0.0.1:8080")
          .contains("master key:       SWITCHBOARD_MASTER_KEY (environment)")
          .contains("database:         H2 in memory")
          .doesNotContain("c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=");
      assertThat(out).containsPattern("WARN .*The public base URL http://127.0.0.1:8080 points at port 8080 of this "
          + "machine, but Switchboard listens on port " + port);
    }
  }
}
