package dev.switchboard.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.app.events.Alerts;
import dev.switchboard.app.support.TestDatabases;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Alerts reach the operator's inbox through a real SMTP server, without flooding it. */
@SpringBootTest
class AlertMailerTests {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
    r.add("switchboard.master-key", () -> "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=");
    r.add("switchboard.admin.password", () -> "x-admin-password");
    r.add("switchboard.workers.enabled", () -> false);
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    r.add("switchboard.alerts.email-to", () -> "ops@example.com, owner@example.com");
  }

  @Autowired Alerts alerts;

  @Test
  void sendsOneEmailPerKindOfAlertWithinTheQuietPeriod() throws Exception {
    alerts.raise("default", "ERROR", "dead_letter", "A write to Mailchimp failed permanently (server_error).", "con_1");
    alerts.raise("default", "ERROR", "dead_letter", "Another one.", "con_1");
    alerts.raise("default", "ERROR", "dead_letter", "Another connection.", "con_2");

    await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= 4);
    Thread.sleep(300); // not timing-sensitive: checks that nothing more trickles in
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(4); // 2 kinds × 2 recipients
    java.util.List<String> bodies = new java.util.ArrayList<>();
    for (MimeMessage m : received) {
      assertThat(m.getSubject()).isEqualTo("[Switchboard] ERROR: dead_letter (tenant default)");
      bodies.add(String.valueOf(m.getContent()));
    }
    // the order of the two kinds is not fixed (they are sent concurrently); the held-back one never arrives
    assertThat(bodies).filteredOn(b -> b.contains("failed permanently")).hasSize(2);
    assertThat(bodies).filteredOn(b -> b.contains("Another connection.")).hasSize(2);
    assertThat(bodies).noneMatch(b -> b.contains("Another one."));
  }
}
