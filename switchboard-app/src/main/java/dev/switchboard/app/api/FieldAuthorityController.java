package dev.switchboard.app.api;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.mapping.FieldAuthority;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/settings/authority/contact[/{field}]}: which systems may change a contact field in the caller's tenant.
 * {@code GET} lists the rules (fields without one: every system); {@code PUT {systems: [...]}} sets one; {@code
 * DELETE} goes back to the default. A change from a system not named is not merged and the golden value is sent back
 * to it. Systems are connector ids or {@code api} (the upsert API).
 */
@RestController
class FieldAuthorityController {
  private final FieldAuthority authority;
  private final ConnectorRegistry connectors;
  private final DomainEvents events;

  FieldAuthorityController(FieldAuthority authority, ConnectorRegistry connectors, DomainEvents events) {
    this.authority = authority;
    this.connectors = connectors;
    this.events = events;
  }

  record AuthorityRequest(@Nullable List<String> systems) {}

  @GetMapping("/api/settings/authority/contact")
  Map<String, Object> rules(@AuthenticationPrincipal TenantPrincipal principal) {
    return Map.of("type", CanonicalRecord.CONTACT, "rules", authority.rules(principal.tenantId(), CanonicalRecord.CONTACT),
        "systems", knownSystems());
  }

  @PutMapping("/api/settings/authority/contact/{field}")
  Map<String, Object> set(@PathVariable String field, @RequestBody(required = false) @Nullable AuthorityRequest body,
      @AuthenticationPrincipal TenantPrincipal principal) {
    requireField(field);
    if (body == null || body.systems() == null || body.systems().isEmpty()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "systems",
          "systems must name at least one system allowed to change " + field);
    }
    Set<String> known = knownSystems();
    Set<String> systems = new LinkedHashSet<>();
    for (String s : body.systems()) {
      if (s == null || !known.contains(s)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "systems",
            "systems may name only " + String.join(", ", known));
      }
      systems.add(s);
    }
    Map<String, Set<String>> before = authority.rules(principal.tenantId(), CanonicalRecord.CONTACT);
    authority.set(principal.tenantId(), CanonicalRecord.CONTACT, field, systems);
    audit(principal, field, before.get(field), systems);
    return rules(principal);
  }

  @DeleteMapping("/api/settings/authority/contact/{field}")
  ResponseEntity<Void> clear(@PathVariable String field, @AuthenticationPrincipal TenantPrincipal principal) {
    requireField(field);
    Map<String, Set<String>> before = authority.rules(principal.tenantId(), CanonicalRecord.CONTACT);
    if (!authority.clear(principal.tenantId(), CanonicalRecord.CONTACT, field)) {
      throw new ApiError(HttpStatus.NOT_FOUND, "not_found", "field", field + " has no rule");
    }
    audit(principal, field, before.get(field), null);
    return ResponseEntity.noContent().build();
  }

  private static void requireField(String field) {
    if (!ContactField.STANDARD.contains(field) && !field.matches("custom\\.[A-Za-z0-9_]{1,100}")) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "unknown_field", "field",
          "field must be one of " + String.join(", ", ContactField.STANDARD) + " or custom.<name>");
    }
  }

  private Set<String> knownSystems() {
    Set<String> known = new TreeSet<>();
    connectors.all().stream().map(Connector::system).forEach(known::add);
    known.add("api");
    return known;
  }

  private void audit(TenantPrincipal principal, String field, @Nullable Set<String> before, @Nullable Set<String> after) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("action", after == null ? "authority.clear" : "authority.set");
    payload.put("type", CanonicalRecord.CONTACT);
    payload.put("field", field);
    payload.put("before", before == null ? null : List.copyOf(before));
    payload.put("after", after == null ? null : List.copyOf(after));
    payload.put("actor", principal.actor());
    events.emit(principal.tenantId(), DomainEvents.AUDIT_LOGGED, payload, null);
  }
}
