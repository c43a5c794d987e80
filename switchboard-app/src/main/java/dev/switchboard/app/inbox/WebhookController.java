package dev.switchboard.app.inbox;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.FormUrlEncoding;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.WebhookRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /webhooks/{category}/{system}} for every connector. A request is checked against every URL the vendor
 * may have called ({@link WebhookUrls}), authenticated ({@link WebhookAuthenticator}: 401 when no secret
 * verifies it), parsed (400 when the body is not the vendor's shape: the vendor stops retrying it), and each
 * event is stored under the connection of its own account that the same secret authenticates; events of
 * accounts without one are dropped and counted ({@code outcome="unrouted"}). At most one log line per request.
 */
@RestController
class WebhookController {
  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  private static final int MAX_BODY = 1024 * 1024;
  private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final ConnectorRegistry connectors;
  private final WebhookUrls urls;
  private final WebhookAuthenticator authenticator;
  private final WebhookInbox inbox;
  private final MeterRegistry meters;

  WebhookController(ConnectorRegistry connectors, WebhookUrls urls, WebhookAuthenticator authenticator,
      WebhookInbox inbox, MeterRegistry meters) {
    this.connectors = connectors;
    this.urls = urls;
    this.authenticator = authenticator;
    this.inbox = inbox;
    this.meters = meters;
  }

  @RequestMapping(path = "/webhooks/{category}/{system}", method = {RequestMethod.POST, RequestMethod.GET})
  ResponseEntity<Map<String, Object>> receive(@PathVariable String category, @PathVariable String system,
      HttpServletRequest http) throws IOException {
    Optional<Connector> found = connectors.find(system).filter(c -> c.descriptor().category().equals(category));
    if (found.isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "unknown_endpoint", "no connector for this webhook path");
    }
    Connector connector = found.get();
    String correlationId = Optional.ofNullable(http.getHeader("X-Correlation-Id"))
        .filter(s -> CORRELATION_ID.matcher(s).matches()).orElse(UUID.randomUUID().toString());
    MDC.put("correlation_id", correlationId);
    try {
      byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        count(system, "too_large", 1);
        return error(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "webhook body over 1 MiB");
      }
      List<WebhookRequest> requests;
      try {
        requests = toRequests(http, body);
      } catch (IllegalArgumentException e) {
        // the front filter refuses such query strings; this keeps the endpoint safe without it
        count(system, "malformed", 1);
        return error(HttpStatus.BAD_REQUEST, "malformed_query", "the query string is not valid percent-encoded UTF-8");
      }
      if (http.getMethod().equals("GET")) {
        // Mailchimp validates a webhook URL with a GET before saving it; nothing to store.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("status", "ok"));
      }
      WebhookAuthenticator.Verdict verdict = authenticator.authenticate(connector, requests);
      if (!verdict.genuine()) {
        count(system, "rejected", 1);
        log.info("{} webhook rejected: {}", system, verdict.reason());
        return error(HttpStatus.UNAUTHORIZED, "invalid_signature", "webhook signature or secret did not verify");
      }
      List<InboundEvent> events;
      try {
        events = connector.parseWebhook(requests.getFirst());
      } catch (IllegalArgumentException e) {
        count(system, "malformed", 1);
        log.info("{} webhook refused as malformed: {}", system, e.getMessage());
        return error(HttpStatus.BAD_REQUEST, "malformed_payload", Objects.toString(e.getMessage(), "malformed body"));
      }
      WebhookInbox.Accepted result = storeByAccount(system, verdict.connections(), events, correlationId);
      count(system, "accepted", result.accepted());
      Counter.builder("skipped_duplicates").tag("system", system).register(meters).increment(result.duplicates());
      Map<String, Object> body200 = new LinkedHashMap<>();
      body200.put("status", result.accepted() == 0 && result.duplicates() > 0 ? "noop" : "accepted");
      body200.put("accepted", result.accepted());
      body200.put("duplicates", result.duplicates());
      body200.put("correlation_id", correlationId);
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body200);
    } catch (DataAccessException e) {
      log.error("inbox unavailable: {}", e.getClass().getSimpleName());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
          .contentType(MediaType.APPLICATION_JSON).body(Map.of("error_code", "unavailable", "message", "storage unavailable, retry later"));
    } finally {
      MDC.clear();
    }
  }

  /**
   * Stores each event under every verified connection of its own account ({@code accountId}; events that name
   * none belong to the verified connections themselves). Events of an account no verified connection holds are
   * dropped and counted: storing them under another connection would hand one tenant's changes to another.
   */
  private WebhookInbox.Accepted storeByAccount(String system, List<Connection> verified, List<InboundEvent> events,
      String correlationId) {
    Map<Connection, List<InboundEvent>> byConnection = new LinkedHashMap<>();
    int unrouted = 0;
    for (InboundEvent e : events) {
      List<Connection> owners = verified.stream()
          .filter(c -> e.accountId() == null || e.accountId().equals(c.accountId())).toList();
      if (owners.isEmpty()) {
        unrouted++;
      }
      owners.forEach(c -> byConnection.computeIfAbsent(c, k -> new ArrayList<>()).add(e));
    }
    if (unrouted > 0) {
      count(system, "unrouted", unrouted);
      log.info("dropped {} {} webhook events of accounts no connection verified by this signature holds", unrouted,
          system);
    }
    int accepted = 0;
    int duplicates = 0;
    for (var group : byConnection.entrySet()) {
      MDC.put("tenant_id", group.getKey().tenantId());
      WebhookInbox.Accepted r = inbox.store(group.getKey(), group.getValue(), correlationId);
      accepted += r.accepted();
      duplicates += r.duplicates();
    }
    return new WebhookInbox.Accepted(accepted, duplicates);
  }

  private void count(String system, String outcome, int n) {
    Counter.builder("switchboard.webhooks.received").tag("system", system).tag("outcome", outcome).register(meters)
        .increment(n);
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

  /** JSON whatever the vendor's {@code Accept} says: a 406 would make it give up on the delivery. */
  private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error_code", code, "message", message));
  }
}
