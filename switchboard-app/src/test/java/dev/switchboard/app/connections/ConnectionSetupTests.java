package dev.switchboard.app.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.TestDatabases;
import dev.switchboard.sandbox.SandboxServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Connecting where the vendor cannot reach our public URL: Mailchimp refuses the webhook (its validating GET
 * fails), but the credentials are good, so the connection stays ACTIVE and only the webhook status says so.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConnectionSetupTests {
  static SandboxServer sandbox;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    sandbox = SandboxServer.start(0, Map.of());
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
    r.add("switchboard.master-key", () -> "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=");
    r.add("switchboard.admin.password", () -> "x-admin-password");
    r.add("switchboard.workers.enabled", () -> false);
    r.add("switchboard.public-base-url", () -> "http://127.0.0.1:1"); // nothing listens there
    r.add("switchboard.connectors.mailchimp.base-url", () -> sandbox.baseUrl() + "/mailchimp/3.0");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Autowired ConnectionSetup setup;

  @Test
  @SuppressWarnings("unchecked")
  void aRefusedWebhookLeavesTheConnectionActive() {
    Map<String, Map<String, Object>> creds = RestClient.create(sandbox.baseUrl()).get().uri("/_sandbox/credentials")
        .retrieve().body(Map.class);
    Map<String, Object> mc = creds.get("mailchimp");
    Connection c = setup.connect("default", "mailchimp", "Mailchimp", Map.of("listId", String.valueOf(mc.get("listId")),
        "firstSync", "immediate"), Map.of("apiKey", String.valueOf(mc.get("apiKey"))));
    assertThat(c.status()).isEqualTo(Connection.ACTIVE);
    assertThat(c.lastError()).isNull();
    assertThat(c.accountId()).isEqualTo(mc.get("listId"));
    assertThat(c.webhookStatus()).startsWith("REGISTRATION_FAILED: ").contains("We couldn't verify the URL is working");
  }
}
