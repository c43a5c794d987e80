package dev.switchboard.app.api;

import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.sync.SyncOperations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 2 §1.2–1.5: {@code POST /integrations/crm/{system}/upsert}. PUT-like create-or-update of a contact in
 * the golden record, written to the CRM at once. The idempotency key is
 * {@code sha256(tenant_id + system + type + natural_key)} with the lower-cased e-mail as natural key, or for a
 * contact without an e-mail its phone in E.164 form (as cleaned in the tenant's region); a repeated payload (same
 * key, same attributes) answers {@code 200 {status:"noop"}} without touching anything.
 */
@RestController
class CrmUpsertController {
  /** Accepted attribute names (HubSpot's and ours) → canonical field. */
  private static final Map<String, String> ATTRIBUTES = Map.ofEntries(
      Map.entry("email", ContactField.EMAIL), Map.entry("firstname", ContactField.FIRST_NAME),
      Map.entry("first_name", ContactField.FIRST_NAME), Map.entry("firstName", ContactField.FIRST_NAME),
      Map.entry("lastname", ContactField.LAST_NAME), Map.entry("last_name", ContactField.LAST_NAME),
      Map.entry("lastName", ContactField.LAST_NAME), Map.entry("phone", ContactField.PHONE),
      Map.entry("company", ContactField.COMPANY), Map.entry("lifecyclestage", ContactField.LIFECYCLE_STAGE),
      Map.entry("lifecycleStage", ContactField.LIFECYCLE_STAGE));

  private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  record UpsertRequest(@Nullable String tenant_id, @Nullable String type, @Nullable Map<String, Object> attributes,
      @Nullable String idempotency_key, @Nullable String correlation_id) {}

  private final SyncOperations sync;
  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final JdbcClient db;
  private final Vault vault;
  private final Clock clock;
  private final Tenants tenants;
  private final JsonMapper json = JsonMapper.builder().build();

  CrmUpsertController(SyncOperations sync, Connections connections, ConnectorRegistry connectors, JdbcClient db,
      Vault vault, Clock clock, Tenants tenants) {
    this.sync = sync;
    this.connections = connections;
    this.connectors = connectors;
    this.db = db;
    this.vault = vault;
    this.clock = clock;
    this.tenants = tenants;
  }

  @PostMapping("/integrations/crm/{system}/upsert")
  ResponseEntity<Map<String, Object>> upsert(@PathVariable String system, @RequestBody UpsertRequest body,
      @AuthenticationPrincipal TenantPrincipal principal) {
    if (body.tenant_id() == null || body.tenant_id().isBlank()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "tenant_id", "tenant_id is required");
    }
    if (!body.tenant_id().equals(principal.tenantId())) {
      throw new ApiError(HttpStatus.FORBIDDEN, "tenant_mismatch", "tenant_id", "the API token does not belong to this tenant");
    }
    String tenantId = principal.tenantId();
    if (connectors.find(system).filter(c -> c.descriptor().category().equals("crm")).isEmpty()) {
      throw new ApiError(HttpStatus.NOT_FOUND, "unknown_system", "system", "no CRM connector named " + system);
    }
    String type = body.type() == null ? null : body.type().toLowerCase(Locale.ROOT);
    if (type == null) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "type", "type is required (contact|company|deal)");
    }
    if (type.equals("company") || type.equals("deal")) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "unsupported_type", "type",
          type + " sync is reserved (seed 2 §1.1) and not available in this version; use type=contact");
    }
    if (!type.equals("contact")) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "type", "type must be contact, company or deal");
    }
    Map<String, Object> attributes = canonical(tenantId, body.attributes());
    String expectedKey = sha256(tenantId + system + type + naturalKey(tenantId, attributes));
    if (body.idempotency_key() != null && !body.idempotency_key().equalsIgnoreCase(expectedKey)) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_mismatch", "idempotency_key",
          "idempotency_key must be sha256(tenant_id + system + type + natural_key) with the lower-cased email as "
              + "natural key, or the E.164 phone when there is no email");
    }
    Connection target = connections.forTenantAndSystem(tenantId, system).stream().findFirst()
        .orElseThrow(() -> new ApiError(HttpStatus.CONFLICT, "not_connected", "system", system + " is not connected for this tenant"));
    // a correlation id travels into log lines and vendor request headers: only a safe token is kept
    String correlationId = Optional.ofNullable(body.correlation_id()).filter(s -> CORRELATION_ID.matcher(s).matches())
        .orElse(UUID.randomUUID().toString());
    MDC.put("correlation_id", correlationId);
    try {
      // Both are keyed hashes: SHA-256 of an e-mail (or of a request naming one) is reversed with a dictionary.
      String storedKey = vault.blindIndex("idempotency-key", expectedKey);
      String requestHash = vault.blindIndex("idempotency-request", json.writeValueAsString(new TreeMap<>(attributes)));
      Optional<Map<String, Object>> previous = db.sql("select request_hash, external_id, status from idempotency_record "
              + "where tenant_id = ? and idem_key = ?").params(tenantId, storedKey)
          .query((rs, i) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hash", rs.getString(1));
            m.put("external_id", rs.getString(2));
            m.put("status", rs.getString(3));
            return m;
          }).optional();
      if (previous.isPresent() && requestHash.equals(previous.get().get("hash")) && previous.get().get("external_id") != null) {
        return respond(HttpStatus.OK, (String) previous.get().get("external_id"), "noop", correlationId, expectedKey);
      }
      SyncOperations.UpsertResult result = sync.upsertContact(tenantId, target, attributes, correlationId);
      String status = result.externalId() == null ? "queued" : !result.changed() ? "noop" : result.created() ? "created" : "updated";
      remember(tenantId, storedKey, requestHash, result, status);
      return respond(result.externalId() == null ? HttpStatus.ACCEPTED : HttpStatus.OK, result.externalId(), status,
          correlationId, expectedKey);
    } finally {
      MDC.remove("correlation_id");
    }
  }

  private void remember(String tenantId, String key, String hash, SyncOperations.UpsertResult r, String status) {
    int n = db.sql("update idempotency_record set request_hash = ?, canonical_id = ?, external_id = ?, status = ? "
            + "where tenant_id = ? and idem_key = ?")
        .params(hash, r.canonicalId(), r.externalId(), status, tenantId, key).update();
    if (n == 0) {
      db.sql("insert into idempotency_record(tenant_id, idem_key, request_hash, canonical_id, external_id, status, created_at) "
              + "values (?,?,?,?,?,?,?) on conflict do nothing")
          .params(tenantId, key, hash, r.canonicalId(), r.externalId(), status, Timestamp.from(clock.instant())).update();
    }
  }

  private ResponseEntity<Map<String, Object>> respond(HttpStatus http, @Nullable String externalId, String status,
      String correlationId, String key) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("external_id", externalId);
    out.put("status", status);
    out.put("idempotency_key", key);
    out.put("correlation_id", correlationId);
    return ResponseEntity.status(http).body(out);
  }

  /** Validates and renames attributes; refuses unknown names and malformed e-mail or phone. */
  private Map<String, Object> canonical(String tenantId, @Nullable Map<String, Object> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "attributes", "attributes are required");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach((name, value) -> {
      String field = ATTRIBUTES.get(name);
      if (field == null) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "unknown_field", "attributes." + name,
            "unknown attribute; accepted: " + List.copyOf(new java.util.TreeSet<>(ATTRIBUTES.keySet())));
      }
      if (value != null && !(value instanceof String)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "attributes." + name, "attribute values must be strings");
      }
      out.put(field, value == null ? "" : ((String) value).trim());
    });
    String email = (String) out.get(ContactField.EMAIL);
    String phone = (String) out.get(ContactField.PHONE);
    boolean hasPhone = phone != null && !phone.isEmpty();
    if ((email == null || email.isEmpty()) && !hasPhone) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "attributes.email",
          "email (or, for a contact without one, phone) is required: it is the natural key");
    }
    if (email != null && !email.isEmpty()) {
      email = ContactCleaner.email(email);
      if (!ContactCleaner.isValidEmail(email)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_email", "attributes.email", "email is not a valid address");
      }
      out.put(ContactField.EMAIL, email);
    } else {
      out.remove(ContactField.EMAIL); // a phone-only contact: an empty e-mail must not clear the person's e-mail
    }
    if (hasPhone && !phones(tenantId).isValidPhone(phone)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_phone", "attributes.phone", "phone is not a valid number");
    }
    return out;
  }

  /** The lower-cased e-mail, or for a contact without one its E.164 phone: what identifies the person. */
  private String naturalKey(String tenantId, Map<String, Object> attributes) {
    String email = (String) attributes.get(ContactField.EMAIL);
    return email != null && !email.isEmpty() ? email : phones(tenantId).phone((String) attributes.get(ContactField.PHONE));
  }

  /** Phones as the engine cleans this tenant's (SyncEngine.clean): what passes here is stored as meant. */
  private ContactCleaner phones(String tenantId) {
    return new ContactCleaner(tenants.find(tenantId).map(Tenants.Tenant::defaultRegion).orElse("US"));
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
