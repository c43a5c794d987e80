package dev.switchboard.app.e2e;

import dev.switchboard.app.SwitchboardApplication;
import dev.switchboard.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the whole app as its own context on a PostgreSQL database and a fixed port, pointed at a sandbox, so a
 * test can stop it ("the process dies") and start another on the same database and port ("the restart").
 */
final class AppProcess {
  private AppProcess() {}

  static ConfigurableApplicationContext start(SandboxServer sandbox, String db, int port, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("server.port", port);
    p.put("switchboard.public-base-url", "http://127.0.0.1:" + port);
    p.put("spring.datasource.url", db);
    p.put("spring.datasource.username", "postgres");
    p.put("spring.datasource.password", "postgres");
    p.put("switchboard.master-key", "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=");
    p.put("switchboard.admin.password", "test-admin-password");
    p.put("switchboard.connectors.hubspot.base-url", sandbox.baseUrl() + "/hubspot");
    p.put("switchboard.connectors.mailchimp.base-url", sandbox.baseUrl() + "/mailchimp/3.0");
    p.put("switchboard.workers.idle-poll-ms", 50);
    p.put("switchboard.reconcile.interval-ms", 3_600_000);
    p.putAll(extra);
    // as command-line arguments: they must outrank application.properties
    return new SpringApplicationBuilder(SwitchboardApplication.class)
        .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
