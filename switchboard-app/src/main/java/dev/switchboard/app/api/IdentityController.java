package dev.switchboard.app.api;

import dev.switchboard.app.sync.IdentityReviews;
import dev.switchboard.app.sync.RecordSplits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The identity review queue and the record of automatic links ({@link IdentityReviews}), for the caller's tenant:
 * <ul>
 *   <li>{@code GET /api/identity/matches?status=pending|linked|merged|kept_apart|split&limit=1..200&after=<id>}: oldest
 *       first, {@code {items, next}}; each item names the rule, score and reasons and shows both records side by side
 *       ({@code record}: the object's record, {@code candidate}: the record it was judged against), decrypted;</li>
 *   <li>{@code GET /api/identity/matches/{id}};</li>
 *   <li>{@code POST /api/identity/matches/{id}/merge} (a pending pair: the spine's merge),
 *       {@code POST …/keep-apart} (a pending pair: never proposed again), {@code POST …/split} (an automatic link, or a
 *       merge made here, undone: the spine's split).</li>
 * </ul>
 * A decision answers 200 with {@code {id, status, canonical_id, other_id}}; 404 {@code not_found}; 409
 * {@code not_pending}, {@code not_splittable}, {@code write_in_flight} and the split's own refusals. Each decision is
 * audited ({@code audit.logged}, {@code identity.merge}, {@code identity.keep_apart}, {@code identity.split}).
 */
@RestController
class IdentityController {
  private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
  private final IdentityReviews reviews;

  IdentityController(IdentityReviews reviews) {
    this.reviews = reviews;
  }

  @GetMapping("/api/identity/matches")
  Map<String, Object> list(@RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String after,
      @AuthenticationPrincipal TenantPrincipal principal) {
    IdentityReviews.Status s = status(status);
    int n = Params.intInRange("limit", limit, 50, 1, 200);
    String from = Params.matching("after", after, ID, "the id of an item of a previous page");
    List<IdentityReviews.Item> items = reviews.list(principal.tenantId(), s, n, from);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items.stream().map(IdentityController::view).toList());
    out.put("next", items.size() == n ? items.getLast().id() : null);
    return out;
  }

  @GetMapping("/api/identity/matches/{id}")
  Map<String, Object> get(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    return reviews.get(principal.tenantId(), id).map(IdentityController::view)
        .orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND, "not_found", "id", "no identity decision " + id));
  }

  @PostMapping("/api/identity/matches/{id}/merge")
  Map<String, Object> merge(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    return decided(() -> reviews.merge(principal.tenantId(), id, principal.actor()));
  }

  @PostMapping("/api/identity/matches/{id}/keep-apart")
  Map<String, Object> keepApart(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    return decided(() -> reviews.keepApart(principal.tenantId(), id, principal.actor()));
  }

  @PostMapping("/api/identity/matches/{id}/split")
  Map<String, Object> split(@PathVariable String id, @AuthenticationPrincipal TenantPrincipal principal) {
    return decided(() -> reviews.split(principal.tenantId(), id, principal.actor()));
  }

  private static Map<String, Object> decided(Supplier<IdentityReviews.Decided> decision) {
    IdentityReviews.Decided d;
    try {
      d = decision.get();
    } catch (RecordSplits.Refused e) {
      throw new ApiError(HttpStatus.valueOf(e.status()), e.code(), e.field(), e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", d.id());
    out.put("status", name(d.status()));
    out.put("canonical_id", d.canonicalId());
    out.put("other_id", d.otherId());
    return out;
  }

  private static IdentityReviews.Status status(@Nullable String raw) {
    if (raw == null || raw.isEmpty()) {
      return IdentityReviews.Status.PENDING;
    }
    try {
      return IdentityReviews.Status.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParameter("status", "status must be one of pending, linked, merged, kept_apart, split");
    }
  }

  private static Map<String, Object> view(IdentityReviews.Item i) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", i.id());
    out.put("type", i.type());
    out.put("status", name(i.status()));
    out.put("rule", i.rule());
    out.put("score", i.score());
    out.put("reasons", i.reasons());
    out.put("created_at", i.createdAt().toString());
    out.put("connection_id", i.connectionId());
    out.put("vendor_type", i.vendorType());
    out.put("record", side(i.record()));
    out.put("candidate", side(i.candidate()));
    out.put("decided_at", i.decidedAt() == null ? null : i.decidedAt().toString());
    out.put("decided_by", i.decidedBy());
    return out;
  }

  private static @Nullable Map<String, Object> side(IdentityReviews.@Nullable Side s) {
    if (s == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("canonical_id", s.canonicalId());
    out.put("fields", s.fields());
    return out;
  }

  private static String name(IdentityReviews.Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
