package dev.switchboard.app.connections;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.VendorException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Connecting a vendor account: store the credentials, verify them against the vendor (which also tells us the
 * account id webhooks are routed by), register our webhook where the vendor has an API for it, and leave the
 * backfill to the reconciler. A connection whose check fails is kept in ERROR with the vendor's reason. A webhook
 * the vendor refuses (Mailchimp does when it cannot reach our callback URL) leaves the connection ACTIVE, since
 * polling and reconciliation still sync it, with webhook status {@code REGISTRATION_FAILED: <reason>}.
 */
@Service
public class ConnectionSetup {
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final String publicBaseUrl;
  private final SecureRandom random = new SecureRandom();

  ConnectionSetup(Connections connections, ConnectorRegistry connectors,
      @Value("${switchboard.public-base-url}") String publicBaseUrl) {
    this.connections = connections;
    this.connectors = connectors;
    this.publicBaseUrl = publicBaseUrl;
  }

  /**
   * @throws IllegalArgumentException for an unknown system
   * @throws ConnectionRefused        {@code base_url_not_allowed} (nothing stored) for a {@code baseUrl} outside the
   *                                  vendor's hosts and what the operator allows
   */
  public Connection connect(String tenantId, String system, String displayName, Map<String, String> settings,
      Map<String, String> credentials) {
    Connector connector = connectors.get(system);
    requireAllowedBaseUrl(connector, "settings", settings);
    requireAllowedBaseUrl(connector, "credentials", credentials);
    Map<String, String> creds = new LinkedHashMap<>(credentials);
    // Vendors without signatures (Mailchimp) authenticate webhooks by a secret in the URL: make one.
    creds.computeIfAbsent("webhookSecret", k -> HexFormat.of().formatHex(bytes()));
    Connection c = connections.create(tenantId, system, displayName, settings, creds);
    ConnectionContext ctx = connections.context(c);
    try {
      String account = connector.check(ctx);
      connections.setAccount(tenantId, c.id(), account);
      ctx = connections.context(connections.find(tenantId, c.id()).orElseThrow());
      String callback = publicBaseUrl + "/webhooks/" + connector.descriptor().category() + "/" + system;
      connections.setWebhookStatus(tenantId, c.id(), registerWebhook(connector, ctx, callback));
    } catch (VendorException e) {
      String reason = "connection check failed: " + Pii.redact(e.getMessage());
      if (e.status() == 401 || e.status() == 403) {
        connections.markCredentialsRejected(tenantId, c.id(), reason);
      } else {
        connections.markError(tenantId, c.id(), reason);
      }
    }
    return connections.find(tenantId, c.id()).orElseThrow();
  }

  /** Credentials go wherever {@code baseUrl} points: only where {@link Connector#baseUrlRefusal} allows. */
  static void requireAllowedBaseUrl(Connector connector, String field, Map<String, String> values) {
    String url = values.get("baseUrl");
    if (url == null || url.isBlank()) {
      return;
    }
    connector.baseUrlRefusal(url).ifPresent(reason -> {
      throw new ConnectionRefused(400, "base_url_not_allowed", field + ".baseUrl", reason);
    });
  }

  private static String registerWebhook(Connector connector, ConnectionContext ctx, String callback) {
    try {
      return connector.registerWebhook(ctx, callback) ? "REGISTERED" : "CONFIGURE_IN_VENDOR: " + callback;
    } catch (VendorException e) {
      return "REGISTRATION_FAILED: " + Pii.redact(e.getMessage(), 470);
    }
  }

  private byte[] bytes() {
    byte[] b = new byte[24];
    random.nextBytes(b);
    return b;
  }
}
