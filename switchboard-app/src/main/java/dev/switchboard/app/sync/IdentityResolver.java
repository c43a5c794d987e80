package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.canonical.model.IdentityKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the canonical record a vendor object belongs to: by link first (done by the caller), then by
 * normalized e-mail, then by E.164 phone; otherwise allocates a new canonical id. Keys are blind indexes, so
 * no e-mail or phone is stored in clear.
 *
 * <p>Concurrency: a new canonical record claims its keys with insert-if-absent before it is written; a worker
 * that loses the race for the same e-mail adopts the winner's id instead of creating a duplicate.
 */
@Component
class IdentityResolver {
  static final String EMAIL = "email";
  static final String PHONE = "phone";

  private final JdbcClient db;
  private final Vault vault;

  IdentityResolver(JdbcClient db, Vault vault) {
    this.db = db;
    this.vault = vault;
  }

  /**
   * The canonical id for {@code record}: existing (a contact matched by e-mail or phone; a record of another type by
   * the identity keys its type declares, strongest first: a company by its domain) or new.
   */
  Resolution resolve(String tenantId, CanonicalRecord record) {
    if (!CanonicalRecord.CONTACT.equals(record.type())) {
      return resolveByKeys(tenantId, record);
    }
    String email = record.string(ContactField.EMAIL);
    String phone = record.string(ContactField.PHONE);
    Optional<String> byEmail = lookup(tenantId, record.type(), EMAIL, email);
    if (byEmail.isPresent()) {
      return new Resolution(byEmail.get(), false, EMAIL);
    }
    Optional<String> byPhone = lookup(tenantId, record.type(), PHONE, phone);
    if (byPhone.isPresent()) {
      return new Resolution(byPhone.get(), false, PHONE);
    }
    String id = UUID.randomUUID().toString();
    // Claim the strongest key first; if someone else holds it by now, they are this person.
    String key = email != null && !email.isEmpty() ? EMAIL : phone != null && !phone.isEmpty() ? PHONE : null;
    if (key != null) {
      String value = key.equals(EMAIL) ? email : phone;
      if (!claim(tenantId, record.type(), key, value, id)) {
        return new Resolution(lookup(tenantId, record.type(), key, value).orElseThrow(), false, key);
      }
    }
    return new Resolution(id, true, null);
  }

  private Resolution resolveByKeys(String tenantId, CanonicalRecord record) {
    List<IdentityKey> keys = RecordCleaning.identityKeys(record.type(), record.fields());
    for (IdentityKey k : keys) {
      Optional<String> found = lookup(tenantId, record.type(), k.rule(), k.value());
      if (found.isPresent()) {
        return new Resolution(found.get(), false, k.rule());
      }
    }
    String id = UUID.randomUUID().toString();
    if (!keys.isEmpty()) {
      IdentityKey strongest = keys.getFirst();
      if (!claim(tenantId, record.type(), strongest.rule(), strongest.value(), id)) {
        return new Resolution(lookup(tenantId, record.type(), strongest.rule(), strongest.value()).orElseThrow(), false,
            strongest.rule());
      }
    }
    return new Resolution(id, true, null);
  }

  /**
   * Moves the identity keys of a record of a type other than contact from what its values were ({@code before}) to
   * what they are ({@code after}): keys no longer derived are released, new ones claimed (unless another record owns
   * them: then both stay findable by their own keys only).
   */
  void rekey(String tenantId, String type, String canonicalId, Map<String, Object> before, Map<String, Object> after) {
    List<IdentityKey> was = RecordCleaning.identityKeys(type, before);
    List<IdentityKey> now = RecordCleaning.identityKeys(type, after);
    for (IdentityKey k : was) {
      if (!now.contains(k)) {
        release(tenantId, type, k.rule(), k.value(), canonicalId);
      }
    }
    for (IdentityKey k : now) {
      if (!was.contains(k)) {
        claim(tenantId, type, k.rule(), k.value(), canonicalId);
      }
    }
  }

  /** @param matchedBy the key that matched ({@link #EMAIL}, {@link #PHONE}), null for a new person */
  record Resolution(String canonicalId, boolean created, @org.jspecify.annotations.Nullable String matchedBy) {}

  Optional<String> lookup(String tenantId, String objectType, String kind, String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    return db.sql("select canonical_id from identity_key where tenant_id = ? and object_type = ? and kind = ? and key_hash = ?")
        .params(tenantId, objectType, kind, vault.blindIndex(kind, value)).query(String.class).optional();
  }

  /** Makes {@code value} resolve to {@code canonicalId} unless another record already owns it. */
  boolean claim(String tenantId, String objectType, String kind, String value, String canonicalId) {
    if (value == null || value.isEmpty()) {
      return true;
    }
    int n = db.sql("insert into identity_key(tenant_id, object_type, kind, key_hash, canonical_id) values (?, ?, ?, ?, ?) "
            + "on conflict do nothing")
        .params(tenantId, objectType, kind, vault.blindIndex(kind, value), canonicalId).update();
    if (n == 1) {
      return true;
    }
    return lookup(tenantId, objectType, kind, value).map(canonicalId::equals).orElse(false);
  }

  /** Drops a key that no longer describes {@code canonicalId} (e.g. its old e-mail). */
  void release(String tenantId, String objectType, String kind, String value, String canonicalId) {
    if (value == null || value.isEmpty()) {
      return;
    }
    db.sql("delete from identity_key where tenant_id = ? and object_type = ? and kind = ? and key_hash = ? and canonical_id = ?")
        .params(tenantId, objectType, kind, vault.blindIndex(kind, value), canonicalId).update();
  }
}
