package dev.switchboard.app.sync;

import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.crypto.Vault;
import org.springframework.stereotype.Component;

/**
 * How vendor object ids are kept at rest and shown. Some ids are personal data in disguise (a Mailchimp member id
 * is the MD5 of the e-mail, reversed with a dictionary of e-mails), so the spine never stores an id in clear: every
 * {@code external_id} column holds a keyed hash ({@link #key}, HMAC under a key derived from the master key) used
 * for lookups and uniqueness, and the id itself is kept encrypted beside it ({@link #seal}) for the calls that need
 * it. Events and answers carry the id only for vendors whose ids are not personal ({@link #shown}).
 */
@Component
public class ExternalIds {
  /** Marks a stored key, so that re-keying rows written before keys existed is idempotent. */
  static final String PREFIX = "k1_";

  private final Vault vault;
  private final ConnectorRegistry connectors;

  ExternalIds(Vault vault, ConnectorRegistry connectors) {
    this.vault = vault;
    this.connectors = connectors;
  }

  /** The lookup key stored for {@code externalId}: the same id always gives the same key; it reveals nothing. */
  public String key(String externalId) {
    return PREFIX + vault.blindIndex("external-id", externalId).substring(0, 48);
  }

  /**
   * The {@link dev.switchboard.app.connectors.WriteRequest#createKey create key} of {@code canonicalId} in
   * {@code connectionId}: derived from those two only, never from the record's version or values, so every attempt of
   * every version of its create carries the same key; different per connection; a keyed hash, so it reveals neither
   * the record nor anything personal to the vendor that stores it.
   */
  String createKey(String connectionId, String canonicalId) {
    return "sb1_" + vault.blindIndex("create-key", connectionId + "\u0000" + canonicalId).substring(0, 40);
  }

  /** {@code externalId} encrypted, bound to the tenant, connection and key of its row. */
  String seal(String tenantId, String connectionId, String externalId) {
    return vault.encrypt(externalId, context(tenantId, connectionId, key(externalId)));
  }

  String open(String tenantId, String connectionId, String key, String sealed) {
    return vault.decrypt(sealed, context(tenantId, connectionId, key));
  }

  /** What events and answers may carry for an id of {@code system}: the id, or a token when the id is personal. */
  String shown(String system, String externalId) {
    boolean personal = connectors.find(system).map(c -> c.idsArePersonal()).orElse(true);
    return personal ? vault.token("external-id", externalId) : externalId;
  }

  private static String context(String tenantId, String connectionId, String key) {
    return "extid:" + tenantId + ":" + connectionId + ":" + key;
  }
}
