package dev.switchboard.app.api;

import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.identity.Thresholds;
import dev.switchboard.app.sync.IdentitySettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/PATCH /api/settings}: the caller's tenant's settings. {@code default_region}: the ISO 3166-1
 * alpha-2 region phone numbers written without a country code are read in — by the upsert API's validation and by
 * the clean-up of every inbound record alike, so what the API accepts is what gets stored. {@code identity_auto_link}
 * and {@code identity_review}: the identity thresholds (a score at or above the first links automatically, at or above
 * the second goes to the review queue; defaults 0.9 and 0.75; {@code 0.5 ≤ review ≤ auto_link ≤ 1}). A PATCH changes
 * the settings it names.
 */
@RestController
class SettingsController {
  private final Tenants tenants;
  private final DomainEvents events;
  private final IdentitySettings identity;

  SettingsController(Tenants tenants, DomainEvents events, IdentitySettings identity) {
    this.tenants = tenants;
    this.events = events;
    this.identity = identity;
  }

  record SettingsRequest(@Nullable String default_region, @Nullable Double identity_auto_link,
      @Nullable Double identity_review) {}

  @GetMapping("/api/settings")
  Map<String, Object> settings(@AuthenticationPrincipal TenantPrincipal principal) {
    return view(principal.tenantId());
  }

  @PatchMapping("/api/settings")
  Map<String, Object> update(@RequestBody SettingsRequest body, @AuthenticationPrincipal TenantPrincipal principal) {
    boolean thresholds = body.identity_auto_link() != null || body.identity_review() != null;
    if (body.default_region() == null && !thresholds) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "default_region", "default_region is required");
    }
    String region = null;
    if (body.default_region() != null) {
      region = body.default_region().trim().toUpperCase(Locale.ROOT);
      if (!ContactCleaner.isSupportedRegion(region)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "default_region",
            "default_region must be an ISO 3166-1 alpha-2 country code, e.g. US, GB or DE");
      }
    }
    Thresholds next = null;
    if (thresholds) {
      Thresholds now = identity.of(principal.tenantId());
      double auto = body.identity_auto_link() == null ? now.autoLink() : body.identity_auto_link();
      double review = body.identity_review() == null ? now.review() : body.identity_review();
      try {
        next = new Thresholds(auto, review);
      } catch (IllegalArgumentException e) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value",
            body.identity_review() != null ? "identity_review" : "identity_auto_link",
            "identity thresholds must satisfy 0.5 <= identity_review <= identity_auto_link <= 1");
      }
    }
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("action", "settings.update");
    audit.put("tenant_id", principal.tenantId());
    if (region != null) {
      tenants.setDefaultRegion(principal.tenantId(), region);
      audit.put("default_region", region);
    }
    if (next != null) {
      Thresholds set = identity.set(principal.tenantId(), next);
      audit.put("identity_auto_link", set.autoLink());
      audit.put("identity_review", set.review());
    }
    audit.put("actor", principal.actor());
    events.emit(principal.tenantId(), DomainEvents.AUDIT_LOGGED, audit, null);
    return view(principal.tenantId());
  }

  private Map<String, Object> view(String tenantId) {
    Thresholds t = identity.of(tenantId);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("default_region", tenants.find(tenantId).map(Tenants.Tenant::defaultRegion).orElse("US"));
    out.put("identity_auto_link", t.autoLink());
    out.put("identity_review", t.review());
    return out;
  }
}
