package dev.switchboard.app.api;

import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.sync.SyncOperations;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters, events and sync counts of the caller's tenant (connections: {@link ConnectionsController}). */
@RestController
class OperationsController {
  /** Most events one call returns. */
  static final int MAX_EVENTS = 500;
  private static final Pattern EVENT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}(\\.[a-z0-9_]{1,30}){0,3}");

  private final SyncOperations sync;
  private final DomainEvents events;

  OperationsController(SyncOperations sync, DomainEvents events) {
    this.sync = sync;
    this.events = events;
  }

  @GetMapping("/api/dead-letters")
  List<SyncOperations.DeadLetter> deadLetters(@AuthenticationPrincipal TenantPrincipal principal) {
    return sync.deadLetters(principal.tenantId(), 100);
  }

  @PostMapping("/api/dead-letters/{id}/replay")
  Map<String, Object> replay(@PathVariable("id") String rawId, @AuthenticationPrincipal TenantPrincipal principal) {
    long id = Params.positiveId("id", rawId);
    if (!sync.replay(principal.tenantId(), id)) {
      throw new ApiError(HttpStatus.NOT_FOUND, "not_found", "id", "no dead letter " + id + " for this tenant");
    }
    events.emit(principal.tenantId(), DomainEvents.AUDIT_LOGGED,
        Map.of("action", "dead_letter.replay", "id", id, "actor", principal.actor()), null);
    return Map.of("status", "replayed", "id", id);
  }

  /**
   * The tenant's dead letters grouped by cause (connection + error code) with counts, oldest and newest, a sample
   * (ids only) and the catalogue's plain words; the largest group first.
   */
  @GetMapping("/api/dead-letters/groups")
  List<SyncOperations.FailureGroup> failureGroups(@AuthenticationPrincipal TenantPrincipal principal) {
    return sync.failureGroups(principal.tenantId());
  }

  /** Sends every write of the group again (a write-scope token); audited. 404 when the tenant has no such group. */
  @PostMapping("/api/dead-letters/groups/{key}/retry")
  Map<String, Object> retryGroup(@PathVariable("key") String key, @AuthenticationPrincipal TenantPrincipal principal) {
    var done = sync.retryGroup(principal.tenantId(), groupKey(key));
    audit(principal, "dead_letter.group_retry", key, done);
    return Map.of("status", "retried", "key", key, "count", done.count());
  }

  /**
   * Decides not to send the group's writes (a write-scope token): they are kept as discarded with their errors, never
   * deleted, and the decision is audited. 404 when the tenant has no such group.
   */
  @PostMapping("/api/dead-letters/groups/{key}/discard")
  Map<String, Object> discardGroup(@PathVariable("key") String key,
      @AuthenticationPrincipal TenantPrincipal principal) {
    var done = sync.discardGroup(principal.tenantId(), groupKey(key));
    audit(principal, "dead_letter.group_discard", key, done);
    return Map.of("status", "discarded", "key", key, "count", done.count());
  }

  private static String groupKey(String key) {
    if (!SyncOperations.isFailureGroupKey(key)) {
      throw ApiError.invalidParameter("key", "key must be a failure group's key from GET /api/dead-letters/groups");
    }
    return key;
  }

  private void audit(TenantPrincipal principal, String action, String key, SyncOperations.GroupOutcome done) {
    if (done.count() == 0) {
      throw new ApiError(HttpStatus.NOT_FOUND, "not_found", "key", "no failed writes in group " + key
          + " for this tenant");
    }
    events.emit(principal.tenantId(), DomainEvents.AUDIT_LOGGED, done.audit(action, principal.actor()), null);
  }

  /** {@code name} (e.g. {@code crm.synced}) filters; {@code limit} is 1–500, default 100. Newest first. */
  @GetMapping("/api/events")
  List<DomainEvents.EventRecorded> events(@RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String limit, @AuthenticationPrincipal TenantPrincipal principal) {
    return events.recent(principal.tenantId(),
        Params.matching("name", name, EVENT_NAME, "an event name such as crm.synced"),
        Params.intInRange("limit", limit, 100, 1, MAX_EVENTS));
  }

  @GetMapping("/api/status")
  Map<String, Object> status(@AuthenticationPrincipal TenantPrincipal principal) {
    return Map.of("golden_records", sync.goldenRecords(principal.tenantId()),
        "inbound", sync.inboundCounts(principal.tenantId()),
        "outbound", sync.outboxCounts(principal.tenantId(), null),
        "outbound_edges", sync.edgeOutboxCounts(principal.tenantId()),
        // creates waiting for a record they reference to be linked in their target, and which record
        "waiting", sync.waiting(principal.tenantId(), 100),
        // associations waiting for an end to be linked in their target (a deal's contact not there yet)
        "waiting_edges", sync.waitingEdges(principal.tenantId(), 100));
  }
}
