package dev.switchboard.app.ops;

import dev.switchboard.app.connections.ApiTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** {@code bin/switchboard demo}: connects the default tenant to the sandbox once the app is up. */
@Component
@ConditionalOnProperty(name = "switchboard.demo.enabled", havingValue = "true")
class DemoBootstrap {
  private static final Logger log = LoggerFactory.getLogger(DemoBootstrap.class);
  private final SandboxWiring wiring;
  private final ApiTokens tokens;
  private final String tenantId;
  private final String sandboxUrl;
  private final String apiToken;

  DemoBootstrap(SandboxWiring wiring, ApiTokens tokens,
      @Value("${switchboard.default-tenant.id:default}") String tenantId,
      @Value("${switchboard.demo.sandbox-url}") String sandboxUrl, @Value("${switchboard.demo.api-token:}") String apiToken) {
    this.wiring = wiring;
    this.tokens = tokens;
    this.tenantId = tenantId;
    this.sandboxUrl = sandboxUrl;
    this.apiToken = apiToken;
  }

  @EventListener(ApplicationReadyEvent.class)
  void connect() {
    if (!apiToken.isBlank()) {
      tokens.register(tenantId, "demo", apiToken);
    }
    wiring.wire(tenantId, sandboxUrl, wiring.publicBaseUrl());
    log.info("demo: tenant '{}' connected to the sandbox at {}", tenantId, sandboxUrl);
  }
}
