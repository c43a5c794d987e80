package dev.switchboard.app.connections;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.Alerts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores connections; the only place credentials are encrypted or decrypted. */
@Service
public class Connections {
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private static final String COLUMNS = "id, tenant_id, system, account_id, display_name, settings_json, status, "
      + "webhook_status, last_error, last_error_at";

  /** Alert codes this service raises and resolves. */
  public static final String CONNECTION_FAILING = "connection_failing";
  public static final String CREDENTIALS_REJECTED = "credentials_rejected";
  public static final String NEEDS_RECONNECTING = "needs_reconnecting";
  /** Alert: the vendor refuses the installation's OAuth app (see {@link #markOAuthAppRefused}). */
  public static final String OAUTH_APP_REFUSED = "oauth_app_refused";

  private final JdbcClient db;
  private final Vault vault;
  private final Clock clock;
  private final Alerts alerts;
  private final ApplicationEventPublisher publisher;
  private final JsonMapper json = JsonMapper.builder().build();

  Connections(JdbcClient db, Vault vault, Clock clock, Alerts alerts, ApplicationEventPublisher publisher) {
    this.db = db;
    this.vault = vault;
    this.clock = clock;
    this.alerts = alerts;
    this.publisher = publisher;
  }

  @Transactional
  public Connection create(String tenantId, String system, String displayName, Map<String, String> settings,
      Map<String, String> credentials) {
    return create(newId(), tenantId, system, displayName, settings, credentials);
  }

  /** A fresh connection id ({@code con_} and 16 hex digits). */
  static String newId() {
    return "con_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** Stores a connection under an id from {@link #newId()} (one its credentials were already checked under). */
  @Transactional
  Connection create(String id, String tenantId, String system, String displayName, Map<String, String> settings,
      Map<String, String> credentials) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("insert into connection(id, tenant_id, system, display_name, settings_json, credentials_enc, status, "
            + "created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)")
        .params(id, tenantId, system, displayName, json.writeValueAsString(settings),
            vault.encrypt(json.writeValueAsString(credentials), "connection:" + id), now, now)
        .update();
    return find(tenantId, id).orElseThrow();
  }

  public Optional<Connection> find(String tenantId, String id) {
    return db.sql("select " + COLUMNS + " from connection where tenant_id = ? and id = ?").params(tenantId, id)
        .query(this::row).optional();
  }

  public List<Connection> forTenant(String tenantId) {
    return db.sql("select " + COLUMNS + " from connection where tenant_id = ? order by created_at").param(tenantId)
        .query(this::row).list();
  }

  public List<Connection> forTenantAndSystem(String tenantId, String system) {
    return db.sql("select " + COLUMNS + " from connection where tenant_id = ? and system = ? order by created_at")
        .params(tenantId, system).query(this::row).list();
  }

  /** Connections of every tenant whose work may run (ACTIVE or ERROR): for the workers' schedulers only. */
  public List<Connection> allWorkable() {
    return db.sql("select " + COLUMNS + " from connection where status in ('ACTIVE', 'ERROR') order by id")
        .query(this::row).list();
  }

  /**
   * Connections that may have sent a webhook claiming to come from {@code accountId} (any tenant). The caller
   * must verify the request against each candidate's secret before trusting it.
   */
  public List<Connection> findByAccount(String system, @Nullable String accountId) {
    if (accountId == null) {
      return db.sql("select " + COLUMNS + " from connection where system = ?").param(system).query(this::row).list();
    }
    return db.sql("select " + COLUMNS + " from connection where system = ? and account_id = ?").params(system, accountId)
        .query(this::row).list();
  }

  /**
   * Connections of any tenant to any of {@code accountIds} (e.g. the portals one HubSpot delivery names). The
   * caller must verify the request against each candidate's secret before trusting it.
   */
  public List<Connection> findByAccounts(String system, Collection<String> accountIds) {
    if (accountIds.isEmpty()) {
      return List.of();
    }
    return db.sql("select " + COLUMNS + " from connection where system = :system and account_id in (:accounts) "
            + "order by created_at").param("system", system).param("accounts", List.copyOf(accountIds))
        .query(this::row).list();
  }

  /** Decrypts the credentials into a context for one vendor call. */
  public ConnectionContext context(Connection c) {
    String enc = db.sql("select credentials_enc from connection where tenant_id = ? and id = ?")
        .params(c.tenantId(), c.id()).query(String.class).single();
    Map<String, String> creds = json.readValue(vault.decrypt(enc, "connection:" + c.id()), MAP);
    return new ConnectionContext(c.id(), c.tenantId(), c.system(), c.accountId(), c.settings(), creds);
  }

  /**
   * The stored credentials as they are now, with the stored (encrypted) form they were read from: what
   * {@link #replaceCredentials} compares against, so that a change stored meanwhile is never overwritten.
   */
  record StoredCredentials(Map<String, String> credentials, String stored) {}

  /** The stored credentials, read without a lock (see {@link StoredCredentials}). */
  StoredCredentials storedCredentials(String tenantId, String id) {
    String enc = db.sql("select credentials_enc from connection where tenant_id = ? and id = ?")
        .params(tenantId, id).query(String.class).single();
    return new StoredCredentials(json.readValue(vault.decrypt(enc, "connection:" + id), MAP), enc);
  }

  /**
   * Compare-and-set: stores {@code credentials} only if the stored ones are still {@code expected} (one short
   * statement, no lock held across anything else); false when someone else changed them meanwhile. Stored, they are
   * a refresh the vendor accepted: an open {@code oauth_app_refused} alert of the connection is resolved.
   */
  boolean replaceCredentials(String tenantId, String id, StoredCredentials expected, Map<String, String> credentials) {
    return db.sql("update connection set credentials_enc = ?, updated_at = ? where tenant_id = ? and id = ? "
            + "and credentials_enc = ?")
        .params(vault.encrypt(json.writeValueAsString(credentials), "connection:" + id), now(), tenantId, id,
            expected.stored()).update() == 1 && resolved(tenantId, id);
  }

  private boolean resolved(String tenantId, String id) {
    alerts.resolve(tenantId, OAUTH_APP_REFUSED, id); // the vendor accepted the app again
    return true;
  }

  /**
   * The stored credentials, with the connection's row locked until the caller's transaction ends (a refresh of an
   * OAuth token happens once, whoever else needs the token meanwhile waits for it).
   */
  Map<String, String> credentialsForUpdate(String tenantId, String id) {
    String enc = db.sql("select credentials_enc from connection where tenant_id = ? and id = ? for update")
        .params(tenantId, id).query(String.class).single();
    return json.readValue(vault.decrypt(enc, "connection:" + id), MAP);
  }

  /**
   * The vendor refused the connection's refresh token (consent withdrawn, app uninstalled): only signing in again
   * helps. Its work waits (nothing is dead-lettered), one alert says so, and {@link ConnectionNeedsReconnecting} is
   * published (the owner is e-mailed). A paused connection is left paused.
   */
  public void markNeedsReconnecting(String tenantId, String id, String reason) {
    int n = db.sql("update connection set status = case when status = 'PAUSED' then status else 'NEEDS_RECONNECTING' "
            + "end, last_error = ?, last_error_at = ?, updated_at = ? where tenant_id = ? and id = ? "
            + "and status <> 'NEEDS_RECONNECTING'")
        .params(truncate(reason), now(), now(), tenantId, id).update();
    if (n == 1) {
      String name = displayName(tenantId, id);
      alerts.raiseOnce(tenantId, "ERROR", NEEDS_RECONNECTING, name + " needs reconnecting: " + reason + ". Its writes "
          + "wait until someone signs in to it again (Reconnect on the dashboard).", id);
      publisher.publishEvent(new ConnectionNeedsReconnecting(tenantId, id, name));
    }
  }

  /**
   * Whoever installed Switchboard must fix its OAuth app (the vendor refuses its client id or secret, or it is no
   * longer configured): one alert for the installer, addressed to them; the owners are not asked to sign in again,
   * which would not help. The connection's work is retried meanwhile.
   */
  void markOAuthAppRefused(String tenantId, String id, String reason) {
    alerts.raiseOnce(tenantId, "ERROR", OAUTH_APP_REFUSED, displayName(tenantId, id) + " cannot renew its access: "
        + reason + ". Whoever installed Switchboard must check its OAuth app settings; its changes wait and are "
        + "retried.", id);
  }

  @Transactional
  public void updateCredentials(String tenantId, String id, Map<String, String> credentials) {
    db.sql("update connection set credentials_enc = ?, updated_at = ? where tenant_id = ? and id = ?")
        .params(vault.encrypt(json.writeValueAsString(credentials), "connection:" + id), now(), tenantId, id).update();
  }

  /**
   * Sets the connection's account, claiming it (V24: one connection per account and tenant).
   *
   * @throws org.springframework.dao.DuplicateKeyException when another connection of the tenant claims the account
   */
  public void setAccount(String tenantId, String id, String accountId) {
    db.sql("update connection set account_id = ?, account_claim = ?, updated_at = ? where tenant_id = ? and id = ?")
        .params(accountId, accountId, now(), tenantId, id).update();
  }

  public void setWebhookStatus(String tenantId, String id, String status) {
    db.sql("update connection set webhook_status = ?, updated_at = ? where tenant_id = ? and id = ?")
        .params(status, now(), tenantId, id).update();
  }

  /**
   * Records that the vendor is failing (5xx, network; message must be PII-free): the connection is ERROR, its work
   * is retried, and one alert stays open until a call succeeds again ({@link #markHealthy}).
   */
  public void markError(String tenantId, String id, String message) {
    int n = db.sql("update connection set status = case when status in ('PAUSED', 'CREDENTIALS_REJECTED', "
            + "'NEEDS_RECONNECTING') then status "
            + "else 'ERROR' end, last_error = ?, last_error_at = ?, updated_at = ? where tenant_id = ? and id = ?")
        .params(truncate(message), now(), now(), tenantId, id).update();
    if (n == 1) {
      alerts.raiseOnce(tenantId, "WARN", CONNECTION_FAILING, displayName(tenantId, id) + " is failing: " + message
          + ". Switchboard keeps retrying; nothing is lost.", id);
    }
  }

  /**
   * Records that the vendor refused the credentials (401/403): the connection's work waits (nothing is
   * dead-lettered) until the credentials are updated, and one alert says so.
   */
  public void markCredentialsRejected(String tenantId, String id, String message) {
    int n = db.sql("update connection set status = case when status = 'PAUSED' then status else 'CREDENTIALS_REJECTED' "
            + "end, last_error = ?, last_error_at = ?, updated_at = ? where tenant_id = ? and id = ? "
            + "and status <> 'NEEDS_RECONNECTING'")
        .params(truncate(message), now(), now(), tenantId, id).update();
    if (n == 1) {
      alerts.raiseOnce(tenantId, "ERROR", CREDENTIALS_REJECTED, displayName(tenantId, id) + " refused its credentials ("
          + message + "). Writes wait until the credentials are updated (PATCH /api/connections/" + id + ").", id);
    }
  }

  /** A call succeeded: an ERROR connection is ACTIVE again and its failure alert is resolved. */
  public void markHealthy(String tenantId, String id) {
    int n = db.sql("update connection set status = 'ACTIVE', updated_at = ? where tenant_id = ? and id = ? and status = 'ERROR'")
        .params(now(), tenantId, id).update();
    if (n == 1) {
      alerts.resolve(tenantId, CONNECTION_FAILING, id);
    }
  }

  /**
   * Stores an edit as a whole, in one statement (nothing half-saved): {@code credentialEdit} is applied to the
   * credentials stored when it is written, not to those read before the vendor was asked. With {@code verified} (the vendor accepted the
   * new credentials and settings) the connection's failure is over: it is ACTIVE again (a PAUSED one stays paused),
   * its last error and its {@code credentials_rejected} and {@code connection_failing} alerts are resolved, and its
   * waiting work is released ({@link ConnectionReady}).
   */
  @Transactional
  public void applyEdit(String tenantId, String id, String displayName, Map<String, String> settings,
      java.util.function.UnaryOperator<Map<String, String>> credentialEdit, @Nullable String accountId,
      boolean verified) {
    // the edit is merged onto what is stored now, read under the row's lock: the check before may have refreshed an
    // OAuth token (and stored the vendor's rotated refresh token), which the credentials read before it lack
    Map<String, String> credentials = credentialEdit.apply(credentialsForUpdate(tenantId, id));
    db.sql("update connection set display_name = ?, settings_json = ?, credentials_enc = ?, "
            + "account_claim = case when account_id is null then cast(? as varchar(200)) else account_claim end, "
            + "account_id = coalesce(cast(? as varchar(200)), account_id), "
            + "status = case when ? and status <> 'PAUSED' then 'ACTIVE' else status end, "
            + "last_error = case when ? then null else last_error end, "
            + "last_error_at = case when ? then null else last_error_at end, updated_at = ? where tenant_id = ? and id = ?")
        .params(displayName, json.writeValueAsString(settings),
            vault.encrypt(json.writeValueAsString(credentials), "connection:" + id), accountId, accountId, verified,
            verified, verified, now(), tenantId, id)
        .update();
    if (verified) {
      alerts.resolve(tenantId, CREDENTIALS_REJECTED, id);
      alerts.resolve(tenantId, NEEDS_RECONNECTING, id);
      alerts.resolve(tenantId, CONNECTION_FAILING, id);
      publisher.publishEvent(new ConnectionReady(tenantId, id));
    }
  }

  /**
   * Replaces the connection's settings (a mapping override carried by its setting); credentials, status and account
   * untouched. Call inside the transaction that saves what the settings carry.
   */
  public void updateSettings(String tenantId, String id, Map<String, String> settings) {
    db.sql("update connection set settings_json = ?, updated_at = ? where tenant_id = ? and id = ?")
        .params(json.writeValueAsString(settings), now(), tenantId, id).update();
  }

  /** Pauses the connection: nothing is read from or written to the vendor until it is resumed. */
  public boolean pause(String tenantId, String id) {
    return db.sql("update connection set status = 'PAUSED', updated_at = ? where tenant_id = ? and id = ?")
        .params(now(), tenantId, id).update() == 1;
  }

  /** Resumes a paused connection (ACTIVE; its waiting work runs: {@link ConnectionReady}). False when unknown. */
  public boolean resume(String tenantId, String id) {
    int n = db.sql("update connection set status = 'ACTIVE', updated_at = ? where tenant_id = ? and id = ? "
            + "and status = 'PAUSED'").params(now(), tenantId, id).update();
    if (n == 1) {
      publisher.publishEvent(new ConnectionReady(tenantId, id));
    }
    return find(tenantId, id).isPresent();
  }

  /**
   * Deletes the connection and its credentials; {@link ConnectionDeleted} listeners remove what they keep for it in
   * the same transaction. Its open alerts are resolved. False when there is no such connection.
   */
  @Transactional
  public boolean delete(String tenantId, String id) {
    if (find(tenantId, id).isEmpty()) {
      return false;
    }
    publisher.publishEvent(new ConnectionDeleted(tenantId, id));
    db.sql("delete from connection where tenant_id = ? and id = ?").params(tenantId, id).update();
    alerts.resolveAll(tenantId, id);
    return true;
  }

  private String displayName(String tenantId, String id) {
    return find(tenantId, id).map(Connection::displayName).orElse(id);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static String truncate(String s) {
    return s.length() > 1900 ? s.substring(0, 1900) : s;
  }

  private Connection row(ResultSet rs, int i) throws SQLException {
    return new Connection(rs.getString("id"), rs.getString("tenant_id"), rs.getString("system"),
        rs.getString("account_id"), rs.getString("display_name"), json.readValue(rs.getString("settings_json"), MAP),
        rs.getString("status"), rs.getString("webhook_status"), rs.getString("last_error"),
        instant(rs.getTimestamp("last_error_at")));
  }

  static @Nullable Instant instant(@Nullable Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
