package dev.switchboard.app.api;

import dev.switchboard.app.sync.RecordReads;
import dev.switchboard.app.sync.RecordSplits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The golden records. {@code GET /api/records?type=deal&after=&limit=} pages a type's records by id ({@code limit}
 * 1–200, default 50): {@code {records: [{id, type, version, fields}], next_after}}. {@code GET /api/records/{id}}:
 * one record ({@code {id, type, version, fields, edges: [{direction: out|in, label, record_id, primary, source}],
 * links: [{connection_id, vendor_type, external_id, primary, tombstone}]}}), 404 {@code not_found} for an id the tenant
 * has no record of; a merged-away id answers its survivor. Values include personal data: the tenant's own tokens only.
 *
 * <p>{@code POST /api/records/{canonicalId}/split} with {@code {connectionId, externalId}}: splits that wrongly linked
 * object off the record into a new record (see {@link RecordSplits}). 201 with {@code {canonical_id, split_id, type,
 * moved_keys}}; 400 for a missing field; 404 for an unknown record or connection; 409 when the object is not linked
 * to the record, is its only link, or a write of the record is in flight. Audited ({@code audit.logged},
 * {@code record.split}).
 */
@RestController
class RecordsController {
  private final RecordSplits splits;
  private final RecordReads reads;

  RecordsController(RecordSplits splits, RecordReads reads) {
    this.splits = splits;
    this.reads = reads;
  }

  @GetMapping("/api/records")
  Map<String, Object> list(@RequestParam(required = false) @Nullable String type,
      @RequestParam(required = false) @Nullable String after, @RequestParam(defaultValue = "50") int limit,
      @AuthenticationPrincipal TenantPrincipal principal) {
    String t = required("type", type);
    if (limit < 1 || limit > RecordReads.MAX_PAGE) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "limit", "limit is 1 to " + RecordReads.MAX_PAGE);
    }
    java.util.List<RecordReads.RecordView> page = reads.page(principal.tenantId(), t, after, limit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records", page.stream().map(RecordsController::view).toList());
    out.put("next_after", page.size() < limit ? null : page.getLast().id());
    return out;
  }

  @GetMapping("/api/records/{id}")
  Map<String, Object> get(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    RecordReads.RecordView r = reads.find(principal.tenantId(), id).orElseThrow(
        () -> new ApiError(HttpStatus.NOT_FOUND, "not_found", "id", "no record with this id"));
    Map<String, Object> out = view(r);
    out.put("edges", r.edges().stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("direction", e.out() ? "out" : "in");
      m.put("label", e.label());
      m.put("record_id", e.otherId());
      m.put("primary", e.primary());
      m.put("source", e.source());
      return m;
    }).toList());
    out.put("links", r.links().stream().map(l -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("connection_id", l.connectionId());
      m.put("vendor_type", l.vendorType());
      m.put("external_id", l.externalId());
      m.put("primary", l.primary());
      m.put("tombstone", l.tombstone());
      return m;
    }).toList());
    return out;
  }

  private static Map<String, Object> view(RecordReads.RecordView r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("type", r.type());
    m.put("version", r.version());
    m.put("fields", r.fields());
    return m;
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
