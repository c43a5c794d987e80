package dev.switchboard.app.api;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.ConnectionSetup;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.sync.SyncOperations;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Connections, dead letters and events of the caller's tenant. */
@RestController
class OperationsController {
  /** Most events one call returns. */
  static final int MAX_EVENTS = 500;
  private static final Pattern EVENT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}(\\.[a-z0-9_]{1,30}){0,3}");

  private final SyncOperations sync;
  private final Connections connections;
  private final ConnectionSetup setup;
  private final ConnectorRegistry connectors;
  private final DomainEvents events;

  OperationsController(SyncOperations sync, Connections connections, ConnectionSetup setup,
      ConnectorRegistry connectors, DomainEvents events) {
    this.sync = sync;
    this.connections = connections;
    this.setup = setup;
    this.connectors = connectors;
    this.events = events;
  }

  record ConnectRequest(@Nullable String system, @Nullable String display_name, @Nullable Map<String, String> settings,
      @Nullable Map<String, String> credentials) {}

  @PostMapping("/api/connections")
  Connection connect(@RequestBody ConnectRequest body, @AuthenticationPrincipal TenantPrincipal principal) {
    if (body.system() == null || connectors.find(body.system()).isEmpty()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "unknown_system", "system", "system must be one of "
          + connectors.all().stream().map(c -> c.system()).sorted().toList());
    }
    if (body.display_name() != null && body.display_name().length() > 200) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "display_name", "display_name is longer than 200 characters");
    }
    requireSmall("settings", body.settings());
    requireSmall("credentials", body.credentials());
    requireHttpUrl("settings.baseUrl", body.settings());
    requireHttpUrl("credentials.baseUrl", body.credentials());
    return setup.connect(principal.tenantId(), body.system(),
        body.display_name() == null ? body.system() : body.display_name(),
        body.settings() == null ? Map.of() : body.settings(), body.credentials() == null ? Map.of() : body.credentials());
  }

  /** Settings and credentials are a few short strings; the store holds about 10,000 characters of each. */
  private static void requireSmall(String field, @Nullable Map<String, String> values) {
    if (values == null) {
      return;
    }
    int total = 0;
    for (Map.Entry<String, String> e : values.entrySet()) {
      int value = e.getValue() == null ? 0 : e.getValue().length();
      if (e.getKey().length() > 100 || value > 4000) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", field, field + " has a key or value that is too long");
      }
      total += e.getKey().length() + value;
    }
    if (values.size() > 50 || total > 10_000) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", field, field + " is too large");
    }
  }

  /** A base URL override must be an absolute http(s) URL: anything else fails deep in the HTTP client. */
  private static void requireHttpUrl(String field, @Nullable Map<String, String> values) {
    String url = values == null ? null : values.get("baseUrl");
    if (url == null || url.isBlank()) {
      return;
    }
    try {
      URI uri = new URI(url.trim());
      if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", field, field + " must be an absolute http(s) URL");
  }

  @GetMapping("/api/connections")
  List<Connection> connections(@AuthenticationPrincipal TenantPrincipal principal) {
    return connections.forTenant(principal.tenantId());
  }

  @GetMapping("/api/dead-letters")
  List<SyncOperations.DeadLetter> deadLetters(@AuthenticationPrincipal TenantPrincipal principal) {
    return sync.deadLetters(principal.tenantId(), 100);
  }

  @PostMapping("/api/dead-letters/{id}/replay")
  Map<String, Object> replay(@PathVariable("id") String rawId, @AuthenticationPrincipal TenantPrincipal principal) {
    long id = Params.positiveId("id", rawId);
    if (!sync.replay(principal.tenantId(), id)) {
      throw new ApiError(HttpStatus.NOT_FOUND, "not_found", "id", "no dead letter " + id + " for this tenant");
    }
    events.emit(principal.tenantId(), DomainEvents.AUDIT_LOGGED, Map.of("action", "dead_letter.replay", "id", id, "actor", "api"), null);
    return Map.of("status", "replayed", "id", id);
  }

  /** {@code name} (e.g. {@code crm.synced}) filters; {@code limit} is 1–500, default 100. Newest first. */
  @GetMapping("/api/events")
  List<DomainEvents.EventRecorded> events(@RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String limit, @AuthenticationPrincipal TenantPrincipal principal) {
    return events.recent(principal.tenantId(),
        Params.matching("name", name, EVENT_NAME, "an event name such as crm.synced"),
        Params.intInRange("limit", limit, 100, 1, MAX_EVENTS));
  }

  @GetMapping("/api/status")
  Map<String, Object> status(@AuthenticationPrincipal TenantPrincipal principal) {
    return Map.of("golden_records", sync.goldenRecords(principal.tenantId()),
        "inbound", sync.inboundCounts(principal.tenantId()),
        "outbound", sync.outboxCounts(principal.tenantId(), null));
  }
}
