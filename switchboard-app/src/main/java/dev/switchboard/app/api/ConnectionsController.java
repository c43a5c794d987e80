package dev.switchboard.app.api;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.ConnectionRefused;
import dev.switchboard.app.connections.ConnectionSetup;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.sync.SyncOperations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/connections}: the caller's tenant's connections — connect, read (with sync progress per object type),
 * edit, pause, resume, delete. Credentials are write-only: no answer carries them.
 */
@RestController
class ConnectionsController {
  private static final Pattern CONNECTION_ID = Pattern.compile("con_[0-9a-f]{1,60}");

  private final ConnectionSetup setup;
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final SyncOperations sync;
  private final DomainEvents events;

  ConnectionsController(ConnectionSetup setup, Connections connections, ConnectorRegistry connectors,
      SyncOperations sync, DomainEvents events) {
    this.setup = setup;
    this.connections = connections;
    this.connectors = connectors;
    this.sync = sync;
    this.events = events;
  }

  /** A connection as the API shows it: no secrets; its backfill and reconciliation per object type. */
  record ConnectionView(String id, String tenantId, String system, @Nullable String accountId, String displayName,
      Map<String, String> settings, String status, @Nullable String webhookStatus, @Nullable String lastError,
      @Nullable Instant lastErrorAt, List<SyncOperations.SyncProgress> progress) {}

  record ConnectRequest(@Nullable String system, @Nullable String display_name, @Nullable Map<String, String> settings,
      @Nullable Map<String, String> credentials) {}

  record EditRequest(@Nullable String display_name, @Nullable Map<String, String> settings,
      @Nullable Map<String, String> credentials) {}

  @PostMapping("/api/connections")
  ConnectionView connect(@RequestBody ConnectRequest body, @AuthenticationPrincipal TenantPrincipal principal) {
    if (body.system() == null || connectors.find(body.system()).isEmpty()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "unknown_system", "system", "system must be one of "
          + connectors.all().stream().map(c -> c.system()).sorted().toList());
    }
    ConnectionInputs.requireValid(body.display_name(), body.settings(), body.credentials());
    Connection c = setup.connect(principal.tenantId(), body.system(),
        body.display_name() == null ? body.system() : body.display_name(),
        body.settings() == null ? Map.of() : body.settings(), body.credentials() == null ? Map.of() : body.credentials());
    events.emit(principal.tenantId(), DomainEvents.AUDIT_LOGGED, Map.of("action", "connection.create",
        "connection_id", c.id(), "system", c.system(), "actor", principal.actor()), null);
    return view(c);
  }

  @GetMapping("/api/connections")
  List<ConnectionView> list(@AuthenticationPrincipal TenantPrincipal principal) {
    return connections.forTenant(principal.tenantId()).stream().map(this::view).toList();
  }

  @GetMapping("/api/connections/{id}")
  ConnectionView get(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    return view(connections.find(principal.tenantId(), connectionId(id)).orElseThrow(() -> notFound(id)));
  }

  /**
   * Merges {@code display_name}, {@code settings} and {@code credentials} (a key set to {@code ""} or null is removed);
   * changed settings or credentials are verified with the vendor before anything is stored (see
   * {@link ConnectionSetup#update}).
   */
  @PatchMapping("/api/connections/{id}")
  ConnectionView update(@PathVariable String id, @RequestBody EditRequest body,
      @AuthenticationPrincipal TenantPrincipal principal) {
    ConnectionInputs.requireValid(body.display_name(), body.settings(), body.credentials());
    return view(setup.update(principal.tenantId(), connectionId(id),
        new ConnectionSetup.Edit(body.display_name(), body.settings(), body.credentials()), principal.actor()));
  }

  @PostMapping("/api/connections/{id}/pause")
  ConnectionView pause(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    return view(setup.pause(principal.tenantId(), connectionId(id), principal.actor()));
  }

  @PostMapping("/api/connections/{id}/resume")
  ConnectionView resume(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    return view(setup.resume(principal.tenantId(), connectionId(id), principal.actor()));
  }

  /**
   * 204. {@code Switchboard-Webhook} says what became of our webhook at the vendor: {@code removed}, {@code none}, or
   * {@code failed; reason="…"} (the connection is deleted all the same; an alert says to remove it by hand).
   */
  @DeleteMapping("/api/connections/{id}")
  ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    ConnectionSetup.WebhookRemoval removal = setup.delete(principal.tenantId(), connectionId(id), principal.actor());
    String header = removal.reason() == null ? removal.outcome()
        : removal.outcome() + "; reason=\"" + removal.reason().replaceAll("[^\\x20-\\x7e]|\"|\\\\", "?") + "\"";
    return ResponseEntity.noContent().header("Switchboard-Webhook", header).build();
  }

  private ConnectionView view(Connection c) {
    return new ConnectionView(c.id(), c.tenantId(), c.system(), c.accountId(), c.displayName(), c.settings(),
        c.status(), c.webhookStatus(), c.lastError(), c.lastErrorAt(), sync.progress(c.tenantId(), c.id()));
  }

  private static String connectionId(String raw) {
    return Params.matching("id", raw, CONNECTION_ID, "a connection id such as con_0123456789abcdef");
  }

  private static ConnectionRefused notFound(String id) {
    return new ConnectionRefused(404, "not_found", "id", "no connection " + id + " for this tenant");
  }
}
