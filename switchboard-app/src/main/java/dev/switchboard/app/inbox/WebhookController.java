package dev.switchboard.app.inbox;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.FormUrlEncoding;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.WebhookRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /webhooks/{category}/{system}} for every connector. Signatures that cover the URL are checked against
 * every URL the vendor may have called ({@link WebhookUrls}): the public base URL, and what a trusted proxy says.
 */
@RestController
class WebhookController {
  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  private static final int MAX_BODY = 1024 * 1024;

  private final ConnectorRegistry connectors;
  private final WebhookUrls urls;
  private final Connections connections;
  private final WebhookInbox inbox;
  private final MeterRegistry meters;
  private final Clock clock;

  WebhookController(ConnectorRegistry connectors, WebhookUrls urls, Connections connections, WebhookInbox inbox,
      MeterRegistry meters, Clock clock) {
    this.connectors = connectors;
    this.urls = urls;
    this.connections = connections;
    this.inbox = inbox;
    this.meters = meters;
    this.clock = clock;
  }

  @RequestMapping(path = "/webhooks/{category}/{system}", method = {RequestMethod.POST, RequestMethod.GET})
  ResponseEntity<Map<String, Object>> receive(@PathVariable String category, @PathVariable String system,
      HttpServletRequest http) throws IOException {
    Optional<Connector> found = connectors.find(system).filter(c -> c.descriptor().category().equals(category));
    if (found.isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "unknown_endpoint", "no connector for /webhooks/" + category + "/" + system);
    }
    Connector connector = found.get();
    String correlationId = Optional.ofNullable(http.getHeader("X-Correlation-Id")).filter(s -> s.length() <= 64)
        .orElse(UUID.randomUUID().toString());
    MDC.put("correlation_id", correlationId);
    try {
      byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", "webhook body over 1 MiB");
      }
      List<WebhookRequest> requests;
      try {
        requests = toRequests(http, body);
      } catch (IllegalArgumentException e) {
        // the front filter refuses such query strings; this keeps the endpoint safe without it
        count(system, "malformed");
        return error(HttpStatus.BAD_REQUEST, "malformed_query", "the query string is not valid percent-encoded UTF-8");
      }
      if (http.getMethod().equals("GET")) {
        // Mailchimp validates a webhook URL with a GET before saving it; nothing to store.
        return ResponseEntity.ok(Map.of("status", "ok"));
      }
      WebhookRequest request = requests.getFirst();
      Connection connection = authenticate(connector, requests).orElse(null);
      if (connection == null) {
        count(system, "rejected");
        return error(HttpStatus.UNAUTHORIZED, "invalid_signature", "webhook signature or secret did not verify");
      }
      MDC.put("tenant_id", connection.tenantId());
      List<InboundEvent> events;
      try {
        events = connector.parseWebhook(request);
      } catch (IllegalArgumentException e) {
        count(system, "malformed");
        return error(HttpStatus.BAD_REQUEST, "malformed_payload", e.getMessage());
      }
      WebhookInbox.Accepted result = storeByAccount(connector, requests, connection, events, correlationId);
      Counter.builder("switchboard.webhooks.received").tag("system", system).tag("outcome", "accepted")
          .register(meters).increment(result.accepted());
      Counter.builder("skipped_duplicates").tag("system", system).register(meters).increment(result.duplicates());
      Map<String, Object> body200 = new LinkedHashMap<>();
      body200.put("status", result.accepted() == 0 && result.duplicates() > 0 ? "noop" : "accepted");
      body200.put("accepted", result.accepted());
      body200.put("duplicates", result.duplicates());
      body200.put("correlation_id", correlationId);
      return ResponseEntity.ok(body200);
    } catch (DataAccessException e) {
      log.error("inbox unavailable: {}", e.getClass().getSimpleName());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
          .body(Map.of("error_code", "unavailable", "message", "storage unavailable, retry later"));
    } finally {
      MDC.clear();
    }
  }

  /**
   * Stores each event under the connection of its own account. Events of an account we have no verifying
   * connection for are dropped (counted): storing them under the authenticating connection would hand one
   * tenant's changes to another.
   */
  private WebhookInbox.Accepted storeByAccount(Connector connector, List<WebhookRequest> requests, Connection authenticated,
      List<InboundEvent> events, String correlationId) {
    java.util.Map<String, List<InboundEvent>> byAccount = new LinkedHashMap<>();
    for (InboundEvent e : events) {
      String account = e.accountId() == null ? authenticated.accountId() : e.accountId();
      byAccount.computeIfAbsent(String.valueOf(account), k -> new java.util.ArrayList<>()).add(e);
    }
    int accepted = 0;
    int duplicates = 0;
    for (var group : byAccount.entrySet()) {
      Optional<Connection> owner = group.getKey().equals(String.valueOf(authenticated.accountId()))
          ? Optional.of(authenticated)
          : connections.findByAccount(connector.system(), group.getKey()).stream()
              .filter(c -> verifies(connector, requests, c) == null)
              .findFirst();
      if (owner.isEmpty()) {
        count(connector.system(), "unrouted");
        log.warn("dropped {} {} webhook events of an account with no connection", group.getValue().size(), connector.system());
        continue;
      }
      WebhookInbox.Accepted r = inbox.store(owner.get(), group.getValue(), correlationId);
      accepted += r.accepted();
      duplicates += r.duplicates();
    }
    return new WebhookInbox.Accepted(accepted, duplicates);
  }

  private Optional<Connection> authenticate(Connector connector, List<WebhookRequest> requests) {
    String hint = connector.webhookVerifier().accountHint(requests.getFirst()).orElse(null);
    for (Connection candidate : connections.findByAccount(connector.system(), hint)) {
      String reason = verifies(connector, requests, candidate);
      if (reason == null) {
        return Optional.of(candidate);
      }
      log.info("webhook for {} did not verify against connection {}: {}", connector.system(), candidate.id(), reason);
    }
    return Optional.empty();
  }

  /** Null when the connection's secret verifies the request for one of the URLs it may have been sent to. */
  private String verifies(Connector connector, List<WebhookRequest> requests, Connection candidate) {
    String reason = null;
    for (WebhookRequest r : requests) {
      reason = connector.webhookVerifier().verify(r, connections.context(candidate), clock.instant());
      if (reason == null) {
        return null;
      }
    }
    return reason;
  }

  private void count(String system, String outcome) {
    Counter.builder("switchboard.webhooks.received").tag("system", system).tag("outcome", outcome).register(meters).increment();
  }

  /** The request once per candidate URL, headers and body shared. */
  private List<WebhookRequest> toRequests(HttpServletRequest http, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(http.getHeaderNames())) {
      headers.put(name, Collections.list(http.getHeaders(name)));
    }
    String qs = http.getQueryString();
    Map<String, String> query = qs == null ? Map.of() : FormUrlEncoding.decode(qs);
    return urls.candidates(http).stream()
        .map(uri -> new WebhookRequest(http.getMethod(), uri, headers, query, body)).toList();
  }

  private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status).body(Map.of("error_code", code, "message", message));
  }
}
