package dev.switchboard.app.api;

import dev.switchboard.app.canonical.CleanContext;
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
 * Seed 2 §1.2–1.5: {@code POST /integrations/crm/{system}/upsert}. PUT-like create-or-update of a contact, company or
 * deal in the golden record, written to the CRM at once. Each type's {@link UpsertMapper} validates its attributes and
 * names its natural key ({@link ContactUpsertMapper}, {@link CompanyUpsertMapper}, {@link DealUpsertMapper}); the
 * idempotency key is {@code sha256(tenant_id + system + type + natural_key)}, and a repeated payload (same key, same
 * attributes) answers {@code 200 {status:"noop"}} without touching anything. A record the CRM connection's record
 * filter keeps out is saved and answered {@code 200 {status:"filtered_out", external_id:null, reason}}: nothing is
 * written to the CRM until it passes.
 */
@RestController
class CrmUpsertController {
  /** The answer's status for a record saved but kept out of the CRM by its connection's record filter. */
  static final String FILTERED_OUT = "filtered_out";
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
  private final Map<String, UpsertMapper> mappers;
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
    this.mappers = Map.of("contact", new ContactUpsertMapper(sync), "company", new CompanyUpsertMapper(sync),
        "deal", new DealUpsertMapper(sync));
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
    UpsertMapper mapper = mappers.get(type);
    if (mapper == null) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "type", "type must be contact, company or deal");
    }
    if (body.attributes() == null || body.attributes().isEmpty()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "attributes", "attributes are required");
    }
    Connection target = connections.forTenantAndSystem(tenantId, system).stream().findFirst()
        .orElseThrow(() -> new ApiError(HttpStatus.CONFLICT, "not_connected", "system", system + " is not connected for this tenant"));
    // a correlation id travels into log lines and vendor request headers: only a safe token is kept
    String correlationId = Optional.ofNullable(body.correlation_id()).filter(s -> CORRELATION_ID.matcher(s).matches())
        .orElse(UUID.randomUUID().toString());
    UpsertMapper.Command command = mapper.map(new UpsertMapper.Request(tenantId, target, body.attributes(),
        correlationId, context(tenantId)));
    String expectedKey = sha256(tenantId + system + type + command.naturalKey());
    if (body.idempotency_key() != null && !body.idempotency_key().equalsIgnoreCase(expectedKey)) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_mismatch", "idempotency_key",
          "idempotency_key must be sha256(tenant_id + system + type + natural_key) with " + mapper.naturalKeyRule());
    }
    if (!sync.writes(target, type)) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "unsupported_type", "type",
          "this " + system + " connection does not sync " + type + " records (no " + type + " binding)");
    }
    MDC.put("correlation_id", correlationId);
    try {
      // Both are keyed hashes: SHA-256 of an e-mail (or of a request naming one) is reversed with a dictionary.
      String storedKey = vault.blindIndex("idempotency-key", expectedKey);
      String requestHash = vault.blindIndex("idempotency-request", json.writeValueAsString(new TreeMap<>(command.canonical())));
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
      SyncOperations.UpsertResult result = command.write().get();
      if (result.filteredOut() != null) {
        // saved, and not to be written to the CRM while its record filter keeps it out: not "queued"
        remember(tenantId, storedKey, requestHash, result, FILTERED_OUT);
        ResponseEntity<Map<String, Object>> out = respond(HttpStatus.OK, null, FILTERED_OUT, correlationId, expectedKey);
        out.getBody().put("reason", system + "'s record filter keeps it out: " + result.filteredOut());
        return out;
      }
      String status = result.externalId() == null ? "queued" : !result.changed() ? "noop" : result.created() ? "created" : "updated";
      remember(tenantId, storedKey, requestHash, result, status);
      return respond(result.externalId() == null ? HttpStatus.ACCEPTED : HttpStatus.OK, result.externalId(), status,
          correlationId, expectedKey);
    } finally {
      MDC.remove("correlation_id");
    }
  }

  /** Values are cleaned as the engine cleans this tenant's (phones in its region): what passes is stored as meant. */
  private CleanContext context(String tenantId) {
    String region = tenants.find(tenantId).map(Tenants.Tenant::defaultRegion).orElse("US");
    try {
      return CleanContext.of(region);
    } catch (RuntimeException e) {
      return CleanContext.NO_REGION;
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

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
