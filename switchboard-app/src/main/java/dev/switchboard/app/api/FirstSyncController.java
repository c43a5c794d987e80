package dev.switchboard.app.api;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.ConnectionRefused;
import dev.switchboard.app.connections.ConnectionSetup;
import dev.switchboard.app.sync.FirstSyncPlans;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.Connector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A connection's first sync as a plan the owner approves: {@code GET …/first-sync} is the dry run (reads the vendor,
 * writes nothing anywhere), {@code POST …/first-sync/start} ends the hold (a write-scope token; audited); the account's
 * audiences are listed by name ({@code GET …/audiences}) and one is chosen by its name ({@code PUT …/audience}).
 */
@RestController
class FirstSyncController {
  private static final Pattern CONNECTION_ID = Pattern.compile("con_[0-9a-f]{1,60}");

  private final FirstSyncPlans plans;
  private final ConnectionSetup setup;
  private final Connections connections;

  FirstSyncController(FirstSyncPlans plans, ConnectionSetup setup, Connections connections) {
    this.connections = connections;
    this.plans = plans;
    this.setup = setup;
  }

  @GetMapping("/api/connections/{id}/first-sync")
  Map<String, Object> plan(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    String connection = Params.matching("id", id, CONNECTION_ID, "a connection id such as con_0123456789abcdef");
    return json(plans.plan(principal.tenantId(), connection).orElseThrow(() -> new ConnectionRefused(404, "not_found",
        "id", "no connection " + connection + " for this tenant")));
  }

  @PostMapping("/api/connections/{id}/first-sync/start")
  Map<String, Object> start(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    String connection = Params.matching("id", id, CONNECTION_ID, "a connection id such as con_0123456789abcdef");
    Connection c = setup.startFirstSync(principal.tenantId(), connection, principal.actor());
    return Map.of("id", c.id(), "status", c.status(), "first_sync", "STARTED");
  }

  /** The audiences (or other targets) the account has, by name, and the one chosen. */
  @GetMapping("/api/connections/{id}/audiences")
  Map<String, Object> audiences(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    String connection = Params.matching("id", id, CONNECTION_ID, "a connection id such as con_0123456789abcdef");
    Connector.SyncTargets targets = setup.syncTargets(principal.tenantId(), connection);
    String chosen = connections.find(principal.tenantId(), connection).map(c -> c.settings().get(targets.setting()))
        .orElse(null);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Connector.SyncTarget t : targets.targets()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("id", t.id());
      a.put("name", t.name());
      a.put("member_count", t.size());
      a.put("chosen", t.id().equals(chosen));
      list.add(a);
    }
    return Map.of("setting", targets.setting(), "audiences", list);
  }

  record AudienceChoice(@Nullable String name) {}

  /** Chooses the audience by name ({@code {"name": "Newsletter"}}): a verified, audited settings change. */
  @PutMapping("/api/connections/{id}/audience")
  Map<String, Object> chooseAudience(@PathVariable String id, @RequestBody AudienceChoice body,
      @AuthenticationPrincipal TenantPrincipal principal) {
    String connection = Params.matching("id", id, CONNECTION_ID, "a connection id such as con_0123456789abcdef");
    if (connections.find(principal.tenantId(), connection).isEmpty()) {
      throw new ConnectionRefused(404, "not_found", "id", "no connection " + connection + " for this tenant");
    }
    if (body.name() == null || body.name().isBlank()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "name", "name (the audience's) is required");
    }
    Connection c = setup.chooseSyncTarget(principal.tenantId(), connection, body.name(), principal.actor());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id());
    out.put("status", c.status());
    out.put("account_id", c.accountId());
    out.put("last_error", c.lastError());
    return out;
  }

  /** The plan in the API's snake case. */
  static Map<String, Object> json(FirstSyncPlans.Plan p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connection_id", p.connectionId());
    out.put("system", p.system());
    out.put("state", p.state());
    out.put("consent_gated", p.consentGated());
    out.put("without_consent", p.withoutConsent());
    out.put("double_opt_in", p.doubleOptIn());
    out.put("read", p.read());
    out.put("matched", p.matched());
    out.put("to_create_elsewhere", p.createHere()); // the vendor's objects no record has: made in the hub and the rest
    out.put("to_create_in_connection", p.createThere()); // by the status they get
    out.put("to_create_in_connection_total", p.createThereTotal());
    out.put("skipped", p.skipped());
    out.put("transactional_if_set", p.transactionalIfSet());
    out.put("to_review", p.toReview());
    out.put("samples", p.samples());
    out.put("partial", p.partial());
    out.put("problem", p.problem());
    return out;
  }
}
