package dev.switchboard.app.connections;

import static dev.switchboard.app.connections.ConnectionSettingsRules.choosesLater;
import static dev.switchboard.app.connections.ConnectionSettingsRules.consentChanged;
import static dev.switchboard.app.connections.ConnectionSettingsRules.edited;
import static dev.switchboard.app.connections.ConnectionSettingsRules.merge;
import static dev.switchboard.app.connections.ConnectionSettingsRules.requireAllowedBaseUrl;
import static dev.switchboard.app.connections.ConnectionSettingsRules.requireNoMappingKeys;
import static dev.switchboard.app.connections.ConnectionSettingsRules.requireValidSettings;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.events.Alerts;
import dev.switchboard.app.events.DomainEvents;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * A connection's life: connecting a vendor account, editing it, pausing and resuming it, deleting it.
 *
 * <p>Connecting stores the credentials, verifies them against the vendor (which also tells us the account id
 * webhooks are routed by), registers our webhook where the vendor has an API for it, and leaves the backfill to the
 * reconciler — except that a connection to a system other than the hub is held ({@link FirstSyncHolds}): paused until an
 * owner has seen its first-sync plan and pressed Start. A connection whose check fails is kept (ERROR, or CREDENTIALS_REJECTED when the vendor refused the
 * credentials) with the vendor's reason, so that it can be fixed with {@link #update}. A webhook the vendor refuses
 * (Mailchimp does when it cannot reach our callback URL) leaves the connection ACTIVE, since polling and
 * reconciliation still sync it, with webhook status {@code REGISTRATION_FAILED: <reason>}.
 *
 * <p>Every change but {@link #connect} (whose caller knows who asked) emits {@code audit.logged} with the action, the
 * connection id and the actor; never a value of the settings or credentials.
 */
@Service
public class ConnectionSetup {
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final DomainEvents events;
  private final Alerts alerts;
  private final FirstSyncHolds holds;
  private final org.springframework.context.ApplicationEventPublisher publisher;
  private final String publicBaseUrl;
  private final SecureRandom random = new SecureRandom();

  ConnectionSetup(Connections connections, ConnectorRegistry connectors, DomainEvents events, Alerts alerts,
      FirstSyncHolds holds, org.springframework.context.ApplicationEventPublisher publisher,
      @Value("${switchboard.public-base-url}") String publicBaseUrl) {
    this.holds = holds;
    this.publisher = publisher;
    this.connections = connections;
    this.connectors = connectors;
    this.events = events;
    this.alerts = alerts;
    this.publicBaseUrl = publicBaseUrl;
  }

  /**
   * @throws IllegalArgumentException for an unknown system
   * @throws ConnectionRefused        {@code base_url_not_allowed} (nothing stored) for a {@code baseUrl} outside the
   *                                  vendor's hosts and what the operator allows; {@code invalid_setting} for a
   *                                  {@code deletePropagation.<type>} the connector cannot honour, or a
   *                                  {@code repeatMerges} other than true/false or true where it cannot merge, or a
   *                                  connector setting it refuses ({@link Connector#settingRefusal}), or a
   *                                  {@code firstSync} other than plan/immediate; {@code already_connected} (409,
   *                                  the connection made for the call deleted again) when the check names an
   *                                  account the tenant has a connection to — also when two connects race (V24)
   */
  public Connection connect(String tenantId, String system, String displayName, Map<String, String> settings,
      Map<String, String> credentials) {
    Connector connector = connectors.get(system);
    requireAllowedBaseUrl(connector, "settings", settings);
    requireAllowedBaseUrl(connector, "credentials", credentials);
    requireValidSettings(connector, settings);
    requireNoMappingKeys(settings);
    Map<String, String> creds = new LinkedHashMap<>(credentials);
    // Vendors without signatures (Mailchimp) authenticate webhooks by a secret in the URL: make one.
    creds.computeIfAbsent("webhookSecret", k -> HexFormat.of().formatHex(bytes()));
    Connection c = connections.create(tenantId, system, displayName, settings, creds);
    if (FirstSyncHolds.wanted(connector.seedsInitialSync(), settings)) {
      holds.hold(tenantId, c.id()); // before the account is known: the reconciler never sees it workable
    }
    ConnectionContext ctx = connections.context(c);
    try {
      String account = connector.check(ctx);
      claimAccount(connector, tenantId, c.id(), account);
      ctx = connections.context(connections.find(tenantId, c.id()).orElseThrow());
      connections.setWebhookStatus(tenantId, c.id(), registerWebhook(connector, ctx, callback(connector)));
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

  /**
   * Connects only what the vendor accepts (the console's connect pages): the credentials and settings are checked with
   * the vendor first, under the id the connection will have, and nothing is stored when the check fails; then the
   * connection is stored with its account, our webhook is registered, and the backfill is left to the reconciler as
   * in {@link #connect}. No base URL comes from here: {@code baseUrl} in either map is refused.
   *
   * @param expectedAccount the account the vendor named when it issued the credentials (OAuth's portal), or null
   * @throws ConnectionRefused {@code base_url_not_allowed} (400), {@code invalid_setting} (400),
   *                           {@code account_changed} (409: the check names another account than the vendor issued
   *                           the token for), {@code already_connected} (409: the tenant has a connection to that
   *                           account), {@code credentials_rejected} or {@code check_failed} (422),
   *                           {@code vendor_unavailable} (503); nothing is stored in any of these cases
   */
  public Connection connectChecked(String tenantId, String system, String displayName, Map<String, String> settings,
      Map<String, String> credentials, @Nullable String expectedAccount, String actor) {
    Connector connector = connectors.get(system);
    if (settings.containsKey("baseUrl") || credentials.containsKey("baseUrl")) {
      throw new ConnectionRefused(400, "base_url_not_allowed", "baseUrl",
          "a vendor's base URL is set by whoever installed Switchboard, not when connecting");
    }
    requireValidSettings(connector, settings);
    requireNoMappingKeys(settings);
    Map<String, String> creds = new LinkedHashMap<>(credentials);
    creds.computeIfAbsent("webhookSecret", k -> HexFormat.of().formatHex(bytes()));
    String id = Connections.newId();
    ConnectionContext probe = new ConnectionContext(id, tenantId, system, null, settings, creds);
    String account = null;
    if (choosesLater(connector, settings)) {
      // the owner picks the audience by its name on the plan page: listing the account's audiences checks the
      // credentials now; the account (and its claim, and our webhook) follow the choice (chooseSyncTarget)
      try {
        connector.syncTargets(probe);
      } catch (VendorException e) {
        throw vendorRefusal(e);
      }
    } else {
      account = check(connector, probe);
      if (expectedAccount != null && !expectedAccount.equals(account)) {
        throw new ConnectionRefused(409, "account_changed", "credentials", "the vendor issued these credentials for "
            + "account " + expectedAccount + " but they reach " + account + "; nothing was stored");
      }
      refuseSecondConnection(connector, tenantId, account, null);
    }
    Connection c = connections.create(id, tenantId, system, displayName, settings, creds);
    if (FirstSyncHolds.wanted(connector.seedsInitialSync(), settings)) {
      holds.hold(tenantId, id); // as in connect: held before the account is known, so nothing is read or written
    }
    if (account != null) {
      claimAccount(connector, tenantId, id, account);
      ConnectionContext ctx = connections.context(connections.find(tenantId, id).orElseThrow());
      connections.setWebhookStatus(tenantId, id, registerWebhook(connector, ctx, callback(connector)));
    }
    audit(tenantId, "connection.connect", c.id(), actor, Map.of("system", system));
    return require(tenantId, id);
  }

  /**
   * Gives the just-made connection {@code id} its account, unless the tenant has a connection to that account already:
   * then the new connection is deleted again (nothing stored) and the connect refused, {@code already_connected}
   * (409). The check names the other connection; the database's claim (V24) decides between two connects at once.
   */
  private void claimAccount(Connector connector, String tenantId, String id, String account) {
    try {
      refuseSecondConnection(connector, tenantId, account, id);
      connections.setAccount(tenantId, id, account);
    } catch (ConnectionRefused | DuplicateKeyException e) {
      connections.delete(tenantId, id);
      throw e instanceof ConnectionRefused r ? r : alreadyConnected(connector, account, null);
    }
  }

  /** Refuses a connection to {@code account} when another of the tenant's (not {@code self}) has it. */
  private void refuseSecondConnection(Connector connector, String tenantId, String account, @Nullable String self) {
    // a second connection to one account would sync every record twice
    connections.forTenantAndSystem(tenantId, connector.descriptor().system()).stream()
        .filter(c -> account.equals(c.accountId()) && !c.id().equals(self)).findFirst()
        .ifPresent(existing -> {
          throw alreadyConnected(connector, account, existing.displayName());
        });
  }

  private static ConnectionRefused alreadyConnected(Connector connector, String account, @Nullable String as) {
    return new ConnectionRefused(409, "already_connected", "credentials", "this " + connector.descriptor()
        .displayName() + " account (" + account + ") is already connected" + (as == null ? "" : " as " + as)
        + "; nothing was stored");
  }

  /**
   * A change to a connection. In {@code settings} and {@code credentials} a key mapped to null or {@code ""} is
   * removed, others are set; keys not named are kept.
   */
  public record Edit(@Nullable String displayName, @Nullable Map<String, String> settings,
      @Nullable Map<String, String> credentials) {}

  /**
   * Applies {@code edit}. When settings or credentials change they are verified with the vendor first, as they will
   * be stored; only when the vendor accepts them, for the same account, is anything stored — then the connection is
   * ACTIVE again (unless paused), its credential and failure alerts are resolved, its waiting work runs, and our
   * webhook is registered if it was not yet.
   *
   * @throws ConnectionRefused {@code not_found} (404); {@code base_url_not_allowed} (400); {@code account_changed}
   *                           (409: the credentials are another account's, whose records the links would confuse);
   *                           {@code credentials_rejected} or {@code check_failed} (422) and {@code vendor_unavailable}
   *                           (503) when the check fails. Nothing is stored in any of these cases.
   */
  public Connection update(String tenantId, String id, Edit edit, String actor) {
    requireNoMappingKeys(edit.settings());
    Connection c = require(tenantId, id);
    Connector connector = connectors.get(c.system());
    ConnectionContext before = connections.context(c);
    Map<String, String> settings = merge(c.settings(), edit.settings());
    java.util.function.UnaryOperator<Map<String, String>> credentialEdit = stored -> edited(stored, edit.credentials());
    Map<String, String> credentials = credentialEdit.apply(before.credentials());
    requireAllowedBaseUrl(connector, "settings", settings);
    requireAllowedBaseUrl(connector, "credentials", credentials);
    requireValidSettings(connector, settings);
    String displayName = edit.displayName() == null || edit.displayName().isBlank() ? c.displayName()
        : edit.displayName().strip();
    boolean verify = !settings.equals(c.settings()) || !credentials.equals(before.credentials());
    String account = null;
    if (verify) {
      account = check(connector, new ConnectionContext(c.id(), tenantId, c.system(), c.accountId(), settings,
          credentials));
      if (c.accountId() != null && !c.accountId().equals(account)) {
        throw new ConnectionRefused(409, "account_changed", edit.credentials() != null ? "credentials" : "settings",
            "these credentials and settings are for another " + c.system() + " account than the connection's: its "
                + "links point at records of " + c.accountId() + ". Connect the other account as a new connection.");
      }
    }
    try {
      connections.applyEdit(tenantId, id, displayName, settings, credentialEdit, account, verify);
    } catch (DuplicateKeyException e) { // it gets its first account, which another connection has meanwhile
      throw alreadyConnected(connector, String.valueOf(account), null);
    }
    Connection after = require(tenantId, id);
    if (verify) {
      ConnectionContext ctx = connections.context(after);
      boolean newSecret = !Objects.equals(before.credential("webhookSecret"), ctx.credential("webhookSecret"));
      if (newSecret && "REGISTERED".equals(c.webhookStatus())) {
        unregister(connector, before); // the old URL's secret is no longer accepted: best effort
      }
      if (newSecret || !"REGISTERED".equals(c.webhookStatus())) {
        connections.setWebhookStatus(tenantId, id, registerWebhook(connector, ctx, callback(connector)));
      }
    }
    audit(tenantId, "connection.update", id, actor, Map.of("verified", verify));
    if (consentChanged(c.settings(), after.settings())
        && !holds.find(tenantId, id).map(FirstSyncHolds.Hold::held).orElse(false)) {
      publisher.publishEvent(new ConsentSettingsChanged(tenantId, id)); // a held one is offered everything at Start
    }
    return require(tenantId, id);
  }




  /** Pauses: nothing is read from or written to the vendor; its webhooks are still accepted, their work waits. */
  public Connection pause(String tenantId, String id, String actor) {
    if (!connections.pause(tenantId, id)) {
      throw notFound(id);
    }
    audit(tenantId, "connection.pause", id, actor, Map.of());
    return require(tenantId, id);
  }

  /** Resumes a paused connection: everything that waited runs (resuming an unpaused one changes nothing). */
  public Connection resume(String tenantId, String id, String actor) {
    if (holds.find(tenantId, id).map(FirstSyncHolds.Hold::held).orElse(false)) {
      throw new ConnectionRefused(409, "first_sync_not_started", "id", "this connection's first sync has not been "
          + "started: review its plan (GET /api/connections/" + id + "/first-sync) and start it with POST "
          + "/api/connections/" + id + "/first-sync/start");
    }
    if (!connections.resume(tenantId, id)) {
      throw notFound(id);
    }
    audit(tenantId, "connection.resume", id, actor, Map.of());
    return require(tenantId, id);
  }

  /**
   * What the connection can sync with, by name (Mailchimp's audiences), read from the vendor with its credentials.
   *
   * @throws ConnectionRefused {@code not_found} (404); {@code no_choice} (404) when the connector has no such choice;
   *                           {@code credentials_rejected} (422), {@code vendor_unavailable} (503) or
   *                           {@code check_failed} (422) when the vendor cannot be read
   */
  public Connector.SyncTargets syncTargets(String tenantId, String id) {
    Connection c = require(tenantId, id);
    Connector connector = connectors.get(c.system());
    try {
      return connector.syncTargets(connections.context(c)).orElseThrow(() -> new ConnectionRefused(404, "no_choice",
          "id", c.system() + " connections sync with the whole account: there is nothing to choose"));
    } catch (VendorException e) {
      throw vendorRefusal(e);
    }
  }

  /**
   * Chooses what the connection syncs with by its name (an audience's), as an {@link #update} of its setting: verified
   * with the vendor, audited, refused for another account's target once the connection has one.
   *
   * @throws ConnectionRefused as {@link #syncTargets}; {@code unknown_name} (422) when no target has the name,
   *                           {@code ambiguous_name} (409) when several have it
   */
  public Connection chooseSyncTarget(String tenantId, String id, String name, String actor) {
    Connector.SyncTargets targets = syncTargets(tenantId, id);
    String wanted = name == null ? "" : name.strip();
    java.util.List<Connector.SyncTarget> exact = targets.targets().stream().filter(t -> t.name().equals(wanted)).toList();
    java.util.List<Connector.SyncTarget> found = !exact.isEmpty() ? exact : targets.targets().stream()
        .filter(t -> t.name().equalsIgnoreCase(wanted)).toList();
    if (found.isEmpty()) {
      throw new ConnectionRefused(422, "unknown_name", "name", "the account has no audience named \"" + wanted
          + "\"; it has: " + targets.targets().stream().map(Connector.SyncTarget::name).toList());
    }
    if (found.size() > 1) {
      throw new ConnectionRefused(409, "ambiguous_name", "name", found.size() + " audiences are named \"" + wanted
          + "\": rename one in the vendor, or set settings." + targets.setting() + " to its id");
    }
    return update(tenantId, id, new Edit(null, Map.of(targets.setting(), found.getFirst().id()), null), actor);
  }

  /**
   * The owner's Start of a held connection's first sync: the hold ends, the connection is resumed (its backfill runs,
   * then what it is to be sent), and the action is audited.
   *
   * @throws ConnectionRefused {@code not_found} (404); {@code first_sync_not_held} (409) when the connection is not
   *                           waiting for a Start (already started, or never held); {@code not_verified} (409) while
   *                           the vendor has not accepted it (no account id yet: credentials refused, no audience)
   */
  public Connection startFirstSync(String tenantId, String id, String actor) {
    Connection c = require(tenantId, id);
    if (c.accountId() == null && holds.find(tenantId, id).map(FirstSyncHolds.Hold::held).orElse(false)) {
      throw new ConnectionRefused(409, "not_verified", "id", "the vendor has not accepted this connection yet: fix "
          + "its credentials, or choose what it syncs with (PUT /api/connections/" + id + "/audience), then start it");
    }
    if (!holds.start(tenantId, id, actor)) {
      throw new ConnectionRefused(409, "first_sync_not_held", "id", "connection " + id
          + " is not waiting for its first sync to be started");
    }
    audit(tenantId, "connection.first_sync.start", id, actor, Map.of());
    return require(tenantId, id);
  }

  /**
   * What became of our webhook at the vendor when a connection was deleted.
   *
   * @param outcome {@code removed}, {@code none} (we had registered none through the vendor's API) or {@code failed}
   * @param reason  why it failed (PII-free), else null
   */
  public record WebhookRemoval(String outcome, @Nullable String reason) {}

  /**
   * Deletes a connection: our webhook is removed at the vendor where we registered one (best effort: a vendor failure
   * does not stop the delete; it is answered and raised as an alert, since the vendor may keep calling), then the
   * connection, its credentials and the sync engine's links, cursors, pending jobs and writes for it go
   * ({@link ConnectionDeleted}). Golden records and their history stay; the other connections are untouched.
   */
  public WebhookRemoval delete(String tenantId, String id, String actor) {
    Connection c = require(tenantId, id);
    Connector connector = connectors.get(c.system());
    WebhookRemoval removal = "REGISTERED".equals(c.webhookStatus()) ? unregister(connector, connections.context(c))
        : new WebhookRemoval("none", null);
    if (!deleteRetryingLockConflicts(tenantId, id)) {
      throw notFound(id);
    }
    if (removal.reason() != null) {
      alerts.raise(tenantId, "WARN", "webhook_not_removed", "Deleted " + c.displayName() + ", but its webhook at "
          + c.system() + " could not be removed (" + removal.reason() + "). Remove it in " + c.system()
          + " by hand: its deliveries are refused meanwhile.", id);
    }
    audit(tenantId, "connection.delete", id, actor, Map.of("webhook", removal.outcome()));
    return removal;
  }

  /**
   * A worker busy with the connection's work may hold rows the delete needs; should the database pick the delete as
   * a deadlock's victim, it was rolled back whole and is simply tried again.
   */
  private boolean deleteRetryingLockConflicts(String tenantId, String id) {
    for (int attempt = 1; ; attempt++) {
      try {
        return connections.delete(tenantId, id);
      } catch (PessimisticLockingFailureException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private WebhookRemoval unregister(Connector connector, ConnectionContext ctx) {
    try {
      return new WebhookRemoval(connector.unregisterWebhook(ctx, callback(connector)) ? "removed" : "none", null);
    } catch (VendorException | IllegalArgumentException e) {
      return new WebhookRemoval("failed", Pii.redact(String.valueOf(e.getMessage()), 300));
    }
  }

  /** The vendor's account id for {@code ctx}, or the refusal that says why the vendor would not give it. */
  private static String check(Connector connector, ConnectionContext ctx) {
    try {
      return connector.check(ctx);
    } catch (VendorException e) {
      throw vendorRefusal(e);
    }
  }

  /** The refusal that says, without personal data, why the vendor would not answer a check or a read. */
  private static ConnectionRefused vendorRefusal(VendorException e) {
    String reason = Pii.redact(e.getMessage(), 500);
    if (e.status() == 401 || e.status() == 403) {
      return new ConnectionRefused(422, "credentials_rejected", "credentials",
          "the vendor refused these credentials; nothing was changed (" + reason + ")");
    }
    if (e.retryable()) {
      return new ConnectionRefused(503, "vendor_unavailable", null,
          "the vendor could not be asked to verify the change; nothing was changed, try again (" + reason + ")");
    }
    String code = e.errorCode();
    String field = code.equals("missing_setting") ? "settings"
        : code.equals("invalid_api_key") || code.equals("missing_credential") ? "credentials" : null;
    return new ConnectionRefused(422, "check_failed", field,
        "the vendor did not accept the change; nothing was changed (" + reason + ")");
  }








  private Connection require(String tenantId, String id) {
    return connections.find(tenantId, id).orElseThrow(() -> notFound(id));
  }

  private static ConnectionRefused notFound(String id) {
    return new ConnectionRefused(404, "not_found", "id", "no connection " + id + " for this tenant");
  }

  private void audit(String tenantId, String action, String id, String actor, Map<String, Object> extra) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("action", action);
    payload.put("connection_id", id);
    payload.put("actor", actor);
    payload.putAll(extra);
    events.emit(tenantId, DomainEvents.AUDIT_LOGGED, payload, null);
  }

  private String callback(Connector connector) {
    return publicBaseUrl + "/webhooks/" + connector.descriptor().category() + "/" + connector.system();
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
