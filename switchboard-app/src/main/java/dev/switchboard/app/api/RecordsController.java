package dev.switchboard.app.api;

import dev.switchboard.app.sync.RecordSplits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/records/{canonicalId}/split} with {@code {connectionId, externalId}}: splits that wrongly linked
 * object off the record into a new record (see {@link RecordSplits}). 201 with {@code {canonical_id, split_id, type,
 * moved_keys}}; 400 for a missing field; 404 for an unknown record or connection; 409 when the object is not linked
 * to the record, is its only link, or a write of the record is in flight. Audited ({@code audit.logged},
 * {@code record.split}).
 */
@RestController
class RecordsController {
  private final RecordSplits splits;

  RecordsController(RecordSplits splits) {
    this.splits = splits;
  }

  record SplitRequest(@Nullable String connectionId, @Nullable String externalId) {}

  @PostMapping("/api/records/{canonicalId}/split")
  ResponseEntity<Map<String, Object>> split(@PathVariable String canonicalId,
      @RequestBody(required = false) @Nullable SplitRequest body, @AuthenticationPrincipal TenantPrincipal principal) {
    String connectionId = required("connectionId", body == null ? null : body.connectionId());
    String externalId = required("externalId", body == null ? null : body.externalId());
    RecordSplits.Split split;
    try {
      split = splits.split(principal.tenantId(), canonicalId, connectionId, externalId, principal.actor());
    } catch (RecordSplits.Refused e) {
      throw new ApiError(HttpStatus.valueOf(e.status()), e.code(), e.field(), e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("canonical_id", split.canonicalId());
    out.put("split_id", split.splitId());
    out.put("type", split.type());
    out.put("moved_keys", split.movedKeys());
    return ResponseEntity.status(HttpStatus.CREATED).body(out);
  }

  private static String required(String field, @Nullable String value) {
    if (value == null || value.isBlank() || value.length() > 200) {
      throw new ApiError(HttpStatus.BAD_REQUEST, value == null || value.isBlank() ? "missing_field" : "invalid_value",
          field, field + " is required (at most 200 characters)");
    }
    return value;
  }
}
