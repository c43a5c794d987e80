package dev.switchboard.app.api;

import dev.switchboard.app.access.Member;
import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.events.DomainEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tokens}: a member whose role may manage tokens issues, lists and revokes their tenant's API tokens (a
 * user's login is the only way in: see {@code SecurityConfiguration}). A token's secret is in the answer to its {@code POST} and nowhere
 * else, ever.
 */
@RestController
class TokensController {
  private static final Pattern TOKEN_ID = Pattern.compile("tok_[0-9a-f]{16}");

  private final ApiTokens tokens;
  private final DomainEvents events;
  private final Clock clock;

  TokensController(ApiTokens tokens, DomainEvents events, Clock clock) {
    this.tokens = tokens;
    this.events = events;
    this.clock = clock;
  }

  /**
   * @param scope      {@code read}, {@code write} (default) or {@code metrics} (an owner only: it reads the
   *                   instance's metrics at {@code /actuator/prometheus} and nothing else)
   * @param expires_at an ISO 8601 instant in the future (e.g. {@code 2030-01-01T00:00:00Z}); none: no expiry
   */
  record IssueRequest(@Nullable String label, @Nullable String scope, @Nullable String expires_at) {}

  @PostMapping("/api/tokens")
  ResponseEntity<Map<String, Object>> issue(@RequestBody IssueRequest body, @AuthenticationPrincipal Member admin) {
    String tenantId = admin.tenantId();
    String label = body.label() == null ? "" : body.label().strip();
    if (label.isEmpty() || label.length() > 200) {
      throw new ApiError(HttpStatus.BAD_REQUEST, label.isEmpty() ? "missing_field" : "invalid_value", "label",
          "label is required: 1 to 200 characters saying what the token is for");
    }
    String scope = body.scope() == null ? ApiTokens.WRITE : body.scope();
    if (!ApiTokens.SCOPES.contains(scope)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "scope", "scope must be read, write or metrics");
    }
    if (scope.equals(ApiTokens.METRICS) && !admin.may(dev.switchboard.app.access.Action.INSTANCE_SETTINGS)) {
      throw new ApiError(HttpStatus.FORBIDDEN, "forbidden", "scope",
          "only an owner issues metrics tokens: the metrics are the whole instance's");
    }
    Instant expiresAt = expiry(body.expires_at());
    ApiTokens.Issued issued = tokens.issue(tenantId, label, scope, expiresAt, admin.getUsername());
    events.emit(tenantId, DomainEvents.AUDIT_LOGGED, Map.of("action", "api_token.issue", "token_id", issued.id(),
        "scope", scope, "actor", admin.getUsername()), null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", issued.id());
    out.put("token", issued.token());
    out.put("label", issued.label());
    out.put("scope", issued.scope());
    out.put("expires_at", issued.expiresAt());
    return ResponseEntity.status(HttpStatus.CREATED).body(out);
  }

  @GetMapping("/api/tokens")
  List<Map<String, Object>> list(@AuthenticationPrincipal Member admin) {
    return tokens.list(admin.tenantId()).stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", t.id());
      m.put("label", t.label());
      m.put("scope", t.scope());
      m.put("created_by", t.createdBy());
      m.put("created_at", t.createdAt());
      m.put("last_used_at", t.lastUsedAt());
      m.put("expires_at", t.expiresAt());
      m.put("revoked", t.revoked());
      return m;
    }).toList();
  }

  /** Revokes at once: every API route refuses the token from the next request on. Revoking twice is harmless. */
  @DeleteMapping("/api/tokens/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id, @AuthenticationPrincipal Member admin) {
    String tenantId = admin.tenantId();
    Params.matching("id", id, TOKEN_ID, "a token id such as tok_0123456789abcdef");
    if (!tokens.revoke(tenantId, id)) {
      throw new ApiError(HttpStatus.NOT_FOUND, "not_found", "id", "no API token " + id);
    }
    events.emit(tenantId, DomainEvents.AUDIT_LOGGED, Map.of("action", "api_token.revoke", "token_id", id,
        "actor", admin.getUsername()), null);
    return ResponseEntity.noContent().build();
  }

  private @Nullable Instant expiry(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(raw.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "expires_at",
          "expires_at must be an ISO 8601 date-time with an offset, e.g. 2030-01-01T00:00:00Z");
    }
    if (!at.isAfter(clock.instant())) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "expires_at", "expires_at must be in the future");
    }
    return at;
  }
}
