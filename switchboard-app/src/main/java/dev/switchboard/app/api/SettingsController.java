package dev.switchboard.app.api;

import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.events.DomainEvents;
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
 * {@code GET/PATCH /api/settings}: the caller's tenant's settings. Today one, {@code default_region}: the ISO 3166-1
 * alpha-2 region phone numbers written without a country code are read in — by the upsert API's validation and by
 * the clean-up of every inbound record alike, so what the API accepts is what gets stored.
 */
@RestController
class SettingsController {
  private final Tenants tenants;
  private final DomainEvents events;

  SettingsController(Tenants tenants, DomainEvents events) {
    this.tenants = tenants;
    this.events = events;
  }

  record SettingsRequest(@Nullable String default_region) {}

  @GetMapping("/api/settings")
  Map<String, Object> settings(@AuthenticationPrincipal TenantPrincipal principal) {
    return view(principal.tenantId());
  }

  @PatchMapping("/api/settings")
  Map<String, Object> update(@RequestBody SettingsRequest body, @AuthenticationPrincipal TenantPrincipal principal) {
    if (body.default_region() == null) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "default_region", "default_region is required");
    }
    String region = body.default_region().trim().toUpperCase(Locale.ROOT);
    if (!ContactCleaner.isSupportedRegion(region)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "default_region",
          "default_region must be an ISO 3166-1 alpha-2 country code, e.g. US, GB or DE");
    }
    tenants.setDefaultRegion(principal.tenantId(), region);
    events.emit(principal.tenantId(), DomainEvents.AUDIT_LOGGED, Map.of("action", "settings.update",
        "tenant_id", principal.tenantId(), "default_region", region, "actor", principal.actor()), null);
    return view(principal.tenantId());
  }

  private Map<String, Object> view(String tenantId) {
    return Map.of("default_region", tenants.find(tenantId).map(Tenants.Tenant::defaultRegion).orElse("US"));
  }
}
